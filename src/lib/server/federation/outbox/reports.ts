import type { DomainEventBus } from '../../jobs/domain-events.ts';
import { flagToAp } from '../converters/flag.ts';
import type { FederationModuleContext } from '../module-context.ts';

/**
 * A local report whose reporter asked for it goes to the reported actor's server as a `Flag`, sent
 * and signed by the instance actor so that the reporter stays anonymous there.
 */
export function registerReportOutbox(bus: DomainEventBus, fed: FederationModuleContext): void {
  bus.subscribe('ReportCreated', 'federate', async ({ payload }) => {
    const found = await fed.services.queries.reports.forFederation(payload.reportId);
    if (!found || !found.report.local || !found.report.forward || found.reported.domain === null) return;
    const relay = await fed.services.queries.actors.instanceActor();
    if (!relay) throw new Error('the instance actor is missing');
    const flag = flagToAp({
      id: found.report.apId,
      actor: relay.apId,
      content: found.report.content,
      reported: found.reported.apId,
      comments: found.comments.map((c) => c.apId),
      events: found.events.map((e) => e.apId)
    });
    await fed.sender.send({ json: flag, signer: relay, recipients: [found.reported], orderingKey: found.report.apId });
  });
}

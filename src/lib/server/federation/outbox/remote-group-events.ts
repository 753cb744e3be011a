import { randomUUID } from 'node:crypto';
import type { DomainEventBus } from '../../jobs/domain-events.ts';
import { activityToAp } from '../converters/activity.ts';
import { eventToAp } from '../converters/event.ts';
import { sameOrigin } from '../converters/json.ts';
import { eventApInput } from '../event-document.ts';
import type { FederationModuleContext } from '../module-context.ts';
import { publishGroupContent } from './group-content.ts';

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

/**
 * A local moderator of a group on another server changed our copy of one of its events: the
 * event as it now reads here leaves as an Update signed by the moderator, to the group's inbox
 * (and to the organizer's server when it is another one). The group's server decides, then sends
 * its version to everyone, us included (activitypub.md §8, §9.2).
 */
export function registerRemoteGroupEventOutbox(bus: DomainEventBus, fed: FederationModuleContext): void {
  const { services } = fed;

  bus.subscribe('RemoteGroupEventChanged', 'federate', async ({ payload }) => {
    const [event, actor] = await Promise.all([
      services.queries.events.byId(payload.eventId),
      services.queries.actors.byId(payload.actorId)
    ]);
    if (!event || event.local || event.attributedToId === null || !actor || actor.domain !== null) return;
    const group = await services.queries.actors.byId(event.attributedToId);
    if (!group || group.domain === null || group.deletedAt) return;
    const input = await eventApInput(services, fed.config.publicUrl, event);
    const { '@context': _context, ...object } = eventToAp(input);
    const to = [...new Set([group.apId, ...(group.membersUrl ? [group.membersUrl] : []), ...asList(object.to)])];
    const activity = activityToAp('Update', `${actor.apId}/updates/${randomUUID()}`, actor.apId, object, {
      to,
      cc: asList(object.cc)
    });
    await publishGroupContent(fed, { group, actor, activity, audience: 'public', orderingKey: event.apId });
    if (input.organizer.domain !== null && !sameOrigin(input.organizer.apId, group.apId)) {
      // The same activity id: the sender adds only the organizer's inbox.
      await fed.sender.send({ json: activity, signer: actor, recipients: [input.organizer], orderingKey: event.apId });
    }
  });
}

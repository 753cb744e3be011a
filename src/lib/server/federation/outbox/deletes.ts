import type { DomainEventBus } from '../../jobs/domain-events.ts';
import { activityToAp } from '../converters/activity.ts';
import { PUBLIC_COLLECTION } from '../converters/context.ts';
import type { FederationModuleContext } from '../module-context.ts';

/**
 * A deleted profile says so to every remote actor linked to it (by a follow, or as the organizer of
 * an event it takes part in), signed with its own key (the only
 * key remote servers accept for it, and they hold it cached). The key goes once those deliveries are
 * done (see the delivery worker's settled hook), or at once when nobody needs telling.
 */
export function registerDeleteOutbox(bus: DomainEventBus, fed: FederationModuleContext): void {
  bus.subscribe('PersonDeleted', 'federate', async ({ payload }) => {
    const actor = await fed.services.queries.actors.byId(payload.actorId);
    if (!actor || actor.domain !== null || !actor.deletedAt) return;
    let queued = 0;
    if (actor.publicKeyPem && actor.privateKeyPem) {
      const [linked, organizers] = await Promise.all([
        fed.services.queries.follows.remoteCounterparts(actor.id),
        fed.services.queries.audience.remoteByIds(payload.alsoTell ?? [])
      ]);
      const recipients = [...new Map([...linked, ...organizers].map((a) => [a.id, a])).values()];
      const del = activityToAp('Delete', `${actor.apId}#delete`, actor.apId, actor.apId, { to: [PUBLIC_COLLECTION] });
      ({ inboxes: queued } = await fed.sender.send({ json: del, signer: actor, recipients, orderingKey: actor.apId }));
    }
    if (queued === 0) await fed.forgetDeletedKeys(actor.id);
  });
}

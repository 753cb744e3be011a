import { Delete, PUBLIC_COLLECTION } from '@fedify/vocab';
import type { DomainEventBus } from '../../jobs/domain-events.ts';
import type { FederationModuleContext } from '../module-context.ts';
import { recipientOf } from './recipients.ts';

/**
 * A deleted profile says so to every remote actor linked to it, signed with its own key (the only
 * key remote servers accept for it, and they hold it cached); then the key is dropped.
 */
export function registerDeleteOutbox(bus: DomainEventBus, fed: FederationModuleContext): void {
  bus.subscribe('PersonDeleted', 'federate', async ({ payload }) => {
    const actor = await fed.services.queries.actors.byId(payload.actorId);
    if (!actor || actor.domain !== null || !actor.deletedAt) return;
    if (actor.publicKeyPem && actor.privateKeyPem) {
      const recipients = await fed.services.queries.follows.remoteCounterparts(actor.id);
      if (recipients.length > 0) {
        const pair = await fed.keys.get(`actor:${actor.id}`, actor.publicKeyPem, actor.privateKeyPem);
        const actorUri = new URL(actor.apId);
        await fed.context().sendActivity(
          [{ keyId: new URL(`${actor.apId}#main-key`), privateKey: pair.privateKey }],
          recipients.map(recipientOf),
          new Delete({
            id: new URL(`${actor.apId}#delete`),
            actor: actorUri,
            object: actorUri,
            to: PUBLIC_COLLECTION
          }),
          { preferSharedInbox: true }
        );
      }
    }
    fed.keys.forget(`actor:${actor.id}`);
    await fed.services.actors.forgetTombstone(actor.id);
  });
}

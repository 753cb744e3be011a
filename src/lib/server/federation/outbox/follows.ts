import { Accept, Follow } from '@fedify/vocab';
import type { DomainEventBus } from '../../jobs/domain-events.ts';
import type { FederationModuleContext } from '../module-context.ts';
import { recipientOf } from './recipients.ts';

/** Follow requests and acceptances leave as ActivityPub activities. */
export function registerFollowOutbox(bus: DomainEventBus, fed: FederationModuleContext): void {
  bus.subscribe('FollowRequested', 'federate', async ({ payload }) => {
    const found = await fed.services.queries.follows.withActors(payload.followId);
    if (!found || found.target.domain === null) return;
    const ctx = fed.context();
    await ctx.sendActivity(
      { identifier: found.follower.preferredUsername },
      recipientOf(found.target),
      new Follow({
        id: new URL(found.follow.apId),
        actor: new URL(found.follower.apId),
        object: new URL(found.target.apId)
      })
    );
  });

  bus.subscribe('FollowAccepted', 'federate', async ({ payload }) => {
    const found = await fed.services.queries.follows.withActors(payload.followId);
    if (!found || found.follower.domain === null || found.target.domain !== null) return;
    const ctx = fed.context();
    await ctx.sendActivity(
      { identifier: found.target.preferredUsername },
      recipientOf(found.follower),
      new Accept({
        id: new URL(`${fed.config.publicUrl}/accept/follow/${found.follow.id}`),
        actor: new URL(found.target.apId),
        object: new Follow({
          id: new URL(found.follow.apId),
          actor: new URL(found.follower.apId),
          object: new URL(found.target.apId)
        })
      })
    );
  });
}

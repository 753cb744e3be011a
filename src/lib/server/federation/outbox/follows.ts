import type { DomainEventBus } from '../../jobs/domain-events.ts';
import { activityToAp } from '../converters/activity.ts';
import type { FederationModuleContext } from '../module-context.ts';

/** Follow requests and acceptances leave as ActivityPub activities. */
export function registerFollowOutbox(bus: DomainEventBus, fed: FederationModuleContext): void {
  bus.subscribe('FollowRequested', 'federate', async ({ payload }) => {
    const found = await fed.services.queries.follows.withActors(payload.followId);
    if (!found || found.target.domain === null || found.follower.domain !== null) return;
    const follow = activityToAp('Follow', found.follow.apId, found.follower.apId, found.target.apId, {
      to: [found.target.apId]
    });
    await fed.sender.send({
      json: follow,
      signer: found.follower,
      recipients: [found.target],
      orderingKey: found.follow.apId
    });
  });

  bus.subscribe('FollowAccepted', 'federate', async ({ payload }) => {
    const found = await fed.services.queries.follows.withActors(payload.followId);
    if (!found || found.follower.domain === null || found.target.domain !== null) return;
    const follow = activityToAp('Follow', found.follow.apId, found.follower.apId, found.target.apId);
    delete follow['@context'];
    const accept = activityToAp(
      'Accept',
      `${fed.config.publicUrl}/accept/follow/${found.follow.id}`,
      found.target.apId,
      follow,
      { to: [found.follower.apId] }
    );
    await fed.sender.send({
      json: accept,
      signer: found.target,
      recipients: [found.follower],
      orderingKey: found.follow.apId
    });
  });
}

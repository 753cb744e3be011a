import { createHash } from 'node:crypto';
import type { DomainEventBus } from '../../jobs/domain-events.ts';
import { activityToAp } from '../converters/activity.ts';
import type { FederationModuleContext } from '../module-context.ts';

const lastSegment = (url: string) => url.split('/').filter(Boolean).pop() ?? 'follow';
/** A Reject's id derived from the Follow's, so that refusing the same Follow twice sends one activity. */
const rejectionId = (followApId: string) => createHash('sha256').update(followApId).digest('hex').slice(0, 32);

/** Follow requests, acceptances, refusals and withdrawals leave as ActivityPub activities. */
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

  // The follow row is gone (or was never stored): the payload carries what the Reject needs.
  bus.subscribe('FollowRejected', 'federate', async ({ payload }) => {
    const [follower, target] = await Promise.all([
      fed.services.queries.actors.byId(payload.followerId),
      fed.services.queries.actors.byId(payload.targetId)
    ]);
    if (!follower || !target || follower.domain === null || target.domain !== null) return;
    const follow = activityToAp('Follow', payload.followApId, follower.apId, target.apId);
    delete follow['@context'];
    const reject = activityToAp(
      'Reject',
      `${fed.config.publicUrl}/reject/follow/${rejectionId(payload.followApId)}`,
      target.apId,
      follow,
      { to: [follower.apId] }
    );
    await fed.sender.send({ json: reject, signer: target, recipients: [follower], orderingKey: payload.followApId });
  });

  bus.subscribe('FollowUndone', 'federate', async ({ payload }) => {
    const [follower, target] = await Promise.all([
      fed.services.queries.actors.byId(payload.followerId),
      fed.services.queries.actors.byId(payload.targetId)
    ]);
    if (!follower || !target || follower.domain !== null || target.domain === null) return;
    const follow = activityToAp('Follow', payload.followApId, follower.apId, target.apId);
    delete follow['@context'];
    const undo = activityToAp(
      'Undo',
      `${fed.config.publicUrl}/unfollow/${lastSegment(payload.followApId)}/activity`,
      follower.apId,
      follow,
      { to: [target.apId] }
    );
    await fed.sender.send({ json: undo, signer: follower, recipients: [target], orderingKey: payload.followApId });
  });
}

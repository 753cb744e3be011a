import type { Actor } from '../../db/schema/actors.ts';
import { isDomainError } from '../../core/errors.ts';
import type { FedInboxContext } from '../context.ts';
import { sameOrigin } from '../converters/json.ts';
import { resolveActor } from '../remote-actors.ts';

/** The local group a Join or Leave names, or undefined when it names something else. */
export async function localGroupNamed(ctx: FedInboxContext, apId: string): Promise<Actor | undefined> {
  const found = await ctx.data.services.queries.actors.byApId(apId);
  return found?.type === 'Group' && found.domain === null && !found.deletedAt ? found : undefined;
}

/**
 * A profile of another server asks to join one of our groups. The members service decides (the
 * group's openness, a refusal before); the answer leaves from the outbox (Accept for an open group,
 * later Accept or Reject for a moderated one). The membership keeps the Join's id, which the
 * answers repeat, when the Join comes from the joiner's own server.
 */
export async function receiveGroupJoin(
  ctx: FedInboxContext,
  join: { id: string; actorApId: string },
  group: Actor
): Promise<void> {
  const { services, logger } = ctx.data;
  try {
    const actor = await resolveActor(ctx, join.actorApId);
    const apId = sameOrigin(join.id, join.actorApId) ? join.id : null;
    const taken = apId ? await services.queries.groups.memberByApId(apId) : undefined;
    const member = await services.members.join({ remoteActorId: actor.id }, group.id, {
      apId: taken ? null : apId
    });
    logger.debug('remote group join', { id: join.id, role: member.role });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    logger.debug('remote group join refused', { id: join.id, reason: error.message });
  }
}

/** A profile of another server leaves one of our groups (or declines its invitation). */
export async function receiveGroupLeave(ctx: FedInboxContext, actorApId: string, group: Actor): Promise<void> {
  const { services, logger } = ctx.data;
  const actor = await services.queries.actors.byApId(actorApId);
  if (!actor || actor.domain === null) return logger.debug('leave of a group by an unknown actor');
  try {
    await services.members.leave({ remoteActorId: actor.id }, group.id);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    logger.debug('remote group leave refused', { group: group.apId, reason: error.message });
  }
}

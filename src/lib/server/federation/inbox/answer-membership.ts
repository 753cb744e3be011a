import { isDomainError } from '../../core/errors.ts';
import type { FedContext } from '../context.ts';
import type { Json } from '../converters/json.ts';
import type { MemberReference } from '../converters/member-activities.ts';
import { memberReferenceFromAp } from '../converters/member-activities.ts';
import { resolveActor } from '../remote-actors.ts';

/**
 * An Accept or Reject about a group membership; true when it named one here (applied, or refused
 * by the domain), false when it is about something else (a Follow, an event's Join).
 * - Our group's invitation, answered by the remote profile invited (only it may).
 * - Our profile's Join of a remote group (or its invitation accepted there), answered by the
 *   group's server: the domain checks that the answerer speaks for the group.
 */
export async function answerMembership(
  ctx: FedContext,
  json: Json,
  answererApId: string,
  accepted: boolean
): Promise<boolean> {
  const { services, logger } = ctx.data;
  const ref = memberReferenceFromAp(json);
  if (!ref) return false;
  const member = (await services.queries.groups.memberByApId(ref.id)) ?? (await byGroupAndActor(ctx, ref));
  if (!member) return false;
  const group = await services.queries.actors.byId(member.groupId);
  if (!group || group.type !== 'Group') return false;
  try {
    const answerer = await resolveActor(ctx, answererApId);
    if (answerer.domain === null) return true;
    const acting = { remoteActorId: answerer.id };
    if (group.domain === null) {
      // Ours: only the invited profile answers its invitation.
      if (member.actorId !== answerer.id || member.role !== 'invited') return true;
      if (accepted) await services.members.acceptInvitation(acting, member.id);
      else await services.members.rejectInvitation(acting, member.id);
    } else {
      const decision = accepted ? { kind: 'accepted' as const, role: ref.role } : { kind: 'rejected' as const };
      await services.members.remote.applyDecision(acting, { groupId: group.id, apId: member.apId }, decision);
    }
    logger.debug('membership answered', { member: member.apId, accepted });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    logger.debug('membership answer refused', { member: member.apId, reason: error.message });
  }
  return true;
}

/**
 * A server that names the membership with its own id (not the one we sent): our profile's
 * membership of the remote group the object names, when it names both.
 */
async function byGroupAndActor(ctx: FedContext, ref: MemberReference) {
  const { queries } = ctx.data.services;
  if (!ref.group || !ref.actor) return undefined;
  const [group, actor] = await Promise.all([queries.actors.byApId(ref.group), queries.actors.byApId(ref.actor)]);
  if (group?.type !== 'Group' || group.domain === null || !actor || actor.domain !== null) return undefined;
  return queries.groups.membership(group.id, actor.id);
}

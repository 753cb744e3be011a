import type { Remove } from '@fedify/vocab';
import { isDomainError } from '../../core/errors.ts';
import type { FedContext, FedInboxContext } from '../context.ts';
import { memberReferenceFromAp, removalGroupOf } from '../converters/member-activities.ts';
import type { MemberRole } from '../converters/member.ts';
import { resolveActor } from '../remote-actors.ts';
import { receivedJson } from './raw.ts';

/** A remote group removes a member (Mobilizon's `Remove` of a Member, `origin` the group). */
export async function onRemove(ctx: FedInboxContext, remove: Remove): Promise<void> {
  const received = await receivedJson(remove);
  if (!received) return ctx.data.logger.debug('remove whose actor is not the signer');
  const ref = memberReferenceFromAp(received.json);
  const groupApId = removalGroupOf(received.json) ?? ref?.group ?? null;
  if (!ref || !groupApId) return ctx.data.logger.debug('remove of something other than a member');
  await applyGroupDecision(ctx, received.actorApId, groupApId, ref, { kind: 'removed' });
}

/**
 * A remote group's decision about a membership it names (by id, or by the Member's actor when it
 * is one of our profiles). The domain checks that the sender speaks for that group.
 */
export async function applyGroupDecision(
  ctx: FedContext,
  senderApId: string,
  groupApId: string,
  ref: { id: string; member: { actor: string } | null },
  decision: { kind: 'removed' } | { kind: 'role'; role: MemberRole }
): Promise<void> {
  const { services, logger } = ctx.data;
  const group = await services.queries.actors.byApId(groupApId);
  if (group?.type !== 'Group' || group.domain === null) return logger.debug('decision of a group not followed here');
  const actor = ref.member ? await services.queries.actors.byApId(ref.member.actor) : undefined;
  try {
    const sender = await resolveActor(ctx, senderApId);
    if (sender.domain === null) return;
    const applied = await services.members.remote.applyDecision(
      { remoteActorId: sender.id },
      { groupId: group.id, apId: ref.id, actorId: actor?.domain === null ? actor.id : null },
      decision
    );
    logger.debug('group decision', { member: ref.id, kind: decision.kind, applied: Boolean(applied) });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    logger.debug('group decision refused', { member: ref.id, reason: error.message });
  }
}

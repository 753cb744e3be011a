import type { Actor } from '../../db/schema/actors.ts';
import type { Member, MemberRole } from '../../db/schema/groups.ts';
import { isMemberRole } from '../../domain/groups/index.ts';
import type { DomainEventBus } from '../../jobs/domain-events.ts';
import {
  groupJoinToAp,
  groupLeaveToAp,
  inviteAnswerToAp,
  inviteToAp,
  joinAnswerOfGroupToAp,
  memberRemoveToAp,
  memberUpdateToAp
} from '../converters/member-activities.ts';
import type { FederationModuleContext } from '../module-context.ts';

const lastSegment = (url: string) => encodeURIComponent(url.split('/').filter(Boolean).pop() ?? 'member');

/**
 * Group memberships between servers (activitypub.md §9).
 * Our group, a remote profile: Accept (`/accept/join/<member uuid>`) when it is let in, Reject
 * when refused, Invite when a moderator invites it, Remove when it is removed; and every role
 * change reaches the group's remote members as an Update of the Member.
 * A remote group, our profile: Join when it asks, Accept or Reject of an invitation, Leave — each
 * only when our profile acted itself (not when we apply what the group decided).
 */
export function registerMemberOutbox(bus: DomainEventBus, fed: FederationModuleContext): void {
  const { services, sender, config } = fed;
  const { queries } = services;

  const memberData = (member: Pick<Member, 'apId' | 'role'>, actor: Actor, group: Actor) => ({
    id: member.apId,
    actor: actor.apId,
    group: group.apId,
    role: member.role
  });

  /** The group's remote members (and the member concerned, who may not be one any more). */
  async function membersAudience(group: Actor, also: Actor | null): Promise<Actor[]> {
    const audience = await queries.groups.remoteAudience(group.id, false);
    if (also && also.domain !== null && !audience.some((a) => a.id === also.id)) audience.push(also);
    return audience;
  }

  async function fromLocalGroup(eventId: number, member: Member, group: Actor, actor: Actor, from: MemberRole | null) {
    const to = member.role;
    const data = memberData(member, actor, group);
    const orderingKey = member.apId;
    if (actor.domain !== null) {
      const letIn = isMemberRole(to) && (from === null || from === 'not_approved');
      if (letIn || (to === 'rejected' && from === 'not_approved')) {
        const type = letIn ? 'Accept' : 'Reject';
        const id = `${config.publicUrl}/${type.toLowerCase()}/join/${member.uuid}`;
        await sender.send({
          json: joinAnswerOfGroupToAp(type, id, data),
          signer: group,
          recipients: [actor],
          orderingKey
        });
        return;
      }
      if (to === 'invited') {
        const inviter = member.invitedById ? await queries.actors.byId(member.invitedById) : undefined;
        const signer = inviter && inviter.domain === null && !inviter.deletedAt ? inviter : group;
        const invite = inviteToAp({ id: member.apId, actor: signer.apId, group: group.apId, invitee: actor.apId });
        await sender.send({ json: invite, signer, recipients: [actor], orderingKey });
        return;
      }
      if (to === 'rejected' && isMemberRole(from)) {
        // Excluded: removed, and kept from coming back.
        return sendRemove(eventId, group, member.apId, actor);
      }
    }
    if (isMemberRole(from) && isMemberRole(to) && from !== to) {
      const recipients = await membersAudience(group, actor);
      const id = `${config.publicUrl}/member/${member.uuid}/update/${eventId}`;
      const update = memberUpdateToAp(id, data, [group.membersUrl ?? `${group.apId}/members`]);
      await sender.send({ json: update, signer: group, recipients, orderingKey });
    }
  }

  async function sendRemove(eventId: number, group: Actor, memberApId: string, actor: Actor) {
    const recipients = await membersAudience(group, actor);
    const id = `${config.publicUrl}/remove/member/${lastSegment(memberApId)}/${eventId}`;
    const to = [actor.apId, group.membersUrl ?? `${group.apId}/members`];
    const remove = memberRemoveToAp(id, { group: group.apId, memberId: memberApId, actor: actor.apId }, to);
    await sender.send({ json: remove, signer: group, recipients, orderingKey: memberApId });
  }

  async function parties(groupId: number, actorId: number) {
    const [group, actor] = await Promise.all([queries.actors.byId(groupId), queries.actors.byId(actorId)]);
    return group?.type === 'Group' && actor ? { group, actor } : undefined;
  }

  bus.subscribe('MemberChanged', 'federate', async ({ id, payload }) => {
    const row = await queries.groups.memberById(payload.memberId);
    if (!row) return;
    // The role this change gave (the row may have moved on since; its own event follows).
    const member = { ...row, role: payload.to };
    const found = await parties(member.groupId, member.actorId);
    if (!found) return;
    const { group, actor } = found;
    if (group.domain === null) return fromLocalGroup(id, member, group, actor, payload.from);
    // A remote group: only what our profile itself did leaves.
    if (actor.domain !== null || payload.byActorId !== actor.id || group.deletedAt) return;
    if (member.role === 'not_approved') {
      const join = groupJoinToAp({ id: member.apId, actor: actor.apId, group: group.apId });
      await sender.send({ json: join, signer: actor, recipients: [group], orderingKey: member.apId });
    } else if (payload.from === 'invited' && isMemberRole(member.role)) {
      const answerId = `${config.publicUrl}/accept/invite/member/${member.uuid}`;
      const invite = { id: member.apId, group: group.apId, invitee: actor.apId };
      await sender.send({
        json: inviteAnswerToAp('Accept', answerId, invite),
        signer: actor,
        recipients: [group],
        orderingKey: member.apId
      });
    }
  });

  bus.subscribe('MemberRemoved', 'federate', async ({ id, payload }) => {
    const found = await parties(payload.groupId, payload.actorId);
    if (!found) return;
    const { group, actor } = found;
    const byItself = payload.byActorId === payload.actorId;
    if (group.domain === null) {
      if (!byItself && !group.deletedAt) await sendRemove(id, group, payload.memberApId, actor);
      return;
    }
    if (actor.domain !== null || !byItself || actor.deletedAt || group.deletedAt) return;
    const json =
      payload.role === 'invited'
        ? inviteAnswerToAp('Reject', `${config.publicUrl}/reject/invite/member/${lastSegment(payload.memberApId)}`, {
            id: payload.memberApId,
            group: group.apId,
            invitee: actor.apId
          })
        : groupLeaveToAp({
            id: `${config.publicUrl}/leave/member/${lastSegment(payload.memberApId)}/${id}`,
            actor: actor.apId,
            group: group.apId
          });
    await sender.send({ json, signer: actor, recipients: [group], orderingKey: payload.memberApId });
  });
}

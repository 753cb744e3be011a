import type { ActivityJson } from '../delivery/types.ts';
import { activityToAp } from './activity.ts';
import { asArray, idOf, isObject, stringOf, typeOf, type Json } from './json.ts';
import { memberFromAp, memberToAp, type MemberData, type MemberRole } from './member.ts';

/**
 * The activities of group memberships, in Mobilizon's shape (activitypub.md §9): a profile's Join
 * and Leave of a group, the group's Accept/Reject of a Join, Invite, the invitee's Accept/Reject of
 * it, and the group's Update and Remove of a Member. Pure.
 */

/** A profile asks to join a group; the Join's id is the membership's id on the profile's server. */
export const groupJoinToAp = (join: { id: string; actor: string; group: string }): ActivityJson =>
  activityToAp('Join', join.id, join.actor, join.group, { to: [join.group] });

export const groupLeaveToAp = (leave: { id: string; actor: string; group: string }): ActivityJson =>
  activityToAp('Leave', leave.id, leave.actor, leave.group, { to: [leave.group] });

/** The group answers a Join (or the member's request) with the Member as it now stands. */
export const joinAnswerOfGroupToAp = (type: 'Accept' | 'Reject', id: string, member: MemberData): ActivityJson =>
  activityToAp(type, id, member.group, memberToAp(member), { to: [member.actor] });

/** Mobilizon's Invite: `actor` (a moderator, or the group) invites `target` into the group `object`. */
export const inviteToAp = (invite: { id: string; actor: string; group: string; invitee: string }): ActivityJson =>
  activityToAp('Invite', invite.id, invite.actor, invite.group, { to: [invite.invitee] }, { target: invite.invitee });

/** The invitee answers; the object is the Invite (its id is the membership's). */
export function inviteAnswerToAp(
  type: 'Accept' | 'Reject',
  id: string,
  invite: { id: string; group: string; invitee: string }
): ActivityJson {
  const object = { type: 'Invite', id: invite.id, actor: invite.group, object: invite.group, target: invite.invitee };
  return activityToAp(type, id, invite.invitee, object, { to: [invite.group] });
}

/** The group tells its members of a new role. */
export const memberUpdateToAp = (id: string, member: MemberData, to: readonly string[]): ActivityJson =>
  activityToAp('Update', id, member.group, memberToAp(member), { to });

/** The group removes a member: the object is the membership's id, `origin` the group. */
export const memberRemoveToAp = (
  id: string,
  removal: { group: string; memberId: string; actor: string },
  to: readonly string[]
): ActivityJson =>
  activityToAp('Remove', id, removal.group, removal.memberId, { to }, { origin: removal.group, target: removal.group });

/** What an Accept, Reject, Remove or Update names: a membership id, and the Member when embedded. */
export interface MemberReference {
  /** The membership's id (the Join's, the Invite's or the Member's). */
  id: string;
  member: MemberData | null;
  /** The embedded object's type (Join, Invite, Member), or null when it is only an id. */
  type: string | null;
  /** For a Join or Invite: the group it names. */
  group: string | null;
  /** The profile concerned: the Member's or Join's actor, the Invite's target. */
  actor: string | null;
  role: MemberRole | null;
}

export function memberReferenceFromAp(activity: Json): MemberReference | null {
  const object = asArray(activity.object)[0];
  const id = idOf(object);
  if (!id) return null;
  if (!isObject(object)) return { id, member: null, type: null, group: null, actor: null, role: null };
  const member = memberFromAp(object);
  const type = typeOf(object) ?? null;
  const group = member?.group ?? idOf(asArray(object.object)[0]) ?? null;
  const actor = member?.actor ?? idOf(asArray(type === 'Invite' ? object.target : object.actor)[0]) ?? null;
  return { id, member, type, group, actor, role: member?.role ?? null };
}

/** The group a Remove names as its `origin` (or `target`). */
export const removalGroupOf = (activity: Json): string | null =>
  idOf(asArray(activity.origin)[0]) ?? idOf(asArray(activity.target)[0]) ?? stringOf(activity.origin) ?? null;

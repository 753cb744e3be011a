import { asArray, idOf, isObject, stringOf, type Json } from './json.ts';

/** A group member's role, as Mobilizon's `Member` object gives it (lowercase). */
export const MEMBER_ROLES = [
  'invited',
  'not_approved',
  'member',
  'moderator',
  'administrator',
  'creator',
  'rejected'
] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Mobilizon's `Member`: a person (`actor`) in a group (`object`) with a role; its id is `/member/<uuid>`. */
export interface MemberData {
  id: string;
  actor: string;
  group: string;
  role: MemberRole;
}

const isRole = (value: unknown): value is MemberRole =>
  typeof value === 'string' && (MEMBER_ROLES as readonly string[]).includes(value.toLowerCase());

export function memberToAp(member: MemberData): Json {
  return { type: 'Member', id: member.id, actor: member.actor, object: member.group, role: member.role };
}

/** A `Member` object as received; null when a part is missing or the role is not one of Mobilizon's. */
export function memberFromAp(value: unknown): MemberData | null {
  if (!isObject(value) || value.type !== 'Member') return null;
  const id = stringOf(value.id);
  const actor = idOf(asArray(value.actor)[0]);
  const group = idOf(asArray(value.object)[0]);
  if (!id || !actor || !group || !isRole(value.role)) return null;
  return { id, actor, group, role: value.role.toLowerCase() as MemberRole };
}

/**
 * The members a group's `members` collection lists on the page given (or on its embedded first
 * page); items that are not Members, or not of that group, are left out.
 */
export function membersPageFromAp(collection: Json): { group: string | null; members: MemberData[] } {
  const group = idOf(collection.attributedTo) ?? null;
  const page = isObject(collection.first) ? collection.first : collection;
  const members = asArray(page.orderedItems ?? page.items)
    .map(memberFromAp)
    .filter((m): m is MemberData => m !== null && (group === null || m.group === group));
  return { group, members };
}

/**
 * Mobilizon's `Invite`: `actor` invites `target` into the group `object`; its id is the invitee's
 * member URL on the group's server.
 */
export function inviteFromAp(json: Json): { id: string; actor: string; group: string; invitee: string } | null {
  const id = stringOf(json.id);
  const actor = idOf(asArray(json.actor)[0]);
  const group = idOf(asArray(json.object)[0]);
  const invitee = idOf(asArray(json.target)[0]);
  if (json.type !== 'Invite' || !id || !actor || !group || !invitee) return null;
  return { id, actor, group, invitee };
}

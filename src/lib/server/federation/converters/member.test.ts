import { describe, expect, it } from 'vitest';
import { inviteFromAp, memberFromAp, memberToAp, membersPageFromAp } from './member.ts';

const member = {
  id: 'https://a.example/member/1',
  actor: 'https://b.example/@bea',
  group: 'https://a.example/@jardin',
  role: 'moderator'
} as const;

describe('Mobilizon’s Member', () => {
  it('reads back what it writes', () => {
    expect(memberFromAp(memberToAp(member))).toEqual(member);
  });

  it('refuses an unknown role, another type, or a missing part', () => {
    expect(memberFromAp({ ...memberToAp(member), role: 'owner' })).toBeNull();
    expect(memberFromAp({ ...memberToAp(member), type: 'Person' })).toBeNull();
    expect(memberFromAp({ ...memberToAp(member), actor: undefined })).toBeNull();
    expect(memberFromAp({ ...memberToAp(member), role: 'ADMINISTRATOR' })?.role).toBe('administrator');
  });

  it('keeps only the members of the collection’s own group', () => {
    const stranger = memberToAp({ ...member, id: 'https://c.example/member/2', group: 'https://c.example/@other' });
    const page = { attributedTo: member.group, orderedItems: [memberToAp(member), stranger, 'https://x.example/1'] };
    expect(membersPageFromAp(page)).toEqual({ group: member.group, members: [member] });
  });

  it('reads an Invite with its invitee, and nothing that is not one', () => {
    const invite = {
      type: 'Invite',
      id: member.id,
      actor: 'https://a.example/@rose',
      object: member.group,
      target: member.actor
    };
    expect(inviteFromAp(invite)).toEqual({
      id: member.id,
      actor: 'https://a.example/@rose',
      group: member.group,
      invitee: member.actor
    });
    expect(inviteFromAp({ ...invite, target: undefined })).toBeNull();
    expect(inviteFromAp({ ...invite, type: 'Join' })).toBeNull();
  });
});

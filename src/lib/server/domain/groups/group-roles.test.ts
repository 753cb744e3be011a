import { describe, expect, it } from 'vitest';
import { canInGroup, isAdministratorRole, isMemberRole, roleRank } from './group-roles.ts';

describe('group roles', () => {
  it('orders roles from refused to creator', () => {
    expect(roleRank('rejected')).toBeLessThan(roleRank('invited'));
    expect(roleRank('invited')).toBeLessThan(roleRank('member'));
    expect(roleRank('member')).toBeLessThan(roleRank('moderator'));
    expect(roleRank('moderator')).toBeLessThan(roleRank('administrator'));
    expect(roleRank('administrator')).toBeLessThan(roleRank('creator'));
    expect(roleRank(null)).toBe(-1);
  });

  it('counts only full members as members', () => {
    expect(isMemberRole('invited')).toBe(false);
    expect(isMemberRole('not_approved')).toBe(false);
    expect(isMemberRole('member')).toBe(true);
    expect(isAdministratorRole('moderator')).toBe(false);
    expect(isAdministratorRole('creator')).toBe(true);
  });

  it('follows the permission table', () => {
    expect(canInGroup('member', 'discussion.create')).toBe(true);
    expect(canInGroup('member', 'discussion.delete')).toBe(false);
    expect(canInGroup('moderator', 'event.create')).toBe(true);
    expect(canInGroup('member', 'event.create')).toBe(false);
    expect(canInGroup('moderator', 'group.update')).toBe(false);
    expect(canInGroup('administrator', 'members.setRole')).toBe(true);
    expect(canInGroup('invited', 'resource.see')).toBe(false);
    expect(canInGroup(null, 'resource.see')).toBe(false);
  });
});

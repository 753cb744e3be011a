import { describe, expect, it } from 'vitest';
import { memberAdminError, membershipError } from './group-errors.ts';
import {
  emptyGroupForm,
  groupFormErrorFromApi,
  groupToFormValues,
  readGroupForm,
  suggestUsername,
  toGroupVariables,
  usernameProblem
} from './group-form.ts';
import { bestRole, GROUP_PARAM_PATTERN, groupParam, isAdministrator, isMember, isModerator } from './groups.ts';

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.set(k, v);
  return data;
};

describe('the group form', () => {
  it('suggests a username from a name', () => {
    expect(suggestUsername('Climat Lyon !')).toBe('climat_lyon');
    expect(suggestUsername('  Élan   vélo 69 ')).toBe('elan_velo_69');
    expect(suggestUsername('مجموعة')).toBe('');
  });

  it('says why a username is refused', () => {
    expect(usernameProblem('')).toBe('groups.form.error.usernameRequired');
    expect(usernameProblem('Bad Name')).toBe('groups.form.error.usernameFormat');
    expect(usernameProblem('a'.repeat(65))).toBe('groups.form.error.usernameLength');
    expect(usernameProblem('climate_lyon')).toBeNull();
  });

  it('turns the fields into the mutation variables', () => {
    const values = readGroupForm(
      form({
        preferredUsername: '@climate_lyon',
        name: ' Climate Lyon ',
        summary: 'We meet.\n\nWe act <now>.',
        visibility: 'UNLISTED',
        openness: 'OPEN',
        manuallyApprovesFollowers: 'yes',
        locality: 'Lyon'
      })
    );
    const checked = toGroupVariables(values, true);
    expect(checked).toEqual({
      ok: true,
      variables: {
        preferredUsername: 'climate_lyon',
        name: 'Climate Lyon',
        summary: '<p>We meet.</p><p>We act &lt;now&gt;.</p>',
        visibility: 'UNLISTED',
        openness: 'OPEN',
        manuallyApprovesFollowers: true,
        physicalAddress: { description: null, street: null, postalCode: null, locality: 'Lyon', country: null }
      }
    });
  });

  it('falls back to safe choices and refuses a missing name or a bad username', () => {
    const ok = toGroupVariables(
      { ...emptyGroupForm(), name: 'G', preferredUsername: 'g', openness: 'x', visibility: 'PRIVATE' },
      true
    );
    expect(ok.ok && ok.variables).toMatchObject({ openness: 'MODERATED', visibility: 'PUBLIC', physicalAddress: null });
    const bad = toGroupVariables({ ...emptyGroupForm(), preferredUsername: 'No!' }, true);
    expect(bad).toEqual({
      ok: false,
      errors: { name: 'groups.form.error.nameRequired', preferredUsername: 'groups.form.error.usernameFormat' }
    });
    // Editing never checks the username: it cannot change.
    expect(toGroupVariables({ ...emptyGroupForm(), name: 'G', preferredUsername: '' }, false).ok).toBe(true);
  });

  it('places the API errors on their fields', () => {
    expect(
      groupFormErrorFromApi({ message: 'This username is already taken', field: 'preferredUsername', reason: 'taken' })
    ).toEqual({
      field: 'preferredUsername',
      message: 'groups.form.error.usernameTaken'
    });
    expect(
      groupFormErrorFromApi({ message: 'File too large', field: 'banner', code: 'validation', reason: 'too_large' })
    ).toEqual({
      field: 'banner',
      message: 'media.error.tooLarge'
    });
    expect(groupFormErrorFromApi({ message: 'nope', code: 'unauthorized', field: 'groupId' })).toEqual({
      field: null,
      message: 'groups.error.forbidden'
    });
  });

  it('round-trips an existing group', () => {
    const values = groupToFormValues({
      preferredUsername: 'g',
      name: 'G',
      visibility: 'PUBLIC',
      openness: 'INVITE_ONLY',
      manuallyApprovesFollowers: false,
      summary: '<p>One</p><p>Two &amp; three</p>',
      physicalAddress: { description: 'Hall', street: null, locality: 'Lyon', postalCode: '69001', country: null }
    });
    expect(values).toMatchObject({
      summary: 'One\n\nTwo & three',
      openness: 'INVITE_ONLY',
      placeDescription: 'Hall',
      postalCode: '69001'
    });
    const again = toGroupVariables(values, false);
    expect(again.ok && again.variables.summary).toBe('<p>One</p><p>Two &amp; three</p>');
  });
});

describe('roles and names', () => {
  it('ranks roles as the API does', () => {
    expect(isMember('MEMBER') && !isMember('INVITED') && !isMember('NOT_APPROVED')).toBe(true);
    expect(isModerator('MODERATOR') && !isModerator('MEMBER')).toBe(true);
    expect(isAdministrator('CREATOR') && !isAdministrator('MODERATOR')).toBe(true);
    expect(bestRole(['INVITED', 'MODERATOR', null, 'MEMBER'])).toBe('MODERATOR');
    expect(bestRole([])).toBeNull();
  });

  it('names local and remote groups in URLs', () => {
    expect(groupParam({ preferredUsername: 'climate_lyon', domain: null })).toBe('climate_lyon');
    expect(groupParam({ preferredUsername: 'climate', domain: 'other.example' })).toBe('climate@other.example');
    for (const ok of ['climate_lyon', 'climate@other.example', 'c@localhost:4000'])
      expect(GROUP_PARAM_PATTERN.test(ok)).toBe(true);
    for (const bad of ['', 'a b', 'a@b@c', '../x']) expect(GROUP_PARAM_PATTERN.test(bad)).toBe(false);
  });
});

describe('membership errors', () => {
  it('explains each rule by the reason the API names, whatever its English message says', () => {
    const e = (reason: string | undefined, code = 'unauthorized', field: string | null = 'groupId') => ({
      reason,
      code,
      field
    });
    expect(membershipError(e('last_administrator'))).toBe('groups.error.lastAdministrator');
    expect(memberAdminError(e('last_administrator', 'unauthorized', 'role'))).toBe('groups.error.lastAdministrator');
    expect(membershipError(e('invite_only'))).toBe('groups.error.inviteOnly');
    expect(membershipError(e('already_member', 'validation'))).toBe('groups.error.alreadyMember');
    expect(memberAdminError(e('higher_role', 'unauthorized', 'memberId'))).toBe('groups.members.error.higherRole');
    expect(memberAdminError(e('not_pending', 'validation', 'memberId'))).toBe('groups.members.error.notPending');
    expect(memberAdminError(e(undefined, 'not_found', 'targetActorUsername'))).toBe(
      'groups.members.error.noSuchProfile'
    );
    expect(memberAdminError(e('already_member', 'validation', 'targetActorUsername'))).toBe(
      'groups.members.error.alreadyInvited'
    );
    expect(memberAdminError(e(undefined, 'unauthorized', 'memberId'))).toBe('groups.error.forbidden');
    expect(memberAdminError(e(undefined, 'unknown', null))).toBe('groups.error.unknown');
  });
});

import { describe, expect, it } from 'vitest';
import {
  checkNewPassword,
  checkProfile,
  checkSignUp,
  PASSWORD_MIN_LENGTH,
  profileErrorFromApi,
  signUpErrorFromApi,
  textField
} from './registration.ts';

describe('textField', () => {
  it('trims text and reads files and missing fields as empty', () => {
    const data = new FormData();
    data.set('email', '  ada@example.org ');
    data.set('file', new Blob(['x']), 'x.txt');
    expect(textField(data, 'email')).toBe('ada@example.org');
    expect(textField(data, 'file')).toBe('');
    expect(textField(data, 'missing')).toBe('');
  });
});

describe('checkSignUp', () => {
  it('accepts an address and a long enough password', () => {
    expect(checkSignUp('ada@example.org', 'x'.repeat(PASSWORD_MIN_LENGTH))).toEqual({});
  });

  it('reports each missing or malformed field', () => {
    expect(checkSignUp('', '')).toEqual({
      email: 'register.error.emailRequired',
      password: 'register.error.passwordRequired'
    });
    expect(checkSignUp('ada', 'short')).toEqual({
      email: 'register.error.emailInvalid',
      password: 'register.error.passwordShort'
    });
  });

  it('counts characters, not UTF-16 units', () => {
    expect(checkSignUp('a@b.c', '😀😀😀😀').password).toBe('register.error.passwordShort');
    expect(checkSignUp('a@b.c', 'éééééééé').password).toBeUndefined();
  });
});

describe('checkNewPassword', () => {
  it('requires a long enough password typed twice the same', () => {
    expect(checkNewPassword('', '')).toEqual({ password: 'register.error.passwordRequired' });
    expect(checkNewPassword('short', 'short')).toEqual({ password: 'register.error.passwordShort' });
    expect(checkNewPassword('long enough', 'long enougH')).toEqual({ confirmation: 'passwordReset.error.mismatch' });
    expect(checkNewPassword('long enough', 'long enough')).toEqual({});
  });
});

describe('checkProfile', () => {
  it('allows lowercase letters, digits and underscores only', () => {
    expect(checkProfile('ada_99')).toEqual({});
    expect(checkProfile('')).toEqual({ preferredUsername: 'profile.error.usernameRequired' });
    for (const bad of ['Ada', 'ada lovelace', 'adà', 'ada-l', 'ada.l']) {
      expect(checkProfile(bad), bad).toEqual({ preferredUsername: 'profile.error.usernameInvalid' });
    }
  });
});

describe('signUpErrorFromApi', () => {
  it('maps the API errors of createUser to fields', () => {
    expect(signUpErrorFromApi({ message: 'closed', code: 'unauthorized', field: 'email' })).toEqual({
      field: 'email',
      message: 'register.error.notAllowed'
    });
    expect(signUpErrorFromApi({ message: 'taken', status_code: 409, field: 'email' })).toEqual({
      field: 'email',
      message: 'register.error.emailTaken'
    });
    expect(signUpErrorFromApi({ message: 'bad', code: 'validation', field: 'email' }).message).toBe(
      'register.error.emailInvalid'
    );
    expect(signUpErrorFromApi({ message: 'short', code: 'validation', field: 'password' })).toEqual({
      field: 'password',
      message: 'register.error.passwordShort'
    });
    expect(signUpErrorFromApi({ message: 'boom' })).toEqual({ field: null, message: 'register.error.unknown' });
  });
});

describe('profileErrorFromApi', () => {
  it('tells a taken username from an unavailable one', () => {
    expect(profileErrorFromApi({ message: 'taken', status_code: 409, field: 'preferredUsername' }).message).toBe(
      'profile.error.usernameTaken'
    );
    expect(profileErrorFromApi({ message: 'reserved', code: 'validation', field: 'preferredUsername' })).toEqual({
      field: 'preferredUsername',
      message: 'profile.error.usernameUnavailable'
    });
    expect(profileErrorFromApi({ message: 'long', field: 'summary' })).toEqual({
      field: 'summary',
      message: 'profile.error.tooLong'
    });
    expect(profileErrorFromApi({ message: 'no account', field: 'email' })).toEqual({
      field: null,
      message: 'profile.error.unknown'
    });
  });
});

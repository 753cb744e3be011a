import { describe, expect, it } from 'vitest';
import { accountErrorFromApi, checkPasswordChange } from './settings.ts';

describe('checkPasswordChange', () => {
  it('asks for the current password and a long enough new one, typed twice', () => {
    expect(checkPasswordChange('', '', '')).toEqual({
      oldPassword: 'settings.error.currentPasswordRequired',
      newPassword: 'register.error.passwordRequired'
    });
    expect(checkPasswordChange('old secret', 'short', 'short')).toEqual({
      newPassword: 'register.error.passwordShort'
    });
    expect(checkPasswordChange('old secret', 'new secret 1', 'new secret 2')).toEqual({
      confirmation: 'passwordReset.error.mismatch'
    });
    expect(checkPasswordChange('old secret', 'new secret 1', 'new secret 1')).toEqual({});
  });
});

describe('accountErrorFromApi', () => {
  it('puts API errors on their fields', () => {
    expect(accountErrorFromApi({ message: 'x', field: 'oldPassword' })).toEqual({
      field: 'oldPassword',
      message: 'settings.error.wrongPassword'
    });
    expect(accountErrorFromApi({ message: 'x', field: 'password' }).field).toBe('password');
    expect(accountErrorFromApi({ message: 'x', field: 'newPassword' }).message).toBe('register.error.passwordShort');
    expect(accountErrorFromApi({ message: 'x', field: 'email', code: 'conflict' }).message).toBe(
      'register.error.emailTaken'
    );
    expect(accountErrorFromApi({ message: 'x', field: 'email' }).message).toBe('register.error.emailInvalid');
    expect(accountErrorFromApi({ message: 'x' })).toEqual({ field: null, message: 'settings.error.unknown' });
  });
});

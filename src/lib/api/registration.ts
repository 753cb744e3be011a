import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Tokens } from './accounts.ts';
import { graphql, type ApiErrorEntry } from './client.ts';

/** The API refuses shorter passwords (Mobilizon's minimum). */
export const PASSWORD_MIN_LENGTH = 8;

export interface RegistrationConfig {
  registrationsOpen: boolean;
  registrationsAllowlist: boolean;
}

export const REGISTRATION_CONFIG = graphql<{ config: RegistrationConfig }>(`
  query RegistrationConfig {
    config {
      registrationsOpen
      registrationsAllowlist
    }
  }
`);

export const CREATE_USER = graphql<
  { createUser: { email: string; confirmationSentAt: string | null } },
  { email: string; password: string; locale: string }
>(`
  mutation CreateUser($email: String!, $password: String!, $locale: String) {
    createUser(email: $email, password: $password, locale: $locale) {
      email
      confirmationSentAt
    }
  }
`);

type LoginResult = Tokens & {
  user: { id: string; email: string; defaultActor: { id: string; preferredUsername: string } | null };
};

export const VALIDATE_USER = graphql<{ validateUser: LoginResult }, { token: string }>(`
  mutation ValidateUser($token: String!) {
    validateUser(token: $token) {
      accessToken
      refreshToken
      user {
        id
        email
        defaultActor {
          id
          preferredUsername
        }
      }
    }
  }
`);

export const RESEND_CONFIRMATION = graphql<
  { resendConfirmationEmail: string | null },
  { email: string; locale: string }
>(`
  mutation ResendConfirmationEmail($email: String!, $locale: String) {
    resendConfirmationEmail(email: $email, locale: $locale)
  }
`);

export const REGISTER_PERSON = graphql<
  { registerPerson: { id: string; preferredUsername: string } },
  { preferredUsername: string; name: string; summary: string; email: string }
>(`
  mutation RegisterPerson($preferredUsername: String!, $name: String, $summary: String, $email: String!) {
    registerPerson(preferredUsername: $preferredUsername, name: $name, summary: $summary, email: $email) {
      id
      preferredUsername
    }
  }
`);

export const SEND_RESET_PASSWORD = graphql<{ sendResetPassword: string | null }, { email: string; locale: string }>(`
  mutation SendResetPassword($email: String!, $locale: String) {
    sendResetPassword(email: $email, locale: $locale)
  }
`);

export const RESET_PASSWORD = graphql<{ resetPassword: LoginResult }, { token: string; password: string }>(`
  mutation ResetPassword($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password) {
      accessToken
      refreshToken
      user {
        id
        email
        defaultActor {
          id
          preferredUsername
        }
      }
    }
  }
`);

/** A form field's value as trimmed text (files and missing fields read as empty). */
export function textField(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

export type FieldErrors<F extends string> = Partial<Record<F, MessageKey>>;

/** Checks the sign-up form before asking the API; the API checks again. */
export function checkSignUp(email: string, password: string): FieldErrors<'email' | 'password'> {
  const errors: FieldErrors<'email' | 'password'> = {};
  if (!email) errors.email = 'register.error.emailRequired';
  else if (!/^[^\s@]+@[^\s@]+$/.test(email)) errors.email = 'register.error.emailInvalid';
  if (!password) errors.password = 'register.error.passwordRequired';
  else if ([...password].length < PASSWORD_MIN_LENGTH) errors.password = 'register.error.passwordShort';
  return errors;
}

/** A new password, typed twice. */
export function checkNewPassword(password: string, confirmation: string): FieldErrors<'password' | 'confirmation'> {
  if (!password) return { password: 'register.error.passwordRequired' };
  if ([...password].length < PASSWORD_MIN_LENGTH) return { password: 'register.error.passwordShort' };
  if (password !== confirmation) return { confirmation: 'passwordReset.error.mismatch' };
  return {};
}

/** Lowercase letters, digits and underscores, as the API requires. */
export const USERNAME_PATTERN = /^[a-z0-9_]+$/;

export function checkProfile(preferredUsername: string): FieldErrors<'preferredUsername'> {
  if (!preferredUsername) return { preferredUsername: 'profile.error.usernameRequired' };
  if (!USERNAME_PATTERN.test(preferredUsername)) return { preferredUsername: 'profile.error.usernameInvalid' };
  return {};
}

/** Where a `createUser` error belongs, and what to say. */
export function signUpErrorFromApi(entry: ApiErrorEntry): { field: 'email' | 'password' | null; message: MessageKey } {
  if (entry.field === 'password') return { field: 'password', message: 'register.error.passwordShort' };
  if (entry.field === 'email') {
    if (entry.code === 'unauthorized' || entry.status_code === 403) {
      return { field: 'email', message: 'register.error.notAllowed' };
    }
    if (entry.status_code === 409 || entry.code === 'conflict') {
      return { field: 'email', message: 'register.error.emailTaken' };
    }
    return { field: 'email', message: 'register.error.emailInvalid' };
  }
  return { field: null, message: 'register.error.unknown' };
}

/** Where a `registerPerson` error belongs, and what to say. */
export function profileErrorFromApi(entry: ApiErrorEntry): {
  field: 'preferredUsername' | 'name' | 'summary' | null;
  message: MessageKey;
} {
  if (entry.field === 'preferredUsername') {
    if (entry.status_code === 409 || entry.code === 'conflict') {
      return { field: 'preferredUsername', message: 'profile.error.usernameTaken' };
    }
    return { field: 'preferredUsername', message: 'profile.error.usernameUnavailable' };
  }
  if (entry.field === 'name' || entry.field === 'summary')
    return { field: entry.field, message: 'profile.error.tooLong' };
  return { field: null, message: 'profile.error.unknown' };
}

import type { MessageKey } from '#lib/i18n/messages.ts';
import { graphql, type ApiErrorEntry } from './client.ts';
import { PASSWORD_MIN_LENGTH, type FieldErrors } from './registration.ts';

/** A stored picture, as the profile pages show it. */
export interface Picture {
  id: string;
  url: string | null;
  alt: string | null;
}

export interface Profile {
  id: string;
  preferredUsername: string;
  name: string | null;
  summary: string | null;
  avatar?: Picture | null;
  banner?: Picture | null;
}

/** A profile picture argument: a file to upload, or null to remove the picture. */
export type PictureInput = { media: { name: string; alt: string | null; file: File } } | null;

export interface AccountSettings {
  id: string;
  email: string;
  locale: string | null;
  defaultActor: { id: string; preferredUsername: string; name: string | null } | null;
  actors: Profile[];
  settings: { timezone: string | null } | null;
}

export const ACCOUNT_SETTINGS = graphql<{ loggedUser: AccountSettings }>(`
  query AccountSettings {
    loggedUser {
      id
      email
      locale
      defaultActor {
        id
        preferredUsername
        name
      }
      actors {
        id
        preferredUsername
        name
        summary
        avatar {
          id
          url
          alt
        }
        banner {
          id
          url
          alt
        }
      }
      settings {
        timezone
      }
    }
  }
`);

const PERSON_FIELDS = `
      id
      preferredUsername
      name
      summary`;

export const CREATE_PERSON = graphql<
  { createPerson: Profile },
  { preferredUsername: string; name: string; summary: string }
>(`
  mutation CreatePerson($preferredUsername: String!, $name: String, $summary: String) {
    createPerson(preferredUsername: $preferredUsername, name: $name, summary: $summary) {${PERSON_FIELDS}
    }
  }
`);

export const UPDATE_PERSON = graphql<
  { updatePerson: Profile },
  { id: string; name: string; summary: string; avatar?: PictureInput; banner?: PictureInput }
>(`
  mutation UpdatePerson($id: ID!, $name: String, $summary: String, $avatar: MediaInput, $banner: MediaInput) {
    updatePerson(id: $id, name: $name, summary: $summary, avatar: $avatar, banner: $banner) {${PERSON_FIELDS}
    }
  }
`);

export const DELETE_PERSON = graphql<{ deletePerson: { id: string } | null }, { id: string }>(`
  mutation DeletePerson($id: ID!) {
    deletePerson(id: $id) {
      id
    }
  }
`);

export const CHANGE_DEFAULT_ACTOR = graphql<
  { changeDefaultActor: { id: string } | null },
  { preferredUsername: string }
>(`
  mutation ChangeDefaultActor($preferredUsername: String!) {
    changeDefaultActor(preferredUsername: $preferredUsername) {
      id
    }
  }
`);

export const CHANGE_PASSWORD = graphql<
  { changePassword: { id: string } | null },
  { oldPassword: string; newPassword: string }
>(`
  mutation ChangePassword($oldPassword: String!, $newPassword: String!) {
    changePassword(oldPassword: $oldPassword, newPassword: $newPassword) {
      id
    }
  }
`);

export const CHANGE_EMAIL = graphql<{ changeEmail: { id: string } | null }, { email: string; password: string }>(`
  mutation ChangeEmail($email: String!, $password: String!) {
    changeEmail(email: $email, password: $password) {
      id
    }
  }
`);

export const DELETE_ACCOUNT = graphql<{ deleteAccount: { id: string } | null }, { password: string }>(`
  mutation DeleteAccount($password: String) {
    deleteAccount(password: $password) {
      id
    }
  }
`);

export const SET_USER_SETTINGS = graphql<{ setUserSettings: unknown }, { timezone: string }>(`
  mutation SetUserSettings($timezone: Timezone) {
    setUserSettings(timezone: $timezone) {
      timezone
    }
  }
`);

export const UPDATE_LOCALE = graphql<{ updateLocale: { id: string } | null }, { locale: string }>(`
  mutation UpdateLocale($locale: String) {
    updateLocale(locale: $locale) {
      id
    }
  }
`);

/** The password change form, checked before asking the API (which checks again). */
export function checkPasswordChange(
  oldPassword: string,
  newPassword: string,
  confirmation: string
): FieldErrors<'oldPassword' | 'newPassword' | 'confirmation'> {
  const errors: FieldErrors<'oldPassword' | 'newPassword' | 'confirmation'> = {};
  if (!oldPassword) errors.oldPassword = 'settings.error.currentPasswordRequired';
  if (!newPassword) errors.newPassword = 'register.error.passwordRequired';
  else if ([...newPassword].length < PASSWORD_MIN_LENGTH) errors.newPassword = 'register.error.passwordShort';
  else if (newPassword !== confirmation) errors.confirmation = 'passwordReset.error.mismatch';
  return errors;
}

/** Where a password-protected settings mutation's error belongs. */
export function accountErrorFromApi(entry: ApiErrorEntry): { field: string | null; message: MessageKey } {
  switch (entry.field) {
    case 'oldPassword':
    case 'password':
      return { field: entry.field, message: 'settings.error.wrongPassword' };
    case 'newPassword':
      return { field: 'newPassword', message: 'register.error.passwordShort' };
    case 'email':
      if (entry.status_code === 409 || entry.code === 'conflict') {
        return { field: 'email', message: 'register.error.emailTaken' };
      }
      return { field: 'email', message: 'register.error.emailInvalid' };
    default:
      return { field: null, message: 'settings.error.unknown' };
  }
}

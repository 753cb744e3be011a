import { graphql } from './client.ts';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export interface ProfileSummary {
  id: string;
  preferredUsername: string;
  name: string | null;
  avatar?: { url: string | null } | null;
}

export interface CurrentUser {
  id: string;
  email: string;
  role: 'USER' | 'MODERATOR' | 'ADMINISTRATOR';
  /** Null until a time zone was saved (the pages then send the browser's). */
  settings: { timezone: string | null } | null;
  defaultActor: ProfileSummary | null;
  /** Every profile of the account, for the header's profile switcher. */
  actors: ProfileSummary[];
}

export interface Identity extends ProfileSummary {
  avatar: { url: string | null } | null;
}

export const LOGIN = graphql<
  { login: Tokens & { user: { id: string; email: string } } },
  { email: string; password: string }
>(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      refreshToken
      user {
        id
        email
      }
    }
  }
`);

export const REFRESH_TOKEN = graphql<{ refreshToken: Tokens }, { refreshToken: string }>(`
  mutation RefreshToken($refreshToken: String!) {
    refreshToken(refreshToken: $refreshToken) {
      accessToken
      refreshToken
    }
  }
`);

export const LOGOUT = graphql<{ logout: string | null }, { refreshToken: string }>(`
  mutation Logout($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`);

export const LOGGED_USER = graphql<{ loggedUser: CurrentUser }>(`
  query LoggedUser {
    loggedUser {
      id
      email
      role
      settings {
        timezone
      }
      defaultActor {
        id
        preferredUsername
        name
      }
      actors {
        id
        preferredUsername
        name
        avatar {
          url
        }
      }
    }
  }
`);

export const IDENTITIES = graphql<{ identities: (Identity | null)[] | null }>(`
  query Identities {
    identities {
      id
      preferredUsername
      name
      avatar {
        url
      }
    }
  }
`);

/** How a profile is shown: its name, else its username. */
export const displayName = (profile: { name: string | null; preferredUsername: string }) =>
  profile.name?.trim() || profile.preferredUsername;

/** `@username` for local profiles, `@username@domain` for remote ones. */
export const handleOf = (profile: { preferredUsername: string; domain?: string | null }) =>
  profile.domain ? `@${profile.preferredUsername}@${profile.domain}` : `@${profile.preferredUsername}`;

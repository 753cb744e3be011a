import { graphql } from './client.ts';

/** Mobilizon's NotificationPendingEnum values, in the order the page offers them. */
export const NOTIFICATION_DELAYS = ['NONE', 'DIRECT', 'ONE_HOUR', 'ONE_DAY', 'ONE_WEEK'] as const;
export type NotificationDelay = (typeof NOTIFICATION_DELAYS)[number];
export const isNotificationDelay = (value: string): value is NotificationDelay =>
  (NOTIFICATION_DELAYS as readonly string[]).includes(value);

export const NOTIFICATION_SWITCHES = ['notificationOnDay', 'notificationEachWeek', 'notificationBeforeEvent'] as const;
export const NOTIFICATION_RHYTHMS = [
  'notificationPendingParticipation',
  'notificationPendingMembership',
  'groupNotifications'
] as const;
export type NotificationSwitch = (typeof NOTIFICATION_SWITCHES)[number];
export type NotificationRhythm = (typeof NOTIFICATION_RHYTHMS)[number];
export type NotificationSettings = Record<NotificationSwitch, boolean> & Record<NotificationRhythm, NotificationDelay>;

export interface FeedToken {
  token: string;
  actor: { id: string } | null;
}

export interface NotificationsPage {
  id: string;
  settings: NotificationSettings | null;
  actors: { id: string; preferredUsername: string; name: string | null }[];
  feedTokens: FeedToken[] | null;
}

export const NOTIFICATIONS_PAGE = graphql<{ loggedUser: NotificationsPage }>(`
  query NotificationsPage {
    loggedUser {
      id
      settings {
        notificationOnDay
        notificationEachWeek
        notificationBeforeEvent
        notificationPendingParticipation
        notificationPendingMembership
        groupNotifications
      }
      actors {
        id
        preferredUsername
        name
      }
      feedTokens {
        token
        actor {
          id
        }
      }
    }
  }
`);

export const SET_NOTIFICATION_SETTINGS = graphql<{ setUserSettings: unknown }, NotificationSettings>(`
  mutation SetNotificationSettings(
    $notificationOnDay: Boolean
    $notificationEachWeek: Boolean
    $notificationBeforeEvent: Boolean
    $notificationPendingParticipation: NotificationPendingEnum
    $notificationPendingMembership: NotificationPendingEnum
    $groupNotifications: NotificationPendingEnum
  ) {
    setUserSettings(
      notificationOnDay: $notificationOnDay
      notificationEachWeek: $notificationEachWeek
      notificationBeforeEvent: $notificationBeforeEvent
      notificationPendingParticipation: $notificationPendingParticipation
      notificationPendingMembership: $notificationPendingMembership
      groupNotifications: $groupNotifications
    ) {
      notificationOnDay
    }
  }
`);

export const CREATE_FEED_TOKEN = graphql<{ createFeedToken: FeedToken | null }, { actorId: string | null }>(`
  mutation CreateFeedToken($actorId: ID) {
    createFeedToken(actorId: $actorId) {
      token
      actor {
        id
      }
    }
  }
`);

export const DELETE_FEED_TOKEN = graphql<
  { deleteFeedToken: { user: { id: string } | null } | null },
  { token: string }
>(`
  mutation DeleteFeedToken($token: String!) {
    deleteFeedToken(token: $token) {
      user {
        id
      }
    }
  }
`);

/** The addresses of a private feed: iCalendar, Atom, and the `webcal:` link calendar apps subscribe to. */
export function feedUrls(origin: string, token: string) {
  const base = `${origin.replace(/\/$/, '')}/events/going/${encodeURIComponent(token)}`;
  const ics = `${base}/ics`;
  return { ics, atom: `${base}/atom`, webcal: ics.replace(/^https?:/, 'webcal:') };
}

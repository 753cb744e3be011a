import { gql, graphql } from './client.ts';
import type { ParticipantRole } from './events.ts';

/** Whether people without an account may take part here, and the profile their participations use. */
export const ANONYMOUS_PARTICIPATION_CONFIG = graphql<{
  config: { anonymous: { participation: { allowed: boolean | null } | null; actorId: string | null } | null };
}>(`
  query AnonymousParticipationSettings {
    config {
      anonymous {
        participation {
          allowed
        }
        actorId
      }
    }
  }
`);

export const JOIN_ANONYMOUSLY = graphql<
  { joinEvent: { id: string; role: ParticipantRole } | null },
  { eventId: string; actorId: string; email: string; message: string | null; locale: string; timezone: string | null }
>(`
  mutation JoinEventByEmail(
    $eventId: ID!
    $actorId: ID!
    $email: String!
    $message: String
    $locale: String
    $timezone: Timezone
  ) {
    joinEvent(
      eventId: $eventId
      actorId: $actorId
      email: $email
      message: $message
      locale: $locale
      timezone: $timezone
    ) {
      id
      role
    }
  }
`);

export const CONFIRM_PARTICIPATION = graphql<
  {
    confirmParticipation: {
      role: ParticipantRole;
      event: { uuid: string; title: string } | null;
    } | null;
  },
  { token: string }
>(`
  mutation ConfirmParticipationFromMail($token: String!) {
    confirmParticipation(confirmationToken: $token) {
      role
      event {
        uuid
        title
      }
    }
  }
`);

export const LEAVE_ANONYMOUSLY = graphql<
  { leaveEvent: { id: string } | null },
  { eventId: string; actorId: string; token: string }
>(`
  mutation LeaveEventFromMail($eventId: ID!, $actorId: ID!, $token: String!) {
    leaveEvent(eventId: $eventId, actorId: $actorId, token: $token) {
      id
    }
  }
`);

/** The event a cancel link is about, found by its uuid. */
export const EVENT_FOR_LINK = graphql<{ event: { id: string; uuid: string; title: string } | null }, { uuid: string }>(`
  query EventForParticipationLink($uuid: UUID!) {
    event(uuid: $uuid) {
      id
      uuid
      title
    }
  }
`);

/** Whether the instance takes participations by email (false when the API cannot say). */
export async function anonymousParticipationAllowed(fetch: typeof globalThis.fetch): Promise<boolean> {
  return gql(fetch, ANONYMOUS_PARTICIPATION_CONFIG, {}).then(
    (result) => result.config.anonymous?.participation?.allowed === true,
    () => false
  );
}

import { graphql } from './client.ts';

export type EventStatus = 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
export type EventVisibility = 'PUBLIC' | 'UNLISTED' | 'RESTRICTED' | 'PRIVATE';

export interface AddressInput {
  description?: string | null;
  street?: string | null;
  locality?: string | null;
  postalCode?: string | null;
  country?: string | null;
}

export interface Address {
  description: string | null;
  street: string | null;
  locality: string | null;
  postalCode: string | null;
  country: string | null;
}

export interface EventDetails {
  id: string;
  uuid: string;
  url: string | null;
  title: string;
  /** HTML, sanitized by the server when it was written or received. */
  description: string | null;
  beginsOn: string;
  endsOn: string | null;
  status: EventStatus;
  visibility: EventVisibility;
  draft: boolean | null;
  onlineAddress: string | null;
  options: {
    timezone: string | null;
    maximumAttendeeCapacity: number | null;
    remainingAttendeeCapacity: number | null;
    showRemainingAttendeeCapacity: boolean | null;
    hideNumberOfParticipants: boolean | null;
  } | null;
  joinOptions: 'FREE' | 'RESTRICTED' | 'INVITE' | 'EXTERNAL';
  externalParticipationUrl: string | null;
  participantStats: { going: number | null; participant: number | null } | null;
  physicalAddress: Address | null;
  organizerActor: { id: string; preferredUsername: string; name: string | null; domain: string | null } | null;
}

export interface CreateEventVariables extends Record<string, unknown> {
  organizerActorId: string;
  title: string;
  description: string;
  beginsOn: string;
  endsOn?: string | null;
  status?: EventStatus;
  visibility?: EventVisibility;
  onlineAddress?: string | null;
  physicalAddress?: AddressInput | null;
  options?: { timezone?: string | null };
}

export const CREATE_EVENT = graphql<{ createEvent: { id: string; uuid: string } }, CreateEventVariables>(`
  mutation CreateEvent(
    $organizerActorId: ID!
    $title: String!
    $description: String!
    $beginsOn: DateTime!
    $endsOn: DateTime
    $status: EventStatus
    $visibility: EventVisibility
    $onlineAddress: String
    $physicalAddress: AddressInput
    $options: EventOptionsInput
  ) {
    createEvent(
      organizerActorId: $organizerActorId
      title: $title
      description: $description
      beginsOn: $beginsOn
      endsOn: $endsOn
      status: $status
      visibility: $visibility
      onlineAddress: $onlineAddress
      physicalAddress: $physicalAddress
      options: $options
    ) {
      id
      uuid
    }
  }
`);

export const FETCH_EVENT = graphql<{ event: EventDetails | null }, { uuid: string }>(`
  query FetchEvent($uuid: UUID!) {
    event(uuid: $uuid) {
      id
      uuid
      url
      title
      description
      beginsOn
      endsOn
      status
      visibility
      draft
      onlineAddress
      joinOptions
      externalParticipationUrl
      options {
        timezone
        maximumAttendeeCapacity
        remainingAttendeeCapacity
        showRemainingAttendeeCapacity
        hideNumberOfParticipants
      }
      participantStats {
        going
        participant
      }
      physicalAddress {
        description
        street
        locality
        postalCode
        country
      }
      organizerActor {
        id
        preferredUsername
        name
        domain
      }
    }
  }
`);

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The form's plain text as the HTML the API stores: paragraphs split on blank lines, line breaks kept. */
export function plainTextToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** Only web links become clickable: a remote event could carry any scheme. */
export function safeWebUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

export type ParticipantRole =
  'NOT_APPROVED' | 'NOT_CONFIRMED' | 'PARTICIPANT' | 'MODERATOR' | 'ADMINISTRATOR' | 'CREATOR' | 'REJECTED';

/** One of my profiles' participation in one event (an empty list when it takes no part). */
export const MY_PARTICIPATION = graphql<
  {
    person: {
      id: string;
      participations: { elements: ({ id: string; role: ParticipantRole } | null)[] | null } | null;
    } | null;
  },
  { actorId: string; eventId: string }
>(`
  query MyParticipation($actorId: ID!, $eventId: ID!) {
    person(id: $actorId) {
      id
      participations(eventId: $eventId) {
        elements {
          id
          role
        }
      }
    }
  }
`);

export const JOIN_EVENT = graphql<
  { joinEvent: { id: string; role: ParticipantRole } | null },
  { eventId: string; actorId: string; message: string | null }
>(`
  mutation JoinEventFromPage($eventId: ID!, $actorId: ID!, $message: String) {
    joinEvent(eventId: $eventId, actorId: $actorId, message: $message) {
      id
      role
    }
  }
`);

export const LEAVE_EVENT = graphql<{ leaveEvent: { id: string } | null }, { eventId: string; actorId: string }>(`
  mutation LeaveEventFromPage($eventId: ID!, $actorId: ID!) {
    leaveEvent(eventId: $eventId, actorId: $actorId) {
      id
    }
  }
`);

export interface ParticipationRequest {
  id: string;
  actor: { id: string; preferredUsername: string; name: string | null; domain: string | null } | null;
  metadata: { message: string | null } | null;
}

/** The requests waiting for an organizer's decision (the API answers organizers only). */
export const PARTICIPATION_REQUESTS = graphql<
  { event: { participants: { total: number | null; elements: (ParticipationRequest | null)[] | null } | null } | null },
  { uuid: string }
>(`
  query ParticipationRequests($uuid: UUID!) {
    event(uuid: $uuid) {
      id
      participants(roles: "not_approved", limit: 50) {
        total
        elements {
          id
          actor {
            id
            preferredUsername
            name
            domain
          }
          metadata {
            message
          }
        }
      }
    }
  }
`);

export const UPDATE_PARTICIPATION = graphql<
  { updateParticipation: { id: string; role: ParticipantRole } | null },
  { id: string; role: 'PARTICIPANT' | 'REJECTED' }
>(`
  mutation DecideParticipation($id: ID!, $role: ParticipantRoleEnum!) {
    updateParticipation(id: $id, role: $role) {
      id
      role
    }
  }
`);

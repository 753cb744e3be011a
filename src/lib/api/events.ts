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
  /** "longitude;latitude", when the place was located. */
  geom?: string | null;
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
  /** false for a copy of an event that lives on another server. */
  local?: boolean | null;
  title: string;
  /** HTML, sanitized by the server when it was written or received. */
  description: string | null;
  beginsOn: string;
  endsOn: string | null;
  status: EventStatus;
  visibility: EventVisibility;
  draft: boolean | null;
  onlineAddress: string | null;
  language?: string | null;
  category?: string | null;
  picture?: { id: string; url: string | null; alt: string | null } | null;
  tags?: ({ id: string | null; slug: string | null; title: string | null } | null)[] | null;
  metadata?: ({ key: string | null; title: string | null; value: string | null; type: string | null } | null)[] | null;
  options: {
    timezone: string | null;
    maximumAttendeeCapacity: number | null;
    remainingAttendeeCapacity: number | null;
    showRemainingAttendeeCapacity: boolean | null;
    hideNumberOfParticipants: boolean | null;
    anonymousParticipation?: boolean | null;
    commentModeration?: 'ALLOW_ALL' | 'MODERATED' | 'CLOSED' | null;
    showStartTime?: boolean | null;
    showEndTime?: boolean | null;
    isOnline?: boolean | null;
  } | null;
  joinOptions: 'FREE' | 'RESTRICTED' | 'INVITE' | 'EXTERNAL';
  externalParticipationUrl: string | null;
  participantStats: { going: number | null; participant: number | null } | null;
  physicalAddress: Address | null;
  organizerActor: {
    id: string;
    preferredUsername: string;
    name: string | null;
    domain: string | null;
    url?: string | null;
  } | null;
  /** The group organizing the event, if any. */
  attributedTo?: { id: string; preferredUsername: string; name: string | null; domain: string | null } | null;
}

export interface EventOptionsInput {
  timezone?: string | null;
  maximumAttendeeCapacity?: number;
  showRemainingAttendeeCapacity?: boolean;
  anonymousParticipation?: boolean;
  commentModeration?: 'ALLOW_ALL' | 'MODERATED' | 'CLOSED';
  showStartTime?: boolean;
  showEndTime?: boolean;
  hideNumberOfParticipants?: boolean;
  isOnline?: boolean;
}

export interface EventMetadataInput {
  key: string;
  value: string;
  title?: string | null;
  type?: 'STRING' | 'INTEGER' | 'BOOLEAN';
}

/** The event mutations' shared arguments (Mobilizon's names). */
export interface EventFields {
  organizerActorId: string;
  attributedToId?: string | null;
  title: string;
  description: string;
  beginsOn: string;
  endsOn?: string | null;
  status?: EventStatus;
  visibility?: EventVisibility;
  joinOptions?: 'FREE' | 'RESTRICTED' | 'INVITE' | 'EXTERNAL';
  externalParticipationUrl?: string | null;
  draft?: boolean;
  category?: string | null;
  language?: string;
  tags?: string[];
  picture?: { media: { name: string; alt: string | null; file: File } } | null;
  metadata?: EventMetadataInput[];
  onlineAddress?: string | null;
  physicalAddress?: AddressInput | null;
  options?: EventOptionsInput;
}

export interface CreateEventVariables extends EventFields, Record<string, unknown> {}

export const CREATE_EVENT = graphql<{ createEvent: { id: string; uuid: string } }, CreateEventVariables>(`
  mutation CreateEvent(
    $organizerActorId: ID!
    $attributedToId: ID
    $title: String!
    $description: String!
    $beginsOn: DateTime!
    $endsOn: DateTime
    $status: EventStatus
    $visibility: EventVisibility
    $joinOptions: EventJoinOptions
    $externalParticipationUrl: String
    $draft: Boolean
    $category: EventCategory
    $language: String
    $tags: [String]
    $picture: MediaInput
    $metadata: [EventMetadataInput]
    $onlineAddress: String
    $physicalAddress: AddressInput
    $options: EventOptionsInput
  ) {
    createEvent(
      organizerActorId: $organizerActorId
      attributedToId: $attributedToId
      title: $title
      description: $description
      beginsOn: $beginsOn
      endsOn: $endsOn
      status: $status
      visibility: $visibility
      joinOptions: $joinOptions
      externalParticipationUrl: $externalParticipationUrl
      draft: $draft
      category: $category
      language: $language
      tags: $tags
      picture: $picture
      metadata: $metadata
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
      local
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
      language
      category
      picture {
        id
        url
        alt
      }
      tags {
        id
        slug
        title
      }
      metadata {
        key
        title
        value
        type
      }
      options {
        timezone
        maximumAttendeeCapacity
        remainingAttendeeCapacity
        showRemainingAttendeeCapacity
        hideNumberOfParticipants
        anonymousParticipation
        commentModeration
        showStartTime
        showEndTime
        isOnline
      }
      participantStats {
        going
        participant
      }
      physicalAddress {
        geom
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
        url
      }
      attributedTo {
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

/**
 * Rich text back to the plain text a form edits (the inverse of `plainTextToHtml`): paragraphs
 * apart, line breaks kept, entities decoded.
 */
export function htmlToPlainText(html: string | null): string {
  if (!html) return '';
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|li|blockquote|h[1-4]|pre)>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos|nbsp);/gi, (entity, body: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
      const lower = body.toLowerCase();
      if (lower in named) return named[lower]!;
      const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
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
      participations: {
        elements:
          ({ id: string; role: ParticipantRole; metadata: { rejectionReason: string | null } | null } | null)[] | null;
      } | null;
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
          metadata {
            rejectionReason
          }
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

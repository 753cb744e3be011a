import { graphql } from './client.ts';
import type { ParticipantRole } from './events.ts';

export type ExportFormat = 'CSV' | 'ODS' | 'PDF';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['CSV', 'ODS', 'PDF'];
export const PARTICIPANTS_PER_PAGE = 20;

/** The role filters of the participant list, each with the roles it asks the API for. */
export const ROLE_FILTERS = {
  all: '',
  participants: 'participant',
  pending: 'not_approved',
  unconfirmed: 'not_confirmed',
  rejected: 'rejected',
  organizers: 'creator,administrator,moderator'
} as const;
export type RoleFilter = keyof typeof ROLE_FILTERS;
export const isRoleFilter = (value: string | null): value is RoleFilter =>
  value !== null && Object.hasOwn(ROLE_FILTERS, value);

/** Who an announcement goes to (Mobilizon's roles), participants proper by default. */
export const ANNOUNCEMENT_ROLES: readonly ParticipantRole[] = ['PARTICIPANT', 'NOT_APPROVED', 'REJECTED'];

export interface ManagedEvent {
  id: string;
  uuid: string;
  title: string;
  joinOptions: 'FREE' | 'RESTRICTED' | 'INVITE' | 'EXTERNAL';
}

export const MANAGED_EVENT = graphql<{ event: ManagedEvent | null }, { uuid: string }>(`
  query ManagedEvent($uuid: UUID!) {
    event(uuid: $uuid) {
      id
      uuid
      title
      joinOptions
    }
  }
`);

/** One of my profiles' role in the event (none when it takes no part). */
export const PROFILE_ROLE = graphql<
  { person: { participations: { elements: ({ role: ParticipantRole } | null)[] | null } | null } | null },
  { actorId: string; eventId: string }
>(`
  query ProfileRoleInEvent($actorId: ID!, $eventId: ID!) {
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

export const ORGANIZER_ROLES: readonly ParticipantRole[] = ['CREATOR', 'ADMINISTRATOR', 'MODERATOR'];

export interface ManagedParticipant {
  id: string;
  role: ParticipantRole;
  insertedAt: string | null;
  actor: { id: string; preferredUsername: string; name: string | null; domain: string | null } | null;
  metadata: { message: string | null } | null;
}

export const EVENT_PARTICIPANTS = graphql<
  {
    event: {
      id: string;
      participants: { total: number | null; elements: (ManagedParticipant | null)[] | null } | null;
    } | null;
  },
  { uuid: string; roles: string; page: number; limit: number }
>(`
  query ManagedParticipants($uuid: UUID!, $roles: String, $page: Int, $limit: Int) {
    event(uuid: $uuid) {
      id
      participants(roles: $roles, page: $page, limit: $limit) {
        total
        elements {
          id
          role
          insertedAt
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

export const EXPORT_PARTICIPANTS = graphql<
  { exportEventParticipants: { path: string | null; format: ExportFormat | null } | null },
  { eventId: string; format: ExportFormat; roles: ParticipantRole[] }
>(`
  mutation ExportParticipantsFromPage($eventId: ID!, $format: ExportFormatEnum, $roles: [ParticipantRoleEnum]) {
    exportEventParticipants(eventId: $eventId, format: $format, roles: $roles) {
      path
      format
    }
  }
`);

export const SEND_ANNOUNCEMENT = graphql<
  { sendEventPrivateMessage: { id: string } | null },
  { eventId: string; actorId: string; text: string; roles: ParticipantRole[] }
>(`
  mutation AnnounceToParticipants($eventId: ID!, $actorId: ID!, $text: String!, $roles: [ParticipantRoleEnum]) {
    sendEventPrivateMessage(eventId: $eventId, actorId: $actorId, text: $text, roles: $roles) {
      id
    }
  }
`);

/** Where the backend serves an export (Mobilizon's path); the file name is random and unguessable. */
export const exportUrl = (format: ExportFormat, path: string) =>
  `/exports/${format.toLowerCase()}/${encodeURIComponent(path)}`;

/** `?export=` carries the export being prepared: "<format>:<file name>". */
export function parseExportParam(value: string | null): { format: ExportFormat; path: string } | null {
  const match = /^(CSV|ODS|PDF):([A-Za-z0-9_-]{32}\.(?:csv|ods|pdf))$/.exec(value ?? '');
  return match ? { format: match[1] as ExportFormat, path: match[2]! } : null;
}

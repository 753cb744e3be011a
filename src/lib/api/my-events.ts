import { graphql } from './client.ts';
import type { EventStatus, ParticipantRole } from './events.ts';

/** An event as the "my events" lists show it. */
export interface EventSummary {
  id: string;
  uuid: string;
  title: string;
  beginsOn: string;
  endsOn: string | null;
  status: EventStatus;
  draft: boolean | null;
  onlineAddress: string | null;
  options: { timezone: string | null } | null;
  physicalAddress: { description: string | null; locality: string | null } | null;
}

export interface MyParticipationSummary {
  id: string;
  role: ParticipantRole;
  actor: { id: string; preferredUsername: string; name: string | null } | null;
  event: EventSummary | null;
}

export interface Page<T> {
  total: number | null;
  elements: (T | null)[] | null;
}

const EVENT_SUMMARY = `
  id
  uuid
  title
  beginsOn
  endsOn
  status
  draft
  onlineAddress
  options {
    timezone
  }
  physicalAddress {
    description
    locality
  }
`;

export type MyEventsTab = 'upcoming' | 'past' | 'organized' | 'drafts';
export const MY_EVENTS_TABS: readonly MyEventsTab[] = ['upcoming', 'past', 'organized', 'drafts'];
export const MY_EVENTS_PAGE_SIZE = 10;

export const MY_PARTICIPATIONS = graphql<
  { loggedUser: { id: string; participations: Page<MyParticipationSummary> | null } },
  { afterDatetime?: string | null; beforeDatetime?: string | null; page: number; limit: number }
>(`
  query MyParticipations($afterDatetime: DateTime, $beforeDatetime: DateTime, $page: Int, $limit: Int) {
    loggedUser {
      id
      participations(afterDatetime: $afterDatetime, beforeDatetime: $beforeDatetime, page: $page, limit: $limit) {
        total
        elements {
          id
          role
          actor {
            id
            preferredUsername
            name
          }
          event {${EVENT_SUMMARY}}
        }
      }
    }
  }
`);

export const MY_DRAFTS = graphql<
  { loggedUser: { id: string; drafts: Page<EventSummary> | null } },
  { page: number; limit: number }
>(`
  query MyDrafts($page: Int, $limit: Int) {
    loggedUser {
      id
      drafts(page: $page, limit: $limit) {
        total
        elements {${EVENT_SUMMARY}}
      }
    }
  }
`);

export const MY_ORGANIZED = graphql<
  { person: { id: string; organizedEvents: Page<EventSummary> | null } | null },
  { actorId: string; page: number; limit: number }
>(`
  query MyOrganizedEvents($actorId: ID!, $page: Int, $limit: Int) {
    person(id: $actorId) {
      id
      organizedEvents(page: $page, limit: $limit) {
        total
        elements {${EVENT_SUMMARY}}
      }
    }
  }
`);

/** The page numbers to link to: all of them when few, else the first, the last and those around the current one. */
export function pageLinks(current: number, totalPages: number): (number | null)[] {
  if (totalPages <= 7) return Array.from({ length: totalPages }, (_, i) => i + 1);
  const pages = new Set([1, totalPages, current - 1, current, current + 1]);
  const sorted = [...pages].filter((p) => p >= 1 && p <= totalPages).sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((page, index) => {
    const previous = sorted[index - 1];
    if (previous !== undefined && page - previous > 1) out.push(null);
    out.push(page);
  });
  return out;
}

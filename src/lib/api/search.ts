import { graphql } from './client.ts';
import type { EventStatus } from './events.ts';

/** An event as the search page lists it. */
export interface EventHit {
  id: string;
  uuid: string;
  url: string | null;
  title: string;
  beginsOn: string;
  endsOn: string | null;
  status: EventStatus;
  local: boolean | null;
  options: { timezone: string | null; isOnline: boolean | null } | null;
  physicalAddress: { description: string | null; locality: string | null } | null;
}

export interface ProfileHit {
  id: string;
  preferredUsername: string;
  name: string | null;
  domain: string | null;
  url: string | null;
  summary: string | null;
}

interface Page<T> {
  total: number;
  elements: (T | null)[];
}

export const SEARCH_PAGE_SIZE = 10;
export type SearchScope = 'SELF' | 'INTERNAL';

export const SEARCH = graphql<
  { searchEvents: Page<EventHit> | null; searchPersons: Page<ProfileHit> | null },
  { term: string; page: number; limit: number; searchTarget: SearchScope }
>(`
  query SiteSearch($term: String, $page: Int, $limit: Int, $searchTarget: SearchTarget) {
    searchEvents(term: $term, page: $page, limit: $limit, searchTarget: $searchTarget) {
      total
      elements {
        id
        uuid
        url
        title
        beginsOn
        endsOn
        status
        ... on Event {
          local
        }
        options {
          timezone
          isOnline
        }
        physicalAddress {
          description
          locality
        }
      }
    }
    searchPersons(term: $term, page: 1, limit: $limit) {
      total
      elements {
        id
        preferredUsername
        name
        domain
        url
        summary
      }
    }
  }
`);

const HANDLE = /^(?:acct:)?@?[a-z0-9_][a-z0-9_.-]*@[a-z0-9.-]+(?::\d+)?$/i;

/** Whether a term names one thing on the fediverse (a URL or `@user@host`) rather than words. */
export const isLookupTerm = (term: string): boolean => /^https?:\/\/\S+$/i.test(term) || HANDLE.test(term);

/** The server an address lives on (`host[:port]`), or null. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

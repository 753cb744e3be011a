import { GraphQLRequestError } from '#lib/api/client.ts';
import { isLookupTerm, SEARCH, SEARCH_PAGE_SIZE, type EventHit, type ProfileHit } from '#lib/api/search.ts';
import { gqlAs } from '#lib/api/session.ts';
import type { PageServerLoad } from './$types';

const present = <T>(page: { total: number; elements: (T | null)[] } | null) => ({
  total: page?.total ?? 0,
  elements: (page?.elements ?? []).filter((element): element is T => element !== null)
});

/** `/search?term=…` (Mobilizon's address): events and profiles; a pasted URL or handle is looked up. */
export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const term = (params.get('term') ?? '').trim().slice(0, 500);
  const scope = params.get('scope') === 'local' ? 'SELF' : 'INTERNAL';
  const page = Math.max(1, Math.min(1000, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  const { user } = await event.parent();
  const lookup = isLookupTerm(term);
  const empty = { total: 0, elements: [] };
  let events: { total: number; elements: EventHit[] } = empty;
  let profiles: { total: number; elements: ProfileHit[] } = empty;
  let problem: 'rateLimited' | 'failed' | null = null;
  if (term !== '') {
    try {
      const result = await gqlAs(event, SEARCH, { term, page, limit: SEARCH_PAGE_SIZE, searchTarget: scope });
      events = present(result.searchEvents);
      profiles = present(result.searchPersons);
    } catch (caught) {
      if (!(caught instanceof GraphQLRequestError)) throw caught;
      problem = caught.code === 'rate_limited' ? 'rateLimited' : 'failed';
    }
  }
  return {
    term,
    scope,
    page,
    totalPages: Math.max(1, Math.ceil(events.total / SEARCH_PAGE_SIZE)),
    events,
    profiles,
    lookup,
    signedIn: user !== null,
    problem
  };
};

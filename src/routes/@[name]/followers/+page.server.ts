import { error, redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import {
  approvedFilter,
  DECISION_OUTCOMES,
  FOLLOWERS_PAGE_SIZE,
  GROUP_FOLLOWERS,
  isDecisionOutcome,
  isFollowerFilter,
  type GroupFollow
} from '#lib/api/group-follows.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { PageServerLoad } from './$types';

/**
 * A group's followers, for its moderators and administrators: those waiting first, to approve or
 * refuse (the forms post to ./decide, which comes back here saying how it went).
 */
export const load: PageServerLoad = async (event) => {
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  const params = event.url.searchParams;
  const filterParam = params.get('filter');
  const filter = isFollowerFilter(filterParam) ? filterParam : 'all';
  const decided = params.get('decided');
  const who = (params.get('who') ?? '').slice(0, 200);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  try {
    const { group } = await gqlAs(event, GROUP_FOLLOWERS, {
      name: event.params.name,
      page,
      limit: FOLLOWERS_PAGE_SIZE,
      approved: approvedFilter(filter)
    });
    if (!group) error(404, 'Not found');
    const total = group.followers?.total ?? 0;
    return {
      group,
      filter,
      page,
      total,
      totalPages: Math.max(1, Math.ceil(total / FOLLOWERS_PAGE_SIZE)),
      followers: (group.followers?.elements ?? []).filter((f): f is GroupFollow => f !== null),
      decided: isDecisionOutcome(decided)
        ? { message: DECISION_OUTCOMES[decided], ok: decided === 'approved' || decided === 'refused', name: who }
        : null
    };
  } catch (caught) {
    if (!(caught instanceof GraphQLRequestError)) throw caught;
    if (caught.unauthenticated) redirect(303, loginUrl(event.url));
    if (caught.notFound) error(404, 'Not found');
    if (caught.code === 'unauthorized') error(403, 'Forbidden');
    throw caught;
  }
};

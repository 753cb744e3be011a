import { error } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { GROUP_EVENTS, GROUP_EVENTS_PAGE_SIZE, type GroupEventSummary } from '#lib/api/group-events.ts';
import { gqlAs } from '#lib/api/session.ts';
import type { PageServerLoad } from './$types';

/** A group's events, a page at a time: upcoming by default, past ones with `?past`; members also see drafts. */
export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const past = params.has('past');
  const page = Math.max(1, Math.min(10_000, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  const now = new Date().toISOString();
  try {
    const { group } = await gqlAs(event, GROUP_EVENTS, {
      name: event.params.name,
      ...(past ? { beforeDatetime: now } : { afterDatetime: now }),
      orderDirection: past ? 'DESC' : 'ASC',
      page,
      limit: GROUP_EVENTS_PAGE_SIZE
    });
    if (!group) error(404, 'Not found');
    const total = group.organizedEvents?.total ?? 0;
    return {
      group,
      past,
      page,
      total,
      totalPages: Math.max(1, Math.ceil(total / GROUP_EVENTS_PAGE_SIZE)),
      events: (group.organizedEvents?.elements ?? []).filter((e): e is GroupEventSummary => e !== null)
    };
  } catch (caught) {
    if (caught instanceof GraphQLRequestError && caught.notFound) error(404, 'Not found');
    throw caught;
  }
};

import { error, redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { pageParam } from '#lib/api/reports.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import { GROUP_ACTIVITY, isActivityType } from '#lib/api/timeline.ts';
import { groupHandle } from '#lib/api/todos.ts';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

export const load: PageServerLoad = async (event) => {
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  const asked = (event.url.searchParams.get('type') ?? '').toUpperCase();
  const type = isActivityType(asked) ? asked : null;
  const page = pageParam(event.url.searchParams.get('page'));
  try {
    const { group } = await gqlAs(event, GROUP_ACTIVITY, { name: event.params.name, type, page, limit: PAGE_SIZE });
    return {
      forbidden: false,
      group: { name: group.name?.trim() || group.preferredUsername, handle: groupHandle(group) },
      type,
      page,
      totalPages: Math.max(1, Math.ceil((group.activity?.total ?? 0) / PAGE_SIZE)),
      lines: group.activity?.elements ?? []
    };
  } catch (err) {
    if (!(err instanceof GraphQLRequestError)) throw err;
    if (err.unauthenticated) redirect(303, loginUrl(event.url));
    if (err.notFound) error(404, 'Not found');
    if (err.code !== 'unauthorized') throw err;
    // The group answers; only its history is closed to the visitor.
    const group = (err.data as { group?: { name: string | null; preferredUsername: string; domain: string | null } })
      ?.group;
    return {
      forbidden: true,
      group: {
        name: group?.name?.trim() || group?.preferredUsername || event.params.name,
        handle: group ? groupHandle(group) : event.params.name
      },
      type,
      page,
      totalPages: 1,
      lines: []
    };
  }
};

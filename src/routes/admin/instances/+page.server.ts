import { redirect } from '@sveltejs/kit';
import { instanceActions, refusedAdmin } from '#lib/api/instance-actions.ts';
import {
  INSTANCES,
  INSTANCE_ACTIONS,
  INSTANCES_PAGE_SIZE,
  instanceFilters,
  type InstanceAction
} from '#lib/api/instances.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { Actions, PageServerLoad } from './$types';

const isAction = (value: string | null): value is InstanceAction =>
  value !== null && (INSTANCE_ACTIONS as readonly string[]).includes(value);

export const load: PageServerLoad = async (event) => {
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  const filters = instanceFilters(event.url);
  try {
    const { instances } = await gqlAs(event, INSTANCES, {
      page: filters.page,
      limit: INSTANCES_PAGE_SIZE,
      filterDomain: filters.domain || null,
      filterFollowStatus: filters.follow,
      filterSuspendStatus: filters.blocked ? 'SUSPENDED' : 'ALL'
    });
    const done = event.url.searchParams.get('done');
    return {
      filters,
      total: instances.total,
      instances: instances.elements,
      totalPages: Math.max(1, Math.ceil(instances.total / INSTANCES_PAGE_SIZE)),
      done: isAction(done) ? { action: done, subject: event.url.searchParams.get('subject') ?? '' } : null
    };
  } catch (err) {
    refusedAdmin(err, event.url);
  }
};

export const actions: Actions = instanceActions;

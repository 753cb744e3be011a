import { error, redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { instanceActions, refusedAdmin } from '#lib/api/instance-actions.ts';
import { INSTANCE, INSTANCE_ACTIONS, type InstanceAction } from '#lib/api/instances.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { Actions, PageServerLoad } from './$types';

const isAction = (value: string | null): value is InstanceAction =>
  value !== null && (INSTANCE_ACTIONS as readonly string[]).includes(value);

export const load: PageServerLoad = async (event) => {
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  try {
    const { instance } = await gqlAs(event, INSTANCE, { domain: event.params.domain });
    const done = event.url.searchParams.get('done');
    return {
      remote: instance,
      done: isAction(done) ? { action: done, subject: event.url.searchParams.get('subject') ?? '' } : null
    };
  } catch (err) {
    if (err instanceof GraphQLRequestError && err.notFound) error(404, 'Not found');
    refusedAdmin(err, event.url);
  }
};

export const actions: Actions = instanceActions;

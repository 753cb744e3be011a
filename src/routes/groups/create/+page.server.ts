import { redirect } from '@sveltejs/kit';
import { submitGroupForm } from '#lib/api/group-form-action.ts';
import { CREATE_GROUP } from '#lib/api/groups.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  const { user } = await event.parent();
  if (!user) redirect(303, loginUrl(event.url));
  return { host: event.url.host };
};

export const actions: Actions = {
  save: (event) =>
    submitGroupForm(event, true, async (variables) => {
      const { createGroup } = await gqlAs(event, CREATE_GROUP, variables);
      return `/@${createGroup.preferredUsername}?created=1`;
    })
};

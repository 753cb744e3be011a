import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { submitGroupForm } from '#lib/api/group-form-action.ts';
import { groupToFormValues } from '#lib/api/group-form.ts';
import { DELETE_GROUP, GROUP_EDIT, GROUP_HEADER, groupParam, isAdministrator, UPDATE_GROUP } from '#lib/api/groups.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { groupName, viewerRole, user } = await event.parent();
  if (!user || !hasSession(event)) redirect(303, loginUrl(event.url));
  if (!isAdministrator(viewerRole)) error(403, 'Only administrators change the group');
  const { group } = await gqlAs(event, GROUP_EDIT, { name: groupName });
  return { edited: group, values: groupToFormValues(group), host: event.url.host };
};

/** The group the URL names (its id is what the mutations take). */
async function groupOf(event: RequestEvent<{ name: string }>) {
  return (await gqlAs(event, GROUP_HEADER, { name: event.params.name.replace(/^@/, '') })).group;
}

export const actions: Actions = {
  save: async (event) => {
    const group = await groupOf(event);
    return submitGroupForm(event, false, async (variables) => {
      const { preferredUsername: _username, ...changes } = variables;
      await gqlAs(event, UPDATE_GROUP, { id: group.id, ...changes });
      return `/@${groupParam(group)}/settings?saved=1`;
    });
  },
  delete: async (event) => {
    const data = await event.request.formData();
    if (data.get('confirm') !== 'yes') {
      return fail(400, { deleteError: 'groups.settings.delete.confirmRequired' as MessageKey });
    }
    try {
      const group = await groupOf(event);
      await gqlAs(event, DELETE_GROUP, { groupId: group.id });
    } catch (caught) {
      if (!(caught instanceof GraphQLRequestError)) throw caught;
      if (caught.unauthenticated) redirect(303, loginUrl(event.url));
      console.error('deleteGroup failed', caught);
      return fail(400, {
        deleteError: (caught.code === 'unauthorized' ? 'groups.error.forbidden' : 'groups.error.unknown') as MessageKey
      });
    }
    redirect(303, '/groups?deleted=1');
  }
};

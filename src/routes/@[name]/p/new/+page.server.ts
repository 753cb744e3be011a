import { error, redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { submitPostForm } from '#lib/api/post-form-action.ts';
import { canWritePosts, CREATE_POST, GROUP_FOR_POSTS, groupNameParam, MY_ROLE_IN_GROUP } from '#lib/api/posts.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The group, when the visitor's current profile writes its posts: else sign in, 404 or 403. */
async function writableGroup(event: RequestEvent) {
  const name = groupNameParam(event.params.name);
  if (!name) error(404, 'Not found');
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  try {
    const [{ group }, { loggedPerson }] = await Promise.all([
      gqlAs(event, GROUP_FOR_POSTS, { name }),
      gqlAs(event, MY_ROLE_IN_GROUP, { name })
    ]);
    if (!group) error(404, 'Not found');
    if (!canWritePosts(loggedPerson?.memberships?.elements.map((m) => m?.role) ?? [])) error(403, 'Forbidden');
    return { group, name };
  } catch (caught) {
    if (!(caught instanceof GraphQLRequestError)) throw caught;
    if (caught.unauthenticated) redirect(303, loginUrl(event.url));
    if (caught.notFound) error(404, 'Not found');
    throw caught;
  }
}

export const load: PageServerLoad = async (event) => {
  const { group, name } = await writableGroup(event);
  return { group, name, values: { title: '', body: '', visibility: 'PUBLIC' as const, tags: '' } };
};

export const actions: Actions = {
  save: async (event) => {
    const { group } = await writableGroup(event);
    return submitPostForm(event, async (variables) => {
      const { createPost } = await gqlAs(event, CREATE_POST, { ...variables, attributedToId: group.id });
      return createPost.slug;
    });
  }
};

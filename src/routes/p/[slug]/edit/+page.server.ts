import { error, fail, redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { submitPostForm } from '#lib/api/post-form-action.ts';
import {
  canWritePosts,
  DELETE_POST,
  groupHandle,
  htmlToFormText,
  MY_ROLE_IN_GROUP,
  POST_PAGE,
  UPDATE_POST
} from '#lib/api/posts.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The post, when the visitor's current profile edits its group's posts: else sign in, 404 or 403. */
async function editablePost(event: RequestEvent) {
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  try {
    const { post } = await gqlAs(event, POST_PAGE, { slug: event.params.slug });
    if (!post || !post.attributedTo) error(404, 'Not found');
    const name = groupHandle(post.attributedTo);
    const { loggedPerson } = await gqlAs(event, MY_ROLE_IN_GROUP, { name });
    if (!canWritePosts(loggedPerson?.memberships?.elements.map((m) => m?.role) ?? [])) error(403, 'Forbidden');
    return { post, name };
  } catch (caught) {
    if (!(caught instanceof GraphQLRequestError)) throw caught;
    if (caught.unauthenticated) redirect(303, loginUrl(event.url));
    if (caught.notFound) error(404, 'Not found');
    throw caught;
  }
}

export const load: PageServerLoad = async (event) => {
  const { post, name } = await editablePost(event);
  return {
    post,
    name,
    values: {
      title: post.title,
      body: htmlToFormText(post.body),
      visibility: post.visibility,
      tags: (post.tags ?? []).flatMap((t) => (t ? [t.title] : [])).join(', ')
    },
    confirmDelete: event.url.searchParams.has('delete')
  };
};

export const actions: Actions = {
  save: async (event) => {
    const { post } = await editablePost(event);
    return submitPostForm(event, async (variables, removePicture) => {
      const { updatePost } = await gqlAs(event, UPDATE_POST, {
        ...variables,
        id: post.id,
        ...(removePicture ? { picture: null } : {})
      });
      return updatePost.slug;
    });
  },
  delete: async (event) => {
    const { post, name } = await editablePost(event);
    const data = await event.request.formData();
    if (data.get('confirm') !== 'yes') return fail(400, { deleteError: 'posts.delete.confirmRequired' as const });
    try {
      await gqlAs(event, DELETE_POST, { id: post.id });
    } catch (caught) {
      if (!(caught instanceof GraphQLRequestError)) throw caught;
      if (caught.unauthenticated) redirect(303, loginUrl(event.url));
      console.error('deletePost failed', caught);
      return fail(400, { deleteError: 'posts.delete.failed' as const });
    }
    redirect(303, `/@${name}/p?notice=deleted`);
  }
};

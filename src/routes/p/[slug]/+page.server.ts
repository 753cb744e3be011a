import { error } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { canWritePosts, groupHandle, MY_ROLE_IN_GROUP, POST_PAGE } from '#lib/api/posts.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  try {
    const { post } = await gqlAs(event, POST_PAGE, { slug: event.params.slug });
    if (!post || !post.attributedTo) error(404, 'Not found');
    const group = post.attributedTo;
    const name = groupHandle(group);
    const role = hasSession(event) ? await gqlAs(event, MY_ROLE_IN_GROUP, { name }).catch(() => null) : null;
    return {
      post,
      group,
      groupName: name,
      canEdit: canWritePosts(role?.loggedPerson?.memberships?.elements.map((m) => m?.role) ?? []),
      pageUrl: new URL(`/p/${post.slug}`, event.url.origin).href,
      notice: event.url.searchParams.get('notice') === 'saved' ? ('posts.saved' as const) : null
    };
  } catch (caught) {
    if (caught instanceof GraphQLRequestError && caught.notFound) error(404, 'Not found');
    throw caught;
  }
};

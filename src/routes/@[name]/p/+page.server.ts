import { error } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { canWritePosts, GROUP_POSTS_PAGE, groupNameParam, MY_ROLE_IN_GROUP } from '#lib/api/posts.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { PageServerLoad } from './$types';

const PER_PAGE = 10;

export const load: PageServerLoad = async (event) => {
  const name = groupNameParam(event.params.name);
  if (!name) error(404, 'Not found');
  const page = Math.max(1, Math.floor(Number(event.url.searchParams.get('page') ?? '1')) || 1);
  try {
    const [{ group }, role] = await Promise.all([
      gqlAs(event, GROUP_POSTS_PAGE, { name, page, limit: PER_PAGE }),
      hasSession(event) ? gqlAs(event, MY_ROLE_IN_GROUP, { name }).catch(() => null) : null
    ]);
    if (!group) error(404, 'Not found');
    const posts = group.posts ?? { total: 0, elements: [] };
    const roles = role?.loggedPerson?.memberships?.elements.map((m) => m?.role) ?? [];
    return {
      group,
      name,
      page,
      total: posts.total,
      totalPages: Math.max(1, Math.ceil(posts.total / PER_PAGE)),
      posts: posts.elements.filter((p) => p !== null),
      canWrite: canWritePosts(roles),
      notice: event.url.searchParams.get('notice') === 'deleted' ? ('posts.deleted' as const) : null
    };
  } catch (caught) {
    if (caught instanceof GraphQLRequestError && caught.notFound) error(404, 'Not found');
    throw caught;
  }
};

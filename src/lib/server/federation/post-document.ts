import type { Post } from '../db/schema/groups.ts';
import type { Services } from '../services.ts';
import type { PostApInput } from './converters/post.ts';

/**
 * Everything a post's `Article` shows: its author, its group, its tags and its banner. Undefined
 * when its group is gone.
 */
export async function postApInput(services: Services, post: Post): Promise<PostApInput | undefined> {
  const { queries } = services;
  const [group, author, tags, pictures] = await Promise.all([
    queries.actors.byId(post.groupId),
    post.authorId ? queries.actors.byId(post.authorId) : undefined,
    queries.posts.tagsByPostIds([post.id]),
    post.pictureId ? queries.media.byIds([post.pictureId]) : []
  ]);
  if (!group) return undefined;
  return {
    post,
    author: author && !author.deletedAt ? author : null,
    group,
    tags: tags.get(post.id) ?? [],
    picture: pictures[0] ?? null,
    publicUrl: services.config.publicUrl
  };
}

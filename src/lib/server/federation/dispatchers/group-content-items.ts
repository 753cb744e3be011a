import type { Actor } from '../../db/schema/actors.ts';
import { discussionToAp } from '../converters/discussion.ts';
import { postToAp } from '../converters/post.ts';
import type { FederationModuleContext } from '../module-context.ts';

const withoutContext = ({ '@context': _context, ...object }: Record<string, unknown>) => object;

/**
 * The items of a page of a group's `posts` or `discussions` collection, embedded as their
 * converters shape them (a handful of batched reads for the page, in the page's order); other
 * collections keep their ids.
 */
export async function groupCollectionItems(
  fed: FederationModuleContext,
  group: Actor,
  collection: string,
  apIds: readonly string[]
): Promise<unknown[]> {
  const { queries } = fed.services;
  const { config } = fed;
  if (collection === 'posts') {
    const posts = await queries.posts.byApIds(apIds);
    const ids = posts.map((p) => p.id);
    const [authors, tags, pictures] = await Promise.all([
      queries.actors.byIds([...new Set(posts.flatMap((p) => (p.authorId ? [p.authorId] : [])))]),
      queries.posts.tagsByPostIds(ids),
      queries.media.byIds(posts.flatMap((p) => (p.pictureId ? [p.pictureId] : [])))
    ]);
    const byApId = new Map(
      posts.map((post) => {
        const author = authors.find((a) => a.id === post.authorId && !a.deletedAt) ?? null;
        const picture = pictures.find((m) => m.id === post.pictureId) ?? null;
        const tagsOf = tags.get(post.id) ?? [];
        const object = postToAp({ post, author, group, tags: tagsOf, picture, publicUrl: config.publicUrl });
        return [post.apId, withoutContext(object)];
      })
    );
    return apIds.map((id) => byApId.get(id) ?? id);
  }
  if (collection === 'discussions') {
    const discussions = await queries.discussions.byApIds(apIds);
    const [creators, last] = await Promise.all([
      queries.actors.byIds([...new Set(discussions.flatMap((d) => (d.creatorId ? [d.creatorId] : [])))]),
      queries.discussions.lastComments(discussions.map((d) => d.id))
    ]);
    const byApId = new Map(
      discussions.map((discussion) => {
        const creator = creators.find((a) => a.id === discussion.creatorId) ?? null;
        const lastComment = last.get(discussion.id) ?? null;
        return [discussion.apId, withoutContext(discussionToAp({ discussion, group, creator, lastComment }))];
      })
    );
    return apIds.map((id) => byApId.get(id) ?? id);
  }
  return [...apIds];
}

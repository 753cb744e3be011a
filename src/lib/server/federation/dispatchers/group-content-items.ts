import type { Actor } from '../../db/schema/actors.ts';
import type { GroupContentCollection } from '../../domain/groups/index.ts';
import { discussionToAp } from '../converters/discussion.ts';
import { postToAp } from '../converters/post.ts';
import type { FederationModuleContext } from '../module-context.ts';
import { resourceDocuments } from '../resource-document.ts';
import { todoListDocument } from '../todo-document.ts';

const withoutContext = ({ '@context': _context, ...object }: Record<string, unknown>) => object;

/**
 * The items of a page of a group's content collection, embedded as Mobilizon serves them (posts'
 * Articles, discussions' Notes, resources, todo lists), with a handful of batched reads for the
 * page, in the page's order; an object gone meanwhile stays as its id.
 */
export async function groupContentItems(
  fed: FederationModuleContext,
  group: Actor,
  collection: GroupContentCollection,
  apIds: string[]
): Promise<unknown[]> {
  const { services, config } = fed;
  const { queries } = services;
  switch (collection) {
    case 'resources':
      return resourceDocuments(services, group, inOrder(apIds, await queries.resources.byApIds(apIds)));
    case 'todos':
      return inOrder(apIds, await queries.todos.listsByApIds(apIds)).map((list) => todoListDocument(group, list));
    case 'posts': {
      const posts = await queries.posts.byApIds(apIds);
      const [authors, tags, pictures] = await Promise.all([
        queries.actors.byIds([...new Set(posts.flatMap((p) => (p.authorId ? [p.authorId] : [])))]),
        queries.posts.tagsByPostIds(posts.map((p) => p.id)),
        queries.media.byIds(posts.flatMap((p) => (p.pictureId ? [p.pictureId] : [])))
      ]);
      const byApId = new Map(
        posts.map((post) => {
          const author = authors.find((a) => a.id === post.authorId && !a.deletedAt) ?? null;
          const picture = pictures.find((m) => m.id === post.pictureId) ?? null;
          const object = postToAp({
            post,
            author,
            group,
            tags: tags.get(post.id) ?? [],
            picture,
            publicUrl: config.publicUrl
          });
          return [post.apId, withoutContext(object)];
        })
      );
      return apIds.map((id) => byApId.get(id) ?? id);
    }
    case 'discussions': {
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
    default:
      return apIds;
  }
}

function inOrder<T extends { apId: string }>(apIds: readonly string[], rows: readonly T[]): T[] {
  const byApId = new Map(rows.map((row) => [row.apId, row]));
  return apIds.flatMap((apId) => byApId.get(apId) ?? []);
}

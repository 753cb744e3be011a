import type { Actor } from '../../db/schema/actors.ts';
import type { Post } from '../../db/schema/groups.ts';
import type { DomainEventBus } from '../../jobs/domain-events.ts';
import { activityToAp } from '../converters/activity.ts';
import { postTombstoneToAp, postToAp } from '../converters/post.ts';
import type { FederationModuleContext } from '../module-context.ts';
import { postApInput } from '../post-document.ts';
import type { GroupAudience } from './group-audience.ts';
import { publishGroupContent } from './group-content.ts';

const audienceOf = (visibility: Post['visibility']): GroupAudience => (visibility === 'private' ? 'members' : 'public');

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

/**
 * Group posts between servers (activitypub.md §7 Post, §9): Create, Update and Delete of an
 * `Article`. A local group's posts reach its remote members (members-only posts) or members and
 * followers (public and unlisted ones), announced by the group when a member wrote them; a local
 * moderator's post in a remote group goes to that group's inbox. Drafts stay where they are
 * written: a post leaves when it is published (its first Create then).
 */
export function registerGroupPostOutbox(bus: DomainEventBus, fed: FederationModuleContext): void {
  const { queries } = fed.services;

  async function actorOf(id: number | null | undefined): Promise<Actor | null> {
    return id ? ((await queries.actors.byId(id)) ?? null) : null;
  }

  async function publish(postId: number, type: 'Create' | 'Update', byActorId?: number | null) {
    const post = await queries.posts.byId(postId);
    if (!post || post.draft) return;
    const input = await postApInput(fed.services, post);
    if (!input || input.group.deletedAt) return;
    const { group } = input;
    // A copy of a remote group's post is its server's to send.
    if (group.domain !== null && !post.local) return;
    const actor = (await actorOf(byActorId)) ?? input.author;
    const { '@context': _context, ...article } = postToAp(input);
    const id = type === 'Create' ? `${post.apId}/activity` : `${post.apId}/update/${post.updatedAt.getTime()}`;
    const signerApId = (actor ?? group).apId;
    await publishGroupContent(fed, {
      group,
      actor,
      activity: activityToAp(type, id, signerApId, article, { to: asList(article.to), cc: asList(article.cc) }),
      audience: audienceOf(post.visibility),
      orderingKey: post.apId
    });
  }

  bus.subscribe('PostCreated', 'federate', ({ payload }) => publish(payload.postId, 'Create'));

  bus.subscribe('PostUpdated', 'federate', ({ payload }) =>
    publish(payload.postId, payload.wasDraft ? 'Create' : 'Update', payload.byActorId)
  );

  bus.subscribe('PostDeleted', 'federate', async ({ payload }) => {
    if (payload.draft) return;
    const group = await queries.actors.byId(payload.groupId);
    if (!group || group.type !== 'Group' || group.deletedAt) return;
    if (group.domain !== null && !payload.local) return;
    const actor = (await actorOf(payload.byActorId)) ?? (await actorOf(payload.authorId));
    const membersUrl = group.membersUrl ?? `${group.apId}/members`;
    const tombstone = postTombstoneToAp(payload.apId);
    await publishGroupContent(fed, {
      group,
      actor,
      activity: activityToAp('Delete', `${payload.apId}/delete`, (actor ?? group).apId, tombstone, {
        to: [membersUrl, group.apId]
      }),
      audience: audienceOf(payload.visibility),
      orderingKey: payload.apId
    });
  });
}

import type { Actor } from '../../db/schema/actors.ts';
import type { Comment } from '../../db/schema/comments.ts';
import type { Discussion } from '../../db/schema/groups.ts';
import type { DomainEventBus } from '../../jobs/domain-events.ts';
import { activityToAp } from '../converters/activity.ts';
import { discussionMessageToAp, discussionTombstoneToAp, discussionToAp } from '../converters/discussion.ts';
import type { FederationModuleContext } from '../module-context.ts';
import { publishGroupContent } from './group-content.ts';

/**
 * Group discussions between servers (activitypub.md §7 Discussion, §9), all addressed to the
 * group's members: each message is a Create (Update when edited, Delete when removed) of a Note
 * whose `context` is the discussion, the first one carrying its title; a new title is an Update of
 * the discussion's own Note; a deleted discussion is a Delete of its id. From a local group they
 * reach its remote members, announced by the group; from a local member of a remote group they go
 * to the group's inbox. Messages under events are comments (outbox/comments.ts), not these.
 */
export function registerGroupDiscussionOutbox(bus: DomainEventBus, fed: FederationModuleContext): void {
  const { queries } = fed.services;

  const actorOf = async (id: number | null | undefined): Promise<Actor | null> =>
    id ? ((await queries.actors.byId(id)) ?? null) : null;

  async function groupOf(discussion: Discussion): Promise<Actor | undefined> {
    const group = await queries.actors.byId(discussion.groupId);
    return group?.type === 'Group' && !group.deletedAt ? group : undefined;
  }

  /** A discussion's message with its discussion and group; undefined for any other comment. */
  async function message(commentId: number) {
    const comment = await queries.comments.byId(commentId);
    if (!comment || comment.discussionId === null) return undefined;
    const discussion = await queries.discussions.byId(comment.discussionId);
    const group = discussion ? await groupOf(discussion) : undefined;
    if (!discussion || !group) return undefined;
    // A copy of a remote group's message is its server's to send.
    if (group.domain !== null && !comment.local) return undefined;
    return { comment, discussion, group };
  }

  async function send(
    group: Actor,
    discussion: Discussion,
    actor: Actor | null,
    activity: ReturnType<typeof activityToAp>
  ) {
    await publishGroupContent(fed, { group, actor, activity, audience: 'members', orderingKey: discussion.apId });
  }

  async function publishMessage(
    found: { comment: Comment; discussion: Discussion; group: Actor },
    type: 'Create' | 'Update',
    first: boolean
  ) {
    const { comment, discussion, group } = found;
    if (comment.deletedAt) return;
    const author = await actorOf(comment.actorId);
    if (!author) return;
    const { '@context': _context, ...note } = discussionMessageToAp({ comment, author, discussion, group, first });
    const id = type === 'Create' ? `${comment.apId}/activity` : `${comment.apId}/update/${comment.updatedAt.getTime()}`;
    await send(
      group,
      discussion,
      author,
      activityToAp(type, id, author.apId, note, { to: [...(note.to as string[])] })
    );
  }

  bus.subscribe('DiscussionCreated', 'federate', async ({ payload }) => {
    const found = await message(payload.commentId);
    if (found) await publishMessage(found, 'Create', true);
  });

  bus.subscribe('DiscussionReplied', 'federate', async ({ payload }) => {
    const found = await message(payload.commentId);
    if (found) await publishMessage(found, 'Create', false);
  });

  bus.subscribe('CommentUpdated', 'federate-discussion', async ({ payload }) => {
    const found = await message(payload.commentId);
    if (!found) return;
    const first = await queries.discussions.comments(found.discussion.id, { page: 1, limit: 1 });
    await publishMessage(found, 'Update', first.elements[0]?.id === found.comment.id);
  });

  bus.subscribe('CommentDeleted', 'federate-discussion', async ({ payload }) => {
    const found = await message(payload.commentId);
    if (!found) return;
    const { comment, discussion, group } = found;
    // Removed by its author or a moderator; by nobody in particular (an instance moderator): the group.
    const actor = await actorOf(payload.byActorId);
    const tombstone = discussionTombstoneToAp(comment.apId, comment.deletedAt ?? new Date());
    const to = [group.membersUrl ?? `${group.apId}/members`];
    await send(
      group,
      discussion,
      actor,
      activityToAp('Delete', `${comment.apId}/delete`, (actor ?? group).apId, tombstone, { to })
    );
  });

  bus.subscribe('DiscussionRenamed', 'federate', async ({ payload }) => {
    const discussion = await queries.discussions.byId(payload.discussionId);
    const group = discussion ? await groupOf(discussion) : undefined;
    if (!discussion || !group) return;
    const [actor, creator, last] = await Promise.all([
      actorOf(payload.byActorId),
      actorOf(discussion.creatorId),
      queries.discussions.lastComments([discussion.id])
    ]);
    const lastComment = last.get(discussion.id) ?? null;
    const { '@context': _context, ...object } = discussionToAp({ discussion, group, creator, lastComment });
    const id = `${discussion.apId}/update/${discussion.updatedAt.getTime()}`;
    const activity = activityToAp('Update', id, (actor ?? group).apId, object, { to: [...(object.to as string[])] });
    await send(group, discussion, actor, activity);
  });

  bus.subscribe('DiscussionDeleted', 'federate', async ({ payload }) => {
    const group = await queries.actors.byId(payload.groupId);
    if (!group || group.type !== 'Group' || group.deletedAt) return;
    const actor = await actorOf(payload.byActorId);
    const to = [group.membersUrl ?? `${group.apId}/members`];
    const activity = activityToAp(
      'Delete',
      `${payload.apId}/delete`,
      (actor ?? group).apId,
      discussionTombstoneToAp(payload.apId),
      { to }
    );
    await publishGroupContent(fed, { group, actor, activity, audience: 'members', orderingKey: payload.apId });
  });
}

import { and, eq } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';
import { comments, type Comment } from '../../db/schema/comments.ts';
import { discussions, type Discussion, type MemberRole } from '../../db/schema/groups.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { tombstoneOf } from '../fediverse/index.ts';
import { canInGroup, loadGroup, resolveActing, roleInGroup } from '../groups/index.ts';
import {
  insertDiscussion,
  insertMessage,
  recordDiscussionActivity,
  removeDiscussion,
  renameDiscussion,
  tombstoneMessage
} from './discussion-writes.ts';
import type { discussionInputs } from './discussions.inputs.ts';
import { canDeleteDiscussion, canDeleteMessage, canRenameDiscussion, canSeeDiscussions } from './discussions.policy.ts';
import type { AnnouncedDiscussionMessage, RemoteDiscussionMessage } from './remote-message.ts';

export type RemoteActing = { remoteActorId: number };

const forbidden = (message: string) => new DomainError('forbidden', message, { field: 'actor' });
const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};
const sameOrigin = (a: string, b: string) => originOf(a) !== null && originOf(a) === originOf(b);

export type MessageResult = { discussion: Discussion; comment: Comment; created: boolean } | undefined;

/**
 * Discussions reaching us from other servers: messages of members of our groups (checked with the
 * same permission table as for local profiles, idempotent by id), and copies of what remote groups
 * announce (trusted as the group's own content).
 */
export class RemoteDiscussions {
  private readonly deps: ServiceDeps;
  private readonly inputs: ReturnType<typeof discussionInputs>;
  constructor(deps: ServiceDeps, inputs: ReturnType<typeof discussionInputs>) {
    this.deps = deps;
    this.inputs = inputs;
  }

  receiveMessage(acting: RemoteActing, data: RemoteDiscussionMessage): Promise<MessageResult> {
    return transaction(this.deps.pool, async (tx) => {
      const author = await resolveActing(tx, acting);
      // Nobody speaks for another server: the message (and a new discussion) come from the author's.
      if (!sameOrigin(data.apId, author.apId)) throw forbidden('This message is not from its author’s server');
      const role = await roleInGroup(tx.db, data.groupId, author.id);
      return this.upsert(tx, data, author, { role });
    });
  }

  announcedMessage(data: AnnouncedDiscussionMessage): Promise<MessageResult> {
    return transaction(this.deps.pool, async (tx) => {
      const group = await loadGroup(tx, data.groupId);
      if (group.domain === null) throw forbidden('Our own groups are not announced to us');
      const [author] = await tx.db.select().from(actors).where(eq(actors.id, data.authorId));
      if (!author) throw new DomainError('not_found', 'Unknown author', { field: 'authorId' });
      return this.upsert(tx, data, author, null);
    });
  }

  /**
   * Stores a message, and its discussion when it is the first we hear of it. `check`: the author's
   * role in the group, checked against the permission table; null for a copy a remote group
   * announced (its own content).
   */
  private async upsert(
    tx: Transaction,
    data: RemoteDiscussionMessage,
    author: Actor,
    check: { role: MemberRole | null } | null
  ): Promise<MessageResult> {
    const trusted = (action: 'discussion.create' | 'discussion.reply') => !check || canInGroup(check.role, action);
    const text = parseInput(this.inputs.text, data.text);
    if (await tombstoneOf(tx.db, data.apId)) return undefined;
    const group = await loadGroup(tx, data.groupId);
    let [discussion] = await tx.db
      .select()
      .from(discussions)
      .where(eq(discussions.apId, data.discussionApId))
      .for('update');
    if (discussion && discussion.groupId !== group.id) throw forbidden('This discussion is another group’s');
    if (!discussion) {
      if (!trusted('discussion.create')) throw forbidden('Only members of this group can do this');
      if (await tombstoneOf(tx.db, data.discussionApId)) return undefined;
      const title = data.title ? parseInput(this.inputs.title, data.title) : null;
      if (!title) throw new DomainError('validation', 'Unknown discussion', { field: 'context' });
      discussion = await insertDiscussion(tx, this.deps.config.publicUrl, {
        group,
        creator: author,
        title,
        remote: { apId: data.discussionApId, url: data.discussionUrl ?? data.discussionApId },
        createdAt: data.publishedAt ?? undefined
      });
    } else if (!trusted('discussion.reply')) {
      throw forbidden('Only members of this group can do this');
    }
    const [existing] = await tx.db.select().from(comments).where(eq(comments.apId, data.apId)).for('update');
    if (existing) {
      if (existing.local || existing.actorId !== author.id || existing.discussionId !== discussion.id) {
        throw forbidden('This message is someone else’s');
      }
      if (existing.deletedAt) return undefined;
      if (existing.text === text) return { discussion, comment: existing, created: false };
      const [updated] = await tx.db
        .update(comments)
        .set({ text, updatedAt: data.updatedAt ?? new Date() })
        .where(eq(comments.id, existing.id))
        .returning();
      // Our group's members hear of the edit from us.
      if (group.domain === null) await this.deps.events.record(tx, 'CommentUpdated', { commentId: existing.id });
      return { discussion, comment: updated ?? existing, created: false };
    }
    const first = (await tx.db.$count(comments, eq(comments.discussionId, discussion.id))) === 0;
    const comment = await insertMessage(tx, this.deps.config.publicUrl, {
      discussion,
      author,
      text,
      remote: { apId: data.apId, url: data.url, uuid: null, publishedAt: data.publishedAt }
    });
    if (group.domain === null) {
      await recordDiscussionActivity(tx, discussion, author.id, first ? 'discussion_created' : 'discussion_replied');
      await this.deps.events.record(tx, first ? 'DiscussionCreated' : 'DiscussionReplied', {
        discussionId: discussion.id,
        commentId: comment.id
      });
    }
    return { discussion, comment, created: true };
  }

  rename(acting: RemoteActing, data: { apId: string; title: string }): Promise<Discussion | undefined> {
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const title = parseInput(this.inputs.title, data.title);
      const [discussion] = await tx.db.select().from(discussions).where(eq(discussions.apId, data.apId)).for('update');
      if (!discussion) return undefined;
      const role = await roleInGroup(tx.db, discussion.groupId, actor.id);
      if (!canRenameDiscussion(role, discussion, actor.id)) throw forbidden('You may not rename this discussion');
      if (title === discussion.title) return discussion;
      const renamed = await renameDiscussion(tx, discussion, title);
      await this.renamed(tx, discussion, renamed, actor.id);
      return renamed;
    });
  }

  private async renamed(tx: Transaction, before: Discussion, after: Discussion, actorId: number | null) {
    const group = await loadGroup(tx, after.groupId);
    if (group.domain !== null) return;
    await recordDiscussionActivity(tx, after, actorId, 'discussion_renamed', { old_discussion_title: before.title });
    await this.deps.events.record(tx, 'DiscussionRenamed', {
      discussionId: after.id,
      oldTitle: before.title,
      byActorId: actorId
    });
  }

  /** A remote group renamed one of its discussions (its own decision: no permission to check here). */
  announcedRename(data: { groupId: number; apId: string; title: string }): Promise<Discussion | undefined> {
    return transaction(this.deps.pool, async (tx) => {
      const group = await loadGroup(tx, data.groupId);
      if (group.domain === null) throw forbidden('Our own groups are not announced to us');
      const title = parseInput(this.inputs.title, data.title);
      const [discussion] = await tx.db.select().from(discussions).where(eq(discussions.apId, data.apId)).for('update');
      if (!discussion || discussion.groupId !== group.id) return undefined;
      return title === discussion.title ? discussion : renameDiscussion(tx, discussion, title);
    });
  }

  /** A discussion (by a moderator) or a message (by its author or a moderator) goes. */
  remove(acting: RemoteActing, apId: string): Promise<'discussion' | 'message' | undefined> {
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      return this.removeAs(tx, apId, actor, async (groupId) => roleInGroup(tx.db, groupId, actor.id));
    });
  }

  announcedDeletion(data: { groupId: number; apId: string }): Promise<'discussion' | 'message' | undefined> {
    return transaction(this.deps.pool, async (tx) => {
      const group = await loadGroup(tx, data.groupId);
      if (group.domain === null) throw forbidden('Our own groups are not announced to us');
      return this.removeAs(tx, data.apId, null, async (groupId) => (groupId === group.id ? 'creator' : null));
    });
  }

  private async removeAs(
    tx: Transaction,
    apId: string,
    actor: Actor | null,
    roleIn: (groupId: number) => Promise<MemberRole | null>
  ): Promise<'discussion' | 'message' | undefined> {
    const [discussion] = await tx.db.select().from(discussions).where(eq(discussions.apId, apId)).for('update');
    if (discussion) {
      if (!canDeleteDiscussion(await roleIn(discussion.groupId))) throw forbidden('You may not delete this discussion');
      const commentApIds = await removeDiscussion(tx, discussion, actor?.id ?? null);
      if ((await loadGroup(tx, discussion.groupId)).domain === null) {
        await recordDiscussionActivity(tx, discussion, actor?.id ?? null, 'discussion_deleted');
        await this.deps.events.record(tx, 'DiscussionDeleted', {
          discussionId: discussion.id,
          apId: discussion.apId,
          groupId: discussion.groupId,
          commentApIds,
          byActorId: actor?.id ?? null
        });
      }
      return 'discussion';
    }
    const [comment] = await tx.db.select().from(comments).where(eq(comments.apId, apId)).for('update');
    if (!comment || comment.discussionId === null || comment.deletedAt) return undefined;
    const [owner] = await tx.db
      .select({ groupId: discussions.groupId })
      .from(discussions)
      .where(and(eq(discussions.id, comment.discussionId)));
    if (!owner) return undefined;
    const role = await roleIn(owner.groupId);
    const allowed = actor ? canDeleteMessage(role, comment, actor.id) : canSeeDiscussions(role);
    if (!allowed) throw forbidden('You may not delete this message');
    await tombstoneMessage(tx, comment, actor?.id ?? null);
    await this.deps.events.record(tx, 'CommentDeleted', { commentId: comment.id, byActorId: actor?.id ?? null });
    return 'message';
  }
}

import { eq } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import type { Actor } from '../../db/schema/actors.ts';
import type { Comment } from '../../db/schema/comments.ts';
import { discussions, type Discussion, type MemberRole } from '../../db/schema/groups.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { loadGroup, requireGroupPermission, resolveActing, roleInGroup, type Acting } from '../groups/index.ts';
import {
  insertDiscussion,
  insertMessage,
  recordDiscussionActivity,
  removeDiscussion,
  renameDiscussion
} from './discussion-writes.ts';
import {
  discussionInputs,
  type DiscussionRenameInput,
  type DiscussionReplyInput,
  type NewDiscussionInput
} from './discussions.inputs.ts';
import { canDeleteDiscussion, canRenameDiscussion, canSeeDiscussions } from './discussions.policy.ts';
import { RemoteDiscussions, type RemoteActing } from './remote-discussions.ts';
import type { AnnouncedDiscussionMessage, RemoteDiscussionMessage } from './remote-message.ts';

export const discussionNotFound = () => new DomainError('not_found', 'Discussion not found', { field: 'discussionId' });

/** A discussion, locked, with what the acting profile is in its group; hidden from non-members. */
export async function discussionFor(
  tx: Transaction,
  discussionId: number,
  actor: Actor
): Promise<{ discussion: Discussion; role: MemberRole | null }> {
  const [discussion] = await tx.db.select().from(discussions).where(eq(discussions.id, discussionId)).for('update');
  if (!discussion) throw discussionNotFound();
  const role = await roleInGroup(tx.db, discussion.groupId, actor.id);
  if (!canSeeDiscussions(role)) throw discussionNotFound();
  return { discussion, role };
}

/**
 * Discussions in a group's members' area: threads of messages (comments with no event) that
 * members start and answer; moderators (and a thread's creator) rename them, moderators delete them.
 * The same rules hold for members on other servers (see RemoteDiscussions).
 */
export class DiscussionsService {
  private readonly deps: ServiceDeps;
  private readonly inputs: ReturnType<typeof discussionInputs>;
  private readonly remote: RemoteDiscussions;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
    this.inputs = discussionInputs(deps.config.publicUrl);
    this.remote = new RemoteDiscussions(deps, this.inputs);
  }

  /** A member starts a discussion with its first message. */
  async create(acting: Acting, raw: NewDiscussionInput): Promise<Discussion> {
    const input = parseInput(this.inputs.newDiscussion, raw);
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const group = await loadGroup(tx, input.groupId);
      await requireGroupPermission(tx.db, group.id, actor.id, 'discussion.create');
      const { publicUrl } = this.deps.config;
      const discussion = await insertDiscussion(tx, publicUrl, { group, creator: actor, title: input.title });
      const comment = await insertMessage(tx, publicUrl, { discussion, author: actor, text: input.text });
      await recordDiscussionActivity(tx, discussion, actor.id, 'discussion_created');
      await this.deps.events.record(tx, 'DiscussionCreated', { discussionId: discussion.id, commentId: comment.id });
      return discussion;
    });
  }

  /** A member answers; the discussion moves to the top of the group's list. */
  async reply(acting: Acting, raw: DiscussionReplyInput): Promise<{ discussion: Discussion; comment: Comment }> {
    const input = parseInput(this.inputs.reply, raw);
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const { discussion } = await discussionFor(tx, input.discussionId, actor);
      await requireGroupPermission(tx.db, discussion.groupId, actor.id, 'discussion.reply');
      const comment = await insertMessage(tx, this.deps.config.publicUrl, {
        discussion,
        author: actor,
        text: input.text
      });
      await recordDiscussionActivity(tx, discussion, actor.id, 'discussion_replied');
      await this.deps.events.record(tx, 'DiscussionReplied', { discussionId: discussion.id, commentId: comment.id });
      const [moved] = await tx.db.select().from(discussions).where(eq(discussions.id, discussion.id));
      return { discussion: moved ?? discussion, comment };
    });
  }

  /** A moderator, or the discussion's creator, gives it a new title (its address stays). */
  async rename(acting: Acting, raw: DiscussionRenameInput): Promise<Discussion> {
    const input = parseInput(this.inputs.rename, raw);
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const { discussion, role } = await discussionFor(tx, input.discussionId, actor);
      if (!canRenameDiscussion(role, discussion, actor.id)) {
        throw new DomainError('forbidden', 'Only moderators and its creator can rename this discussion', {
          field: 'discussionId'
        });
      }
      if (input.title === discussion.title) return discussion;
      const renamed = await renameDiscussion(tx, discussion, input.title);
      await recordDiscussionActivity(tx, renamed, actor.id, 'discussion_renamed', {
        old_discussion_title: discussion.title
      });
      await this.deps.events.record(tx, 'DiscussionRenamed', {
        discussionId: renamed.id,
        oldTitle: discussion.title,
        byActorId: actor.id
      });
      return renamed;
    });
  }

  /** A moderator deletes a discussion and all its messages. */
  async delete(acting: Acting, discussionId: number): Promise<Discussion> {
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const { discussion, role } = await discussionFor(tx, discussionId, actor);
      if (!canDeleteDiscussion(role)) {
        throw new DomainError('forbidden', 'Only moderators and administrators of this group can do this', {
          field: 'discussionId'
        });
      }
      const commentApIds = await removeDiscussion(tx, discussion, actor.id);
      await recordDiscussionActivity(tx, discussion, actor.id, 'discussion_deleted');
      await this.deps.events.record(tx, 'DiscussionDeleted', {
        discussionId: discussion.id,
        apId: discussion.apId,
        groupId: discussion.groupId,
        commentApIds,
        byActorId: actor.id
      });
      return discussion;
    });
  }

  /** A message from a member on another server: a new discussion, a reply, or an edit (upsert by id). */
  receiveRemoteMessage(acting: RemoteActing, data: RemoteDiscussionMessage) {
    return this.remote.receiveMessage(acting, data);
  }

  /** A remote member renames a discussion (the same rule as here: moderator or its creator). */
  receiveRemoteRename(acting: RemoteActing, data: { apId: string; title: string }) {
    return this.remote.rename(acting, data);
  }

  /** A remote member deletes a discussion (moderators) or a message (its author or a moderator). */
  receiveRemoteDelete(acting: RemoteActing, apId: string) {
    return this.remote.remove(acting, apId);
  }

  /** A copy of a remote group's discussion message, as the group announced it. */
  messageForGroupAnnounce(data: AnnouncedDiscussionMessage) {
    return this.remote.announcedMessage(data);
  }

  /** A remote group announced a discussion's new title. */
  renameForGroupAnnounce(data: { groupId: number; apId: string; title: string }) {
    return this.remote.announcedRename(data);
  }

  /** A remote group announced that a discussion or a message of it is gone. */
  deletionForGroupAnnounce(data: { groupId: number; apId: string }) {
    return this.remote.announcedDeletion(data);
  }
}

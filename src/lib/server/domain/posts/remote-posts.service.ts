import { eq } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { sanitizeRichText } from '../../core/sanitize.ts';
import { parseInput } from '../../core/validation.ts';
import { posts, type Post } from '../../db/schema/groups.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { detectLanguage } from '../events/index.ts';
import { recordTombstone, tombstoneOf } from '../fediverse/index.ts';
import { loadGroup, requireGroupPermission, resolveActing } from '../groups/index.ts';
import { insertPost, lockPost, recordPostHistory, updatePostRow } from './post-rows.ts';
import { setPostTags } from './post-tags.ts';
import { newPostInput } from './posts.inputs.ts';
import type { RemotePostInput, RemotePostResult } from './remote-post.ts';

type RemoteActing = { remoteActorId: number };

/**
 * Posts that reach us through the federation: written by moderators of a local group who live on
 * another server (the same permission table as for locals), or copies of a remote group's posts
 * that the group announced. Stored by their ActivityPub id: receiving one twice changes nothing,
 * an older version never replaces a newer one, and a deleted post never comes back.
 */
export class RemotePostsService {
  private readonly deps: ServiceDeps;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  /** A remote moderator's `Create` or `Update` of an Article attributed to a local group. */
  async receiveRemotePost(acting: RemoteActing, data: RemotePostInput): Promise<RemotePostResult> {
    if (await tombstoneOf(this.deps.db, data.apId)) return { outcome: 'gone' };
    return transaction(this.deps.pool, async (tx) => {
      const author = await resolveActing(tx, acting);
      const group = await loadGroup(tx, data.groupId);
      if (group.domain !== null) {
        throw new DomainError('forbidden', 'This group is run on another server', { field: 'groupId' });
      }
      const existing = await lockPost(tx, { apId: data.apId });
      await requireGroupPermission(tx.db, group.id, author.id, existing ? 'post.update' : 'post.create');
      return this.upsert(tx, existing, { ...data, authorId: existing?.authorId ?? author.id }, author.id, true);
    });
  }

  /** A remote moderator's `Delete` of a post of a local group. */
  async receiveRemotePostDelete(acting: RemoteActing, apId: string): Promise<boolean> {
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const existing = await lockPost(tx, { apId });
      if (!existing) return false;
      await requireGroupPermission(tx.db, existing.groupId, actor.id, 'post.delete');
      await this.remove(tx, existing, actor.id);
      return true;
    });
  }

  /**
   * A copy of a post a remote group announced (its server checked who wrote it): stored under the
   * group, no permission check beyond "the group owning it announced it".
   */
  async postForGroupAnnounce(data: RemotePostInput): Promise<RemotePostResult> {
    if (await tombstoneOf(this.deps.db, data.apId)) return { outcome: 'gone' };
    return transaction(this.deps.pool, async (tx) => {
      const group = await loadGroup(tx, data.groupId);
      if (group.domain === null) {
        throw new DomainError('forbidden', 'A local group’s posts are written here', { field: 'groupId' });
      }
      const existing = await lockPost(tx, { apId: data.apId });
      return this.upsert(tx, existing, data, data.authorId, false);
    });
  }

  /**
   * A remote group announced the deletion of one of its posts: its copy, or one a moderator of ours
   * wrote there (the group decides what it keeps).
   */
  async postDeletedForGroupAnnounce(groupId: number, apId: string): Promise<boolean> {
    return transaction(this.deps.pool, async (tx) => {
      const group = await loadGroup(tx, groupId);
      if (group.domain === null) return false;
      const existing = await lockPost(tx, { apId });
      if (!existing || existing.groupId !== groupId) return false;
      await this.remove(tx, existing, null, false);
      return true;
    });
  }

  private async upsert(
    tx: Transaction,
    existing: Post | undefined,
    data: RemotePostInput,
    historyAuthorId: number | null,
    announce: boolean
  ): Promise<RemotePostResult> {
    if (existing && (existing.groupId !== data.groupId || existing.local)) {
      throw new DomainError('forbidden', 'This post belongs elsewhere', { field: 'id' });
    }
    if (existing && data.updatedAt && existing.updatedAt.getTime() >= data.updatedAt.getTime()) {
      return { outcome: 'unchanged', postId: existing.id };
    }
    const checked = parseInput(newPostInput, {
      groupId: data.groupId,
      title: data.title.slice(0, 250),
      body: data.body,
      draft: data.draft,
      visibility: data.visibility,
      language: data.language,
      // What another server tags beyond our limits is left out rather than refusing the post.
      tags: data.tags.filter((tag) => tag.replace(/^#+/, '').trim().length <= 40).slice(0, 10)
    });
    const body = sanitizeRichText(checked.body, this.deps.config.publicUrl);
    const values = {
      title: checked.title,
      body,
      draft: checked.draft,
      visibility: checked.visibility,
      language: checked.language ?? detectLanguage(checked.title, body),
      publishAt: data.publishedAt ?? (checked.draft ? null : new Date()),
      ...(data.updatedAt ? { updatedAt: data.updatedAt } : {})
    };
    const post = existing
      ? await updatePostRow(tx, existing.id, values)
      : await insertPost(
          tx,
          this.deps.config.publicUrl,
          { ...values, local: false, groupId: data.groupId, authorId: data.authorId },
          { apId: data.apId, url: data.url }
        );
    if (data.updatedAt && existing) {
      await tx.db.update(posts).set({ updatedAt: data.updatedAt }).where(eq(posts.id, post.id));
    }
    await setPostTags(tx, post.id, checked.tags);
    if (!post.draft) {
      const subject = existing && !existing.draft ? 'post_updated' : 'post_created';
      await recordPostHistory(tx, post, historyAuthorId, subject);
    }
    if (announce) {
      if (existing) {
        await this.deps.events.record(tx, 'PostUpdated', {
          postId: post.id,
          wasDraft: existing.draft,
          byActorId: historyAuthorId
        });
      } else await this.deps.events.record(tx, 'PostCreated', { postId: post.id });
    }
    return { outcome: existing ? 'updated' : 'created', postId: post.id };
  }

  private async remove(tx: Transaction, post: Post, byActorId: number | null, announce = true): Promise<void> {
    await tx.db.delete(posts).where(eq(posts.id, post.id));
    await recordTombstone(tx, post.apId, 'Article', post.authorId);
    if (!post.draft) await recordPostHistory(tx, post, byActorId, 'post_deleted');
    if (announce) {
      await this.deps.events.record(tx, 'PostDeleted', {
        postId: post.id,
        apId: post.apId,
        groupId: post.groupId,
        authorId: post.authorId,
        visibility: post.visibility,
        draft: post.draft,
        local: post.local,
        byActorId
      });
    }
  }
}

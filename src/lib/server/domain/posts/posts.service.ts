import { eq } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { sanitizeRichText } from '../../core/sanitize.ts';
import { parseInput } from '../../core/validation.ts';
import { posts, type Post } from '../../db/schema/groups.ts';
import { transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { detectLanguage } from '../events/index.ts';
import { recordTombstone } from '../fediverse/index.ts';
import { loadGroup, requireGroupPermission, resolveActing } from '../groups/index.ts';
import { applyPostPicture, discardPostPicture, preparePostPicture, type PostPictureChange } from './post-picture.ts';
import { insertPost, lockPost, recordPostHistory, updatePostRow, type PostValues } from './post-rows.ts';
import { setPostTags } from './post-tags.ts';
import { newPostInput, postChangesInput, type NewPostInput, type PostChanges } from './posts.inputs.ts';

/** A local profile acting through its user. */
export type LocalActing = { userId: number; actorId: number };

/** Writing a group's posts as one of its moderators (or administrators) on this server. */
export class PostsService {
  private readonly deps: ServiceDeps;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  async createPost(acting: LocalActing, raw: NewPostInput, picture: PostPictureChange = undefined): Promise<Post> {
    const input = parseInput(newPostInput, raw);
    const prepared = await preparePostPicture(this.deps, picture);
    const { publicUrl } = this.deps.config;
    try {
      return await transaction(this.deps.pool, async (tx) => {
        const author = await resolveActing(tx, acting);
        const group = await loadGroup(tx, input.groupId);
        await requireGroupPermission(tx.db, group.id, author.id, 'post.create');
        const body = sanitizeRichText(input.body, publicUrl);
        const pictureId = await applyPostPicture(tx, acting.userId, author.id, picture, prepared);
        const post = await insertPost(tx, publicUrl, {
          local: true,
          title: input.title,
          body,
          draft: input.draft,
          visibility: input.visibility,
          language: input.language ?? detectLanguage(input.title, body),
          groupId: group.id,
          authorId: author.id,
          pictureId: pictureId ?? null,
          publishAt: input.publishAt ?? (input.draft ? null : new Date())
        });
        if (input.tags.length > 0) await setPostTags(tx, post.id, input.tags);
        if (!post.draft) await recordPostHistory(tx, post, author.id, 'post_created');
        await this.deps.events.record(tx, 'PostCreated', { postId: post.id });
        return post;
      });
    } catch (error) {
      await discardPostPicture(this.deps, prepared);
      throw error;
    }
  }

  /** A moderator changes a post written here; publishing a draft tells the group's history it is out. */
  async updatePost(
    acting: LocalActing,
    postId: number,
    raw: PostChanges,
    picture: PostPictureChange = undefined
  ): Promise<Post> {
    const input = parseInput(postChangesInput, raw);
    const prepared = await preparePostPicture(this.deps, picture);
    const { publicUrl } = this.deps.config;
    try {
      return await transaction(this.deps.pool, async (tx) => {
        const actor = await resolveActing(tx, acting);
        const existing = await lockPost(tx, { id: postId });
        if (!existing) throw new DomainError('not_found', 'Post not found', { field: 'id' });
        await requireGroupPermission(tx.db, existing.groupId, actor.id, 'post.update');
        if (!existing.local) {
          throw new DomainError('forbidden', 'This post is written on another server', { field: 'id' });
        }
        if (input.groupId && input.groupId !== existing.groupId) {
          throw new DomainError('validation', 'A post stays in its group', { field: 'attributedToId' });
        }
        const title = input.title ?? existing.title;
        const body = input.body == null ? existing.body : sanitizeRichText(input.body, publicUrl);
        const draft = input.draft ?? existing.draft;
        const set: Partial<PostValues> = { title, body, draft };
        if (input.visibility) set.visibility = input.visibility;
        if (input.language) set.language = input.language;
        else if (input.title != null || input.body != null) set.language = detectLanguage(title, body);
        if (input.publishAt !== undefined) set.publishAt = input.publishAt;
        if (!draft && !(set.publishAt ?? existing.publishAt)) set.publishAt = new Date();
        const pictureId = await applyPostPicture(tx, acting.userId, actor.id, picture, prepared, existing.pictureId);
        if (pictureId !== undefined) set.pictureId = pictureId;
        const post = await updatePostRow(tx, existing.id, set);
        if (input.tags) await setPostTags(tx, post.id, input.tags);
        if (!post.draft) {
          await recordPostHistory(tx, post, actor.id, existing.draft ? 'post_created' : 'post_updated');
        }
        await this.deps.events.record(tx, 'PostUpdated', {
          postId: post.id,
          wasDraft: existing.draft,
          byActorId: actor.id
        });
        return post;
      });
    } catch (error) {
      await discardPostPicture(this.deps, prepared);
      throw error;
    }
  }

  /** A moderator deletes a post of the group (a copy of a remote group's post is its server's to delete). */
  async deletePost(acting: LocalActing, postId: number): Promise<Post> {
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const existing = await lockPost(tx, { id: postId });
      if (!existing) throw new DomainError('not_found', 'Post not found', { field: 'id' });
      await requireGroupPermission(tx.db, existing.groupId, actor.id, 'post.delete');
      const group = await loadGroup(tx, existing.groupId);
      if (!existing.local && group.domain !== null) {
        throw new DomainError('forbidden', 'This post is written on another server', { field: 'id' });
      }
      await tx.db.delete(posts).where(eq(posts.id, existing.id));
      await recordTombstone(tx, existing.apId, 'Article', existing.authorId);
      if (!existing.draft) await recordPostHistory(tx, existing, actor.id, 'post_deleted');
      await this.deps.events.record(tx, 'PostDeleted', {
        postId: existing.id,
        apId: existing.apId,
        groupId: existing.groupId,
        authorId: existing.authorId,
        visibility: existing.visibility,
        draft: existing.draft,
        local: existing.local,
        byActorId: actor.id
      });
      return existing;
    });
  }
}

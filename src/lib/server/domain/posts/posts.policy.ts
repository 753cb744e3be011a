import type { MemberRole, Post } from '../../db/schema/groups.ts';
import { canInGroup } from '../groups/index.ts';

/**
 * Who reads a post, from their best role in its group (null: not a member, or anonymous): drafts
 * are for those who may edit them (moderators and up), private posts for members, public and
 * unlisted published posts for everyone who has the link.
 */
export function canSeePost(post: Pick<Post, 'draft' | 'visibility'>, role: MemberRole | null): boolean {
  if (post.draft) return canInGroup(role, 'post.update');
  if (post.visibility === 'private') return canInGroup(role, 'post.seePrivate');
  return true;
}

/** What a group's list of posts shows this viewer: public ones to all, all published ones to members, drafts too to moderators. */
export function listedPostsFor(role: MemberRole | null): { drafts: boolean; visibilities: Post['visibility'][] } {
  if (!canInGroup(role, 'post.seePrivate')) return { drafts: false, visibilities: ['public'] };
  return { drafts: canInGroup(role, 'post.update'), visibilities: ['public', 'unlisted', 'private'] };
}

import type { Comment } from '../../db/schema/comments.ts';
import type { Discussion, MemberRole } from '../../db/schema/groups.ts';
import { canInGroup } from '../groups/index.ts';

type Role = MemberRole | null | undefined;

/** Discussions live in the members' area: nobody else learns anything of them. */
export const canSeeDiscussions = (role: Role): boolean => canInGroup(role, 'discussion.see');

/** Moderators and above rename any discussion; its creator renames their own while a member. */
export const canRenameDiscussion = (role: Role, discussion: Discussion, actorId: number): boolean =>
  canInGroup(role, 'discussion.update') || (discussion.creatorId === actorId && canInGroup(role, 'discussion.reply'));

export const canDeleteDiscussion = (role: Role): boolean => canInGroup(role, 'discussion.delete');

/** A message is edited by its author (still a member). */
export const canEditMessage = (role: Role, comment: Comment, actorId: number): boolean =>
  comment.deletedAt === null && comment.actorId === actorId && canInGroup(role, 'discussion.reply');

/** A message is removed by its author or a moderator of the group. */
export const canDeleteMessage = (role: Role, comment: Comment, actorId: number): boolean =>
  canSeeDiscussions(role) && (comment.actorId === actorId || canInGroup(role, 'discussion.delete'));

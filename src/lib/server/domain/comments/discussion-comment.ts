import { and, eq, inArray } from 'drizzle-orm';
import type { Comment } from '../../db/schema/comments.ts';
import { discussions, members, type MemberRole } from '../../db/schema/groups.ts';
import type { Transaction } from '../../db/transaction.ts';
import { canInGroup, roleRank } from '../groups/index.ts';

/** What the user's profiles are in the group whose discussion holds a message. */
export interface DiscussionAccess {
  /** Each profile's role in the group. */
  roles: Map<number, MemberRole>;
  best: MemberRole | null;
}

/** For a message of a group discussion (no event): the roles the user's profiles hold in its group. */
export async function discussionAccess(
  tx: Transaction,
  comment: Comment,
  actorIds: readonly number[]
): Promise<DiscussionAccess> {
  const [discussion] = await tx.db
    .select({ groupId: discussions.groupId })
    .from(discussions)
    .where(eq(discussions.id, comment.discussionId!));
  const rows =
    discussion && actorIds.length > 0
      ? await tx.db
          .select({ actorId: members.actorId, role: members.role })
          .from(members)
          .where(and(eq(members.groupId, discussion.groupId), inArray(members.actorId, [...actorIds])))
      : [];
  const roles = new Map(rows.map((r) => [r.actorId, r.role]));
  const best = rows.reduce<MemberRole | null>((b, { role }) => (roleRank(role) > roleRank(b) ? role : b), null);
  return { roles, best };
}

/** Only members see a discussion's messages. */
export const seesDiscussion = (access: DiscussionAccess) => canInGroup(access.best, 'discussion.see');

/** Its author edits a message while still a member of the group. */
export const editsDiscussionMessage = (access: DiscussionAccess, comment: Comment) =>
  comment.actorId !== null && canInGroup(access.roles.get(comment.actorId), 'discussion.reply');

/**
 * Who removes a message, as which profile: its author, else a profile moderating the group; null
 * when none may.
 */
export function discussionMessageDeleter(
  access: DiscussionAccess,
  comment: Comment,
  actorIds: readonly number[]
): number | null {
  if (comment.actorId !== null && actorIds.includes(comment.actorId)) return comment.actorId;
  for (const [actorId, role] of access.roles) if (canInGroup(role, 'discussion.delete')) return actorId;
  return null;
}

import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { pageWindow, type Page, type PageRequest } from '../../core/pagination.ts';
import type { Database } from '../../db/client.ts';
import { comments, type Comment } from '../../db/schema/comments.ts';
import { discussions, members, type Discussion, type MemberRole } from '../../db/schema/groups.ts';

/** Reads of group discussions; callers decide who may see them (members of the group only). */
export class DiscussionsQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  async byId(id: number): Promise<Discussion | undefined> {
    const [row] = await this.db.select().from(discussions).where(eq(discussions.id, id)).limit(1);
    return row;
  }

  async bySlug(slug: string): Promise<Discussion | undefined> {
    const [row] = await this.db.select().from(discussions).where(eq(discussions.slug, slug)).limit(1);
    return row;
  }

  async byApId(apId: string): Promise<Discussion | undefined> {
    const [row] = await this.db.select().from(discussions).where(eq(discussions.apId, apId)).limit(1);
    return row;
  }

  byApIds(apIds: readonly string[]): Promise<Discussion[]> {
    if (apIds.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(discussions)
      .where(inArray(discussions.apId, [...apIds]));
  }

  /** A group's discussions, the most recently active first. */
  async ofGroup(groupId: number, request: PageRequest): Promise<Page<Discussion>> {
    const { limit, offset } = pageWindow(request, 50);
    const where = eq(discussions.groupId, groupId);
    const [elements, [total]] = await Promise.all([
      this.db
        .select()
        .from(discussions)
        .where(where)
        .orderBy(desc(discussions.updatedAt), desc(discussions.id))
        .limit(limit)
        .offset(offset),
      this.db.select({ n: count() }).from(discussions).where(where)
    ]);
    return { total: total?.n ?? 0, elements };
  }

  /** A discussion's messages, oldest first (tombstones stay in place). */
  async comments(discussionId: number, request: PageRequest): Promise<Page<Comment>> {
    const { limit, offset } = pageWindow(request, 100);
    const where = eq(comments.discussionId, discussionId);
    const [elements, [total]] = await Promise.all([
      this.db
        .select()
        .from(comments)
        .where(where)
        .orderBy(asc(comments.publishedAt), asc(comments.id))
        .limit(limit)
        .offset(offset),
      this.db.select({ n: count() }).from(comments).where(where)
    ]);
    return { total: total?.n ?? 0, elements };
  }

  /** The latest message of each discussion, by discussion id (one query for a page of them). */
  async lastComments(discussionIds: readonly number[]): Promise<Map<number, Comment>> {
    const byDiscussion = new Map<number, Comment>();
    if (discussionIds.length === 0) return byDiscussion;
    const rows = await this.db
      .selectDistinctOn([comments.discussionId])
      .from(comments)
      .where(inArray(comments.discussionId, [...discussionIds]))
      .orderBy(comments.discussionId, desc(comments.publishedAt), desc(comments.id));
    for (const row of rows) byDiscussion.set(row.discussionId!, row);
    return byDiscussion;
  }

  /** The roles these profiles hold in a group, by profile id (to pick the one acting there). */
  async rolesIn(groupId: number, actorIds: readonly number[]): Promise<Map<number, MemberRole>> {
    if (actorIds.length === 0) return new Map();
    const rows = await this.db
      .select({ actorId: members.actorId, role: members.role })
      .from(members)
      .where(and(eq(members.groupId, groupId), inArray(members.actorId, [...actorIds])));
    return new Map(rows.map((r) => [r.actorId, r.role]));
  }
}

import { and, asc, count, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { comments, type Comment } from '../../db/schema/comments.ts';
import { participants } from '../../db/schema/participants.ts';
import { ORGANIZER_ROLES } from '../events/index.ts';
import type { CommentViewer } from './comments.policy.ts';
import { findReplyTarget, type ReplyTarget } from './reply-target.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The comments this viewer may see, in SQL (see canSeeComment). */
function visibleTo(viewer: CommentViewer): SQL | undefined {
  if (viewer.organizer) return undefined;
  const open = inArray(comments.visibility, ['public', 'unlisted']);
  return viewer.actorIds.length > 0 ? or(open, inArray(comments.actorId, [...viewer.actorIds])) : open;
}

export class CommentsQueries {
  private readonly db: Database;
  private readonly publicUrl: string;
  constructor(db: Database, publicUrl: string) {
    this.db = db;
    this.publicUrl = publicUrl;
  }

  async byApId(apId: string): Promise<Comment | undefined> {
    const [comment] = await this.db.select().from(comments).where(eq(comments.apId, apId)).limit(1);
    return comment;
  }

  /** What a comment giving this id as `inReplyTo` would answer here, if anything (see findReplyTarget). */
  replyTarget(apId: string): Promise<ReplyTarget | undefined> {
    return findReplyTarget(this.db, this.publicUrl, apId);
  }

  async byId(id: number): Promise<Comment | undefined> {
    return (await this.byIds([id]))[0];
  }

  byIds(ids: readonly number[]): Promise<Comment[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(comments)
      .where(inArray(comments.id, [...ids]));
  }

  async byUuid(uuid: string): Promise<Comment | undefined> {
    if (!UUID.test(uuid)) return undefined;
    const [comment] = await this.db.select().from(comments).where(eq(comments.uuid, uuid)).limit(1);
    return comment;
  }

  /**
   * The threads under an event, oldest first: its top-level comments the viewer may see. A deleted
   * one stays while it has replies (it holds its thread together), and goes once it has none.
   */
  async threads(
    eventId: number,
    viewer: CommentViewer,
    page: { page: number; limit: number }
  ): Promise<{ total: number; elements: Comment[] }> {
    const limit = Math.min(Math.max(page.limit, 1), 500);
    const offset = (Math.max(page.page, 1) - 1) * limit;
    const where = and(
      eq(comments.eventId, eventId),
      isNull(comments.originCommentId),
      // Announcements and other private conversations about the event are not its public threads.
      isNull(comments.conversationId),
      or(
        isNull(comments.deletedAt),
        sql`exists (select 1 from ${comments} as r where r.origin_comment_id = ${comments.id})`
      ),
      visibleTo(viewer)
    );
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

  /** Every reply of each thread (whatever their visibility), oldest first, by thread root id. */
  async repliesOfThreads(originIds: readonly number[]): Promise<Map<number, Comment[]>> {
    const byOrigin = new Map<number, Comment[]>(originIds.map((id) => [id, []]));
    if (originIds.length === 0) return byOrigin;
    const rows = await this.db
      .select()
      .from(comments)
      .where(inArray(comments.originCommentId, [...originIds]))
      .orderBy(asc(comments.publishedAt), asc(comments.id));
    for (const row of rows) byOrigin.get(row.originCommentId!)?.push(row);
    return byOrigin;
  }

  /** The profiles running each event (creator, administrator, moderator), by event id. */
  async organizerActorIds(eventIds: readonly number[]): Promise<Map<number, number[]>> {
    const byEvent = new Map<number, number[]>(eventIds.map((id) => [id, []]));
    if (eventIds.length === 0) return byEvent;
    const rows = await this.db
      .select({ eventId: participants.eventId, actorId: participants.actorId })
      .from(participants)
      .where(and(inArray(participants.eventId, [...eventIds]), inArray(participants.role, [...ORGANIZER_ROLES])));
    for (const row of rows) byEvent.get(row.eventId)?.push(row.actorId);
    return byEvent;
  }
}

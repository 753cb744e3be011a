import { eq, inArray, or } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { users } from '../../db/schema/accounts.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';
import { comments } from '../../db/schema/comments.ts';
import { events } from '../../db/schema/events.ts';
import {
  reportComments,
  reportEvents,
  reportNotes,
  reports,
  type Report,
  type ReportNote,
  type ReportStatus
} from '../../db/schema/reports.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import {
  newNote,
  newReport,
  receivedContent,
  reportStatus,
  type NewNoteInput,
  type NewReportInput,
  type ReceivedFlag
} from './reports.inputs.ts';
import { commentConcerns, eventConcerns, forwardable, mayModerate } from './reports.policy.ts';

const reportNotFound = (field = 'reportId') => new DomainError('not_found', 'Report not found', { field });
const notModerator = () => new DomainError('forbidden', 'You need to be a moderator or an administrator');

/**
 * Reports to this instance's moderators: made by a local profile about any actor (with the events
 * and comments concerned), or received from another server as a `Flag`; then read, noted and closed
 * by moderators and administrators only.
 */
export class ReportsService {
  private readonly deps: ServiceDeps;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  /** A signed-in user's profile reports an actor. The reporter learns the report's id, nothing more. */
  async create(userId: number, raw: NewReportInput): Promise<Report> {
    const input = parseInput(newReport, raw);
    return transaction(this.deps.pool, async (tx) => {
      const [reporter] = await tx.db.select().from(actors).where(eq(actors.id, input.reporterId));
      if (
        !reporter ||
        reporter.userId !== userId ||
        reporter.domain !== null ||
        reporter.deletedAt ||
        reporter.suspended
      )
        throw new DomainError('forbidden', 'This profile is not one of yours', { field: 'reporterId' });
      const reported = await this.liveActor(tx, input.reportedId);
      if (!reported) throw new DomainError('not_found', 'Reported actor not found', { field: 'reportedId' });
      const uuid = randomUUID();
      const report = await this.insert(tx, {
        values: {
          uuid,
          apId: `${this.deps.config.publicUrl}/report/${uuid}`,
          reporterId: reporter.id,
          reportedId: reported.id,
          content: input.content,
          local: true,
          forward: forwardable(input.forward, reported)
        },
        reported,
        eventIds: input.eventIds,
        commentIds: input.commentIds
      });
      if (!report) throw new Error('report not stored');
      return report;
    });
  }

  /**
   * A `Flag` from another server becomes a report here, its sender standing as the reporter. The
   * reported actor is the first object we know as an actor (ours, or a remote one already stored);
   * the events and comments are those we know among the objects that concern it. The Flag's id
   * makes it idempotent: a replay changes nothing. Undefined when no known actor is reported.
   */
  async receive(flag: ReceivedFlag): Promise<{ report: Report; created: boolean } | undefined> {
    const urls = [...new Set(flag.objectUrls)].slice(0, 100);
    if (urls.length === 0) return undefined;
    return transaction(this.deps.pool, async (tx) => {
      const [existing] = await tx.db.select().from(reports).where(eq(reports.apId, flag.apId));
      if (existing) return { report: existing, created: false };
      const known = await tx.db
        .select()
        .from(actors)
        .where(or(inArray(actors.apId, urls), inArray(actors.url, urls)));
      const reported = urls
        .map((url) => known.find((a) => a.apId === url || a.url === url))
        .find((a): a is Actor => a !== undefined && a.deletedAt === null && a.id !== flag.reporterId);
      if (!reported) return undefined;
      const [eventRows, commentRows] = await Promise.all([
        tx.db
          .select({ id: events.id })
          .from(events)
          .where(or(inArray(events.apId, urls), inArray(events.url, urls))),
        tx.db
          .select({ id: comments.id })
          .from(comments)
          .where(or(inArray(comments.apId, urls), inArray(comments.url, urls)))
      ]);
      const report = await this.insert(tx, {
        values: {
          uuid: randomUUID(),
          apId: flag.apId,
          reporterId: flag.reporterId,
          reportedId: reported.id,
          content: receivedContent(flag.content),
          local: false,
          forward: false
        },
        reported,
        eventIds: eventRows.map((e) => e.id),
        commentIds: commentRows.map((c) => c.id),
        // Two deliveries of one Flag at once: the second finds the row taken and stops.
        onConflict: true
      });
      return report ? { report, created: true } : { report: (await this.byApId(tx, flag.apId))!, created: false };
    });
  }

  /** A moderator opens, closes or resolves a report. */
  async updateStatus(userId: number, reportId: number, status: ReportStatus): Promise<Report> {
    const parsed = parseInput(reportStatus, status);
    return transaction(this.deps.pool, async (tx) => {
      await this.requireModerator(tx, userId);
      const [updated] = await tx.db
        .update(reports)
        .set({ status: parsed, updatedAt: new Date() })
        .where(eq(reports.id, reportId))
        .returning();
      if (!updated) throw reportNotFound();
      return updated;
    });
  }

  /** A moderator writes a note on a report, as one of their profiles. */
  async addNote(userId: number, raw: NewNoteInput): Promise<ReportNote> {
    const input = parseInput(newNote, raw);
    return transaction(this.deps.pool, async (tx) => {
      await this.requireModerator(tx, userId);
      const [moderator] = await tx.db.select().from(actors).where(eq(actors.id, input.moderatorId));
      if (!moderator || moderator.userId !== userId || moderator.domain !== null || moderator.deletedAt)
        throw new DomainError('forbidden', 'This profile is not one of yours', { field: 'moderatorId' });
      const [report] = await tx.db
        .select({ id: reports.id })
        .from(reports)
        .where(eq(reports.id, input.reportId))
        .for('update');
      if (!report) throw reportNotFound();
      const [note] = await tx.db
        .insert(reportNotes)
        .values({ reportId: report.id, moderatorId: moderator.id, content: input.content })
        .returning();
      if (!note) throw new Error('note not stored');
      await tx.db.update(reports).set({ updatedAt: new Date() }).where(eq(reports.id, report.id));
      return note;
    });
  }

  /** Its author (a moderator, through any of their profiles) removes a note. */
  async deleteNote(userId: number, noteId: number): Promise<ReportNote> {
    return transaction(this.deps.pool, async (tx) => {
      await this.requireModerator(tx, userId);
      const [note] = await tx.db.select().from(reportNotes).where(eq(reportNotes.id, noteId)).for('update');
      if (!note) throw new DomainError('not_found', 'Note not found', { field: 'noteId' });
      const [author] =
        note.moderatorId === null
          ? []
          : await tx.db.select({ userId: actors.userId }).from(actors).where(eq(actors.id, note.moderatorId));
      if (author?.userId !== userId)
        throw new DomainError('forbidden', 'You can only delete your own notes', { field: 'noteId' });
      await tx.db.delete(reportNotes).where(eq(reportNotes.id, note.id));
      return note;
    });
  }

  private async requireModerator(tx: Transaction, userId: number): Promise<void> {
    const [user] = await tx.db
      .select({ role: users.role, disabled: users.disabled })
      .from(users)
      .where(eq(users.id, userId));
    if (!mayModerate(user)) throw notModerator();
  }

  private async liveActor(tx: Transaction, id: number): Promise<Actor | undefined> {
    const [actor] = await tx.db.select().from(actors).where(eq(actors.id, id));
    return actor && actor.deletedAt === null ? actor : undefined;
  }

  private async byApId(tx: Transaction, apId: string): Promise<Report | undefined> {
    const [report] = await tx.db.select().from(reports).where(eq(reports.apId, apId));
    return report;
  }

  /**
   * Stores a report with the events and comments that concern its reported actor (others are
   * dropped), and records `ReportCreated` in the same transaction.
   */
  private async insert(
    tx: Transaction,
    args: {
      values: typeof reports.$inferInsert;
      reported: Actor;
      eventIds: readonly number[];
      commentIds: readonly number[];
      onConflict?: boolean;
    }
  ): Promise<Report | undefined> {
    const insert = tx.db.insert(reports).values(args.values);
    const [report] = await (
      args.onConflict ? insert.onConflictDoNothing({ target: reports.apId }) : insert
    ).returning();
    if (!report) return undefined;
    const [eventRows, commentRows] = await Promise.all([
      args.eventIds.length === 0
        ? []
        : tx.db
            .select({ id: events.id, organizerActorId: events.organizerActorId, attributedToId: events.attributedToId })
            .from(events)
            .where(inArray(events.id, [...args.eventIds])),
      args.commentIds.length === 0
        ? []
        : tx.db
            .select({ id: comments.id, actorId: comments.actorId })
            .from(comments)
            .where(inArray(comments.id, [...args.commentIds]))
    ]);
    const eventIds = eventRows.filter((e) => eventConcerns(e, args.reported)).map((e) => e.id);
    const commentIds = commentRows.filter((c) => commentConcerns(c, args.reported)).map((c) => c.id);
    if (eventIds.length > 0)
      await tx.db.insert(reportEvents).values(eventIds.map((eventId) => ({ reportId: report.id, eventId })));
    if (commentIds.length > 0)
      await tx.db.insert(reportComments).values(commentIds.map((commentId) => ({ reportId: report.id, commentId })));
    await this.deps.events.record(tx, 'ReportCreated', { reportId: report.id });
    return report;
  }
}

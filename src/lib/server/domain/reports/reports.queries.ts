import { and, asc, count, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import type { Database } from '../../db/client.ts';
import { users, type User } from '../../db/schema/accounts.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';
import { comments, type Comment } from '../../db/schema/comments.ts';
import { events, type Event } from '../../db/schema/events.ts';
import {
  reportComments,
  reportEvents,
  reportNotes,
  reports,
  type Report,
  type ReportNote,
  type ReportStatus
} from '../../db/schema/reports.ts';
import { mayModerate } from './reports.policy.ts';

export const MAX_REPORTS_PAGE = 100;

export interface ReportListFilter {
  status?: ReportStatus | null;
  /** The reported actor's server; this instance's own domain means its local actors. */
  domain?: string | null;
  page?: number | null;
  limit?: number | null;
}

/** Who asks: only moderators and administrators read reports. */
export type ReportReader = Pick<User, 'role' | 'disabled'> | null;

/** Someone to tell about a new report: an active moderator or administrator. */
export interface ModeratorRecipient {
  userId: number;
  email: string;
  locale: string;
}

const forbidden = () => new DomainError('forbidden', 'You need to be a moderator or an administrator');

/** Ids grouped by the report they belong to, in the order asked. */
function grouped<T>(reportIds: readonly number[], rows: { reportId: number; value: T }[]): Map<number, T[]> {
  const byReport = new Map<number, T[]>(reportIds.map((id) => [id, []]));
  for (const row of rows) byReport.get(row.reportId)?.push(row.value);
  return byReport;
}

export class ReportsQueries {
  private readonly db: Database;
  private readonly ownDomain: string;
  constructor(db: Database, ownDomain: string) {
    this.db = db;
    this.ownDomain = ownDomain.toLowerCase();
  }

  /** One page of reports, newest first, with the total; for moderators only. */
  async list(reader: ReportReader, filter: ReportListFilter): Promise<{ total: number; elements: Report[] }> {
    if (!mayModerate(reader)) throw forbidden();
    const limit = Math.min(Math.max(filter.limit ?? 10, 1), MAX_REPORTS_PAGE);
    const page = Math.max(filter.page ?? 1, 1);
    const conditions: SQL[] = [];
    if (filter.status) conditions.push(eq(reports.status, filter.status));
    const domain = filter.domain?.trim().toLowerCase();
    if (domain) conditions.push(domain === this.ownDomain ? isNull(actors.domain) : eq(actors.domain, domain));
    const where = conditions.length > 0 ? and(...conditions) : undefined;
    const [rows, [totals]] = await Promise.all([
      this.db
        .select({ report: reports })
        .from(reports)
        .innerJoin(actors, eq(actors.id, reports.reportedId))
        .where(where)
        .orderBy(desc(reports.createdAt), desc(reports.id))
        .limit(limit)
        .offset((page - 1) * limit),
      this.db.select({ total: count() }).from(reports).innerJoin(actors, eq(actors.id, reports.reportedId)).where(where)
    ]);
    return { total: totals?.total ?? 0, elements: rows.map((r) => r.report) };
  }

  /** One report; for moderators only. */
  async byId(reader: ReportReader, id: number): Promise<Report | undefined> {
    if (!mayModerate(reader)) throw forbidden();
    return (await this.byIds([id]))[0];
  }

  /** Reports by id, for loaders behind a moderator's request (callers have checked the reader). */
  byIds(ids: readonly number[]): Promise<Report[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(reports)
      .where(inArray(reports.id, [...ids]));
  }

  async eventIdsOf(reportIds: readonly number[]): Promise<Map<number, number[]>> {
    if (reportIds.length === 0) return new Map();
    const rows = await this.db
      .select({ reportId: reportEvents.reportId, value: reportEvents.eventId })
      .from(reportEvents)
      .where(inArray(reportEvents.reportId, [...reportIds]))
      .orderBy(asc(reportEvents.eventId));
    return grouped(reportIds, rows);
  }

  async commentIdsOf(reportIds: readonly number[]): Promise<Map<number, number[]>> {
    if (reportIds.length === 0) return new Map();
    const rows = await this.db
      .select({ reportId: reportComments.reportId, value: reportComments.commentId })
      .from(reportComments)
      .where(inArray(reportComments.reportId, [...reportIds]))
      .orderBy(asc(reportComments.commentId));
    return grouped(reportIds, rows);
  }

  /** Moderators' notes of each report, oldest first. */
  async notesOf(reportIds: readonly number[]): Promise<Map<number, ReportNote[]>> {
    if (reportIds.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(reportNotes)
      .where(inArray(reportNotes.reportId, [...reportIds]))
      .orderBy(asc(reportNotes.createdAt), asc(reportNotes.id));
    return grouped(
      reportIds,
      rows.map((note) => ({ reportId: note.reportId, value: note }))
    );
  }

  /** What a federated copy of a report names: the reported actor, its events and its comments. */
  async forFederation(
    reportId: number
  ): Promise<{ report: Report; reported: Actor; events: Event[]; comments: Comment[] } | undefined> {
    const [found] = await this.db
      .select({ report: reports, reported: actors })
      .from(reports)
      .innerJoin(actors, eq(actors.id, reports.reportedId))
      .where(eq(reports.id, reportId));
    if (!found) return undefined;
    const [eventRows, commentRows] = await Promise.all([
      this.db
        .select({ event: events })
        .from(reportEvents)
        .innerJoin(events, eq(events.id, reportEvents.eventId))
        .where(eq(reportEvents.reportId, reportId))
        .orderBy(asc(events.id)),
      this.db
        .select({ comment: comments })
        .from(reportComments)
        .innerJoin(comments, eq(comments.id, reportComments.commentId))
        .where(eq(reportComments.reportId, reportId))
        .orderBy(asc(comments.id))
    ]);
    return {
      ...found,
      events: eventRows.map((r) => r.event),
      comments: commentRows.map((r) => r.comment)
    };
  }

  /** A report with its two actors, for the moderators' mail. */
  async forMail(reportId: number): Promise<{ report: Report; reported: Actor; reporter: Actor | null } | undefined> {
    const [found] = await this.db
      .select({ report: reports, reported: actors })
      .from(reports)
      .innerJoin(actors, eq(actors.id, reports.reportedId))
      .where(eq(reports.id, reportId));
    if (!found) return undefined;
    const [reporter] =
      found.report.reporterId === null
        ? []
        : await this.db.select().from(actors).where(eq(actors.id, found.report.reporterId));
    return { ...found, reporter: reporter ?? null };
  }

  /** The moderators and administrators to tell, or one of them (checked again when the mail goes). */
  async moderatorRecipients(userId?: number): Promise<ModeratorRecipient[]> {
    const rows = await this.db
      .select({
        userId: users.id,
        email: users.email,
        locale: users.locale,
        role: users.role,
        disabled: users.disabled,
        confirmedAt: users.confirmedAt
      })
      .from(users)
      .where(
        and(
          inArray(users.role, ['moderator', 'administrator']),
          userId === undefined ? undefined : eq(users.id, userId)
        )
      )
      .orderBy(asc(users.id));
    return rows
      .filter((u) => mayModerate(u) && u.confirmedAt !== null)
      .map(({ userId: id, email, locale }) => ({ userId: id, email, locale }));
  }
}

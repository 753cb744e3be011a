import { graphql, type GraphQLRequestError } from './client.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';

/** The report form's limit, the API's (it counts the text without markup). */
export const MAX_REPORT_CONTENT = 3000;

export const REPORT_STATUSES = ['OPEN', 'RESOLVED', 'CLOSED'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const isReportStatus = (value: string): value is ReportStatus =>
  (REPORT_STATUSES as readonly string[]).includes(value);

export interface ReportActor {
  id: string;
  preferredUsername: string;
  name: string | null;
  domain: string | null;
  type: 'PERSON' | 'GROUP' | 'APPLICATION' | 'ORGANIZATION' | 'SERVICE' | null;
}

const ACTOR = 'id preferredUsername name domain type';

/** What the report form needs: the event, its organizer, and its comments with their authors. */
export interface ReportTarget {
  event: {
    id: string;
    uuid: string;
    title: string;
    organizerActor: ReportActor | null;
    comments:
      | ({
          id: string;
          text: string | null;
          deletedAt: string | null;
          actor: ReportActor | null;
          replies:
            ({ id: string; text: string | null; deletedAt: string | null; actor: ReportActor | null } | null)[] | null;
        } | null)[]
      | null;
  } | null;
}

export const REPORT_TARGET = graphql<ReportTarget, { uuid: string }>(`
  query ReportTarget($uuid: UUID!) {
    event(uuid: $uuid) {
      id
      uuid
      title
      organizerActor { ${ACTOR} }
      comments {
        id
        text
        deletedAt
        actor { ${ACTOR} }
        replies { id text deletedAt actor { ${ACTOR} } }
      }
    }
  }
`);

export type ReportedComment = { id: string; text: string | null; actor: ReportActor };

/** The comment `id` of an event, among its threads and their replies, if it is there and has an author. */
export function findComment(event: NonNullable<ReportTarget['event']>, id: string): ReportedComment | null {
  for (const thread of event.comments ?? []) {
    for (const comment of [thread, ...(thread?.replies ?? [])]) {
      if (comment?.id === id && comment.actor && !comment.deletedAt) return { ...comment, actor: comment.actor };
    }
  }
  return null;
}

export const CREATE_REPORT = graphql<
  { createReport: { id: string } | null },
  { reportedId: string; content: string; eventsIds: string[]; commentsIds: string[]; forward: boolean }
>(`
  mutation CreateReport($reportedId: ID!, $content: String, $eventsIds: [ID], $commentsIds: [ID], $forward: Boolean) {
    createReport(
      reportedId: $reportedId
      content: $content
      eventsIds: $eventsIds
      commentsIds: $commentsIds
      forward: $forward
    ) {
      id
    }
  }
`);

export interface ReportSummary {
  id: string;
  status: ReportStatus;
  content: string | null;
  insertedAt: string;
  reported: ReportActor | null;
  reporter: ReportActor | null;
  events: ({ id: string; uuid: string; title: string } | null)[] | null;
  comments: ({ id: string } | null)[] | null;
}

export const MODERATION_REPORTS = graphql<
  { reports: { total: number; elements: (ReportSummary | null)[] } },
  { status: ReportStatus; page: number; limit: number }
>(`
  query ModerationReports($status: ReportStatus, $page: Int, $limit: Int) {
    reports(status: $status, page: $page, limit: $limit) {
      total
      elements {
        id
        status
        content
        insertedAt
        reported { ${ACTOR} }
        reporter { ${ACTOR} }
        events { id uuid title }
        comments { id }
      }
    }
  }
`);

export interface ReportNoteView {
  id: string;
  content: string;
  insertedAt: string;
  moderator: ReportActor | null;
}

export interface ReportDetail extends Omit<ReportSummary, 'events' | 'comments'> {
  uri: string | null;
  updatedAt: string;
  events: ({ id: string; uuid: string; title: string; beginsOn: string; description: string | null } | null)[] | null;
  comments:
    | ({
        id: string;
        text: string | null;
        deletedAt: string | null;
        actor: ReportActor | null;
        event: { uuid: string; title: string } | null;
      } | null)[]
    | null;
  notes: (ReportNoteView | null)[] | null;
}

const REPORT_FIELDS = `
  id
  status
  content
  uri
  insertedAt
  updatedAt
  reported { ${ACTOR} }
  reporter { ${ACTOR} }
  events { id uuid title beginsOn description }
  comments { id text deletedAt actor { ${ACTOR} } event { uuid title } }
  notes { id content insertedAt moderator { ${ACTOR} } }
`;

export const MODERATION_REPORT = graphql<{ report: ReportDetail | null }, { id: string }>(`
  query ModerationReport($id: ID!) {
    report(id: $id) { ${REPORT_FIELDS} }
  }
`);

export const UPDATE_REPORT_STATUS = graphql<
  { updateReportStatus: { id: string; status: ReportStatus } | null },
  { reportId: string; status: ReportStatus }
>(`
  mutation UpdateReportStatus($reportId: ID!, $status: ReportStatus!) {
    updateReportStatus(reportId: $reportId, status: $status) {
      id
      status
    }
  }
`);

export const CREATE_REPORT_NOTE = graphql<
  { createReportNote: { id: string } | null },
  { reportId: string; content: string }
>(`
  mutation CreateReportNote($reportId: ID!, $content: String!) {
    createReportNote(reportId: $reportId, content: $content) {
      id
    }
  }
`);

export const DELETE_REPORT_NOTE = graphql<{ deleteReportNote: { id: string } | null }, { noteId: string }>(`
  mutation DeleteReportNote($noteId: ID!) {
    deleteReportNote(noteId: $noteId) {
      id
    }
  }
`);

/** The message shown when the API refuses a report or a note (its code and field say why). */
export function reportRefusal(error: GraphQLRequestError): MessageKey {
  if (error.code === 'validation' && error.field === 'content') {
    return error.reason === 'too_long' ? 'reports.error.tooLong' : 'reports.error.empty';
  }
  if (error.code === 'not_found') return 'reports.error.notFound';
  if (error.code === 'unauthorized' || error.statusCode === 403) return 'reports.error.forbidden';
  return 'reports.error.unknown';
}

/** `page` from a query string: a positive integer, 1 otherwise. */
export function pageParam(value: string | null): number {
  const page = Number(value);
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}

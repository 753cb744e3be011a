import DataLoader from 'dataloader';
import { DomainError } from '../../core/errors.ts';
import type { Report as ReportRow, ReportNote as ReportNoteRow } from '../../db/schema/reports.ts';
import { mayModerate } from '../../domain/reports/index.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { parseId, requireUser } from '../guards.ts';
import { DeletedObject } from './account-care.ts';
import { Actor } from './actors.ts';
import { Comment } from './comments.ts';
import { Event } from './events.ts';

export const ReportStatus = builder.enumType('ReportStatus', {
  description: 'The list of possible statuses for a report object',
  values: {
    OPEN: { value: 'open', description: 'The report has been opened' },
    CLOSED: { value: 'closed', description: 'The report has been closed' },
    RESOLVED: { value: 'resolved', description: 'The report has been marked as resolved' }
  } as const
});

const AntiSpamFeedback = builder.enumType('AntiSpamFeedback', {
  values: { HAM: { description: 'The report is ham' }, SPAM: { description: 'The report is spam' } } as const
});

/** Mobilizon's moderation log lists reports and notes among other things through this interface. */
const ActionLogObject = builder.interfaceRef<{ id: number }>('ActionLogObject').implement({
  description: 'The objects that can be in an action log',
  fields: (t) => ({ id: t.exposeID('id', { description: 'Internal ID for this object' }) })
});

interface ReportLoaders {
  eventIds: DataLoader<number, number[]>;
  commentIds: DataLoader<number, number[]>;
  notes: DataLoader<number, ReportNoteRow[]>;
  report: DataLoader<number, ReportRow | undefined>;
}

/** Per request: what a page of reports points at, each kind in one query. */
const loaders = new WeakMap<GraphQLContext, ReportLoaders>();
function reportLoaders(ctx: GraphQLContext): ReportLoaders {
  let found = loaders.get(ctx);
  if (!found) {
    const queries = ctx.services.queries.reports;
    const grouped = <T>(fetch: (ids: readonly number[]) => Promise<Map<number, T[]>>) =>
      new DataLoader<number, T[]>(async (ids) => {
        const byReport = await fetch(ids);
        return ids.map((id) => byReport.get(id) ?? []);
      });
    found = {
      eventIds: grouped((ids) => queries.eventIdsOf(ids)),
      commentIds: grouped((ids) => queries.commentIdsOf(ids)),
      notes: grouped((ids) => queries.notesOf(ids)),
      report: new DataLoader(async (ids) => {
        const rows = new Map((await queries.byIds(ids)).map((r) => [r.id, r]));
        return ids.map((id) => rows.get(id));
      })
    };
    loaders.set(ctx, found);
  }
  return found;
}

const present = <T>(rows: (T | undefined | Error)[]): T[] =>
  rows.filter((r): r is T => r !== undefined && !(r instanceof Error));

/**
 * Moderators see every field; the reporter gets the new report's id back and nothing else (its
 * other fields answer null), so that a report never tells its author what moderators noted.
 */
const staff = (ctx: GraphQLContext) => mayModerate(ctx.user);
const forStaff =
  <T, R>(resolve: (report: T, ctx: GraphQLContext) => R | Promise<R>) =>
  (report: T, _args: unknown, ctx: GraphQLContext): R | null | Promise<R | null> =>
    staff(ctx) ? resolve(report, ctx) : null;

async function eventsOf(report: ReportRow, ctx: GraphQLContext) {
  const ids = await reportLoaders(ctx).eventIds.load(report.id);
  return present(await ctx.loaders.event.loadMany(ids));
}

export const Report = builder.objectRef<ReportRow>('Report');
export const ReportNote = builder.objectRef<ReportNoteRow>('ReportNote');

Report.implement({
  description: 'A report object',
  interfaces: [ActionLogObject],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The internal ID of the report' }),
    content: t.string({
      description: 'The comment the reporter added about this report',
      resolve: forStaff((r) => r.content)
    }),
    status: t.field({
      type: ReportStatus,
      description: 'Whether the report is still active',
      resolve: forStaff((r) => r.status)
    }),
    uri: t.string({ description: 'The URI of the report', resolve: forStaff((r) => r.apId) }),
    reported: t.field({
      type: Actor,
      description: 'The actor that is being reported',
      resolve: forStaff((r, ctx) => ctx.loaders.actor.load(r.reportedId))
    }),
    reporter: t.field({
      type: Actor,
      description: 'The actor that created the report (another server’s actor for a received report)',
      resolve: forStaff((r, ctx) => (r.reporterId === null ? null : ctx.loaders.actor.load(r.reporterId)))
    }),
    events: t.field({
      type: [Event],
      nullable: { list: true, items: true },
      description: 'The events that are being reported',
      resolve: forStaff(eventsOf)
    }),
    // Older clients ask for one event.
    event: t.field({
      type: Event,
      description: 'The first event that is being reported (older clients)',
      resolve: forStaff(async (r, ctx) => (await eventsOf(r, ctx))[0] ?? null)
    }),
    comments: t.field({
      type: [Comment],
      nullable: { list: true, items: true },
      description: 'The comments that are reported',
      resolve: forStaff(async (r, ctx) => {
        const ids = await reportLoaders(ctx).commentIds.load(r.id);
        return present(await ctx.loaders.comment.loadMany(ids));
      })
    }),
    notes: t.field({
      type: [ReportNote],
      nullable: { list: true, items: true },
      description: 'The notes made on the report',
      resolve: forStaff((r, ctx) => reportLoaders(ctx).notes.load(r.id))
    }),
    insertedAt: t.field({
      type: 'DateTime',
      description: 'When the report was created',
      resolve: forStaff((r) => r.createdAt)
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When the report was updated',
      resolve: forStaff((r) => r.updatedAt)
    })
  })
});

ReportNote.implement({
  description: 'A report note object',
  interfaces: [ActionLogObject],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The internal ID of the report note' }),
    content: t.exposeString('content', { description: 'The content of the note' }),
    moderator: t.field({
      type: Actor,
      description: 'The moderator who added the note',
      resolve: (n, _args, ctx) => (n.moderatorId === null ? null : ctx.loaders.actor.load(n.moderatorId))
    }),
    report: t.field({
      type: Report,
      description: 'The report on which this note is added',
      resolve: (n, _args, ctx) => reportLoaders(ctx).report.load(n.reportId)
    }),
    insertedAt: t.expose('createdAt', { type: 'DateTime', description: 'When the report note was created' })
  })
});

const PaginatedReportList = builder
  .objectRef<{ total: number; elements: ReportRow[] }>('PaginatedReportList')
  .implement({
    fields: (t) => ({
      elements: t.field({
        type: [Report],
        nullable: { list: true, items: true },
        description: 'A list of reports',
        resolve: (list) => list.elements
      }),
      total: t.exposeInt('total', { description: 'The total number of reports in the list' })
    })
  });

const reportNotFound = (field: string) => new DomainError('not_found', 'Report not found', { field });
const requiredId = (value: string | number, notFound: () => DomainError): number => {
  const id = parseId(value);
  if (id === null) throw notFound();
  return id;
};
/** Ids of attached events and comments: a malformed one matches nothing, like an unknown one. */
const idList = (values: readonly (string | number | null | undefined)[] | null | undefined): number[] =>
  (values ?? []).map((v) => parseId(v)).filter((id): id is number => id !== null);

/** The profile the user acts as: the default one, else the first. */
async function currentProfileId(ctx: GraphQLContext): Promise<number> {
  const user = requireUser(ctx);
  const profiles = await ctx.identities();
  const profile = profiles.find((p) => p.id === user.defaultActorId) ?? profiles[0];
  if (!profile) throw new DomainError('forbidden', 'You need a profile to do this');
  return profile.id;
}

builder.queryField('reports', (t) =>
  t.field({
    type: PaginatedReportList,
    description: 'Get all reports',
    args: {
      page: t.arg.int({ defaultValue: 1, description: 'The page in the report list' }),
      limit: t.arg.int({ defaultValue: 10, description: 'The limit of reports per page' }),
      status: t.arg({ type: ReportStatus, defaultValue: 'open', description: 'Filter reports by status' }),
      domain: t.arg.string({ description: 'Filter reports by domain name' })
    },
    resolve: (_root, args, ctx) =>
      ctx.services.queries.reports.list(requireUser(ctx), {
        status: args.status,
        domain: args.domain,
        page: args.page,
        limit: args.limit
      })
  })
);

builder.queryField('report', (t) =>
  t.field({
    type: Report,
    description: 'Get a report by id',
    args: { id: t.arg.id({ required: true, description: 'The report ID' }) },
    resolve: async (_root, args, ctx) => {
      const user = requireUser(ctx);
      const id = parseId(args.id);
      const report = id === null ? undefined : await ctx.services.queries.reports.byId(user, id);
      if (!report) throw reportNotFound('id');
      return report;
    }
  })
);

builder.mutationField('createReport', (t) =>
  t.field({
    type: Report,
    description: 'Create a report',
    args: {
      content: t.arg.string({ description: 'The message sent with the report' }),
      reportedId: t.arg.id({ required: true, description: "The actor's ID that is being reported" }),
      eventsIds: t.arg({
        type: ['ID'],
        required: { list: false, items: false },
        defaultValue: [],
        description: 'The list of event IDs that are being reported'
      }),
      commentsIds: t.arg({
        type: ['ID'],
        required: { list: false, items: false },
        defaultValue: [],
        description: 'The comment IDs that are being reported'
      }),
      forward: t.arg.boolean({
        defaultValue: false,
        description: 'Whether to forward the report to the original instance if the content is remote'
      }),
      eventId: t.arg.id({ description: 'The event that is being reported (older clients)' })
    },
    resolve: async (_root, args, ctx) => {
      const user = requireUser(ctx);
      const reporterId = await currentProfileId(ctx);
      const reportedId = requiredId(
        args.reportedId,
        () => new DomainError('not_found', 'Reported actor not found', { field: 'reportedId' })
      );
      return ctx.services.reports.create(user.id, {
        reporterId,
        reportedId,
        content: args.content,
        eventIds: idList([...(args.eventsIds ?? []), args.eventId]),
        commentIds: idList(args.commentsIds),
        forward: args.forward
      });
    }
  })
);

builder.mutationField('updateReportStatus', (t) =>
  t.field({
    type: Report,
    description: 'Update a report',
    args: {
      reportId: t.arg.id({ required: true, description: "The report's ID" }),
      status: t.arg({ type: ReportStatus, required: true, description: "The report's new status" }),
      // Without an anti-spam service (Features.antispam is false) the feedback has nowhere to go,
      // as on a Mobilizon instance without one.
      antispamFeedback: t.arg({ type: AntiSpamFeedback, description: 'The feedback to send to the anti-spam system' })
    },
    resolve: (_root, args, ctx) => {
      const user = requireUser(ctx);
      return ctx.services.reports.updateStatus(
        user.id,
        requiredId(args.reportId, () => reportNotFound('reportId')),
        args.status
      );
    }
  })
);

builder.mutationField('createReportNote', (t) =>
  t.field({
    type: ReportNote,
    description: 'Create a note on a report',
    args: {
      content: t.arg.string({ description: "The note's content" }),
      reportId: t.arg.id({ required: true, description: "The report's ID" })
    },
    resolve: async (_root, args, ctx) => {
      const user = requireUser(ctx);
      return ctx.services.reports.addNote(user.id, {
        reportId: requiredId(args.reportId, () => reportNotFound('reportId')),
        moderatorId: await currentProfileId(ctx),
        content: args.content
      });
    }
  })
);

builder.mutationField('deleteReportNote', (t) =>
  t.field({
    type: DeletedObject,
    description: 'Delete a note on a report',
    args: { noteId: t.arg.id({ required: true, description: "The note's ID" }) },
    resolve: async (_root, args, ctx) => {
      const user = requireUser(ctx);
      const noteId = requiredId(args.noteId, () => new DomainError('not_found', 'Note not found', { field: 'noteId' }));
      const note = await ctx.services.reports.deleteNote(user.id, noteId);
      return { id: note.id };
    }
  })
);

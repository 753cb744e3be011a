import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainEvents } from '#lib/server/db/schema/platform.ts';
import { reportComments, reportEvents, reportNotes, reports } from '#lib/server/db/schema/reports.ts';
import { MAX_REPORT_CONTENT } from '#lib/server/domain/reports/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs, gql, type GraphQLResponse } from '../helpers/graphql.ts';
import { capturedMails } from '../helpers/mail.ts';
import { waitFor } from '../helpers/wait.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false });
});
afterAll(() => t?.stop());

const CREATE = `mutation($reportedId: ID!, $content: String, $eventsIds: [ID], $commentsIds: [ID], $forward: Boolean, $eventId: ID) {
  createReport(reportedId: $reportedId, content: $content, eventsIds: $eventsIds, commentsIds: $commentsIds,
    forward: $forward, eventId: $eventId) { id content status reported { id } reporter { id } notes { id } } }`;
const LIST = `query($status: ReportStatus, $domain: String, $page: Int, $limit: Int) {
  reports(status: $status, domain: $domain, page: $page, limit: $limit) { total elements { id status content } } }`;
const ONE = `query($id: ID!) { report(id: $id) {
  id content status uri insertedAt updatedAt
  reported { id preferredUsername ... on Person { user { id } } } reporter { id }
  events { id title } event { id } comments { id text actor { id } }
  notes { id content moderator { id } report { id } } } }`;
const UPDATE = `mutation($reportId: ID!, $status: ReportStatus!) {
  updateReportStatus(reportId: $reportId, status: $status) { id status } }`;
const NOTE = `mutation($reportId: ID!, $content: String!) {
  createReportNote(reportId: $reportId, content: $content) { id content moderator { id } report { id } } }`;
const DELETE_NOTE = `mutation($noteId: ID!) { deleteReportNote(noteId: $noteId) { id } }`;

type Client = Awaited<ReturnType<typeof clientAs>>;
type Person = Awaited<ReturnType<typeof createUserWithProfile>>;
interface Cast {
  reporter: Client;
  other: Client;
  moderator: Client;
  administrator: Client;
  moderatorPerson: Person;
  administratorPerson: Person;
}

/** Quoted-printable soft line breaks undone. */
const unfold = (raw: string) => raw.replace(/=\r?\n/g, '');
const errorOf = (r: GraphQLResponse<unknown>) => r.errors?.[0];
const reportCount = async () => (await t.app.database.db.select({ n: count() }).from(reports))[0]!.n;
const reportEventsCount = async () =>
  (await t.app.database.db.select({ n: count() }).from(domainEvents).where(eq(domainEvents.type, 'ReportCreated')))[0]!
    .n;

async function withRole(role: 'moderator' | 'administrator', locale?: string) {
  const person = await createUserWithProfile(t.app);
  await t.app.services.accountAdmin.modify(person.email, { role });
  if (locale) await t.app.services.settings.updateLocale(person.user.id, locale);
  return person;
}

async function eventOf(person: Person, title = 'Night market') {
  return t.app.services.events.createEvent(person.user.id, {
    organizerActorId: person.profile.id,
    title,
    beginsOn: new Date('2032-05-01T18:00:00Z')
  });
}

async function commentOn(person: Person, eventId: number, text = '<p>Buy my stuff</p>') {
  return t.app.services.comments.create(person.user.id, { eventId, actorId: person.profile.id, text });
}

let cast: Cast;
let reportedPerson: Person;
let reporterPerson: Person;

beforeAll(async () => {
  reporterPerson = await createUserWithProfile(t.app);
  reportedPerson = await createUserWithProfile(t.app);
  const otherPerson = await createUserWithProfile(t.app);
  const moderatorPerson = await withRole('moderator');
  const administratorPerson = await withRole('administrator', 'fr');
  const [reporter, other, moderator, administrator] = await Promise.all(
    [reporterPerson, otherPerson, moderatorPerson, administratorPerson].map((p) => clientAs(t.app, p.email, p.password))
  );
  cast = {
    reporter: reporter!,
    other: other!,
    moderator: moderator!,
    administrator: administrator!,
    moderatorPerson,
    administratorPerson
  };
});

/** A report by the reporter about the reported profile, straight from the service. */
async function aReport(content = 'Spam everywhere') {
  return t.app.services.reports.create(reporterPerson.user.id, {
    reporterId: reporterPerson.profile.id,
    reportedId: reportedPerson.profile.id,
    content
  });
}

// First, before other reports queue mails of their own.
describe('moderators’ mail', () => {
  it('goes to every moderator and administrator, in their language, with the report’s link', async () => {
    const report = await aReport('Please look');
    const link = `${t.app.config.publicUrl}/moderation/reports/${report.id}`;
    const mailAbout = (to: string) =>
      waitFor(async () => (await capturedMails(t.dataDir)).find((m) => m.to === to && unfold(m.raw).includes(link)), {
        what: `the report mail to ${to}`
      });
    const [toModerator, toAdministrator] = await Promise.all([
      mailAbout(cast.moderatorPerson.email),
      mailAbout(cast.administratorPerson.email)
    ]);
    expect(toModerator.subject).toBe(`New report on ${t.app.config.instanceName}`);
    expect(unfold(toModerator.raw)).toContain('Please look');
    expect(toAdministrator.subject).toContain('Nouveau signalement');
    // One mail each, however often the job ran; nobody else is told.
    const mails = (await capturedMails(t.dataDir)).filter((m) => unfold(m.raw).includes(link));
    expect(mails.map((m) => m.to).sort()).toEqual([cast.moderatorPerson.email, cast.administratorPerson.email].sort());
  });
});

describe('createReport', () => {
  it('refuses anonymous visitors and writes nothing', async () => {
    const before = await reportCount();
    const r = await gql(t.app, CREATE, { reportedId: String(reportedPerson.profile.id), content: 'hi' });
    expect(errorOf(r)).toMatchObject({ code: 'unauthenticated', status_code: 401 });
    expect(await reportCount()).toBe(before);
  });

  it('stores the report with only the events and comments of the reported actor; the reporter gets only its id', async () => {
    const ownEvent = await eventOf(reportedPerson, 'Reported event');
    const someoneElse = await createUserWithProfile(t.app);
    const foreignEvent = await eventOf(someoneElse, 'Innocent event');
    const ownComment = await commentOn(reportedPerson, foreignEvent.id);
    const foreignComment = await commentOn(someoneElse, ownEvent.id, '<p>Nice</p>');
    const eventsBefore = await reportEventsCount();

    const r = await cast.reporter.query<{
      createReport: {
        id: string;
        content: string | null;
        status: string | null;
        reported: unknown;
        reporter: unknown;
        notes: unknown;
      };
    }>(CREATE, {
      reportedId: String(reportedPerson.profile.id),
      content: '<b>Selling</b> fake &amp; dangerous <script>x</script>things',
      eventsIds: [String(ownEvent.id), String(foreignEvent.id), 'nonsense', '999999'],
      commentsIds: [String(ownComment.id), String(foreignComment.id)],
      forward: true
    });
    expect(r.errors).toBeUndefined();
    // Nothing but the id comes back to the reporter.
    expect(r.data!.createReport).toEqual({
      id: expect.any(String),
      content: null,
      status: null,
      reported: null,
      reporter: null,
      notes: null
    });
    const id = Number(r.data!.createReport.id);
    const [row] = await t.app.database.db.select().from(reports).where(eq(reports.id, id));
    expect(row).toMatchObject({
      reporterId: reporterPerson.profile.id,
      reportedId: reportedPerson.profile.id,
      content: 'Selling fake & dangerous things',
      status: 'open',
      local: true,
      // A local profile's server is this one: there is nowhere to forward to.
      forward: false,
      apId: `${t.app.config.publicUrl}/report/${row!.uuid}`
    });
    const events = await t.app.database.db.select().from(reportEvents).where(eq(reportEvents.reportId, id));
    expect(events.map((e) => e.eventId)).toEqual([ownEvent.id]);
    const attached = await t.app.database.db.select().from(reportComments).where(eq(reportComments.reportId, id));
    expect(attached.map((c) => c.commentId)).toEqual([ownComment.id]);
    expect(await reportEventsCount()).toBe(eventsBefore + 1);
  });

  it('lets any signed-in profile report; moderators and administrators see the fields of what they made', async () => {
    for (const [client, person, staff] of [
      [cast.other, null, false],
      [cast.moderator, cast.moderatorPerson, true],
      [cast.administrator, cast.administratorPerson, true]
    ] as const) {
      const r = await client.query<{
        createReport: { id: string; content: string | null; reporter: { id: string } | null };
      }>(CREATE, { reportedId: String(reportedPerson.profile.id), content: 'Seen it too' });
      expect(r.errors).toBeUndefined();
      expect(r.data!.createReport.content).toBe(staff ? 'Seen it too' : null);
      expect(r.data!.createReport.reporter).toEqual(staff ? { id: String(person!.profile.id) } : null);
      const [row] = await t.app.database.db
        .select()
        .from(reports)
        .where(eq(reports.id, Number(r.data!.createReport.id)));
      expect(row).toMatchObject({ reportedId: reportedPerson.profile.id, content: 'Seen it too', local: true });
    }
  });

  it('takes the older clients’ single eventId', async () => {
    const event = await eventOf(reportedPerson, 'Old client event');
    const r = await cast.reporter.query<{ createReport: { id: string } }>(CREATE, {
      reportedId: String(reportedPerson.profile.id),
      eventId: String(event.id)
    });
    expect(r.errors).toBeUndefined();
    const one = await cast.moderator.query<{
      report: { event: { id: string }; events: { id: string }[]; content: null };
    }>(ONE, {
      id: r.data!.createReport.id
    });
    expect(one.data!.report.event).toEqual({ id: String(event.id) });
    expect(one.data!.report.events).toEqual([{ id: String(event.id), title: 'Old client event' }]);
    expect(one.data!.report.content).toBeNull();
  });

  it('keeps forward for a remote actor', async () => {
    const remote = await t.app.services.actors.upsertRemoteActor({
      type: 'Person',
      apId: 'https://elsewhere.example/@troll',
      preferredUsername: 'troll',
      domain: 'elsewhere.example',
      inboxUrl: 'https://elsewhere.example/@troll/inbox',
      sharedInboxUrl: 'https://elsewhere.example/inbox'
    });
    const r = await cast.reporter.query<{ createReport: { id: string } }>(CREATE, {
      reportedId: String(remote.id),
      content: 'Harassment',
      forward: true
    });
    expect(r.errors).toBeUndefined();
    const [row] = await t.app.database.db
      .select()
      .from(reports)
      .where(eq(reports.id, Number(r.data!.createReport.id)));
    expect(row).toMatchObject({ reportedId: remote.id, forward: true, local: true });
  });

  it('refuses an unknown actor, and too long a message, with a clear error and nothing written', async () => {
    const before = await reportCount();
    const eventsBefore = await reportEventsCount();
    const unknown = await cast.reporter.query(CREATE, { reportedId: '987654', content: 'who?' });
    expect(errorOf(unknown)).toMatchObject({
      code: 'not_found',
      field: 'reportedId',
      message: 'Reported actor not found'
    });
    const malformed = await cast.reporter.query(CREATE, { reportedId: 'abc' });
    expect(errorOf(malformed)).toMatchObject({ code: 'not_found', field: 'reportedId' });
    const long = await cast.reporter.query(CREATE, {
      reportedId: String(reportedPerson.profile.id),
      content: 'x'.repeat(MAX_REPORT_CONTENT + 1)
    });
    expect(errorOf(long)).toMatchObject({ code: 'validation', status_code: 422, field: 'content' });
    expect(errorOf(long)?.message).toContain(`${MAX_REPORT_CONTENT} characters at most`);
    // Markup does not count: what is kept is the text.
    const justFits = await cast.reporter.query(CREATE, {
      reportedId: String(reportedPerson.profile.id),
      content: `<p>${'y'.repeat(MAX_REPORT_CONTENT)}</p>`
    });
    expect(justFits.errors).toBeUndefined();
    expect(await reportCount()).toBe(before + 1);
    expect(await reportEventsCount()).toBe(eventsBefore + 1);
  });
});

describe('reading reports', () => {
  it('lists reports to moderators and administrators only', async () => {
    const report = await aReport('List me');
    const denied = await Promise.all([gql(t.app, LIST, {}), cast.reporter.query(LIST, {}), cast.other.query(LIST, {})]);
    expect(denied.map((r) => errorOf(r)?.status_code)).toEqual([401, 403, 403]);
    for (const client of [cast.moderator, cast.administrator]) {
      const r = await client.query<{
        reports: { total: number; elements: { id: string; status: string; content: string }[] };
      }>(LIST, { limit: 100 });
      expect(r.errors).toBeUndefined();
      expect(r.data!.reports.elements).toContainEqual({ id: String(report.id), status: 'OPEN', content: 'List me' });
      expect(r.data!.reports.total).toBe(r.data!.reports.elements.length);
    }
  });

  it('filters by status and by the reported actor’s domain, and pages', async () => {
    const closed = await aReport('To close');
    await t.app.services.reports.updateStatus(cast.moderatorPerson.user.id, closed.id, 'closed');
    const list = (variables: Record<string, unknown>) =>
      cast.moderator.query<{ reports: { total: number; elements: { id: string; status: string }[] } }>(LIST, variables);

    const open = (await list({ limit: 100 })).data!.reports;
    expect(open.elements.every((r) => r.status === 'OPEN')).toBe(true);
    expect(open.elements.map((r) => r.id)).not.toContain(String(closed.id));
    const onlyClosed = (await list({ status: 'CLOSED' })).data!.reports;
    expect(onlyClosed.elements.map((r) => r.id)).toEqual([String(closed.id)]);

    const remote = (await list({ domain: 'elsewhere.example', limit: 100 })).data!.reports;
    expect(remote.total).toBe(1);
    const local = (await list({ domain: t.app.config.domain, limit: 100 })).data!.reports;
    expect(local.total).toBe(open.total - 1);
    expect((await list({ domain: 'nowhere.example' })).data!.reports).toEqual({ total: 0, elements: [] });

    const first = (await list({ page: 1, limit: 2 })).data!.reports;
    const second = (await list({ page: 2, limit: 2 })).data!.reports;
    expect(first.elements).toHaveLength(2);
    expect(first.total).toBe(open.total);
    expect(second.elements.map((r) => r.id)).not.toContain(first.elements[0]!.id);
    // Newest first.
    expect(Number(first.elements[0]!.id)).toBeGreaterThan(Number(first.elements[1]!.id));
  });

  it('shows one report to moderators and administrators, never to its reporter or anyone else', async () => {
    const report = await aReport('Read me');
    const denied = await Promise.all([
      gql(t.app, ONE, { id: String(report.id) }),
      cast.reporter.query(ONE, { id: String(report.id) }),
      cast.other.query(ONE, { id: String(report.id) })
    ]);
    expect(denied.map((r) => errorOf(r)?.status_code)).toEqual([401, 403, 403]);
    expect(denied.every((r) => (r.data as { report: unknown } | null)?.report == null)).toBe(true);
    for (const client of [cast.moderator, cast.administrator]) {
      const r = await client.query<{ report: Record<string, unknown> }>(ONE, { id: String(report.id) });
      expect(r.errors).toBeUndefined();
      expect(r.data!.report).toMatchObject({
        id: String(report.id),
        content: 'Read me',
        status: 'OPEN',
        uri: report.apId,
        reported: {
          id: String(reportedPerson.profile.id),
          preferredUsername: reportedPerson.profile.preferredUsername,
          user: { id: String(reportedPerson.user.id) }
        },
        reporter: { id: String(reporterPerson.profile.id) },
        events: [],
        event: null,
        comments: [],
        notes: []
      });
    }
    const missing = await cast.moderator.query(ONE, { id: '99999999' });
    expect(errorOf(missing)).toMatchObject({ code: 'not_found', status_code: 404 });
  });
});

describe('updateReportStatus', () => {
  it('lets moderators and administrators change the status; nobody else', async () => {
    const report = await aReport('Status');
    const denied = await Promise.all([
      gql(t.app, UPDATE, { reportId: String(report.id), status: 'RESOLVED' }),
      cast.reporter.query(UPDATE, { reportId: String(report.id), status: 'RESOLVED' }),
      cast.other.query(UPDATE, { reportId: String(report.id), status: 'RESOLVED' })
    ]);
    expect(denied.map((r) => errorOf(r)?.status_code)).toEqual([401, 403, 403]);
    const status = async () =>
      (await t.app.database.db.select().from(reports).where(eq(reports.id, report.id)))[0]!.status;
    expect(await status()).toBe('open');

    const resolved = await cast.moderator.query(UPDATE, { reportId: String(report.id), status: 'RESOLVED' });
    expect(resolved.data).toEqual({ updateReportStatus: { id: String(report.id), status: 'RESOLVED' } });
    expect(await status()).toBe('resolved');
    const closed = await cast.administrator.query(UPDATE, { reportId: String(report.id), status: 'CLOSED' });
    expect(closed.errors).toBeUndefined();
    expect(await status()).toBe('closed');

    const unknown = await cast.moderator.query(UPDATE, { reportId: '99999999', status: 'OPEN' });
    expect(errorOf(unknown)).toMatchObject({ code: 'not_found', field: 'reportId' });
    const bad = await cast.moderator.query(UPDATE, { reportId: String(report.id), status: 'SHELVED' });
    expect(bad.errors).toBeDefined();
    expect(await status()).toBe('closed');
  });
});

describe('report notes', () => {
  it('are written by moderators and administrators, and deleted by their author only', async () => {
    const report = await aReport('Notes');
    const notes = async () => t.app.database.db.select().from(reportNotes).where(eq(reportNotes.reportId, report.id));
    const denied = await Promise.all([
      gql(t.app, NOTE, { reportId: String(report.id), content: 'no' }),
      cast.reporter.query(NOTE, { reportId: String(report.id), content: 'no' }),
      cast.other.query(NOTE, { reportId: String(report.id), content: 'no' })
    ]);
    expect(denied.map((r) => errorOf(r)?.status_code)).toEqual([401, 403, 403]);
    expect(await notes()).toEqual([]);

    const empty = await cast.moderator.query(NOTE, { reportId: String(report.id), content: '<p> </p>' });
    expect(errorOf(empty)).toMatchObject({ code: 'validation', field: 'content', message: 'The note is empty' });
    const long = await cast.moderator.query(NOTE, {
      reportId: String(report.id),
      content: 'n'.repeat(MAX_REPORT_CONTENT + 1)
    });
    expect(errorOf(long)).toMatchObject({ code: 'validation', field: 'content' });
    const unknown = await cast.moderator.query(NOTE, { reportId: '99999999', content: 'lost' });
    expect(errorOf(unknown)).toMatchObject({ code: 'not_found', field: 'reportId' });
    expect(await notes()).toEqual([]);

    const byModerator = await cast.moderator.query<{ createReportNote: { id: string } }>(NOTE, {
      reportId: String(report.id),
      content: 'Looked at it <i>twice</i>'
    });
    expect(byModerator.data!.createReportNote).toEqual({
      id: expect.any(String),
      content: 'Looked at it twice',
      moderator: { id: String(cast.moderatorPerson.profile.id) },
      report: { id: String(report.id) }
    });
    const byAdministrator = await cast.administrator.query<{ createReportNote: { id: string } }>(NOTE, {
      reportId: String(report.id),
      content: 'Agreed'
    });
    expect(byAdministrator.errors).toBeUndefined();

    const one = await cast.moderator.query<{ report: { notes: { content: string; moderator: { id: string } }[] } }>(
      ONE,
      {
        id: String(report.id)
      }
    );
    expect(one.data!.report.notes.map((n) => n.content)).toEqual(['Looked at it twice', 'Agreed']);

    const noteId = byModerator.data!.createReportNote.id;
    const refused = await Promise.all([
      gql(t.app, DELETE_NOTE, { noteId }),
      cast.reporter.query(DELETE_NOTE, { noteId }),
      cast.other.query(DELETE_NOTE, { noteId }),
      // An administrator who did not write it leaves it alone too, as on Mobilizon.
      cast.administrator.query(DELETE_NOTE, { noteId })
    ]);
    expect(refused.map((r) => errorOf(r)?.status_code)).toEqual([401, 403, 403, 403]);
    expect(await notes()).toHaveLength(2);

    const deleted = await cast.moderator.query(DELETE_NOTE, { noteId });
    expect(deleted.data).toEqual({ deleteReportNote: { id: noteId } });
    expect((await notes()).map((n) => n.content)).toEqual(['Agreed']);
    const again = await cast.moderator.query(DELETE_NOTE, { noteId });
    expect(errorOf(again)).toMatchObject({ code: 'not_found', field: 'noteId' });
  });
});

describe('received reports', () => {
  it('stores a Flag once, about the first known actor, with only what concerns it', async () => {
    const relay = await t.app.services.actors.upsertRemoteActor({
      type: 'Application',
      apId: 'https://other.example/relay',
      preferredUsername: 'relay',
      domain: 'other.example',
      inboxUrl: 'https://other.example/inbox'
    });
    const event = await eventOf(reportedPerson, 'Flagged event');
    const someoneElse = await createUserWithProfile(t.app);
    const foreignEvent = await eventOf(someoneElse, 'Not concerned');
    const comment = await commentOn(reportedPerson, foreignEvent.id);
    const flag = {
      apId: 'https://other.example/report/1',
      reporterId: relay.id,
      objectUrls: [
        'https://other.example/@unknown',
        reportedPerson.profile.apId,
        comment.url,
        event.url,
        foreignEvent.url
      ],
      content: '<p>Scam</p>'
    };
    const before = await reportCount();
    const first = await t.app.services.reports.receive(flag);
    expect(first?.created).toBe(true);
    expect(first?.report).toMatchObject({
      apId: flag.apId,
      reporterId: relay.id,
      reportedId: reportedPerson.profile.id,
      content: 'Scam',
      local: false,
      forward: false
    });
    const again = await t.app.services.reports.receive({ ...flag, content: 'changed' });
    expect(again).toMatchObject({ created: false, report: { id: first!.report.id, content: 'Scam' } });
    expect(await reportCount()).toBe(before + 1);
    const events = await t.app.database.db
      .select()
      .from(reportEvents)
      .where(eq(reportEvents.reportId, first!.report.id));
    expect(events.map((e) => e.eventId)).toEqual([event.id]);
    const attached = await t.app.database.db
      .select()
      .from(reportComments)
      .where(eq(reportComments.reportId, first!.report.id));
    expect(attached.map((c) => c.commentId)).toEqual([comment.id]);

    expect(
      await t.app.services.reports.receive({
        ...flag,
        apId: 'https://other.example/report/2',
        objectUrls: ['https://x.example/@nobody']
      })
    ).toBeUndefined();
    // Its sender cannot be the reported actor.
    expect(
      await t.app.services.reports.receive({
        ...flag,
        apId: 'https://other.example/report/3',
        objectUrls: [relay.apId]
      })
    ).toBeUndefined();
    expect(await reportCount()).toBe(before + 1);
  });
});

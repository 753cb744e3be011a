import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(async () => t?.stop());

const op = (name: string) => mobilizonOperation(name).source;

interface ReportFragment {
  id: string;
  status: string;
  content: string | null;
  insertedAt: string;
  updatedAt: string;
  reported: {
    id: string;
    preferredUsername: string;
    domain: string | null;
    suspended: boolean;
    user?: { id: string; disabled: boolean } | null;
  };
  reporter: { id: string; preferredUsername: string; suspended: boolean };
  events: { id: string; uuid: string; title: string; organizerActor: { id: string }; attributedTo: null }[];
  comments: {
    id: string;
    text: string;
    actor: { id: string };
    event: { id: string; title: string };
    conversation: null;
  }[];
  notes: { id: string; content: string; moderator: { id: string }; insertedAt: string }[];
}

describe.skipIf(!hasMobilizonCorpus())("Mobilizon's report documents", () => {
  it('report an event and its comment, then list, read, note and resolve the report', async () => {
    const reporter = await createUserWithProfile(t.app, { username: 'witness' });
    const reported = await createUserWithProfile(t.app, { username: 'scammer' });
    const moderator = await createUserWithProfile(t.app, { username: 'warden' });
    await t.app.services.accountAdmin.modify(moderator.email, { role: 'moderator' });
    const event = await t.app.services.events.createEvent(reported.user.id, {
      organizerActorId: reported.profile.id,
      title: 'Free crypto',
      beginsOn: new Date('2033-01-01T10:00:00Z')
    });
    const comment = await t.app.services.comments.create(reported.user.id, {
      eventId: event.id,
      actorId: reported.profile.id,
      text: '<p>Send me money</p>'
    });
    const asReporter = await clientAs(t.app, reporter.email, reporter.password);
    const asModerator = await clientAs(t.app, moderator.email, moderator.password);

    const created = await asReporter.query<{ createReport: { id: string } }>(op('CreateReport'), {
      eventsIds: [String(event.id)],
      reportedId: String(reported.profile.id),
      content: 'This is a scam',
      commentsIds: [String(comment.id)],
      forward: false
    });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createReport.id;

    const list = await asModerator.query<{
      reports: {
        total: number;
        elements: (Pick<ReportFragment, 'id' | 'status' | 'content'> & { events: { title: string }[] })[];
      };
    }>(op('Reports'), { status: 'OPEN', page: 1, limit: 10 });
    expect(list.errors).toBeUndefined();
    expect(list.data!.reports.total).toBe(1);
    expect(list.data!.reports.elements[0]).toMatchObject({
      id,
      status: 'OPEN',
      content: 'This is a scam',
      events: [{ title: 'Free crypto' }]
    });

    const one = await asModerator.query<{ report: ReportFragment }>(op('Report'), { id });
    expect(one.errors).toBeUndefined();
    expect(one.data!.report).toMatchObject({
      id,
      status: 'OPEN',
      reported: {
        id: String(reported.profile.id),
        preferredUsername: 'scammer',
        domain: null,
        suspended: false,
        user: { id: String(reported.user.id), disabled: false }
      },
      reporter: { id: String(reporter.profile.id), preferredUsername: 'witness' },
      events: [
        {
          id: String(event.id),
          uuid: event.uuid,
          title: 'Free crypto',
          organizerActor: { id: String(reported.profile.id) },
          attributedTo: null
        }
      ],
      comments: [
        {
          id: String(comment.id),
          text: '<p>Send me money</p>',
          actor: { id: String(reported.profile.id) },
          event: { id: String(event.id), title: 'Free crypto' },
          conversation: null
        }
      ],
      notes: []
    });

    const note = await asModerator.query<{ createReportNote: { id: string; content: string; insertedAt: string } }>(
      op('CreateReportNote'),
      { reportId: id, content: 'Confirmed with the organizer' }
    );
    expect(note.errors).toBeUndefined();
    expect(note.data!.createReportNote).toMatchObject({ content: 'Confirmed with the organizer' });

    const resolved = await asModerator.query<{ updateReportStatus: ReportFragment }>(op('UpdateReport'), {
      reportId: id,
      status: 'RESOLVED'
    });
    expect(resolved.errors).toBeUndefined();
    expect(resolved.data!.updateReportStatus).toMatchObject({
      id,
      status: 'RESOLVED',
      notes: [{ content: 'Confirmed with the organizer', moderator: { id: String(moderator.profile.id) } }]
    });
    const open = await asModerator.query<{ reports: { total: number } }>(op('Reports'), {});
    expect(open.data!.reports.total).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { gql } from '../helpers/graphql.ts';
import { capturedMails, linkToken, mailTo } from '../helpers/mail.ts';
import { mailText } from '../helpers/mail-text.ts';
import { waitFor } from '../helpers/wait.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false });
});
afterAll(() => t?.stop());

const HOUR = 60 * 60 * 1000;

async function person(options: { reminder: boolean; timezone?: string; locale?: 'en' | 'fr' | 'ar' }) {
  const p = await createUserWithProfile(t.app);
  await t.app.services.settings.update(p.user.id, {
    notificationBeforeEvent: options.reminder,
    ...(options.timezone ? { timezone: options.timezone } : {})
  });
  if (options.locale) await t.app.services.settings.updateLocale(p.user.id, options.locale);
  return p;
}

/** An event whose reminder time comes `seconds` from now. */
async function eventSoon(seconds: number, title = 'Morning run') {
  const owner = await createUserWithProfile(t.app);
  const event = await t.app.services.events.createEvent(owner.user.id, {
    organizerActorId: owner.profile.id,
    title,
    beginsOn: new Date(Date.now() + HOUR + seconds * 1000),
    options: { timezone: 'UTC', anonymousParticipation: true }
  });
  return { owner, event };
}

const reminders = async (to: string) =>
  (await capturedMails(t.dataDir)).filter(
    (m) => m.to === to && /starts in one hour|commence dans une heure/.test(mailText(m).subject)
  );

const reminderJobs = async (participantId: number) => {
  const { rows } = await t.app.database.pool.query<{ n: string }>(
    "select count(*) as n from pgboss.job where name = 'participation.reminder' and (data->>'participantId')::bigint = $1",
    [participantId]
  );
  return Number(rows[0]!.n);
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('reminders one hour before', () => {
  it('reach participants who want them, at their time zone, and anonymous participants; not those who do not', async () => {
    const { event } = await eventSoon(4, 'Morning run');
    const wants = await person({ reminder: true, timezone: 'America/New_York', locale: 'fr' });
    const doesNot = await person({ reminder: false });
    await t.app.services.participation.join(wants.user.id, { eventId: event.id, actorId: wants.profile.id });
    await t.app.services.participation.join(doesNot.user.id, { eventId: event.id, actorId: doesNot.profile.id });
    const guest = `runner.${Date.now()}@example.org`;
    const { data } = await gql<{ config: { anonymous: { actorId: string } } }>(
      t.app,
      '{ config { anonymous { actorId } } }'
    );
    await gql(
      t.app,
      'mutation($e: ID!, $a: ID!, $m: String) { joinEvent(eventId: $e, actorId: $a, email: $m) { id } }',
      {
        e: String(event.id),
        a: data!.config.anonymous.actorId,
        m: guest
      }
    );
    const token = linkToken(await mailTo(t.dataDir, guest), '/participation/email/confirm');
    await gql(t.app, 'mutation($t: String!) { confirmParticipation(confirmationToken: $t) { id } }', { t: token });

    const [mine] = await waitFor(
      async () => {
        const found = await reminders(wants.email);
        return found.length > 0 ? found : undefined;
      },
      { timeoutMs: 20_000, what: 'reminder' }
    );
    const { subject, text } = mailText(mine!);
    expect(subject).toBe('« Morning run » commence dans une heure');
    const local = new Intl.DateTimeFormat('fr-FR', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'America/New_York'
    }).format(event.beginsOn);
    expect(text).toContain(`${local} (America/New_York)`);
    expect(text).toContain(`${t.app.config.publicUrl}/events/${event.uuid}`);

    const guestReminder = await waitFor(async () => (await reminders(guest))[0], {
      timeoutMs: 10_000,
      what: 'guest reminder'
    });
    expect(mailText(guestReminder).text).toContain(`/participation/email/cancel/${event.uuid}/`);
    await pause(1500);
    expect(await reminders(doesNot.email)).toHaveLength(0);
    expect(await reminders(wants.email)).toHaveLength(1);
  });

  it('is planned once per participation and start, and does nothing once the event moved or was cancelled', async () => {
    const moved = await eventSoon(3, 'Moved meeting');
    const cancelled = await eventSoon(3, 'Called off');
    const rose = await person({ reminder: true });
    const p = await t.app.services.participation.join(rose.user.id, {
      eventId: moved.event.id,
      actorId: rose.profile.id
    });
    const q = await t.app.services.participation.join(rose.user.id, {
      eventId: cancelled.event.id,
      actorId: rose.profile.id
    });
    // Declined and approved again: the same start, so still one reminder job.
    await t.app.services.participation.updateRole(moved.owner.user.id, { participantId: p.id, role: 'rejected' });
    await t.app.services.participation.updateRole(moved.owner.user.id, { participantId: p.id, role: 'participant' });
    await waitFor(async () => (await reminderJobs(p.id)) >= 1, { what: 'reminder job' });
    await pause(500);
    expect(await reminderJobs(p.id)).toBe(1);

    await t.app.services.events.updateEvent(moved.owner.user.id, moved.event.id, {
      beginsOn: new Date(Date.now() + 3 * HOUR)
    });
    await t.app.services.events.updateEvent(cancelled.owner.user.id, cancelled.event.id, { status: 'cancelled' });
    await waitFor(async () => (await reminderJobs(p.id)) >= 2, { what: 'rescheduled reminder job' });
    expect(await reminderJobs(q.id)).toBe(1);
    // Both first reminders come due now, and find their event changed.
    await pause(6000);
    expect(await reminders(rose.email)).toHaveLength(0);
    const { rows } = await t.app.database.pool.query<{ state: string }>(
      "select state from pgboss.job where name = 'participation.reminder' and (data->>'participantId')::bigint = any($1) and start_after < now()",
      [[p.id, q.id]]
    );
    expect(rows.map((r) => r.state).sort()).toEqual(['completed', 'completed']);
  });
});

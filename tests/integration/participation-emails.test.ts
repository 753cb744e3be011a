import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { gql } from '../helpers/graphql.ts';
import { capturedMails, linkToken, mailTo } from '../helpers/mail.ts';
import { mailText } from '../helpers/mail-text.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false });
});
afterAll(() => t?.stop());

const BEGINS = new Date('2031-03-14T17:30:00Z');

async function person(options: { locale?: 'en' | 'fr' | 'ar'; timezone?: string } = {}) {
  const p = await createUserWithProfile(t.app);
  if (options.locale) await t.app.services.settings.updateLocale(p.user.id, options.locale);
  if (options.timezone) await t.app.services.settings.update(p.user.id, { timezone: options.timezone });
  return p;
}

async function organizedEvent(joinOptions: 'free' | 'restricted' = 'free', title = 'Night market') {
  const owner = await person();
  const event = await t.app.services.events.createEvent(owner.user.id, {
    organizerActorId: owner.profile.id,
    title,
    beginsOn: BEGINS,
    joinOptions,
    options: { timezone: 'Europe/Paris', anonymousParticipation: true }
  });
  return { owner, event };
}

const mailsTo = async (to: string) => (await capturedMails(t.dataDir)).filter((m) => m.to === to);
const settle = () => new Promise((r) => setTimeout(r, 2500));

describe('participation mails', () => {
  it('tells a participant their participation is confirmed, in their language and time zone', async () => {
    const { event } = await organizedEvent('free', 'Marché de nuit');
    const rose = await person({ locale: 'fr', timezone: 'Asia/Tokyo' });
    await t.app.services.participation.join(rose.user.id, { eventId: event.id, actorId: rose.profile.id });
    const { subject, text } = mailText(await mailTo(t.dataDir, rose.email));
    expect(subject).toBe('Votre participation à « Marché de nuit » est confirmée');
    expect(text).toContain('Vous participez à cet événement.');
    expect(text).toContain('02:30 (Asia/Tokyo)');
    expect(text).toContain('samedi 15 mars 2031');
    expect(text).toContain(`${t.app.config.publicUrl}/events/${event.uuid}`);
    expect(text).not.toContain('/participation/email/cancel/');
  });

  it("uses the event's time zone when the person has none", async () => {
    const { event } = await organizedEvent();
    const leo = await person();
    await t.app.services.participation.join(leo.user.id, { eventId: event.id, actorId: leo.profile.id });
    const { subject, text } = mailText(await mailTo(t.dataDir, leo.email));
    expect(subject).toBe('Your participation in “Night market” is confirmed');
    expect(text).toContain('18:30 (Europe/Paris)');
    expect(text).toContain('Friday, 14 March 2031');
  });

  it('tells of approval and refusal (in Arabic here), and says nothing of a mere request', async () => {
    const { owner, event } = await organizedEvent('restricted', 'سوق الليل');
    const amal = await person({ locale: 'ar' });
    const omar = await person({ locale: 'ar', timezone: 'Africa/Cairo' });
    const a = await t.app.services.participation.join(amal.user.id, { eventId: event.id, actorId: amal.profile.id });
    const o = await t.app.services.participation.join(omar.user.id, { eventId: event.id, actorId: omar.profile.id });
    await t.app.services.participation.updateRole(owner.user.id, { participantId: a.id, role: 'participant' });
    await t.app.services.participation.updateRole(owner.user.id, { participantId: o.id, role: 'rejected' });
    const approved = mailText(await mailTo(t.dataDir, amal.email));
    expect(approved.subject).toBe('قُبلت مشاركتك في «سوق الليل»');
    expect(approved.text).toContain('(Europe/Paris)');
    const rejected = mailText(await mailTo(t.dataDir, omar.email));
    expect(rejected.subject).toBe('رُفضت مشاركتك في «سوق الليل»');
    expect(rejected.text).toContain('(Africa/Cairo)');
    await settle();
    // One mail each: the requests themselves sent nothing.
    expect(await mailsTo(amal.email)).toHaveLength(1);
    expect(await mailsTo(omar.email)).toHaveLength(1);
  });

  it('tells every participant of a new time or place and of a cancellation, but not the declined or those who opted out', async () => {
    const { owner, event } = await organizedEvent('free', 'Street concert');
    const ana = await person();
    const quiet = await person();
    const declined = await person();
    for (const p of [ana, quiet, declined]) {
      await t.app.services.participation.join(p.user.id, { eventId: event.id, actorId: p.profile.id });
      await mailTo(t.dataDir, p.email); // its "confirmed" mail
    }
    const [declinedRow] = (
      await t.app.services.queries.participations.ofEvent(event.id, { roles: ['participant'], page: 1, limit: 10 })
    ).elements.filter((p) => p.actorId === declined.profile.id);
    await t.app.services.participation.updateRole(owner.user.id, { participantId: declinedRow!.id, role: 'rejected' });
    await mailTo(t.dataDir, declined.email, 2); // its "declined" mail
    await t.app.services.activitySettings.update(quiet.user.id, {
      key: 'participation_event_updated',
      method: 'email',
      enabled: false
    });
    const anonymousEmail = `guest.${Date.now()}@example.org`;
    const { data } = await gql<{ config: { anonymous: { actorId: string } } }>(
      t.app,
      '{ config { anonymous { actorId } } }'
    );
    await gql(
      t.app,
      'mutation($e: ID!, $a: ID!, $m: String) { joinEvent(eventId: $e, actorId: $a, email: $m, locale: "fr") { id } }',
      { e: String(event.id), a: data!.config.anonymous.actorId, m: anonymousEmail }
    );
    const token = linkToken(await mailTo(t.dataDir, anonymousEmail), '/participation/email/confirm');
    await gql(t.app, 'mutation($t: String!) { confirmParticipation(confirmationToken: $t) { id } }', { t: token });
    await mailTo(t.dataDir, anonymousEmail, 2); // its "confirmed" mail

    await t.app.services.events.updateEvent(owner.user.id, event.id, {
      beginsOn: new Date('2031-03-21T19:00:00Z'),
      physicalAddress: { description: 'Town hall square', locality: 'Lyon' }
    });
    const changed = mailText(await mailTo(t.dataDir, ana.email, 2));
    expect(changed.subject).toBe('“Street concert” has changed');
    expect(changed.text).toContain('The event’s date or time has changed.');
    expect(changed.text).toContain('The event’s place has changed.');
    expect(changed.text).toContain('20:00 (Europe/Paris)');
    expect(changed.text).toContain('Town hall square, Lyon');
    const toGuest = mailText(await mailTo(t.dataDir, anonymousEmail, 3));
    expect(toGuest.subject).toBe('« Street concert » a été modifié');
    expect(toGuest.text).toContain(`${t.app.config.publicUrl}/participation/email/cancel/${event.uuid}/`);

    await t.app.services.events.updateEvent(owner.user.id, event.id, { status: 'cancelled' });
    const cancelled = mailText(await mailTo(t.dataDir, ana.email, 3));
    expect(cancelled.subject).toBe('“Street concert” is cancelled');
    expect(cancelled.text).toContain('The organizer cancelled this event.');
    expect(mailText(await mailTo(t.dataDir, anonymousEmail, 4)).subject).toBe('« Street concert » est annulé');
    await settle();
    expect(await mailsTo(quiet.email)).toHaveLength(1);
    expect(await mailsTo(declined.email)).toHaveLength(2);
    expect(await mailsTo(owner.email)).toHaveLength(0);
    expect(await mailsTo(ana.email)).toHaveLength(3);
  });
});

import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pageDocuments from '#lib/api/participation.ts';
import { getSchema } from '#lib/server/graphql/schema.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { capturedMails, linkToken, mailTo } from '../helpers/mail.ts';
import { mailText } from '../helpers/mail-text.ts';
import { hasMobilizonCorpus, loadMobilizonOperations, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false });
});
afterAll(() => t?.stop());

const JOIN = `mutation($eventId: ID!, $actorId: ID!, $email: String, $message: String, $locale: String, $timezone: Timezone) {
  joinEvent(eventId: $eventId, actorId: $actorId, email: $email, message: $message, locale: $locale, timezone: $timezone) {
    id role actor { id preferredUsername } metadata { message locale cancellationToken } } }`;
const CONFIRM = `mutation($token: String!) { confirmParticipation(confirmationToken: $token) {
  id role actor { id } event { id uuid joinOptions } metadata { message cancellationToken } } }`;
const LEAVE = `mutation($eventId: ID!, $actorId: ID!, $token: String) {
  leaveEvent(eventId: $eventId, actorId: $actorId, token: $token) { id event { id } actor { id } } }`;
const PARTICIPANTS = `query($uuid: UUID!, $roles: String) { event(uuid: $uuid) {
  participants(roles: $roles) { total elements { id role actor { id preferredUsername name } metadata { message locale cancellationToken } } } } }`;

type Joined = { joinEvent: { id: string; role: string; actor: { id: string }; metadata: { message: string | null } } };

let sequence = 0;
const address = () => `Someone.${Date.now().toString(36)}${sequence++}@Example.org`;

async function anonymousActorId(): Promise<string> {
  const res = await gql<{ config: { anonymous: { actorId: string } } }>(t.app, '{ config { anonymous { actorId } } }');
  return res.data!.config.anonymous.actorId;
}

async function organizedEvent(
  options: { joinOptions?: 'free' | 'restricted'; anonymous?: boolean; capacity?: number; title?: string } = {}
) {
  const owner = await createUserWithProfile(t.app);
  const event = await t.app.services.events.createEvent(owner.user.id, {
    organizerActorId: owner.profile.id,
    title: options.title ?? 'Repair café',
    beginsOn: new Date('2031-03-14T17:30:00Z'),
    joinOptions: options.joinOptions ?? 'free',
    options: {
      anonymousParticipation: options.anonymous ?? true,
      ...(options.capacity ? { maximumAttendeeCapacity: options.capacity } : {})
    }
  });
  return { owner, event };
}

async function joinByEmail(eventId: number, email: string, extra: Record<string, unknown> = {}) {
  return gql<Joined>(t.app, JOIN, { eventId: String(eventId), actorId: await anonymousActorId(), email, ...extra });
}

async function confirmationToken(email: string): Promise<string> {
  return linkToken(await mailTo(t.dataDir, email.toLowerCase()), '/participation/email/confirm');
}

describe('anonymous participation', () => {
  it('publishes its settings and one anonymous actor, made once', async () => {
    const res = await gql<{
      config: { anonymous: { participation: unknown; reports: { allowed: boolean }; actorId: string } };
    }>(
      t.app,
      `{ config { anonymous { participation { allowed validation { email { enabled confirmationRequired } captcha { enabled } } }
         reports { allowed } actorId } } }`
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.config.anonymous.participation).toEqual({
      allowed: true,
      validation: { email: { enabled: true, confirmationRequired: true }, captcha: { enabled: false } }
    });
    const ids = await Promise.all([anonymousActorId(), anonymousActorId(), anonymousActorId()]);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toBe(res.data?.config.anonymous.actorId);
    const actor = await t.app.services.queries.actors.byId(Number(ids[0]));
    expect(actor).toMatchObject({ preferredUsername: 'anonymous', userId: null, domain: null, type: 'Person' });
  });

  it('joins with an email, mails a confirmation link, and counts once confirmed', async () => {
    const { event } = await organizedEvent({ title: 'Soupe partagée' });
    const email = address();
    const joined = await joinByEmail(event.id, email, { locale: 'fr_FR', timezone: 'Europe/Paris' });
    expect(joined.errors).toBeUndefined();
    expect(joined.data?.joinEvent).toMatchObject({ role: 'NOT_CONFIRMED', actor: { id: await anonymousActorId() } });
    expect(JSON.stringify(joined.raw).toLowerCase()).not.toContain(email.toLowerCase());
    // Not confirmed yet: no seat taken.
    expect((await t.app.services.queries.events.byId(event.id))?.participantCount).toBe(0);

    const mail = await mailTo(t.dataDir, email.toLowerCase());
    const { subject, text } = mailText(mail);
    expect(subject).toBe('Confirmez votre participation à « Soupe partagée »');
    expect(text).toContain('18:30 (Europe/Paris)');
    expect(text).toContain(`${t.app.config.publicUrl}/events/${event.uuid}`);
    expect(text).toContain(`${t.app.config.publicUrl}/participation/email/cancel/${event.uuid}/`);
    const token = linkToken(mail, '/participation/email/confirm');

    const op = hasMobilizonCorpus() ? mobilizonOperation('ConfirmParticipation').source : CONFIRM;
    const confirmed = await gql<{
      confirmParticipation: { role: string; event: { uuid: string; joinOptions: string } };
    }>(t.app, op, { token });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data?.confirmParticipation).toMatchObject({
      role: 'PARTICIPANT',
      event: { uuid: event.uuid, joinOptions: 'FREE' }
    });
    expect((await t.app.services.queries.events.byId(event.id))?.participantCount).toBe(1);
    const again = await gql(t.app, CONFIRM, { token });
    expect(again.errors?.[0]).toMatchObject({ code: 'not_found' });
    const bogus = await gql(t.app, CONFIRM, { token: 'x'.repeat(43) });
    expect(bogus.errors?.[0]).toMatchObject({ code: 'not_found' });
  });

  it('waits for the organizer on an event that asks for approval; the message is theirs to read, the email nobody’s', async () => {
    const { owner, event } = await organizedEvent({ joinOptions: 'restricted' });
    const email = address();
    const joined = await joinByEmail(event.id, email, { message: 'I will bring a ladder' });
    expect(joined.data?.joinEvent.role).toBe('NOT_CONFIRMED');
    const confirmed = await gql<{ confirmParticipation: { id: string; role: string } }>(t.app, CONFIRM, {
      token: await confirmationToken(email)
    });
    expect(confirmed.data?.confirmParticipation.role).toBe('NOT_APPROVED');
    expect(JSON.stringify(confirmed.raw).toLowerCase()).not.toContain(email.toLowerCase());

    const organizer = await clientAs(t.app, owner.email, owner.password);
    const list = await organizer.query<{
      event: {
        participants: { elements: { role: string; metadata: { message: string | null; cancellationToken: null } }[] };
      };
    }>(PARTICIPANTS, { uuid: event.uuid, roles: 'not_approved' });
    expect(list.errors).toBeUndefined();
    expect(list.data?.event.participants.elements).toEqual([
      expect.objectContaining({
        role: 'NOT_APPROVED',
        metadata: { message: 'I will bring a ladder', locale: 'en', cancellationToken: null }
      })
    ]);
    const all = await organizer.query(PARTICIPANTS, { uuid: event.uuid });
    const asMobilizon = hasMobilizonCorpus()
      ? await organizer.query(mobilizonOperation('Participants').source, { uuid: event.uuid, page: 1, limit: 10 })
      : all;
    for (const response of [list, all, asMobilizon]) {
      expect(JSON.stringify(response.raw).toLowerCase()).not.toContain(email.toLowerCase());
    }

    const approved = await organizer.query<{ updateParticipation: { role: string } }>(
      'mutation($id: ID!) { updateParticipation(id: $id, role: PARTICIPANT) { role } }',
      { id: confirmed.data!.confirmParticipation.id }
    );
    expect(approved.data?.updateParticipation.role).toBe('PARTICIPANT');
    const mail = await mailTo(t.dataDir, email.toLowerCase(), 2);
    expect(mailText(mail).subject).toBe('Your participation in “Repair café” was approved');
  });

  it('refuses a second participation of the same address, whatever its case', async () => {
    const { event } = await organizedEvent();
    const email = address();
    expect((await joinByEmail(event.id, email)).errors).toBeUndefined();
    const twice = await joinByEmail(event.id, email.toUpperCase());
    expect(twice.errors?.[0]).toMatchObject({ status_code: 409, field: 'email' });
    const stored = await t.app.services.queries.participations.ofEvent(event.id, {
      roles: ['not_confirmed'],
      page: 1,
      limit: 10
    });
    expect(stored.total).toBe(1);
  });

  it('refuses events that do not take anonymous participations, and bad addresses', async () => {
    const { event } = await organizedEvent({ anonymous: false });
    const refused = await joinByEmail(event.id, address());
    expect(refused.errors?.[0]).toMatchObject({ code: 'unauthorized', status_code: 403 });
    const open = await organizedEvent();
    const bad = await joinByEmail(open.event.id, 'not an address');
    expect(bad.errors?.[0]).toMatchObject({ field: 'email' });
    const none = await gql(t.app, JOIN, { eventId: String(open.event.id), actorId: await anonymousActorId() });
    expect(none.errors?.[0]).toMatchObject({ field: 'email' });
    const stored = await t.app.services.queries.participations.ofEvent(open.event.id, {
      roles: ['not_confirmed'],
      page: 1,
      limit: 10
    });
    expect(stored.total).toBe(0);
  });

  it('keeps a full event full: confirming then is refused and the participation stays unconfirmed', async () => {
    const { event } = await organizedEvent({ capacity: 1 });
    const first = address();
    const second = address();
    await joinByEmail(event.id, first);
    await joinByEmail(event.id, second);
    expect((await gql(t.app, CONFIRM, { token: await confirmationToken(first) })).errors).toBeUndefined();
    const token = await confirmationToken(second);
    const full = await gql(t.app, CONFIRM, { token });
    expect(full.errors?.[0]).toMatchObject({ status_code: 409, field: 'eventId' });
    const waiting = await t.app.services.queries.participations.ofEvent(event.id, {
      roles: ['not_confirmed'],
      page: 1,
      limit: 10
    });
    expect(waiting.total).toBe(1);
  });

  it('leaves from the cancel link token, and only with the right one', async () => {
    const { event } = await organizedEvent();
    const email = address();
    await joinByEmail(event.id, email);
    const mail = await mailTo(t.dataDir, email.toLowerCase());
    const unfolded = mail.raw.replace(/=\r?\n/g, '');
    const token = new RegExp(`/participation/email/cancel/${event.uuid}/([A-Za-z0-9_-]{20,})`).exec(unfolded)?.[1];
    expect(token).toBeDefined();
    const actorId = await anonymousActorId();
    const wrong = await gql(t.app, LEAVE, { eventId: String(event.id), actorId, token: 'y'.repeat(43) });
    expect(wrong.errors?.[0]).toMatchObject({ code: 'not_found' });
    const otherEvent = await organizedEvent();
    const elsewhere = await gql(t.app, LEAVE, { eventId: String(otherEvent.event.id), actorId, token });
    expect(elsewhere.errors?.[0]).toMatchObject({ code: 'not_found' });
    const withoutToken = await gql(t.app, LEAVE, { eventId: String(event.id), actorId });
    expect(withoutToken.errors?.[0]).toMatchObject({ status_code: 401 });

    const left = await gql<{ leaveEvent: { actor: { id: string }; event: { id: string } } }>(t.app, LEAVE, {
      eventId: String(event.id),
      actorId,
      token
    });
    expect(left.errors).toBeUndefined();
    expect(left.data?.leaveEvent).toMatchObject({ actor: { id: actorId }, event: { id: String(event.id) } });
    const rest = await t.app.services.queries.participations.ofEvent(event.id, { roles: [], page: 1, limit: 10 });
    expect(rest.elements.map((p) => p.role)).toEqual(['creator']);
    // The address may take part again after leaving.
    expect((await joinByEmail(event.id, email)).errors).toBeUndefined();
  });

  it.skipIf(!hasMobilizonCorpus())("runs Mobilizon's AnonymousParticipationConfig and AnonymousActorId", async () => {
    const configs = loadMobilizonOperations().filter((o) => o.name === 'AnonymousParticipationConfig');
    expect(configs).toHaveLength(2);
    for (const op of configs) {
      const res = await gql<{ config: { anonymous: Record<string, unknown> } }>(t.app, op.source);
      expect(res.errors).toBeUndefined();
      expect(res.data?.config.anonymous).toBeTruthy();
    }
    const id = await gql<{ config: { anonymous: { actorId: string } } }>(
      t.app,
      mobilizonOperation('AnonymousActorId').source
    );
    expect(id.data?.config.anonymous.actorId).toBe(await anonymousActorId());
  });
});

describe("the pages' documents", () => {
  it('validate against the schema', () => {
    const documents = Object.values(pageDocuments).filter((d): d is string & {} => typeof d === 'string');
    expect(documents.length).toBeGreaterThanOrEqual(5);
    for (const source of documents) expect(validate(getSchema(), parse(source)).map((e) => e.message)).toEqual([]);
  });
});

describe('an instance without anonymous participation', () => {
  it('says so and refuses it, even on an event that allows it', async () => {
    const off = await createTestApp({ listen: false, workers: false, env: { ANONYMOUS_PARTICIPATION: 'off' } });
    try {
      const owner = await createUserWithProfile(off.app);
      const event = await off.app.services.events.createEvent(owner.user.id, {
        organizerActorId: owner.profile.id,
        title: 'Closed door',
        beginsOn: new Date('2031-03-14T17:30:00Z'),
        options: { anonymousParticipation: true }
      });
      const config = await gql<{ config: { anonymous: { participation: { allowed: boolean }; actorId: string } } }>(
        off.app,
        '{ config { anonymous { participation { allowed } actorId } } }'
      );
      expect(config.data?.config.anonymous.participation.allowed).toBe(false);
      const refused = await gql(off.app, JOIN, {
        eventId: String(event.id),
        actorId: config.data!.config.anonymous.actorId,
        email: 'someone@example.org'
      });
      expect(refused.errors?.[0]).toMatchObject({ status_code: 403 });
      expect(await capturedMails(off.dataDir)).toEqual([]);
    } finally {
      await off.stop();
    }
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, type Event } from '#lib/server/db/schema/events.ts';
import { reportEvents, reports } from '#lib/server/db/schema/reports.ts';
import { postActivity } from '#lib/server/federation/delivery/post.ts';
import { createFederationFetchers } from '#lib/server/federation/fetch/index.ts';
import { importKeyPair } from '#lib/server/federation/keys.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs } from '../helpers/graphql.ts';
import { capturedMails } from '../helpers/mail.ts';
import { waitFor } from '../helpers/wait.ts';

let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
});
afterAll(async () => Promise.all([a?.stop(), b?.stop()]));

const CREATE = `mutation($reportedId: ID!, $content: String, $eventsIds: [ID], $forward: Boolean) {
  createReport(reportedId: $reportedId, content: $content, eventsIds: $eventsIds, forward: $forward) { id } }`;

/**
 * B's copy of A's event, as B would hold it once it heard of it. Inbound events (Create{Event}) come
 * with another part of the federation work; until then the row is written as that handler would.
 */
async function remoteCopy(on: TestApp, event: Event, organizerId: number): Promise<Event> {
  const [row] = await on.app.database.db
    .insert(events)
    .values({
      uuid: event.uuid,
      apId: event.apId,
      url: event.url,
      local: false,
      title: event.title,
      beginsOn: event.beginsOn,
      organizerActorId: organizerId
    })
    .returning();
  return row!;
}

/** Nothing left to do in an instance's inbox and delivery queue (Fedify's jobs on pg-boss). */
async function queueDrained(app: TestApp): Promise<void> {
  await waitFor(
    async () => {
      const { rows } = await app.app.database.pool.query<{ n: number }>(
        `select count(*)::int as n from pgboss.job where name = 'fedify' and state in ('created', 'retry', 'active')`
      );
      return rows[0]!.n === 0;
    },
    { what: 'the federation queue to drain' }
  );
}

/** The job reacting to a report on this instance (federation outbox) has run. */
async function federateJobDone(app: TestApp, reportId: number): Promise<void> {
  await waitFor(
    async () => {
      const { rows } = await app.app.database.pool.query<{ n: number }>(
        `select count(*)::int as n from pgboss.job
         where name = 'on.ReportCreated.federate' and state = 'completed'
           and (data->'payload'->>'reportId')::bigint = $1`,
        [reportId]
      );
      return rows[0]!.n === 1;
    },
    { what: 'the report’s federation job' }
  );
}

describe('reports across two instances', () => {
  let alice: Awaited<ReturnType<typeof createUserWithProfile>>;
  let moderatorOnA: Awaited<ReturnType<typeof createUserWithProfile>>;
  let event: Event;
  let eventOnB: Event;
  let reportedOnB: number;
  let bob: Awaited<ReturnType<typeof clientAs>>;
  let flagJson: Record<string, unknown>;
  let reportOnA: number;

  beforeAll(async () => {
    alice = await createUserWithProfile(a.app, { username: 'alice_host' });
    moderatorOnA = await createUserWithProfile(a.app, { username: 'mod_a' });
    await a.app.services.accountAdmin.modify(moderatorOnA.email, { role: 'moderator' });
    event = await a.app.services.events.createEvent(alice.user.id, {
      organizerActorId: alice.profile.id,
      title: 'Suspicious raffle',
      beginsOn: new Date('2033-06-01T18:00:00Z')
    });
    const bobPerson = await createUserWithProfile(b.app, { username: 'bob_witness' });
    bob = await clientAs(b.app, bobPerson.email, bobPerson.password);
    const remoteAlice = await b.app.federation!.resolveActor(`${a.baseUrl}/@alice_host`);
    reportedOnB = remoteAlice.id;
    eventOnB = await remoteCopy(b, event, remoteAlice.id);
  });

  it('forwards a report to the reported actor’s server as a Flag from the relay, and its moderators hear of it', async () => {
    const created = await bob.query<{ createReport: { id: string } }>(CREATE, {
      reportedId: String(reportedOnB),
      content: 'Takes money, no raffle',
      eventsIds: [String(eventOnB.id)],
      forward: true
    });
    expect(created.errors).toBeUndefined();
    const [onB] = await b.app.database.db
      .select()
      .from(reports)
      .where(eq(reports.id, Number(created.data!.createReport.id)));
    expect(onB).toMatchObject({ local: true, forward: true, reportedId: reportedOnB });

    // What B sent: Mobilizon's Flag, the reporter left out.
    flagJson = await waitFor(
      async () =>
        (
          await b.app.database.pool.query<{ json: Record<string, unknown> }>(
            'select json from outbox_activities where ap_id = $1',
            [onB!.apId]
          )
        ).rows[0]?.json,
      { what: 'the Flag to be queued on B' }
    );
    expect(flagJson).toMatchObject({
      id: `${b.baseUrl}/report/${onB!.uuid}`,
      type: 'Flag',
      actor: `${b.baseUrl}/relay`,
      content: 'Takes money, no raffle',
      mediaType: 'text/plain',
      object: [`${a.baseUrl}/@alice_host`, event.url],
      to: [],
      cc: [`${a.baseUrl}/@alice_host`]
    });
    expect(JSON.stringify(flagJson)).not.toContain('bob_witness');

    // A stored it: about alice and her event, reported by B's relay (never by bob).
    const received = await waitFor(
      async () => (await a.app.database.db.select().from(reports).where(eq(reports.apId, onB!.apId)))[0],
      { what: 'the Flag to reach A' }
    );
    reportOnA = received.id;
    expect(received).toMatchObject({
      reportedId: alice.profile.id,
      content: 'Takes money, no raffle',
      local: false,
      forward: false,
      status: 'open'
    });
    const reporter = await a.app.services.queries.actors.byId(received.reporterId!);
    expect(reporter).toMatchObject({
      apId: `${b.baseUrl}/relay`,
      type: 'Application',
      domain: new URL(b.baseUrl).host
    });
    expect(await a.app.services.queries.actors.byApId(`${b.baseUrl}/@bob_witness`)).toBeUndefined();
    const attached = await a.app.database.db.select().from(reportEvents).where(eq(reportEvents.reportId, received.id));
    expect(attached.map((r) => r.eventId)).toEqual([event.id]);

    // A's moderator got a mail linking to the report there.
    const link = `${a.baseUrl}/moderation/reports/${received.id}`;
    const mail = await waitFor(
      async () =>
        (await capturedMails(a.dataDir)).find(
          (m) => m.to === moderatorOnA.email && m.raw.replace(/=\r?\n/g, '').includes(link)
        ),
      { what: 'the moderator’s mail on A' }
    );
    expect(mail.subject).toBe(`New report on ${a.app.config.instanceName}`);
    expect(mail.raw).toContain(`The server ${new URL(b.baseUrl).host} sent a report`);
  });

  it('makes no second report when the same Flag arrives again', async () => {
    const relayOnB = await b.app.services.queries.actors.instanceActor();
    const keys = await importKeyPair(relayOnB!.publicKeyPem!, relayOnB!.privateKeyPem!);
    // Fedify remembers the ids it handled for a day: a replay after that reaches our handler.
    const forgotten = await a.app.database.pool.query(
      `delete from federation_kv where key[1] = '_fedify' and key[2] = 'activityIdempotence' and $1 = any(key)`,
      [flagJson.id]
    );
    expect(forgotten.rowCount).toBeGreaterThan(0);
    const outcome = await postActivity({
      inboxUrl: `${a.baseUrl}/inbox`,
      body: JSON.stringify({ ...flagJson, content: 'Edited on replay' }),
      keyId: new URL(`${relayOnB!.apId}#main-key`),
      privateKey: keys.privateKey,
      fetch: createFederationFetchers(b.app.config).safeFetch
    });
    expect(outcome).toMatchObject({ kind: 'delivered' });
    await queueDrained(a);
    const all = await a.app.database.db
      .select()
      .from(reports)
      .where(eq(reports.apId, String(flagJson.id)));
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: reportOnA, content: 'Takes money, no raffle' });
  });

  it('keeps a report without forward on B: nothing reaches A', async () => {
    const before = await a.app.database.db.select().from(reports);
    const created = await bob.query<{ createReport: { id: string } }>(CREATE, {
      reportedId: String(reportedOnB),
      content: 'Only for my moderators',
      eventsIds: [String(eventOnB.id)],
      forward: false
    });
    expect(created.errors).toBeUndefined();
    const id = Number(created.data!.createReport.id);
    const [onB] = await b.app.database.db.select().from(reports).where(eq(reports.id, id));
    expect(onB).toMatchObject({ local: true, forward: false });
    await federateJobDone(b, id);
    const queued = await b.app.database.pool.query('select 1 from outbox_activities where ap_id = $1', [onB!.apId]);
    expect(queued.rowCount).toBe(0);
    await queueDrained(b);
    await queueDrained(a);
    expect(await a.app.database.db.select().from(reports)).toEqual(before);
  });

  it('drops a Flag about nobody A knows', async () => {
    const relayOnB = await b.app.services.queries.actors.instanceActor();
    const keys = await importKeyPair(relayOnB!.publicKeyPem!, relayOnB!.privateKeyPem!);
    const junk = {
      ...flagJson,
      id: `${b.baseUrl}/report/00000000-0000-4000-8000-000000000000`,
      object: [`${b.baseUrl}/@nobody_here`],
      cc: [`${b.baseUrl}/@nobody_here`]
    };
    const outcome = await postActivity({
      inboxUrl: `${a.baseUrl}/inbox`,
      body: JSON.stringify(junk),
      keyId: new URL(`${relayOnB!.apId}#main-key`),
      privateKey: keys.privateKey,
      fetch: createFederationFetchers(b.app.config).safeFetch
    });
    expect(outcome).toMatchObject({ kind: 'delivered' });
    await queueDrained(a);
    expect(await a.app.database.db.select().from(reports).where(eq(reports.apId, junk.id))).toEqual([]);
  });
});

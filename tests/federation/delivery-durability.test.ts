import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '#lib/server/app.ts';
import type { Actor } from '#lib/server/db/schema/actors.ts';
import type { Event } from '#lib/server/db/schema/events.ts';
import type { ActivityJson } from '#lib/server/federation/delivery/index.ts';
import { attachTestApp, createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { createAdministrator } from '../helpers/instances.ts';
import { deliveryStates, instanceFollowers, remoteActorOnSink } from '../helpers/remote-actors.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { startSink, verifiedKeyId, type Sink } from '../helpers/sink.ts';
import { waitFor } from '../helpers/wait.ts';

const AS = 'https://www.w3.org/ns/activitystreams';

/**
 * A public event, created before its audience exists (its Create goes to no follower added after).
 * Its audience, for the fan-outs below, is the servers following this instance.
 */
async function publicEvent(app: App) {
  const owner = await createUserWithProfile(app);
  const event = await app.services.events.createEvent(owner.user.id, {
    organizerActorId: owner.profile.id,
    title: 'Picnic by the river',
    beginsOn: new Date(Date.now() + 7 * 86_400_000)
  });
  // Its Create is queued by a job: wait for it, so that the followers added next do not get it.
  await waitFor(
    async () =>
      (await app.database.pool.query('select 1 from outbox_activities where ap_id = $1', [`${event.apId}/activity`]))
        .rowCount,
    { what: 'the Create to be queued' }
  );
  return { owner, event };
}

/** The organizer edits the event: the Update goes to its whole audience. Answers the Update's id. */
async function updateEvent(app: App, owner: { user: { id: number } }, event: Event, title: string) {
  const updated = await app.services.events.updateEvent(owner.user.id, event.id, { title });
  return `${updated.apId}/update/${updated.updatedAt.getTime()}`;
}

const pathOf = (actor: Actor) => new URL(actor.inboxUrl!).pathname;

function note(profile: Actor, name: string): ActivityJson {
  return {
    '@context': AS,
    id: `${profile.apId}/activities/${name}`,
    type: 'Update',
    actor: profile.apId,
    object: name
  };
}

async function publicKeyOf(app: App, actor: Actor): Promise<string> {
  const { rows } = await app.database.pool.query('select public_key_pem from actors where id = $1', [actor.id]);
  return rows[0].public_key_pem as string;
}

describe('durable delivery, in process', () => {
  let a: TestApp;
  let sink: Sink;
  let pool: App['database']['pool'];
  beforeAll(async () => {
    sink = await startSink(9);
    a = await createTestApp({
      env: {
        DELIVERY_RETRY_BASE_SECONDS: '1',
        DELIVERY_CIRCUIT_FAILURES: '2',
        DELIVERY_CIRCUIT_OPEN_SECONDS: '1',
        DELIVERY_LEASE_SECONDS: '5',
        DELIVERY_GIVE_UP_HOURS: '1'
      }
    });
    pool = a.app.database.pool;
  });
  afterAll(async () => {
    await a?.stop();
    await sink?.close();
  });

  it('waits while a host answers 503: its circuit opens, a single probe tests it, then everything arrives', async () => {
    const host = 0;
    const { owner, event } = await publicEvent(a.app);
    const followers = await instanceFollowers(a.app, sink, Array(10).fill(host));
    let firstAt: number | undefined;
    sink.answer((request) => {
      if (request.host !== sink.hosts[host]) return { status: 202 };
      firstAt ??= request.at;
      return { status: request.at - firstAt < 2500 ? 503 : 202 };
    });

    const updateId = await updateEvent(a.app, owner, event, 'Picnic, moved to noon');
    const opened = await waitFor(
      async () => {
        const { rows } = await pool.query('select open_until from delivery_hosts where host = $1', [sink.hosts[host]]);
        return rows[0]?.open_until ? (rows[0] as { open_until: Date }) : undefined;
      },
      { what: 'the circuit to open', intervalMs: 20 }
    );
    expect(opened.open_until.getTime()).toBeGreaterThan(Date.now() - 1000);

    await waitFor(async () => sink.of(updateId).filter((r) => r.status === 202).length === 10, {
      what: 'every Update to arrive',
      timeoutMs: 20_000
    });
    const refused = sink.of(updateId).filter((r) => r.status === 503);
    // The first attempts went out before the circuit opened (ten inboxes), then a probe at a time:
    // after 1 s, then 2 s more. Without the circuit each inbox would have been tried again by now.
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused.length).toBeLessThanOrEqual(10 + 2);
    const accepted = sink.of(updateId).filter((r) => r.host === sink.hosts[host] && r.status === 202);
    expect(new Set(accepted.map((r) => r.path))).toEqual(new Set(followers.map(pathOf)));
    const { rows } = await pool.query(
      'select consecutive_failures, open_until, last_success_at from delivery_hosts where host = $1',
      [sink.hosts[host]]
    );
    expect(rows[0]).toMatchObject({ consecutive_failures: 0, open_until: null });
    expect(rows[0].last_success_at).toBeInstanceOf(Date);
  });

  it('gives up on an inbox that answers 410, drops what else waits for it and prunes whoever receives there', async () => {
    const gone = 1;
    const fine = 2;
    const { owner, event } = await publicEvent(a.app);
    const [leaver, stayer] = (await instanceFollowers(a.app, sink, [gone, fine])) as [Actor, Actor];
    const relay = (await a.app.services.queries.actors.instanceActor())!;
    sink.answer((request) => (request.host === sink.hosts[gone] ? { status: 410, delayMs: 400 } : { status: 202 }));

    const first = note(owner.profile, `c-1-${Date.now()}`);
    await a.app.federation!.sender.send({
      json: first,
      signer: owner.profile,
      recipients: [leaver, stayer],
      orderingKey: 'c-key'
    });
    // Queued while the first is in flight: they wait behind it (same key, same inbox).
    const later = [note(owner.profile, `c-2-${Date.now()}`), note(owner.profile, `c-3-${Date.now()}`)];
    for (const json of later) {
      await a.app.federation!.sender.send({ json, signer: owner.profile, recipients: [leaver], orderingKey: 'c-key' });
    }

    await waitFor(async () => (await deliveryStates(pool, first.id)).failed === 1, { what: 'the 410' });
    const { rows: failures } = await pool.query(
      'select inbox_url, activity_id, activity_type, status_code, reason from delivery_failures where inbox_url = $1',
      [leaver.inboxUrl]
    );
    expect(failures).toEqual([
      { inbox_url: leaver.inboxUrl, activity_id: first.id, activity_type: 'Update', status_code: 410, reason: 'http' }
    ]);
    for (const json of later) expect(await deliveryStates(pool, json.id)).toEqual({ failed: 1 });
    const { rows: abandoned } = await pool.query(
      `select d.last_error from deliveries d join outbox_activities o on o.id = d.activity_id
       where o.ap_id = any($1::text[])`,
      [later.map((j) => j.id)]
    );
    expect(abandoned).toEqual([{ last_error: 'inbox gone' }, { last_error: 'inbox gone' }]);
    await waitFor(async () => (await deliveryStates(pool, first.id)).delivered === 1, { what: 'the other inbox' });

    // The follower behind the gone inbox follows this instance no more; the other one still does.
    await waitFor(async () => !(await a.app.services.queries.follows.isFollowing(leaver.id, relay.id)), {
      what: 'the follower to be pruned'
    });
    expect((await a.app.services.queries.follows.isFollowing(stayer.id, relay.id))?.approved).toBe(true);

    // Nothing later goes there: the event's next Update reaches the other follower only.
    const updateId = await updateEvent(a.app, owner, event, 'Picnic, with music');
    await waitFor(async () => sink.at(stayer.inboxUrl!).some((r) => r.activityId === updateId), {
      what: 'the Update'
    });
    const { rows: inboxes } = await pool.query(
      `select d.inbox_url from deliveries d join outbox_activities o on o.id = d.activity_id where o.ap_id = $1`,
      [updateId]
    );
    expect(inboxes.map((r) => r.inbox_url)).toContain(stayer.inboxUrl);
    expect(inboxes.map((r) => r.inbox_url)).not.toContain(leaver.inboxUrl);
    expect(sink.at(leaver.inboxUrl!).map((r) => r.activityId)).toEqual([first.id]);
  });

  it('honours Retry-After on 429: no POST to that host before the time it asked for', async () => {
    const host = 3;
    const carol = (await createUserWithProfile(a.app)).profile;
    const [first, second] = [await remoteActorOnSink(a.app, sink, host), await remoteActorOnSink(a.app, sink, host)];
    sink.answer((request, attempt) =>
      request.path === new URL(first!.inboxUrl!).pathname && attempt === 1
        ? { status: 429, headers: { 'retry-after': '2' } }
        : { status: 202 }
    );
    const one = note(carol, `d-1-${Date.now()}`);
    await a.app.federation!.sender.send({ json: one, signer: carol, recipients: [first!] });
    const limited = await waitFor(async () => sink.at(first!.inboxUrl!).find((r) => r.status === 429), {
      what: 'the 429'
    });
    // Another inbox on the same host, queued after the 429: the host as a whole waits.
    const two = note(carol, `d-2-${Date.now()}`);
    await a.app.federation!.sender.send({ json: two, signer: carol, recipients: [second!] });

    await waitFor(async () => (await deliveryStates(pool, one.id)).delivered === 1, { what: 'the retry' });
    await waitFor(async () => (await deliveryStates(pool, two.id)).delivered === 1, { what: 'the other one' });
    const [, retry] = sink.at(first!.inboxUrl!);
    const [other] = sink.at(second!.inboxUrl!);
    // Both clocks are this machine's; the few milliseconds allow for their different resolutions.
    expect(retry!.at - limited.answeredAt!).toBeGreaterThanOrEqual(1990);
    expect(other!.at - limited.answeredAt!).toBeGreaterThanOrEqual(1990);
    expect(retry!.at - limited.answeredAt!).toBeLessThan(5000);
  });

  it('keeps two activities of one object in order at an inbox that fails at first', async () => {
    const host = 4;
    const dave = (await createUserWithProfile(a.app)).profile;
    const remote = await remoteActorOnSink(a.app, sink, host);
    sink.answer((request, attempt) => (request.host === sink.hosts[host] && attempt <= 2 ? { status: 500 } : {}));
    const first = note(dave, `e-1-${Date.now()}`);
    const second = note(dave, `e-2-${Date.now()}`);
    for (const json of [first, second]) {
      await a.app.federation!.sender.send({ json, signer: dave, recipients: [remote], orderingKey: 'event-1' });
    }
    await waitFor(async () => (await deliveryStates(pool, second.id)).delivered === 1, {
      what: 'both to arrive',
      timeoutMs: 15_000
    });
    const seen = sink.at(remote.inboxUrl!).map((r) => `${r.activityId === first.id ? 'first' : 'second'} ${r.status}`);
    expect(seen).toEqual(['first 500', 'first 500', 'first 202', 'second 202']);
  });

  it('sends one POST to a shared inbox for twenty recipients behind it: signed, and the stored JSON as is', async () => {
    const host = 5;
    sink.answer(() => ({ status: 202 }));
    const { owner, event } = await publicEvent(a.app);
    await instanceFollowers(a.app, sink, Array(20).fill(host), { shared: true });
    const updateId = await updateEvent(a.app, owner, event, 'Picnic, bring a hat');
    await waitFor(async () => (await deliveryStates(pool, updateId)).delivered! >= 1, { what: 'the Update' });
    await waitFor(async () => (await deliveryStates(pool, updateId)).pending === undefined, { what: 'all of it' });

    const posts = sink.of(updateId).filter((r) => r.host === sink.hosts[host]);
    expect(posts.map((r) => r.path)).toEqual(['/inbox']);
    expect(sink.received.filter((r) => r.host === sink.hosts[host] && r.path !== '/inbox')).toEqual([]);
    const post = posts[0]!;
    const publicKeyPem = await publicKeyOf(a.app, owner.profile);
    expect(await verifiedKeyId(post, owner.profile.apId, publicKeyPem)).toBe(`${owner.profile.apId}#main-key`);
    expect(post.headers['content-type']).toBe('application/activity+json');
    // Exactly the JSON stored when it was queued, Mobilizon's terms and context included.
    const { rows } = await pool.query('select json from outbox_activities where ap_id = $1', [updateId]);
    expect(JSON.parse(post.body)).toEqual(rows[0].json);
    expect(JSON.parse(post.body)).toMatchObject({
      type: 'Update',
      actor: owner.profile.apId,
      object: { type: 'Event', name: 'Picnic, bring a hat', joinMode: 'free' }
    });
    expect(JSON.stringify(JSON.parse(post.body)['@context'])).toContain('https://joinmobilizon.org/ns#');
    // A tampered body no longer verifies: the check above is a real one.
    const tampered = { ...post, body: post.body.replace('bring a hat', 'bring a cat') };
    expect(await verifiedKeyId(tampered, owner.profile.apId, publicKeyPem)).toBeNull();
  });

  it('queues nothing twice when the same activity is sent again, and adds only new inboxes', async () => {
    const host = 6;
    const frank = (await createUserWithProfile(a.app)).profile;
    const remotes = [
      await remoteActorOnSink(a.app, sink, host),
      await remoteActorOnSink(a.app, sink, host),
      await remoteActorOnSink(a.app, sink, host)
    ];
    const json = note(frank, `g-${Date.now()}`);
    const send = (recipients: Actor[]) => a.app.federation!.sender.send({ json, signer: frank, recipients });
    await Promise.all([send(remotes.slice(0, 2)), send(remotes.slice(0, 2)), send(remotes.slice(0, 2))]);
    await waitFor(async () => (await deliveryStates(pool, json.id)).delivered === 2, { what: 'the first two' });
    await send(remotes.slice(0, 2));
    await send(remotes);
    await waitFor(async () => (await deliveryStates(pool, json.id)).delivered === 3, { what: 'the new one' });
    const { rows } = await pool.query('select count(*)::int as n from outbox_activities where ap_id = $1', [json.id]);
    expect(rows[0].n).toBe(1);
    expect(
      sink
        .of(json.id)
        .map((r) => r.path)
        .sort()
    ).toEqual(remotes.map((r) => new URL(r.inboxUrl!).pathname).sort());
  });

  it('sends nothing to a blocked instance, even what was queued before it was blocked', async () => {
    const [blocked, open, later] = [7, 8, 2];
    const admin = await createAdministrator(a.app);
    const { owner, event } = await publicEvent(a.app);
    const [, openFollower] = await instanceFollowers(a.app, sink, [blocked, open]);
    await a.app.services.instances.block(admin.user, sink.hosts[blocked]!);
    const updateId = await updateEvent(a.app, owner, event, 'Picnic, rain or shine');
    await waitFor(async () => sink.at(openFollower!.inboxUrl!).some((r) => r.activityId === updateId), {
      what: 'the Update'
    });
    await waitFor(async () => (await deliveryStates(pool, updateId)).pending === undefined, { what: 'all of it' });
    expect(sink.of(updateId).filter((r) => r.host === sink.hosts[blocked])).toEqual([]);
    const { rows } = await pool.query(
      `select d.host from deliveries d join outbox_activities o on o.id = d.activity_id where o.ap_id = $1`,
      [updateId]
    );
    expect(rows.map((r) => r.host)).toContain(sink.hosts[open]);
    expect(rows.map((r) => r.host)).not.toContain(sink.hosts[blocked]);

    // Queued, tried once (503; it asks for 2 s, time enough to block it), then the host is
    // blocked: the retry is dropped, not sent.
    const heidi = (await createUserWithProfile(a.app)).profile;
    const remote = await remoteActorOnSink(a.app, sink, later);
    sink.answer((request) =>
      request.host === sink.hosts[later] ? { status: 503, headers: { 'retry-after': '2' } } : {}
    );
    const json = note(heidi, `h-${Date.now()}`);
    await a.app.federation!.sender.send({ json, signer: heidi, recipients: [remote] });
    await waitFor(async () => sink.of(json.id)[0]?.status, { what: 'the first attempt' });
    await a.app.services.instances.block(admin.user, sink.hosts[later]!);
    await waitFor(async () => (await deliveryStates(pool, json.id)).failed === 1, {
      what: 'the retry to be dropped',
      timeoutMs: 10_000
    });
    expect(sink.of(json.id)).toHaveLength(1);
    const { rows: failures } = await pool.query('select reason from delivery_failures where activity_id = $1', [
      json.id
    ]);
    expect(failures).toEqual([{ reason: 'blocked' }]);
    await a.app.services.instances.unblock(admin.user, sink.hosts[later]!);
  });

  it('gives up once the give-up window, counted from when it was queued, is over', async () => {
    const host = 4;
    const ivan = (await createUserWithProfile(a.app)).profile;
    const remote = await remoteActorOnSink(a.app, sink, host);
    sink.answer((request) => (request.host === sink.hosts[host] ? { status: 502 } : {}));
    const json = note(ivan, `i-${Date.now()}`);
    await a.app.federation!.sender.send({ json, signer: ivan, recipients: [remote] });
    await waitFor(
      async () => {
        const { rows } = await pool.query(
          `select d.last_status from deliveries d join outbox_activities o on o.id = d.activity_id where o.ap_id = $1`,
          [json.id]
        );
        return rows[0]?.last_status === 502;
      },
      { what: 'the first attempt to be settled' }
    );
    // Queued two hours ago (the window is one), due now.
    await pool.query(
      `update deliveries set created_at = now() - interval '2 hours', next_attempt_at = now()
       where activity_id = (select id from outbox_activities where ap_id = $1)`,
      [json.id]
    );
    await pool.query('update delivery_hosts set open_until = null where host = $1', [sink.hosts[host]]);
    await waitFor(async () => (await deliveryStates(pool, json.id)).failed === 1, { what: 'the give-up' });
    expect(sink.of(json.id)).toHaveLength(2);
    const { rows } = await pool.query('select status_code, reason from delivery_failures where activity_id = $1', [
      json.id
    ]);
    expect(rows).toEqual([{ status_code: 502, reason: 'expired' }]);
  });
});

describe('durable delivery across a crash', () => {
  let server: TestServer;
  let control: App;
  let sink: Sink;
  beforeAll(async () => {
    sink = await startSink(10);
    server = await startTestServer({
      args: ['--role', 'worker'],
      env: { DELIVERY_LEASE_SECONDS: '5', DELIVERY_CONCURRENCY: '8', DELIVERY_RETRY_BASE_SECONDS: '1' }
    });
    control = await attachTestApp(server.env);
  });
  afterAll(async () => {
    await control?.stop();
    await server?.stop();
    await sink?.close();
  });

  it('delivers a fan-out to 200 inboxes in full although the server is SIGKILLed in the middle of it', async () => {
    const pool = control.database.pool;
    const { owner, event } = await publicEvent(control);
    const followers = await instanceFollowers(
      control,
      sink,
      Array.from({ length: 200 }, (_, i) => i % 10)
    );
    const publicKeyPem = await publicKeyOf(control, owner.profile);
    sink.answer((request) => (request.type === 'Update' ? { status: 202, delayMs: 250 } : { status: 202 }));

    // The edit is made here; the server process's worker sends the Update.
    const updateId = await updateEvent(control, owner, event, 'Picnic, final details');
    await waitFor(async () => sink.of(updateId).length >= 40, { what: 'the fan-out to be under way' });
    await server.kill();
    const beforeCrash = new Set(sink.of(updateId).map((r) => r.path));
    const unanswered = sink.of(updateId).filter((r) => r.status === undefined).length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.of(updateId).filter((r) => r.abandoned)).toHaveLength(unanswered);
    expect(beforeCrash.size).toBeGreaterThanOrEqual(40);
    expect(beforeCrash.size).toBeLessThan(200);
    expect(unanswered).toBeGreaterThan(0);
    expect((await deliveryStates(pool, updateId)).pending).toBeGreaterThan(0);

    await server.restart();
    await waitFor(async () => (await deliveryStates(pool, updateId)).delivered === 200, {
      what: 'every delivery after the restart',
      timeoutMs: 30_000
    });
    expect(await deliveryStates(pool, updateId)).toEqual({ delivered: 200 });

    const posts = sink.of(updateId);
    const inboxes = new Set(posts.map((r) => `http://${r.host}${r.path}`));
    expect(inboxes).toEqual(new Set(followers.map((f) => f.inboxUrl!)));
    // The ones in flight when it died arrive twice: the same activity, byte for byte.
    const repeats = posts.filter((r) => r.repeat > 0);
    expect(repeats.length).toBeGreaterThan(0);
    for (const repeat of repeats) {
      const firstOne = posts.find((r) => r.path === repeat.path && r.host === repeat.host)!;
      expect(repeat.body).toBe(firstOne.body);
    }
    expect(sink.received.filter((r) => r.type === 'Update' && r.activityId !== updateId)).toEqual([]);
    for (const post of posts.slice(0, 20)) {
      expect(await verifiedKeyId(post, owner.profile.apId, publicKeyPem)).toBe(`${owner.profile.apId}#main-key`);
    }
  }, 60_000);
});

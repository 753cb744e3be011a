import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { actorDocument, AP_JSON, startRemoteSink, type RemoteSink } from '../helpers/remote-sink.ts';
import { newSigningKey } from '../helpers/signed-post.ts';

/**
 * Copies of remote actors older than 48 h are fetched again when used, and a daily job refreshes
 * the stale copies of actors who organize or take part in upcoming events (a bounded batch).
 */
let a: TestApp;
let sink: RemoteSink;

beforeAll(async () => {
  a = await createTestApp();
  sink = await startRemoteSink();
}, 60_000);
afterAll(async () => Promise.all([a?.stop(), sink?.close()]));

const fed = () => a.app.federation!;
let sequence = 0;

async function serveActor(displayName: string, name = `r${sequence++}`) {
  const id = `${sink.baseUrl}/users/${name}`;
  const key = await newSigningKey(`${id}#main-key`);
  const serve = (nameShown: string) =>
    sink.serve(`/users/${name}`, {
      headers: AP_JSON,
      body: { ...actorDocument(id, key.publicKeyPem), name: nameShown }
    });
  serve(displayName);
  return { id, path: `/users/${name}`, rename: serve };
}

const fetchesOf = (path: string) => sink.requests.filter((r) => r.url === path).length;

async function ageCopy(apId: string, hours: number) {
  await a.app.database.pool.query(
    `update actors set last_refreshed_at = now() - $2::float8 * interval '1 hour' where ap_id = $1`,
    [apId, hours]
  );
}

describe('a remote actor used here', () => {
  it('is taken from the stored copy while it is fresh, and fetched again once older than 48 h', async () => {
    const remote = await serveActor('Old name');
    expect((await fed().resolveActor(remote.id)).name).toBe('Old name');
    const fetched = fetchesOf(remote.path);
    remote.rename('New name');

    await ageCopy(remote.id, 47);
    expect((await fed().resolveActor(remote.id)).name).toBe('Old name');
    expect(fetchesOf(remote.path)).toBe(fetched);

    await ageCopy(remote.id, 49);
    const refreshed = await fed().resolveActor(remote.id);
    expect(refreshed.name).toBe('New name');
    expect(fetchesOf(remote.path)).toBe(fetched + 1);
    expect(Date.now() - refreshed.lastRefreshedAt!.getTime()).toBeLessThan(60_000);
  });

  it('keeps its stale copy when its server does not answer', async () => {
    const remote = await serveActor('Still here');
    await fed().resolveActor(remote.id);
    sink.serve(remote.path, { status: 503, body: 'down' });
    await ageCopy(remote.id, 72);
    expect((await fed().resolveActor(remote.id)).name).toBe('Still here');
  });
});

describe('the daily refresh', () => {
  it('refreshes stale organizers and participants of upcoming events only, in bounded batches', async () => {
    const organizer = await serveActor('Organizer v1');
    const participant = await serveActor('Participant v1');
    const pastOnly = await serveActor('Past v1');
    const idle = await serveActor('Idle v1');
    const fresh = await serveActor('Fresh v1');
    const [org, part, past, , fresher] = await Promise.all(
      [organizer, participant, pastOnly, idle, fresh].map((r) => fed().resolveActor(r.id))
    );
    const local = await createUserWithProfile(a.app);
    const upcoming = await a.app.services.events.createEvent(local.user.id, {
      organizerActorId: local.profile.id,
      title: 'À venir',
      beginsOn: new Date(Date.now() + 7 * 86400_000)
    });
    const finished = await a.app.services.events.createEvent(local.user.id, {
      organizerActorId: local.profile.id,
      title: 'Passé',
      beginsOn: new Date(Date.now() + 3 * 86400_000)
    });
    const pool = a.app.database.pool;
    // Arranged in SQL: a remote organizer of an upcoming event, participants of each event.
    await pool.query('update events set organizer_actor_id = $1 where id = $2', [org!.id, upcoming.id]);
    await pool.query(`update events set begins_on = now() - interval '3 days', ends_on = null where id = $1`, [
      finished.id
    ]);
    const participate = (eventId: number, actorId: number) =>
      pool.query(`insert into participants (event_id, actor_id, role, ap_id) values ($1, $2, 'participant', $3)`, [
        eventId,
        actorId,
        `${sink.baseUrl}/join/${eventId}/${actorId}`
      ]);
    await participate(upcoming.id, part!.id);
    await participate(upcoming.id, fresher!.id);
    await participate(finished.id, past!.id);
    for (const r of [organizer, participant, pastOnly, idle]) await ageCopy(r.id, 50);
    for (const r of [organizer, participant, pastOnly, idle, fresh]) r.rename(r === fresh ? 'Fresh v2' : 'v2');

    expect(await fed().refreshStaleActors({ limit: 1 })).toBe(1);
    expect(await fed().refreshStaleActors()).toBe(1);
    expect(await fed().refreshStaleActors()).toBe(0);

    const names = async (r: { id: string }) => (await a.app.services.queries.actors.byApId(r.id))?.name;
    expect(await names(organizer)).toBe('v2');
    expect(await names(participant)).toBe('v2');
    expect(await names(pastOnly)).toBe('Past v1');
    expect(await names(idle)).toBe('Idle v1');
    expect(await names(fresh)).toBe('Fresh v1');
  });
});

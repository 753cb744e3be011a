import type pg from 'pg';
import type { App } from '#lib/server/app.ts';
import type { Actor } from '#lib/server/db/schema/actors.ts';
import type { Sink } from './sink.ts';

let sequence = 0;

/**
 * A remote actor living on one of the sink's hosts (its inbox at `/users/<name>/inbox`, and with
 * `shared` its server's shared inbox at `/inbox`), stored as federation would store it.
 */
export function remoteActorOnSink(
  app: App,
  sink: Sink,
  hostIndex: number,
  options: { shared?: boolean; name?: string } = {}
): Promise<Actor> {
  const name = options.name ?? `remote${process.pid}_${(sequence++).toString(36)}`;
  const origin = sink.origin(hostIndex);
  return app.services.actors.upsertRemoteActor({
    type: 'Person',
    apId: `${origin}/users/${name}`,
    preferredUsername: name,
    domain: sink.hosts[hostIndex]!,
    inboxUrl: `${origin}/users/${name}/inbox`,
    sharedInboxUrl: options.shared ? `${origin}/inbox` : null
  });
}

/**
 * The remote actor follows this instance (its relay actor), as its Follow arriving in our inbox
 * would make it, and the follow is approved: it is then in the audience of every public event.
 *
 * The approval is written directly, as if an administrator had accepted it earlier: through
 * `follows.approve` each one sends an Accept from a domain-event job, and those run one per poll
 * interval, which would take minutes for the hundreds of followers a fan-out test needs.
 */
export async function followsThisInstance(app: App, follower: Actor): Promise<void> {
  const relay = await app.services.queries.actors.instanceActor();
  if (!relay) throw new Error('no instance actor');
  const received = await app.services.follows.receiveFollow({
    followerId: follower.id,
    targetId: relay.id,
    apId: `${follower.apId}/follows/relay`
  });
  if (!received.follow) throw new Error(`follow refused: ${received.refused}`);
  await app.database.pool.query('update follows set approved = true where id = $1', [received.follow.id]);
}

/** Remote followers of this instance on the given sink hosts (one each, or many on one host). */
export async function instanceFollowers(
  app: App,
  sink: Sink,
  hostIndexes: readonly number[],
  options: { shared?: boolean } = {}
): Promise<Actor[]> {
  const followers: Actor[] = [];
  for (const i of hostIndexes) {
    const follower = await remoteActorOnSink(app, sink, i, options);
    await followsThisInstance(app, follower);
    followers.push(follower);
  }
  return followers;
}

/** Deliveries of one activity (by its id) by state, e.g. `{ delivered: 200 }`. */
export async function deliveryStates(pool: pg.Pool, activityApId: string): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ state: string; n: number }>(
    `select d.state, count(*)::int as n
     from deliveries d join outbox_activities a on a.id = d.activity_id
     where a.ap_id = $1 group by d.state`,
    [activityApId]
  );
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

// `npm run bench:fanout`: one activity fanned out to many remote followers through the delivery
// queue (federation/delivery/), against a loopback sink that stands in for the remote servers.
// Options: BENCH_FOLLOWERS (2000), BENCH_HOSTS (200), BENCH_CONCURRENCY (16,64: one run each),
// BENCH_SINK_DELAY_MS (0: the sink answers 202 at once), DATABASE_URL (default: embedded).
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../src/lib/server/app.ts';
import { loadConfig } from '../src/lib/server/config/index.ts';
import { silentLogger } from '../src/lib/server/core/logger.ts';
import type { Actor } from '../src/lib/server/db/schema/actors.ts';
import type { Event } from '../src/lib/server/db/schema/events.ts';
import { activityToAp } from '../src/lib/server/federation/converters/activity.ts';
import { PUBLIC_COLLECTION } from '../src/lib/server/federation/converters/context.ts';
import { eventToAp } from '../src/lib/server/federation/converters/event.ts';
import { eventApInput } from '../src/lib/server/federation/event-document.ts';
import { freePort } from '../tests/helpers/ports.ts';
import { followsThisInstance, remoteActorOnSink } from '../tests/helpers/remote-actors.ts';
import { startSink, type Sink } from '../tests/helpers/sink.ts';

const followerCount = Number(process.env.BENCH_FOLLOWERS ?? 2000);
const hostCount = Number(process.env.BENCH_HOSTS ?? 200);
const concurrencies = (process.env.BENCH_CONCURRENCY ?? '16,64').split(',').map(Number);
const sinkDelayMs = Number(process.env.BENCH_SINK_DELAY_MS ?? 0);

interface Row {
  concurrency: number;
  enqueueMs: number;
  drainMs: number;
  perSecond: number;
  p50: number;
  p95: number;
}

/** An instance of its own on a fresh data folder (embedded PostgreSQL unless DATABASE_URL is set). */
async function instance(concurrency: number, dataDir: string): Promise<App> {
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    ALLOW_PRIVATE_ADDRESSES: 'true',
    LOG_LEVEL: 'error',
    DELIVERY_CONCURRENCY: String(concurrency),
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {})
  });
  const app = await createApp(config, { logger: silentLogger });
  await app.start('all');
  return app;
}

/**
 * A public event and `followerCount` remote servers' actors following this instance, spread evenly
 * over the sink's hosts: the event's audience (see federation/outbox/events.ts).
 */
async function eventWithAudience(app: App, sink: Sink): Promise<{ event: Event; organizer: Actor }> {
  const stamp = Date.now().toString(36);
  const user = await app.services.accounts.createUser({
    email: `fanout-${stamp}@example.org`,
    password: 'bench password here',
    confirmed: true
  });
  const organizer = await app.services.actors.createPerson(user.id, {
    preferredUsername: `fanout_${stamp}`,
    name: 'Fan-out'
  });
  const event = await app.services.events.createEvent(user.id, {
    organizerActorId: organizer.id,
    title: 'Fan-out picnic',
    beginsOn: new Date(Date.now() + 7 * 86_400_000)
  });
  const batch = 50;
  for (let start = 0; start < followerCount; start += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, followerCount - start) }, async (_, k) => {
        const follower = await remoteActorOnSink(app, sink, (start + k) % sink.hosts.length, {
          name: `f${stamp}_${start + k}`
        });
        await followsThisInstance(app, follower);
      })
    );
  }
  return { event, organizer };
}

/**
 * The event's Update, built and addressed as the event outbox does it (same converters, same
 * audience query), handed to the delivery queue; then the time until every inbox has it.
 */
async function fanOut(app: App, sink: Sink, event: Event, organizer: Actor, concurrency: number): Promise<Row> {
  const pool = app.database.pool;
  const recipients = await app.services.queries.audience.ofEvent(event, true);
  if (recipients.length !== followerCount) {
    throw new Error(`expected ${followerCount} followers, got ${recipients.length}`);
  }
  const input = await eventApInput(app.services, app.config.publicUrl, event);
  const { '@context': _context, ...object } = eventToAp(input);
  const id = `${event.apId}/update/bench-${concurrency}-${Date.now()}`;
  const json = activityToAp('Update', id, organizer.apId, object, { to: [PUBLIC_COLLECTION] });
  const started = performance.now();
  const { inboxes } = await app.federation!.sender.send({
    json,
    signer: organizer,
    recipients,
    orderingKey: event.apId
  });
  const enqueueMs = performance.now() - started;
  if (inboxes !== followerCount) throw new Error(`queued ${inboxes} deliveries, not ${followerCount}`);
  for (;;) {
    if (sink.of(id).filter((r) => r.status === 202).length >= followerCount) {
      const { rows } = await pool.query<{ pending: number }>(
        `select count(*) filter (where d.state = 'pending')::int as pending
         from deliveries d join outbox_activities a on a.id = d.activity_id where a.ap_id = $1`,
        [id]
      );
      if (rows[0]!.pending === 0) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const drainMs = performance.now() - started;
  const { rows } = await pool.query<{ p50: number; p95: number; delivered: number }>(
    `select count(*)::int as delivered,
            percentile_cont(0.5) within group (order by extract(epoch from d.updated_at - d.created_at)) * 1000 as p50,
            percentile_cont(0.95) within group (order by extract(epoch from d.updated_at - d.created_at)) * 1000 as p95
     from deliveries d join outbox_activities a on a.id = d.activity_id
     where a.ap_id = $1 and d.state = 'delivered'`,
    [id]
  );
  const latency = rows[0]!;
  if (latency.delivered !== followerCount) throw new Error(`${latency.delivered} delivered, not ${followerCount}`);
  return {
    concurrency,
    enqueueMs,
    drainMs,
    perSecond: (followerCount / drainMs) * 1000,
    p50: latency.p50,
    p95: latency.p95
  };
}

const sink = await startSink(hostCount, () => ({ status: 202, delayMs: sinkDelayMs || undefined }));
const rows: Row[] = [];
try {
  for (const concurrency of concurrencies) {
    const dataDir = await mkdtemp(join(tmpdir(), 'convene-bench-fanout-'));
    await chmod(dataDir, 0o755);
    const app = await instance(concurrency, dataDir);
    try {
      const { event, organizer } = await eventWithAudience(app, sink);
      rows.push(await fanOut(app, sink, event, organizer, concurrency));
    } finally {
      await app.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
} finally {
  await sink.close();
}

const ms = (n: number) => n.toFixed(0);
console.log(
  [
    `bench federation fan-out: ${process.env.DATABASE_URL ? 'external PostgreSQL' : 'embedded PostgreSQL'}, Node ${process.version}, sink answers 202 after ${sinkDelayMs} ms`,
    '| followers | hosts | DELIVERY_CONCURRENCY | enqueue ms | drain ms | deliveries/s | queue→delivered p50 ms | p95 ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${followerCount} | ${hostCount} | ${r.concurrency} | ${ms(r.enqueueMs)} | ${ms(r.drainMs)} | ${ms(r.perSecond)} | ${ms(r.p50)} | ${ms(r.p95)} |`
    )
  ].join('\n')
);
process.exit(0);

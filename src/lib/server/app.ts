import { join } from 'node:path';
import { ConfigError, loadConfig, type Config } from './config/index.ts';
import { createLogger, type Logger } from './core/logger.ts';
import { checkConnection, createDb, runMigrations, type DbHandle } from './db/client.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from './db/embedded.ts';
import { loadOrCreateSecret } from './domain/instance/index.ts';
import { createMailer, type Mailer } from './emails/mailer.ts';
import { createFederationModule, type FederationModule } from './federation/index.ts';
import { createLinkPreviewer } from './federation/fetch/link-preview.ts';
import { createGraphQLHandler } from './graphql/yoga.ts';
import { LiveUpdates } from './graphql/live-updates.ts';
import { createCalendarFeedHandler } from './http/calendar-feeds.ts';
import { createPublicFeedHandler } from './http/public-feeds.ts';
import { createEventExportHandler } from './http/event-export.ts';
import { createMediaHandler } from './http/media.ts';
import { createParticipantExportHandler } from './http/participant-exports.ts';
import { createPersonalDataHandler } from './http/personal-data.ts';
import { createWellKnownHandler } from './http/well-known.ts';
import { DomainEventBus } from './jobs/domain-events.ts';
import { registerAccountEmails } from './jobs/handlers/account-emails.ts';
import { registerDomainEventRetention } from './jobs/handlers/domain-events-retention.ts';
import { registerEventAnnouncements } from './jobs/handlers/event-announcements.ts';
import { registerGroupFollowerEmails } from './jobs/handlers/group-follower-emails.ts';
import { registerParticipantExports } from './jobs/handlers/participant-exports.ts';
import { registerEventReminders } from './jobs/handlers/event-reminders.ts';
import { registerParticipationEmails } from './jobs/handlers/participation-emails.ts';
import { registerRelayEmails } from './jobs/handlers/relay-emails.ts';
import { registerRemotePictures } from './jobs/handlers/remote-pictures.ts';
import { registerReportEmails } from './jobs/handlers/report-emails.ts';
import { Jobs } from './jobs/queue.ts';
import { registerRunningApp, type RunningApp } from './running-app.ts';
import { createServices, type Services } from './services.ts';

export type Role = 'web' | 'worker' | 'all';

export interface App extends RunningApp {
  config: Config;
  logger: Logger;
  database: DbHandle;
  databaseUrl: string;
  jobs: Jobs;
  services: Services;
  mailer: Mailer;
  federation: FederationModule | undefined;
  /** Starts the job queue; with the worker role also its workers and the federation queue. */
  start(role?: Role): Promise<void>;
  /** Stops workers (letting running jobs finish), then closes the database. */
  stop(): Promise<void>;
}

export interface AppOptions {
  logger?: Logger;
  /** Apply pending migrations before anything else (default true). */
  migrate?: boolean;
  /** Job polling interval, seconds; tests lower it. */
  jobPollingSeconds?: number;
}

async function openDatabase(config: Config, logger: Logger): Promise<{ url: string; embedded?: EmbeddedServer }> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  const embedded = await startEmbeddedPostgres(config.dataDir, { log: (m) => logger.debug(m.trim()) });
  logger.info('embedded PostgreSQL started', { port: embedded.port, dir: join(config.dataDir, 'postgres') });
  return { url: embedded.url, embedded };
}

/** Builds the whole backend for one configuration: database, jobs, mailer, services, federation, API. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const { url, embedded } = await openDatabase(config, logger);
  const database = createDb(url, { max: 20 });
  try {
    await checkConnection(database.pool);
  } catch (error) {
    await database.close();
    await embedded?.stop();
    throw new ConfigError('DATABASE_URL', `could not connect to the database: ${(error as Error).message}`);
  }
  if (options.migrate ?? true) await runMigrations(database.db);

  const jobs = new Jobs(url, logger, { pollingIntervalSeconds: options.jobPollingSeconds });
  const bus = new DomainEventBus(jobs);
  const jwtSecret = config.jwtSecret ?? (await loadOrCreateSecret(database.db, 'jwt_secret'));
  const services = createServices({ config, pool: database.pool, db: database.db, events: bus, logger }, jwtSecret);
  await services.actors.ensureInstanceActor();
  services.resources.usePreviewer(createLinkPreviewer(config));
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    mailDir: join(config.dataDir, 'mail'),
    logger
  });
  registerAccountEmails(bus, { config, services, mailer });
  registerParticipationEmails(bus, { config, services, mailer, jobs });
  registerEventReminders(bus, { config, services, mailer, jobs });
  registerDomainEventRetention(jobs, database.db);
  registerParticipantExports(bus, jobs, services);
  registerEventAnnouncements(bus, { config, services, mailer, jobs });
  registerGroupFollowerEmails(bus, { config, services, mailer, jobs });
  registerRelayEmails(bus, { config, services, mailer });
  registerReportEmails(bus, { config, services, mailer, jobs });
  registerRemotePictures(bus, services);
  jobs.define({
    name: 'rate-limits.sweep',
    cron: '*/10 * * * *',
    retryLimit: 1,
    handle: () => services.rateLimiter.sweep()
  });
  const federation = config.federation
    ? await createFederationModule({ config, services, jobs, bus, pool: database.pool, logger })
    : undefined;
  // Without federation nobody must be told: a deleted profile's keys go at once.
  if (!federation)
    bus.subscribe('PersonDeleted', 'forget-keys', ({ payload }) => services.actors.forgetTombstone(payload.actorId));
  const live = new LiveUpdates(
    url,
    async (participantId) => (await services.queries.participations.byId(participantId))?.actorId,
    logger
  );
  const graphql = createGraphQLHandler(services, logger, live);
  const wellKnown = createWellKnownHandler(config, services);
  const personalData = createPersonalDataHandler(services, database.db);
  const media = createMediaHandler(config);
  const calendarFeeds = createCalendarFeedHandler(services);
  const publicFeeds = createPublicFeedHandler(services);
  const eventExport = createEventExportHandler(services);
  const participantExports = createParticipantExportHandler(services);

  const workerAbort = new AbortController();
  let stopped = false;

  const app: App = {
    config,
    logger,
    database,
    databaseUrl: url,
    jobs,
    services,
    mailer,
    federation,
    async handle(request, clientAddress) {
      const { pathname } = new URL(request.url);
      if (pathname === '/api' || pathname === '/api/') return graphql(request, clientAddress);
      const known =
        (await wellKnown(request)) ??
        (await personalData(request)) ??
        (await calendarFeeds(request)) ??
        (await publicFeeds(request)) ??
        (await eventExport(request)) ??
        (await participantExports(request)) ??
        (await media(request));
      if (known) return known;
      return federation ? federation.handle(request) : undefined;
    },
    async start(role = 'all') {
      await jobs.start();
      if (role === 'web') return;
      await jobs.startWorkers();
      federation?.startQueue(workerAbort.signal);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      workerAbort.abort();
      await jobs.stop().catch((e) => logger.warn('job queue stop failed', { error: String(e) }));
      await federation?.stop();
      await live.stop();
      mailer.close();
      await database.close();
      await embedded?.stop();
    }
  };
  return app;
}

/** Under `vite dev` there is no `convene serve`: start an app from the environment on first request. */
export async function startDevApp(): Promise<App> {
  const app = await createApp(loadConfig({ NODE_ENV: 'development', ...process.env }));
  await app.start('all');
  registerRunningApp(app);
  return app;
}

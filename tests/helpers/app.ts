import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App, type Role } from '#lib/server/app.ts';
import { loadConfig } from '#lib/server/config/index.ts';
import { silentLogger, createLogger } from '#lib/server/core/logger.ts';
import { nodeListener } from '#lib/server/http/node-adapter.ts';
import { newTestDatabase } from './database.ts';
import { freePort } from './ports.ts';

export interface TestApp {
  app: App;
  /** Origin the app is served at, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  dataDir: string;
  /** The environment it was configured from (for another app on the same database). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Serve over HTTP on a loopback port (needed for federation); default true. */
  listen?: boolean;
  /** Run job workers and the federation queue; default true. */
  workers?: boolean;
}

/**
 * A complete instance on its own database (cloned from the migrated template), its own data folder
 * and its own loopback port. Private addresses are allowed so that instances can federate over loopback.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await newTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'convene-app-'));
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    ALLOW_PRIVATE_ADDRESSES: 'true',
    INSTANCE_NAME: `Test ${port}`,
    PARTICIPANT_COUNT_UPDATE_SECONDS: '1',
    ...options.env
  };
  const config = loadConfig(env);
  const logger = process.env.TEST_LOG ? createLogger('debug') : silentLogger;
  const app = await createApp(config, { logger, migrate: false, jobPollingSeconds: 0.5 });
  await app.start(options.workers === false ? 'web' : 'all');
  let server: Server | undefined;
  if (options.listen !== false) {
    server = createServer(nodeListener((request) => app.handle(request), baseUrl));
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
  }
  return {
    app,
    baseUrl,
    dataDir,
    env,
    async stop() {
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server!.close(() => resolve()));
      }
      await app.stop();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  };
}

/**
 * Another app on the database of an instance already running elsewhere (a `convene serve` child
 * process, or a test app stopped or about to be): by default the web role, so that it runs no
 * workers and the other process does the work. Tests use its services to arrange data and act as
 * people would.
 */
export async function attachTestApp(env: Record<string, string>, role: Role = 'web'): Promise<App> {
  const logger = process.env.TEST_LOG ? createLogger('debug') : silentLogger;
  const app = await createApp(loadConfig(env), { logger, migrate: false, jobPollingSeconds: 0.5 });
  await app.start(role);
  return app;
}

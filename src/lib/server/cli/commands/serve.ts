import { createServer, type Server } from 'node:http';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createApp, type Role } from '../../app.ts';
import { loadConfig } from '../../config/index.ts';
import { registerRunningApp } from '../../running-app.ts';
import { UsageError } from '../main.ts';
import { buildIsStale, buildWebBundle, handlerPath } from './build.ts';

const SHUTDOWN_BUDGET_MS = 9000;
const roles: Role[] = ['web', 'worker', 'all'];

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

export async function runServe(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { role: { type: 'string', default: 'all' } } });
  const role = values.role as Role;
  if (!roles.includes(role)) throw new UsageError(`--role must be one of ${roles.join(', ')}`);
  const config = loadConfig();
  const started = Date.now();

  const serveWeb = role !== 'worker';
  if (serveWeb && buildIsStale()) {
    process.stdout.write('Building the web interface (first start or changed sources)...\n');
    await buildWebBundle();
  }

  const app = await createApp(config);
  await app.start(role);
  registerRunningApp(app);

  let server: Server | undefined;
  if (serveWeb) {
    process.env.ORIGIN = config.publicUrl;
    const { handler } = (await import(pathToFileURL(handlerPath).href)) as {
      handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
    };
    server = createServer(handler);
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(config.port, config.host, () => resolve());
    });
  }

  app.logger.info('ready', { role, ms: Date.now() - started });
  if (serveWeb) {
    process.stdout.write(
      `\nConvene is running at ${config.publicUrl} (listening on ${config.host}:${config.port}, role ${role}).\n` +
        `Create the first administrator with:\n` +
        `  npx convene users new admin@example.org --password 'a long password' --admin --profile admin\n\n`
    );
  } else {
    process.stdout.write(`Convene worker running (role ${role}).\n`);
  }

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.logger.info('shutting down', { signal });
      const force = setTimeout(() => {
        app.logger.error('shutdown took too long; exiting');
        resolve(1);
      }, SHUTDOWN_BUDGET_MS);
      force.unref();
      if (server) await closeServer(server);
      await app.stop();
      clearTimeout(force);
      resolve(0);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  });
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createApp, type Role } from '../../app.ts';
import { ConfigError, loadConfig } from '../../config/index.ts';
import { registerRunningApp } from '../../running-app.ts';
import { UsageError } from '../main.ts';
import { ensureBuilt, handlerPath } from '../build.ts';

const SHUTDOWN_BUDGET_MS = 9000;
const roles: Role[] = ['web', 'worker', 'all'];

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The adapter-node handler, made to see every request on PUBLIC_URL's origin (scheme and host), as
 * a proxy in front of us would report it. adapter-node 6 takes the origin only at build time or
 * from headers, and the origin is a runtime setting here; any client-sent value is overwritten.
 */
async function pagesHandler(publicUrl: string, mediaMaxBytes: number): Promise<NodeHandler> {
  const origin = new URL(publicUrl);
  process.env.PROTOCOL_HEADER = 'x-convene-proto';
  process.env.HOST_HEADER = 'x-convene-host';
  // adapter-node refuses bodies over 512 KB by default: a profile form carries an avatar and a banner.
  process.env.BODY_SIZE_LIMIT ||= String(2 * mediaMaxBytes + 1024 * 1024);
  const { handler } = (await import(pathToFileURL(handlerPath).href)) as { handler: NodeHandler };
  return (req, res) => {
    req.headers['x-convene-proto'] = origin.protocol.slice(0, -1);
    req.headers['x-convene-host'] = origin.host;
    handler(req, res);
  };
}

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
  if (serveWeb) await ensureBuilt((line) => process.stdout.write(`${line}\n`));

  const app = await createApp(config);
  await app.start(role);
  registerRunningApp(app);

  let server: Server | undefined;
  if (serveWeb) {
    server = createServer(await pagesHandler(config.publicUrl, config.mediaMaxBytes));
    try {
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(config.port, config.host, () => resolve());
      });
    } catch (error) {
      await app.stop();
      const code = (error as NodeJS.ErrnoException).code;
      const reason =
        code === 'EADDRINUSE'
          ? 'is already in use'
          : code === 'EACCES'
            ? 'needs more privileges'
            : (error as Error).message;
      throw new ConfigError('PORT', `${config.port} on ${config.host} ${reason}; choose another PORT or HOST`);
    }
  }

  app.logger.info('ready', { role, ms: Date.now() - started });
  if (serveWeb) {
    process.stdout.write(
      `\nConvene is running at ${config.publicUrl} (listening on ${config.host}:${config.port}, role ${role}).\n` +
        `Create the first administrator with:\n` +
        `  npx convene users new admin@example.org --password 'a long password' --admin --profile your_name\n\n`
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

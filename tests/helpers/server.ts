import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { newTestDatabase } from './database.ts';
import { freePort } from './ports.ts';
import { runCli, spawnServer, type ServerProcess } from './process.ts';

export { runCli } from './process.ts';

export interface TestServer {
  /** The running process (a new one after `restart`). */
  readonly process: ChildProcess;
  readonly startupMs: number;
  /** What the current process printed. */
  output(): string;
  baseUrl: string;
  env: Record<string, string>;
  dataDir: string;
  /** Creates a confirmed user with a first profile through the real CLI. */
  createUser(email: string, password: string, username: string): Promise<void>;
  /** SIGKILL, as in a crash: nothing is cleaned up, the database and data folder stay for `restart`. */
  kill(): Promise<void>;
  /** Starts `convene serve` again, with the same arguments, database, data folder and port. */
  restart(): Promise<void>;
  /** SIGTERM, waits for the exit, then removes the database and data folder (unless kept). */
  stop(): Promise<{ code: number | null; ms: number }>;
}

/** `convene serve` in its own process, on its own database (or embedded one), data folder and loopback port. */
export async function startTestServer(
  options: {
    env?: Record<string, string>;
    database?: 'clone' | 'embedded';
    dataDir?: string;
    keepData?: boolean;
    /** Extra arguments of `convene serve`, e.g. `['--role', 'worker']` (which needs no web build). */
    args?: string[];
  } = {}
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'convene-server-')));
  await chmod(dataDir, 0o755);
  const database = options.database === 'embedded' ? undefined : await newTestDatabase();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    ALLOW_PRIVATE_ADDRESSES: 'true',
    LOG_LEVEL: 'warning',
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...options.env
  };
  const args = options.args ?? [];
  let server: ServerProcess = await spawnServer(env, undefined, args);
  return {
    get process() {
      return server.process;
    },
    get startupMs() {
      return server.startupMs;
    },
    output: () => server.output(),
    baseUrl,
    env,
    dataDir,
    async createUser(email, password, username) {
      const result = await runCli(['users', 'new', email, '--password', password, '--profile', username], env);
      if (result.code !== 0) throw new Error(`users new failed: ${result.stderr}`);
    },
    kill: () => server.kill(),
    async restart() {
      await server.kill();
      server = await spawnServer(env, undefined, args);
    },
    async stop() {
      const result = await server.stop();
      await database?.drop();
      if (!options.keepData) await rm(dataDir, { recursive: true, force: true });
      return result;
    }
  };
}

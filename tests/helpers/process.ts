import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../bin/convene.mjs', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `convene <args>` as a separate process and collects its output. */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`convene ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface ServerProcess {
  process: ChildProcess;
  startupMs: number;
  output(): string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<{ code: number | null; ms: number }>;
  /** SIGKILL, as a crash or the OOM killer would end it, then waits for the exit. */
  kill(): Promise<void>;
}

/**
 * Spawns `convene serve` with `env` (and extra arguments such as `--role worker`) and resolves
 * once it says it is running.
 */
export async function spawnServer(
  env: Record<string, string>,
  timeoutMs = 120_000,
  args: string[] = []
): Promise<ServerProcess> {
  const started = Date.now();
  const child = spawn(process.execPath, [cli, 'serve', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    };
    child.stdout!.on('data', () => {
      if (!output.includes('Convene is running') && !output.includes('Convene worker running')) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve();
    });
    child.on('exit', onExit);
  });
  const startupMs = Date.now() - started;
  let exited: Promise<number | null> | undefined;
  const end = (signal: NodeJS.Signals) =>
    (exited ??= new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill(signal);
    }));
  return {
    process: child,
    startupMs,
    output: () => output,
    async stop() {
      const t0 = Date.now();
      const code = await end('SIGTERM');
      return { code, ms: Date.now() - t0 };
    },
    async kill() {
      await end('SIGKILL');
    }
  };
}

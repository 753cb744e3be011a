import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
export const handlerPath = join(projectRoot, 'build', 'handler.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether the web bundle is missing or older than the sources it is built from. */
export function buildIsStale(): boolean {
  if (!existsSync(handlerPath)) return true;
  const built = statSync(handlerPath).mtimeMs;
  const sources = [join(projectRoot, 'src'), join(projectRoot, 'static')].filter(existsSync);
  return (
    sources.some((dir) => newestMtime(dir) > built) || statSync(join(projectRoot, 'vite.config.ts')).mtimeMs > built
  );
}

/** Runs `vite build` with the Node that runs us. */
export function buildWebBundle(): Promise<void> {
  const vite = join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: projectRoot,
      stdio: 'inherit'
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (exit ${code})`))));
    child.on('error', reject);
  });
}

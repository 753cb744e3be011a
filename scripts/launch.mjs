// Runs the `convene` program: from the bundled backend (dist/server/convene.js) when it is up to
// date with the sources, which starts in a fraction of the time, otherwise from the sources.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The folder of Convene's package.json, found upwards from this file (also once bundled into dist/).
 * @param {string} start
 * @returns {string}
 */
function findProjectRoot(start) {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'convene') return dir;
    if (dirname(dir) === dir) throw new Error('Convene package.json not found');
  }
}

export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
export const serverBundle = join(projectRoot, 'dist', 'server', 'convene.js');
const serverSources = join(projectRoot, 'src', 'lib', 'server');

/**
 * Newest modification time of any file below `path` (or of `path` itself).
 * @param {string} path
 * @returns {number}
 */
export function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Whether the server bundle is missing or older than the backend sources or the lockfile. */
export function serverBundleIsStale() {
  if (!existsSync(serverBundle)) return true;
  const built = statSync(serverBundle).mtimeMs;
  return newestMtime(serverSources) > built || newestMtime(join(projectRoot, 'package-lock.json')) > built;
}

/** @param {string[]} args */
export async function launch(args) {
  const entry = serverBundleIsStale() ? join(serverSources, 'cli', 'main.ts') : serverBundle;
  const { main } = await import(pathToFileURL(entry).href);
  return main(args);
}

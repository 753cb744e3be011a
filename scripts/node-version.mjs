// Convene needs Node >= 22.17 (SvelteKit 3, type stripping). On an older system Node, this module
// installs Node 24 from the npm registry into .tools/node once, then re-runs the command with it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_MAJOR = 22;
const MIN_MINOR = 17;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string} [version] */
export function isModern(version = process.versions.node) {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > MIN_MAJOR || (major === MIN_MAJOR && minor >= MIN_MINOR);
}

/** Path of a Node binary recent enough, installing one into .tools/node when needed. */
export function modernNodePath() {
  if (isModern()) return process.execPath;
  const dir = join(root, '.tools', 'node');
  const bin = join(dir, 'node_modules', '.bin', 'node');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'convene-node-runtime', private: true }) + '\n');
    process.stderr.write(`Node ${process.versions.node} is too old; installing Node 24 into .tools/node ...\n`);
    const npm = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', 'node@24'], {
      cwd: dir,
      stdio: 'inherit'
    });
    if (npm.status !== 0 || !existsSync(bin)) {
      process.stderr.write('Could not install Node 24. Install Node >= 22.17 and try again.\n');
      process.exit(1);
    }
  }
  return bin;
}

/**
 * Re-runs the current script under a modern Node when this one is too old (never returns then).
 * @param {string} entryUrl `import.meta.url` of the script
 * @param {string[]} args its arguments
 */
export function ensureModernNode(entryUrl, args) {
  if (isModern()) return;
  const result = spawnSync(modernNodePath(), [fileURLToPath(entryUrl), ...args], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

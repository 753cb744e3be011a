// `node scripts/with-node.mjs <script> [args]`: runs a script under Node >= 22.17, whatever the
// system Node is (see node-version.mjs). npm scripts go through here so `npm start` and `npm test`
// work on a machine whose Node is older.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { modernNodePath } from './node-version.mjs';

const [script, ...args] = process.argv.slice(2);
if (!script) {
  process.stderr.write('usage: node scripts/with-node.mjs <script> [args]\n');
  process.exit(2);
}
const node = modernNodePath();
const env = {
  ...process.env,
  PATH: `${dirname(node)}:${join(process.cwd(), 'node_modules', '.bin')}:${process.env.PATH ?? ''}`
};
const child = spawn(node, [script, ...args], { stdio: 'inherit', env });
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

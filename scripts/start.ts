// `npm start`: builds what is out of date (pages, server bundle), then serves everything (role all)
// from the bundle.
import { ensureBuilt } from '../src/lib/server/cli/build.ts';
import { launch } from './launch.mjs';

await ensureBuilt((line) => console.log(line));
process.exit(await launch(['serve', ...process.argv.slice(2)]));

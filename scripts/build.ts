// `npm run build`: the pages (vite build → build/) and the bundled backend (→ dist/server/).
import { buildServerBundle, buildWebBundle } from '../src/lib/server/cli/build.ts';

await buildWebBundle();
await buildServerBundle();
console.log('Built build/ (pages) and dist/server/ (backend).');

// `npm start`: builds the web interface if needed and serves everything (role all).
import { main } from '../src/lib/server/cli/main.ts';

process.exit(await main(['serve', ...process.argv.slice(2)]));

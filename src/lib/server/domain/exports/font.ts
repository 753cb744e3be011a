import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FONT = join('assets', 'fonts', 'DejaVuSans.ttf');
/** Debian's and Ubuntu's copy, for an install that left out the repository's assets. */
const SYSTEM_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

/**
 * The repository ships DejaVu Sans (assets/fonts, with its license). From the sources and from the
 * bundle in dist/server alike, it is found by walking up from this module to the project root.
 */
function fontPath(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, FONT);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return existsSync(SYSTEM_FONT) ? SYSTEM_FONT : undefined;
}

let cached: Promise<Uint8Array> | undefined;

/** The TrueType font the PDF embeds: Latin, Greek, Cyrillic and Arabic letters. */
export function exportFont(): Promise<Uint8Array> {
  cached ??= (async () => {
    const path = fontPath();
    if (!path) throw new Error(`PDF exports need ${FONT} (DejaVu Sans)`);
    return new Uint8Array(await readFile(path));
  })();
  return cached;
}

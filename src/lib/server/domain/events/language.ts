import { htmlToPlainText } from '../../core/plain-text.ts';
import { detectAll } from 'tinyld/light';

/** Below this many letters a guess is not worth storing. */
const MIN_LETTERS = 12;
/** The best guess must be this much likelier than the next one. */
const MIN_LEAD = 1.5;

/** Plain text of a (sanitized) description, on one line: what language detection reads. */
export const htmlToText = (html: string): string => htmlToPlainText(html).replace(/\s+/g, ' ').trim();

/**
 * The ISO 639-1 code of the language an event is written in, from its title and description, or
 * `und` (undetermined) when the text is too short or the guess uncertain.
 */
export function detectLanguage(title: string, descriptionHtml: string | null | undefined): string {
  const text = `${title}. ${descriptionHtml ? htmlToText(descriptionHtml) : ''}`.trim();
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return 'und';
  const [best, next] = detectAll(text);
  if (!best || !/^[a-z]{2}$/.test(best.lang)) return 'und';
  if (next && best.accuracy < next.accuracy * MIN_LEAD) return 'und';
  return best.lang;
}

/** A language given by the client: a BCP 47 primary tag in lower case, or `und`. */
export function normalizeLanguage(value: string | null | undefined): string | null {
  const code = (value ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (!code || code === 'und') return null;
  return /^[a-z]{2,3}$/.test(code) ? code : null;
}

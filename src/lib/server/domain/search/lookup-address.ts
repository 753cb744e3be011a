const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST = `${LABEL}(?:\\.${LABEL})*(?::\\d{1,5})?`;
/** `@user@host`, `user@host` or `acct:user@host`, as people paste fediverse handles. */
const HANDLE = new RegExp(`^(?:acct:)?@?([a-z0-9_][a-z0-9_.-]{0,99})@(${HOST})$`, 'i');

/** What a search term points at when it names one thing on the fediverse rather than words. */
export type LookupAddress = { kind: 'url'; url: string } | { kind: 'handle'; username: string; host: string };

/**
 * Reads a search term as an address: an http(s) URL (without credentials) or a handle. Anything
 * else (words, an email-like phrase with spaces) is an ordinary search: null.
 */
export function parseLookupAddress(term: string | null | undefined): LookupAddress | null {
  const text = term?.trim() ?? '';
  if (text.length === 0 || text.length > 2000 || /\s/.test(text)) return null;
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return null;
    }
    if (url.username || url.password) return null;
    url.hash = '';
    return { kind: 'url', url: url.href };
  }
  const handle = HANDLE.exec(text);
  if (!handle?.[1] || !handle[2]) return null;
  return { kind: 'handle', username: handle[1], host: handle[2].toLowerCase() };
}

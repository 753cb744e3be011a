import { isActivityMediaType, mediaTypeOf } from '../media-type.ts';
import { SafeFetchError, type SafeFetch } from '../fetch/index.ts';

interface WebFingerLink {
  rel?: unknown;
  type?: unknown;
  href?: unknown;
}

/** The ActivityPub actor a JRD document names as `self`, if any (http(s) only). */
export function selfLinkOf(document: unknown): string | null {
  const links = (document as { links?: unknown } | null)?.links;
  if (!Array.isArray(links)) return null;
  for (const link of links as WebFingerLink[]) {
    if (link?.rel !== 'self' || typeof link.href !== 'string') continue;
    if (typeof link.type !== 'string' || !isActivityMediaType(mediaTypeOf(link.type))) continue;
    try {
      const url = new URL(link.href);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
    } catch {
      continue;
    }
  }
  return null;
}

/**
 * Finds the actor behind `user@host` by WebFinger, through the checked fetch (Fedify's own
 * WebFinger lookup bypasses it and assumes https). The server is reached over https; plain http is
 * tried too only where private addresses are allowed (tests, development). null: no such account.
 */
export async function webFingerActor(
  safeFetch: SafeFetch,
  options: { allowPrivateAddresses: boolean },
  username: string,
  host: string
): Promise<string | null> {
  const resource = encodeURIComponent(`acct:${username}@${host}`);
  const schemes = options.allowPrivateAddresses ? ['https:', 'http:'] : ['https:'];
  for (const scheme of schemes) {
    let response;
    try {
      response = await safeFetch(`${scheme}//${host}/.well-known/webfinger?resource=${resource}`, {
        headers: { accept: 'application/jrd+json, application/json' }
      });
    } catch (error) {
      // Nothing answered this way (refused, unreachable, not TLS): the next scheme may.
      if (error instanceof SafeFetchError) continue;
      throw error;
    }
    if (response.status < 200 || response.status > 299) return null;
    try {
      return selfLinkOf(JSON.parse(new TextDecoder().decode(response.body)));
    } catch {
      return null;
    }
  }
  return null;
}

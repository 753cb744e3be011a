import { createHash } from 'node:crypto';
import { eventsToAtom, eventsToIcs } from '../calendar/index.ts';
import type { ParticipantRole } from '../db/schema/participants.ts';
import type { Services } from '../services.ts';

/** Mobilizon's private feed URLs: `/events/going/<token>/ics` and `/events/going/<token>/atom`. */
const FEED_PATH = /^\/events\/going\/([^/]+)\/(ics|atom)\/?$/;

/** Roles that mean taking part (not a pending, unconfirmed or rejected request). */
export const TAKING_PART: readonly ParticipantRole[] = ['participant', 'moderator', 'administrator', 'creator'];
/** Events that ended longer ago than this drop out of the feed. */
const RECENT_DAYS = 30;
/** At most this many events per feed (the soonest first). */
export const FEED_LIMIT = 500;
const MAX_AGE_SECONDS = 300;

const CONTENT_TYPES = {
  ics: 'text/calendar; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8'
} as const;

/** The same answer for every token that does not open a feed: nothing tells why. */
const notFound = () =>
  new Response('Not found\n', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
  });

const etagMatches = (header: string | null, etag: string) =>
  header !== null && header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');

/**
 * The private "my events" feeds: the events a token's profile (or every profile of the token's
 * account) takes part in, drafts excluded, from 30 days ago on, soonest first. The token is the
 * capability: unknown, deleted and disabled-account tokens get the same 404. Tokens are never logged.
 */
export function createCalendarFeedHandler(services: Services) {
  const base = services.config.publicUrl;

  return async function handleCalendarFeed(request: Request): Promise<Response | undefined> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const match = FEED_PATH.exec(new URL(request.url).pathname);
    if (!match) return undefined;
    const token = match[1] ?? '';
    const format = match[2] === 'atom' ? 'atom' : 'ics';
    const owner = await services.queries.feedTokens.resolve(token);
    if (!owner) return notFound();

    const profiles = owner.actorId
      ? await services.queries.actors.byIds([owner.actorId])
      : await services.queries.actors.identitiesOf(owner.userId);
    const since = new Date(Date.now() - RECENT_DAYS * 24 * 3600 * 1000);
    const entries = await services.queries.participations.participatedBy(
      profiles.map((p) => p.id),
      TAKING_PART,
      { since, limit: FEED_LIMIT }
    );

    const profile = owner.actorId ? profiles[0] : undefined;
    const who = profile ? profile.name || `@${profile.preferredUsername}` : undefined;
    const title = who
      ? `${who} — events on ${services.config.instanceName}`
      : `My events on ${services.config.instanceName}`;
    const selfUrl = `${base}/events/going/${token}/${format}`;
    const body =
      format === 'ics'
        ? eventsToIcs(entries, { name: title, refreshSeconds: 3600 })
        : eventsToAtom(entries, {
            id: selfUrl,
            title,
            selfUrl,
            alternateUrl: base,
            author: who ?? services.config.instanceName,
            emptyUpdated: owner.token.createdAt
          });

    return feedResponse(request, format, body, {
      'cache-control': `private, max-age=${MAX_AGE_SECONDS}`,
      'x-robots-tag': 'noindex, nofollow',
      'referrer-policy': 'no-referrer'
    });
  };
}

/** A feed's answer, with an ETag so that calendar apps polling it get 304 when nothing changed. */
export function feedResponse(
  request: Request,
  format: 'ics' | 'atom',
  body: string,
  extraHeaders: Record<string, string>
): Response {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers = { 'content-type': CONTENT_TYPES[format], etag, ...extraHeaders };
  if (etagMatches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  return new Response(request.method === 'HEAD' ? null : body, { headers });
}

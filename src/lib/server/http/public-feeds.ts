import { eventsToAtom, eventsToIcs } from '../calendar/index.ts';
import type { Services } from '../services.ts';
import { FEED_LIMIT, feedResponse } from './calendar-feeds.ts';

/** Mobilizon's public feed URLs: the instance's and each local profile's upcoming public events. */
const INSTANCE_FEED = /^\/feed\/instance\/(ics|atom)\/?$/;
const PROFILE_FEED = /^\/@([a-z0-9_]{1,64})\/feed\/(ics|atom)\/?$/i;
const MAX_AGE_SECONDS = 300;

const notFound = () =>
  new Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * `/feed/instance/(ics|atom)` lists this instance's upcoming public events; `/@name/feed/(ics|atom)`
 * those a local profile organizes. Drafts, unlisted and private events never appear.
 */
export function createPublicFeedHandler(services: Services) {
  const base = services.config.publicUrl;
  const instanceName = services.config.instanceName;

  return async function handlePublicFeed(request: Request): Promise<Response | undefined> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const path = new URL(request.url).pathname;
    const instance = INSTANCE_FEED.exec(path);
    const profile = instance ? null : PROFILE_FEED.exec(path);
    if (!instance && !profile) return undefined;

    const format = (instance?.[1] ?? profile?.[2]) === 'atom' ? 'atom' : 'ics';
    let organizer;
    if (profile) {
      organizer = await services.queries.actors.localByUsername(profile[1]!);
      if (!organizer || organizer.type !== 'Person') return notFound();
    }
    const entries = await services.queries.events.publicCalendar({
      organizerActorId: organizer?.id,
      limit: FEED_LIMIT
    });
    const who = organizer ? organizer.name || `@${organizer.preferredUsername}` : undefined;
    const title = who ? `${who} — events on ${instanceName}` : `Events on ${instanceName}`;
    const selfUrl = organizer
      ? `${base}/@${organizer.preferredUsername}/feed/${format}`
      : `${base}/feed/instance/${format}`;
    const body =
      format === 'ics'
        ? eventsToIcs(entries, { name: title, refreshSeconds: 3600 })
        : eventsToAtom(entries, {
            id: selfUrl,
            title,
            selfUrl,
            alternateUrl: organizer ? `${base}/@${organizer.preferredUsername}` : base,
            author: who ?? instanceName,
            emptyUpdated: organizer?.createdAt ?? new Date(0)
          });
    return feedResponse(request, format, body, { 'cache-control': `public, max-age=${MAX_AGE_SECONDS}` });
  };
}

import { eventsToIcs } from '../calendar/index.ts';
import { anonymousViewer } from '../domain/events/index.ts';
import type { Services } from '../services.ts';

const EXPORT_PATH = /^\/events\/([0-9a-f-]{36})\/export\/ics\/?$/i;

/** A file name from a title: letters and digits kept (any script), the rest dashes. */
function fileNameOf(title: string): string {
  const slug = title
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'event'}.ics`;
}

/**
 * `GET /events/<uuid>/export/ics`: one event as an iCalendar file, written in the event's own time
 * zone with its VTIMEZONE. Only what anyone may see: drafts and private events answer 404.
 */
export function createEventExportHandler(services: Services) {
  return async function handleEventExport(request: Request): Promise<Response | undefined> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const match = EXPORT_PATH.exec(new URL(request.url).pathname);
    if (!match?.[1]) return undefined;
    const event = await services.queries.events.byUuid(match[1], anonymousViewer);
    if (!event) return new Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain' } });
    const [address] = event.physicalAddressId
      ? await services.queries.events.addressesByIds([event.physicalAddressId])
      : [];
    const body = eventsToIcs([{ event, address: address ?? null }], { name: event.title });
    const fileName = fileNameOf(event.title);
    return new Response(request.method === 'HEAD' ? null : body, {
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `attachment; filename="${encodeURIComponent(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        'cache-control': 'public, max-age=300'
      }
    });
  };
}

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Services } from '../services.ts';

const DOWNLOAD_PATH = /^\/exports\/([a-z]+)\/([^/]+)$/;
/** The pages keep the access token in this HttpOnly cookie (src/lib/api/session.ts). */
const SESSION_COOKIE = 'convene_access';

const notFound = () =>
  new Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' } });

function accessToken(request: Request): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]?.trim();
  if (bearer) return bearer;
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE && value.length > 0) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

const attachment = (name: string) => {
  const ascii = name.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
};

/**
 * `GET /exports/<format>/<file>`: a participant export, for a signed-in organizer of its event
 * (bearer token, or the pages' session cookie) — checked at download time. Anyone else gets 404,
 * as for a file that does not exist; while the job is still writing it, 202 with Retry-After.
 */
export function createParticipantExportHandler(services: Services) {
  return async function handleParticipantExport(request: Request): Promise<Response | undefined> {
    const match = DOWNLOAD_PATH.exec(new URL(request.url).pathname);
    if (!match?.[1] || !match[2]) return undefined;
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const token = accessToken(request);
    const user = token ? await services.accounts.userFromAccessToken(token) : null;
    const found = await services.queries.participantExports.forDownload(user?.id ?? null, match[1], match[2]);
    if (!found) return notFound();
    if (found.status === 'pending') {
      return new Response('The export is being prepared\n', {
        status: 202,
        headers: { 'content-type': 'text/plain', 'retry-after': '2', 'cache-control': 'no-store' }
      });
    }
    if (found.status === 'failed') {
      return new Response('The export failed\n', {
        status: 500,
        headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' }
      });
    }
    const size = await stat(found.path).then(
      (s) => s.size,
      () => null
    );
    if (size === null) return notFound();
    const headers = {
      'content-type': found.contentType,
      'content-length': String(size),
      'content-disposition': attachment(found.downloadName),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff'
    };
    if (request.method === 'HEAD') return new Response(null, { headers });
    const body = Readable.toWeb(createReadStream(found.path)) as ReadableStream<Uint8Array>;
    return new Response(body, { headers });
  };
}

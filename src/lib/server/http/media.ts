import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Config } from '../config/index.ts';
import { STORED_FILE_NAME, storedContentType, uploadsDir } from '../domain/media/index.ts';

const PREFIX = '/media/';

const notFound = () =>
  new Response('Not found', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }
  });

/**
 * `GET /media/<file>`: the stored pictures. Names are random and never reused, so the files are
 * cached for a year as immutable. Only names we could have written are looked up (no traversal).
 */
export function createMediaHandler(config: Pick<Config, 'dataDir'>) {
  const dir = uploadsDir(config);
  return async function handleMedia(request: Request): Promise<Response | undefined> {
    const { pathname } = new URL(request.url);
    if (!pathname.startsWith(PREFIX)) return undefined;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { allow: 'GET, HEAD' } });
    }
    const name = pathname.slice(PREFIX.length);
    const type = STORED_FILE_NAME.test(name) ? storedContentType(name) : null;
    if (!type) return notFound();
    let file;
    try {
      file = await open(join(dir, name), 'r');
    } catch {
      return notFound();
    }
    const { size } = await file.stat();
    const headers = {
      'content-type': type,
      'content-length': String(size),
      'x-content-type-options': 'nosniff',
      'cache-control': 'public, max-age=31536000, immutable',
      'content-security-policy': "default-src 'none'; sandbox",
      'cross-origin-resource-policy': 'cross-origin'
    };
    if (request.method === 'HEAD') {
      await file.close();
      return new Response(null, { status: 200, headers });
    }
    const body = Readable.toWeb(file.createReadStream()) as ReadableStream<Uint8Array>;
    return new Response(body, { status: 200, headers });
  };
}

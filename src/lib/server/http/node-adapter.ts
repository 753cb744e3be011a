import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

export type FetchHandler = (request: Request) => Promise<Response | undefined>;

/** Builds a WHATWG Request from Node's request, against the instance's public origin. */
export function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    // @ts-expect-error Node's fetch needs `duplex` for streamed bodies; the DOM types lack it.
    duplex: hasBody ? 'half' : undefined
  });
}

export async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader('set-cookie', cookies);
  if (!response.body) return void res.end();
  // A client that goes away ends the body too: a subscription stops listening at once.
  const reader = response.body.getReader();
  const cancel = () => void reader.cancel().catch(() => {});
  res.on('close', cancel);
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) res.write(chunk.value);
  } finally {
    res.off('close', cancel);
  }
  res.end();
}

/** A Node request listener over a fetch-style handler; unhandled requests get `fallback`. */
export function nodeListener(
  handle: FetchHandler,
  origin: string,
  fallback: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 404;
    res.end('Not found');
  }
) {
  return (req: IncomingMessage, res: ServerResponse) => {
    handle(toRequest(req, origin))
      .then((response) => (response ? writeResponse(res, response) : fallback(req, res)))
      .catch((error: unknown) => {
        res.statusCode = 500;
        res.end('Internal error');
        console.error(error);
      });
  };
}

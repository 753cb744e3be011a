import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the sink answers for one path: a status, headers and a body (a string, bytes or JSON). */
export interface SinkAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array | object;
}

export interface RecordedRequest {
  method: string;
  /** The path and query, as received. */
  url: string;
  headers: IncomingMessage['headers'];
}

export interface RemoteSink {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** host:port, as an instance's domain is written. */
  host: string;
  requests: RecordedRequest[];
  /** Answers `path` (path and query) with `answer`, or with what the function returns for each request. */
  serve(
    path: string,
    answer: SinkAnswer | ((request: RecordedRequest, res: ServerResponse) => SinkAnswer | void)
  ): void;
  close(): Promise<void>;
}

/**
 * A loopback HTTP server standing in for a remote server we do not run (a hostile one, or one
 * with odd answers). It records every request; paths it was not told about answer 404.
 */
export async function startRemoteSink(): Promise<RemoteSink> {
  const routes = new Map<string, Parameters<RemoteSink['serve']>[1]>();
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const recorded = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers };
    requests.push(recorded);
    req.resume();
    const route = routes.get(recorded.url) ?? routes.get(recorded.url.split('?')[0]!);
    const answer = typeof route === 'function' ? route(recorded, res) : (route ?? { status: 404, body: 'Not found' });
    if (!answer) return; // the function answered (or holds the response open) itself
    const body =
      answer.body === undefined
        ? ''
        : typeof answer.body === 'string' || answer.body instanceof Uint8Array
          ? answer.body
          : JSON.stringify(answer.body);
    res.writeHead(answer.status ?? 200, answer.headers ?? {});
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    serve: (path, answer) => void routes.set(path, answer),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}

/** An actor document with its key, as a remote server (Mobilizon, Mastodon) serves one. */
export function actorDocument(id: string, publicKeyPem: string, keyOwner = id, keyId = `${id}#main-key`) {
  return {
    '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
    id,
    type: 'Person',
    preferredUsername: new URL(id).pathname.split('/').pop()?.replace(/^@/, '') ?? 'someone',
    inbox: `${id}/inbox`,
    outbox: `${id}/outbox`,
    publicKey: { id: keyId, owner: keyOwner, publicKeyPem }
  };
}

export const AP_JSON = { 'content-type': 'application/activity+json' };

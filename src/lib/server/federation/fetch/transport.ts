import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { BodyTooLargeError, readCapped } from '../capped-read.ts';
import type { Destination } from './destination.ts';
import { SafeFetchError } from './errors.ts';

export interface HopRequest {
  method: string;
  headers: Headers;
  body: Uint8Array<ArrayBuffer> | undefined;
  signal: AbortSignal;
  /** Largest body read (after decompression); more fails with `too-large`. */
  maxBytes: number;
}

export interface HopResponse {
  status: number;
  headers: Headers;
  /** Empty for redirects: their bodies are not read. */
  body: Uint8Array<ArrayBuffer>;
}

/** One HTTP exchange with a checked destination. Tests may pass a fake standing in for a remote server. */
export type Transport = (destination: Destination, request: HopRequest) => Promise<HopResponse>;

/**
 * Connects to the addresses the destination was checked with, never to a fresh DNS answer: the
 * name is "resolved" by a lookup that returns only those. A second resolution at connect time
 * would let a name answer a public address to the check and a private one to the connection
 * (DNS rebinding). TLS still verifies the certificate against the host name.
 */
function pinnedLookup(destination: Destination): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
    const candidates = destination.addresses.filter((a) => wanted === undefined || a.family === wanted);
    if (candidates.length === 0) {
      const error = Object.assign(new Error(`no checked address for ${destination.hostname}`), { code: 'ENOTFOUND' });
      return callback(error, '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: typeof candidates) => void)(null, candidates);
    callback(null, candidates[0]!.address, candidates[0]!.family);
  };
}

function decoded(response: IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(createGunzip());
  if (encoding === 'deflate') return response.pipe(createInflate());
  if (encoding === 'br') return response.pipe(createBrotliDecompress());
  return response;
}

function toHeaders(response: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

const isRedirect = (status: number) => status >= 300 && status < 400;

/**
 * Connections kept open between requests, per scheme; none by default (each hop connects anew).
 * A kept connection was opened to an address checked at the time, so reusing it is as safe.
 */
export interface TransportAgents {
  http?: http.Agent;
  https?: https.Agent;
}

export const createNodeTransport =
  (agents: TransportAgents = {}): Transport =>
  (destination, request) =>
    nodeExchange(destination, request, destination.url.protocol === 'https:' ? agents.https : agents.http);

export const nodeTransport: Transport = createNodeTransport();

/**
 * A kept-alive connection the server closed just as we reused it: the request never reached it, so
 * it is sent once more on a new connection (Node's documented remedy), not failed and retried later.
 */
const closedUnderUs = (error: unknown, outgoing: http.ClientRequest) =>
  outgoing.reusedSocket &&
  error instanceof Error &&
  ['ECONNRESET', 'EPIPE'].includes((error as NodeJS.ErrnoException).code ?? '');

const nodeExchange = (
  destination: Destination,
  request: HopRequest,
  agent: http.Agent | undefined,
  again = false
): Promise<HopResponse> =>
  new Promise<HopResponse>((resolve, reject) => {
    let responded = false;
    const { url } = destination;
    const client = url.protocol === 'https:' ? https : http;
    const outgoing = client.request(
      {
        protocol: url.protocol,
        hostname: destination.hostname,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers: Object.fromEntries(request.headers),
        lookup: pinnedLookup(destination),
        agent: agent ?? false,
        signal: request.signal
      },
      (response) => {
        responded = true;
        const status = response.statusCode ?? 0;
        const headers = toHeaders(response);
        if (isRedirect(status)) {
          response.destroy();
          return resolve({ status, headers, body: new Uint8Array() });
        }
        const declared = Number(response.headers['content-length']);
        if (Number.isFinite(declared) && declared > request.maxBytes) {
          response.destroy();
          return reject(
            new SafeFetchError(url, 'too-large', `the response declares ${declared} bytes, over ${request.maxBytes}`)
          );
        }
        const stream = decoded(response);
        stream.on('error', () => response.destroy());
        readCapped(stream, request.maxBytes, () => response.destroy())
          .then((body) => resolve({ status, headers, body }))
          .catch((error: unknown) => {
            response.destroy();
            reject(
              error instanceof BodyTooLargeError
                ? new SafeFetchError(url, 'too-large', `the response is over ${request.maxBytes} bytes`)
                : error
            );
          });
      }
    );
    outgoing.on('error', (error) => {
      if (!again && !responded && !request.signal.aborted && closedUnderUs(error, outgoing)) {
        resolve(nodeExchange(destination, request, agent, true));
      } else reject(error);
    });
    outgoing.end(request.body);
  });

import { createPublicKey } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { verifyRequest } from '@fedify/fedify';
import { CryptographicKey } from '@fedify/vocab';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';

/** One POST as the sink saw it arrive. */
export interface SinkRequest {
  /** `127.0.0.1:<port>`: each port of the sink stands for one remote server. */
  host: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  activityId: string | undefined;
  type: string | undefined;
  /** When it arrived (Date.now()). */
  at: number;
  /** How many POSTs of the same activity reached the same inbox before this one. */
  repeat: number;
  /** The status it was answered with, once answered (undefined while the sink is still answering). */
  status?: number;
  answeredAt?: number;
  /** The client went away before the (slow) answer was ready. */
  abandoned?: boolean;
}

export interface SinkAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** Answer after this long (a slow server). */
  delayMs?: number;
}

export type SinkScript = (request: SinkRequest, attempt: number) => SinkAnswer;

export interface Sink {
  /** `127.0.0.1:<port>` of each listening port, in order. */
  hosts: string[];
  /** `http://127.0.0.1:<port>` of host i. */
  origin(i: number): string;
  received: SinkRequest[];
  /** What to answer from now on; `attempt` counts the POSTs to that inbox so far (1 for the first). */
  answer(script: SinkScript): void;
  /** The POSTs of one activity (by id), in arrival order. */
  of(activityId: string): SinkRequest[];
  /** The POSTs to one inbox URL, in arrival order. */
  at(inboxUrl: string): SinkRequest[];
  /** TCP connections opened so far to host i (kept-alive ones serve many POSTs). */
  connections(i: number): number;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * A stand-in for remote servers: one HTTP server listening on `ports` loopback ports, each port a
 * distinct host. It records every POST and answers as the script says (202 at once by default).
 */
export async function startSink(ports: number, script: SinkScript = () => ({ status: 202 })): Promise<Sink> {
  let current = script;
  const received: SinkRequest[] = [];
  const attempts = new Map<string, number>();
  const repeats = new Map<string, number>();
  const pendingTimers = new Set<NodeJS.Timeout>();

  const http = createServer(async (req, res) => {
    // Only inboxes here: a GET (NodeInfo, an actor) finds nothing, and is not recorded.
    if (req.method !== 'POST') {
      req.resume();
      res.writeHead(404).end();
      return;
    }
    const body = await readBody(req);
    const host = `127.0.0.1:${req.socket.localPort}`;
    const path = req.url ?? '/';
    let parsed: { id?: unknown; type?: unknown } = {};
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      // not JSON: recorded with no id
    }
    const activityId = typeof parsed.id === 'string' ? parsed.id : undefined;
    const inbox = `http://${host}${path}`;
    const attempt = (attempts.get(inbox) ?? 0) + 1;
    attempts.set(inbox, attempt);
    const repeatKey = `${inbox} ${activityId}`;
    const repeat = repeats.get(repeatKey) ?? 0;
    repeats.set(repeatKey, repeat + 1);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers[name] = value;
    }
    const record: SinkRequest = {
      host,
      path,
      headers,
      body,
      activityId,
      type: typeof parsed.type === 'string' ? parsed.type : undefined,
      at: Date.now(),
      repeat
    };
    received.push(record);
    const answer = current(record, attempt);
    const send = () => {
      if (req.socket.destroyed) {
        record.abandoned = true;
        return;
      }
      record.status = answer.status ?? 202;
      record.answeredAt = Date.now();
      res.writeHead(record.status, answer.headers ?? {});
      res.end();
    };
    if (!answer.delayMs) return send();
    const timer = setTimeout(() => {
      pendingTimers.delete(timer);
      send();
    }, answer.delayMs);
    pendingTimers.add(timer);
  });

  const listeners: TcpServer[] = [];
  const opened: number[] = [];
  for (let i = 0; i < ports; i++) {
    opened.push(0);
    const tcp = createTcpServer((socket) => {
      opened[i]!++;
      http.emit('connection', socket);
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    listeners.push(tcp);
  }
  const hosts = listeners.map((l) => `127.0.0.1:${(l.address() as AddressInfo).port}`);

  return {
    hosts,
    origin: (i) => `http://${hosts[i]}`,
    received,
    answer(next) {
      current = next;
    },
    of: (activityId) => received.filter((r) => r.activityId === activityId),
    at: (inboxUrl) => received.filter((r) => `http://${r.host}${r.path}` === inboxUrl),
    connections: (i) => opened[i]!,
    async close() {
      for (const timer of pendingTimers) clearTimeout(timer);
      http.closeAllConnections();
      await Promise.all(listeners.map((l) => new Promise<void>((resolve) => l.close(() => resolve()))));
    }
  };
}

/** Rebuilds the request the sink received, to check its HTTP signature with Fedify. */
export function asFetchRequest(request: SinkRequest): Request {
  return new Request(`http://${request.host}${request.path}`, {
    method: 'POST',
    headers: request.headers,
    body: request.body
  });
}

/**
 * Checks a received POST's HTTP signature with Fedify, as a remote server would, against one
 * actor's public key (given, not fetched): answers the key id it verified with, or null.
 */
export async function verifiedKeyId(
  request: SinkRequest,
  actorApId: string,
  publicKeyPem: string
): Promise<string | null> {
  const keyId = new URL(`${actorApId}#main-key`);
  const spki = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  const publicKey = await crypto.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, [
    'verify'
  ]);
  const key = new CryptographicKey({ id: keyId, owner: new URL(actorApId), publicKey });
  const verified = await verifyRequest(asFetchRequest(request), {
    keyCache: {
      get: async (id) => (id.href === keyId.href ? key : null),
      set: async () => {}
    }
  });
  return verified?.id?.href ?? null;
}

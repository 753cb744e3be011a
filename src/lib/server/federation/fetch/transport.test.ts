import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeTransport } from './transport.ts';

/**
 * A server that takes one request per connection and then drops the connection as the next
 * request arrives on it, without answering: what a server closing an idle kept-alive connection
 * does when our reuse crosses its close.
 */
describe('kept-alive connections', () => {
  let server: http.Server;
  let port: number;
  const served = new WeakMap<Socket, number>();
  let connections = 0;
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const count = (served.get(request.socket) ?? 0) + 1;
      served.set(request.socket, count);
      if (count > 1) return request.socket.destroy();
      request.resume();
      request.on('end', () => response.writeHead(202, { connection: 'keep-alive' }).end());
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (transport: ReturnType<typeof createNodeTransport>) =>
    transport(
      {
        url: new URL(`http://127.0.0.1:${port}/inbox`),
        hostname: '127.0.0.1',
        addresses: [{ address: '127.0.0.1', family: 4 }]
      },
      {
        method: 'POST',
        headers: new Headers({ 'content-type': 'application/activity+json' }),
        body: new TextEncoder().encode('{}'),
        signal: new AbortController().signal,
        maxBytes: 1000
      }
    );

  it('sends again on a new connection when the server dropped the one reused, once', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const transport = createNodeTransport({ http: agent });
    try {
      expect((await post(transport)).status).toBe(202);
      const before = connections;
      expect((await post(transport)).status).toBe(202);
      expect(connections).toBe(before + 1);
    } finally {
      agent.destroy();
    }
  });

  it('does not resend on a fresh connection that fails', async () => {
    const transport = createNodeTransport();
    const refusing = http.createServer((request) => request.socket.destroy());
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const refusingPort = (refusing.address() as AddressInfo).port;
    let hits = 0;
    refusing.on('request', () => hits++);
    try {
      await expect(
        transport(
          {
            url: new URL(`http://127.0.0.1:${refusingPort}/inbox`),
            hostname: '127.0.0.1',
            addresses: [{ address: '127.0.0.1', family: 4 }]
          },
          {
            method: 'POST',
            headers: new Headers(),
            body: new TextEncoder().encode('{}'),
            signal: new AbortController().signal,
            maxBytes: 1000
          }
        )
      ).rejects.toThrow();
      expect(hits).toBe(1);
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});

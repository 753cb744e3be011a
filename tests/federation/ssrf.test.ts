import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#lib/server/config/index.ts';
import {
  createFederationFetchers,
  SafeFetchError,
  type FetchFailure,
  type HopRequest,
  type Resolver,
  type Transport
} from '#lib/server/federation/fetch/index.ts';
import type { Destination } from '#lib/server/federation/fetch/destination.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { buildSignedPost, newSigningKey } from '../helpers/signed-post.ts';

/**
 * A canary listens on loopback (127.0.0.1, and ::1 when the machine has it) and records every
 * connection. Fetches made in production mode (ALLOW_PRIVATE_ADDRESSES=false) at every kind of
 * non-public address must fail with a clear reason and never reach it.
 */
interface Canary {
  port: number;
  connections: { family: string; firstBytes: string }[];
  close(): Promise<void>;
}

async function listen(host: string, port: number, record: (socket: Socket) => void): Promise<Server | undefined> {
  const server = createServer(record);
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen(port, host, () => resolve(server));
  });
}

async function startCanary(): Promise<Canary & { ipv6: boolean }> {
  const connections: Canary['connections'] = [];
  const record = (socket: Socket) => {
    const entry = { family: socket.remoteFamily ?? '?', firstBytes: '' };
    connections.push(entry);
    socket.on('data', (data) => {
      entry.firstBytes ||= data.toString('latin1');
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
    socket.on('error', () => {});
  };
  const v4 = (await listen('127.0.0.1', 0, record))!;
  const port = (v4.address() as AddressInfo).port;
  const v6 = await listen('::1', port, record);
  return {
    port,
    connections,
    ipv6: v6 !== undefined,
    close: async () => {
      await Promise.all([v4, v6].map((s) => s && new Promise<void>((r) => s.close(() => r()))));
    }
  };
}

let canary: Awaited<ReturnType<typeof startCanary>>;
beforeAll(async () => {
  canary = await startCanary();
});
afterAll(async () => canary?.close());

/** Stands in for DNS: the names tests need, and nothing else. */
const fakeDns: Record<string, string[]> = {
  'public.example': ['93.184.216.34'],
  'rebound.example': ['127.0.0.1'],
  'mixed.example': ['93.184.216.34', '10.0.0.5'],
  'v6-loopback.example': ['::1'],
  'metadata.example': ['169.254.169.254'],
  'pinned.example': ['127.0.0.1']
};
const resolver: Resolver & { calls: string[] } = Object.assign(
  async (hostname: string) => {
    resolver.calls.push(hostname);
    const found = fakeDns[hostname];
    if (!found) throw Object.assign(new Error(`${hostname} not found`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }));
  },
  { calls: [] as string[] }
);

const production = { allowPrivateAddresses: false, publicUrl: 'https://convene.example' };

async function failure(promise: Promise<unknown>): Promise<SafeFetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(SafeFetchError);
  return error as SafeFetchError;
}

describe('production mode refuses every non-public destination', () => {
  const loader = createFederationFetchers(production, { timeoutMs: 2000 }).objectLoader;
  const P = () => canary.port;
  const refused: [string, () => string, FetchFailure[]][] = [
    ['loopback', () => `http://127.0.0.1:${P()}/`, ['private-address']],
    ['loopback over https', () => `https://127.0.0.1:${P()}/`, ['private-address']],
    ['loopback, short form', () => `http://127.1:${P()}/`, ['private-address']],
    ['loopback, decimal', () => `http://2130706433:${P()}/`, ['private-address']],
    ['loopback, hex', () => `http://0x7f000001:${P()}/`, ['private-address']],
    ['loopback, octal', () => `http://0177.0.0.1:${P()}/`, ['private-address']],
    ['loopback, dotted hex', () => `http://0x7f.0.0.1:${P()}/`, ['private-address']],
    ['loopback, trailing dot', () => `http://127.0.0.1.:${P()}/`, ['private-address', 'dns-failure']],
    ['localhost', () => `http://localhost:${P()}/`, ['private-address']],
    ['LOCALHOST', () => `http://LOCALHOST:${P()}/`, ['private-address']],
    ['localhost.', () => `http://localhost.:${P()}/`, ['private-address']],
    ['*.localhost', () => `http://anything.localhost:${P()}/`, ['private-address']],
    ['::1', () => `http://[::1]:${P()}/`, ['private-address']],
    ['::', () => `http://[::]:${P()}/`, ['private-address']],
    ['0.0.0.0 (reaches this machine on Linux)', () => `http://0.0.0.0:${P()}/`, ['private-address']],
    ['0 (0.0.0.0)', () => `http://0:${P()}/`, ['private-address']],
    ['IPv4-mapped ::ffff:127.0.0.1', () => `http://[::ffff:127.0.0.1]:${P()}/`, ['private-address']],
    ['IPv4-mapped, hex', () => `http://[::ffff:7f00:1]:${P()}/`, ['private-address']],
    ['IPv4-mapped, long form', () => `http://[0:0:0:0:0:ffff:127.0.0.1]:${P()}/`, ['private-address']],
    ['IPv4-compatible ::127.0.0.1', () => `http://[::127.0.0.1]:${P()}/`, ['private-address']],
    ['IPv4-translated ::ffff:0:127.0.0.1', () => `http://[::ffff:0:127.0.0.1]:${P()}/`, ['private-address']],
    ['NAT64 64:ff9b::127.0.0.1', () => `http://[64:ff9b::127.0.0.1]:${P()}/`, ['private-address']],
    ['6to4 of loopback', () => `http://[2002:7f00:1::1]:${P()}/`, ['private-address']],
    ['10/8', () => 'http://10.0.0.1/', ['private-address']],
    ['172.16/12', () => 'http://172.31.255.1/', ['private-address']],
    ['192.168/16', () => 'http://192.168.1.1/', ['private-address']],
    ['link-local, cloud metadata', () => 'http://169.254.169.254/latest/meta-data/', ['private-address']],
    ['CGNAT 100.64/10', () => 'http://100.64.0.1/', ['private-address']],
    ['0/8', () => 'http://0.1.2.3/', ['private-address']],
    ['benchmarking 198.18/15', () => 'http://198.19.0.1/', ['private-address']],
    ['TEST-NET-1', () => 'http://192.0.2.1/', ['private-address']],
    ['TEST-NET-3', () => 'http://203.0.113.5/', ['private-address']],
    ['multicast', () => 'http://224.0.0.1/', ['private-address']],
    ['broadcast', () => 'http://255.255.255.255/', ['private-address']],
    ['fe80::/10', () => 'http://[fe80::1]/', ['private-address']],
    ['fc00::/7', () => 'http://[fd12:3456::1]/', ['private-address']],
    ['IPv6 multicast', () => 'http://[ff02::1]/', ['private-address']],
    ['IPv6 documentation 2001:db8::/32', () => 'http://[2001:db8::1]/', ['private-address']],
    ['IPv6 benchmarking 2001:2::/48', () => 'http://[2001:2::1]/', ['private-address']],
    ['IPv6 site-local fec0::/10', () => 'http://[fec0::1]/', ['private-address']],
    ['data:', () => 'data:application/activity+json,{"id":"x"}', ['unsupported-protocol']],
    ['file:', () => 'file:///etc/passwd', ['unsupported-protocol']],
    ['gopher:', () => `gopher://127.0.0.1:${P()}/_GET`, ['unsupported-protocol']],
    ['ftp:', () => `ftp://127.0.0.1:${P()}/`, ['unsupported-protocol']],
    ['credentials in the URL', () => `http://user:secret@127.0.0.1:${P()}/`, ['invalid-url']],
    ['not a URL', () => 'not a url', ['invalid-url']]
  ];

  it.each(refused)('%s', async (_name, target, reasons) => {
    const error = await failure(loader(target()));
    expect(reasons).toContain(error.reason);
    expect(error.message.length).toBeGreaterThan(10);
    expect(canary.connections).toHaveLength(0);
  });

  const byName = createFederationFetchers(production, { resolve: resolver }).objectLoader;
  it.each([
    ['a name resolving to loopback', 'rebound.example'],
    ['a name resolving to ::1', 'v6-loopback.example'],
    ['a name resolving to the metadata address', 'metadata.example'],
    ['a name with one private address among public ones', 'mixed.example']
  ])('%s', async (_name, host) => {
    const error = await failure(byName(`http://${host}:${canary.port}/actor`));
    expect(error.reason).toBe('private-address');
    expect(error.message).toMatch(/resolves to .* not a public address/);
    expect(canary.connections).toHaveLength(0);
  });

  it('a redirect from a public server into a private address is refused before connecting', async () => {
    const hops: string[] = [];
    // Stands in for the public server at public.example: it redirects.
    const remote: Transport = async (destination: Destination, _request: HopRequest) => {
      hops.push(`${destination.url.href} via ${destination.addresses.map((a) => a.address).join(',')}`);
      const next = destination.url.pathname === '/start' ? '/to-name' : `http://127.0.0.1:${canary.port}/inside`;
      const location = destination.url.pathname === '/to-name' ? `http://rebound.example:${canary.port}/` : next;
      return { status: 302, headers: new Headers({ location }), body: new Uint8Array() };
    };
    const fetchers = createFederationFetchers(production, { resolve: resolver, transport: remote });
    const direct = await failure(fetchers.objectLoader('http://public.example/object'));
    expect(direct.reason).toBe('private-address');
    expect(direct.url.href).toBe(`http://127.0.0.1:${canary.port}/inside`);
    const throughName = await failure(fetchers.objectLoader('http://public.example/start'));
    expect(throughName.reason).toBe('private-address');
    expect(throughName.message).toContain('rebound.example resolves to 127.0.0.1');
    const toFile = createFederationFetchers(production, {
      resolve: resolver,
      transport: async () => ({
        status: 301,
        headers: new Headers({ location: 'file:///etc/passwd' }),
        body: new Uint8Array()
      })
    });
    expect((await failure(toFile.objectLoader('http://public.example/'))).reason).toBe('unsupported-protocol');
    // Only the public hops were attempted.
    expect(hops).toEqual([
      'http://public.example/object via 93.184.216.34',
      'http://public.example/start via 93.184.216.34',
      'http://public.example/to-name via 93.184.216.34'
    ]);
    expect(canary.connections).toHaveLength(0);
  });

  it('public destinations pass the checks (the fake remote answers)', async () => {
    const seen: string[] = [];
    const remote: Transport = async (destination) => {
      seen.push(destination.addresses[0]!.address);
      return {
        status: 200,
        headers: new Headers({ 'content-type': 'application/activity+json' }),
        body: new TextEncoder().encode(JSON.stringify({ id: destination.url.href, type: 'Note' }))
      };
    };
    const loader = createFederationFetchers(production, { resolve: resolver, transport: remote }).objectLoader;
    for (const url of [
      'http://public.example/n',
      'http://8.8.8.8/n',
      'http://[2606:4700:4700::1111]/n',
      'http://[64:ff9b::808:808]/n'
    ])
      expect((await loader(url)).document).toMatchObject({ id: url, type: 'Note' });
    expect(seen).toEqual(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '64:ff9b::808:808']);
  });

  it('the ActivityPub lookups of a production-mode instance refuse loopback too', async () => {
    let app: TestApp | undefined;
    try {
      app = await createTestApp({ env: { ALLOW_PRIVATE_ADDRESSES: 'false' }, workers: false });
      await expect(app.app.federation!.resolveActor(`http://127.0.0.1:${canary.port}/@someone`)).rejects.toThrow(
        /No actor found/
      );
      // A signature whose key lives on loopback: Fedify's key fetch goes through the same loader.
      await createUserWithProfile(app.app, { username: 'target' });
      const key = await newSigningKey(`http://127.0.0.1:${canary.port}/@someone#main-key`);
      const response = await fetch(
        await buildSignedPost(
          `${app.baseUrl}/@target/inbox`,
          {
            '@context': 'https://www.w3.org/ns/activitystreams',
            id: `http://127.0.0.1:${canary.port}/follow/1`,
            type: 'Follow',
            actor: `http://127.0.0.1:${canary.port}/@someone`,
            object: `${app.baseUrl}/@target`
          },
          key
        )
      );
      expect(response.status).toBe(401);
      expect(canary.connections).toHaveLength(0);
    } finally {
      await app?.stop();
    }
  });
});

describe('test mode (ALLOW_PRIVATE_ADDRESSES=true)', () => {
  it('reaches loopback, so the canary does record connections', async () => {
    const loader = createFederationFetchers({
      allowPrivateAddresses: true,
      publicUrl: 'http://convene.test'
    }).objectLoader;
    const error = await failure(loader(`http://127.0.0.1:${canary.port}/`));
    expect(error.reason).toBe('http-status');
    expect(canary.connections).toHaveLength(1);
    if (canary.ipv6) {
      await failure(loader(`http://[::1]:${canary.port}/`));
      expect(canary.connections.map((c) => c.family)).toEqual(['IPv4', 'IPv6']);
    }
  });

  it('connects to the address it checked, never to a second DNS answer', async () => {
    resolver.calls.length = 0;
    const before = canary.connections.length;
    const loader = createFederationFetchers(
      { allowPrivateAddresses: true, publicUrl: 'http://convene.test' },
      { resolve: resolver }
    ).objectLoader;
    // pinned.example exists only in the fake DNS: a re-resolution by the socket would fail.
    await failure(loader(`http://pinned.example:${canary.port}/actor`));
    expect(resolver.calls).toEqual(['pinned.example']);
    expect(canary.connections).toHaveLength(before + 1);
    expect(canary.connections.at(-1)!.firstBytes).toMatch(/^GET \/actor HTTP\/1\.1\r\n/);
    expect(canary.connections.at(-1)!.firstBytes.toLowerCase()).toContain(`host: pinned.example:${canary.port}`);
  });
});

describe('configuration', () => {
  it('refuses ALLOW_PRIVATE_ADDRESSES in production', () => {
    const attempt = () => loadConfig({ NODE_ENV: 'production', ALLOW_PRIVATE_ADDRESSES: 'true' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/ALLOW_PRIVATE_ADDRESSES must be false when NODE_ENV is production/);
    expect(loadConfig({ NODE_ENV: 'production' }).allowPrivateAddresses).toBe(false);
  });
});

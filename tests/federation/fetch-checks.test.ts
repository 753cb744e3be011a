import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { verifyRequest } from '@fedify/fedify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFederationFetchers,
  MAX_RESPONSE_BYTES,
  SafeFetchError,
  type FetchFailure
} from '#lib/server/federation/fetch/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { actorDocument, AP_JSON, startRemoteSink, type RemoteSink, type SinkAnswer } from '../helpers/remote-sink.ts';
import { newSigningKey } from '../helpers/signed-post.ts';

/**
 * The object loader Fedify is given, against a loopback server with odd or hostile answers:
 * only a 2xx ActivityPub document whose id is its own URL is accepted.
 */
let sink: RemoteSink;
beforeAll(async () => {
  sink = await startRemoteSink();
});
afterAll(async () => sink?.close());

const fetchers = () =>
  createFederationFetchers({ allowPrivateAddresses: true, publicUrl: 'http://convene.test' }, { timeoutMs: 1500 });
const note = (id: string) => ({ '@context': 'https://www.w3.org/ns/activitystreams', id, type: 'Note', content: 'hi' });

async function failure(promise: Promise<unknown>): Promise<SafeFetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(SafeFetchError);
  return error as SafeFetchError;
}

/** Serves a chain of `hops` redirects ending on a note whose id is the last URL. */
function redirectChain(name: string, hops: number): string {
  for (let i = 0; i < hops; i++)
    sink.serve(`/${name}/${i}`, { status: 302, headers: { location: `/${name}/${i + 1}` } });
  sink.serve(`/${name}/${hops}`, { headers: AP_JSON, body: note(`${sink.baseUrl}/${name}/${hops}`) });
  return `${sink.baseUrl}/${name}/0`;
}

describe('documents the loader refuses', () => {
  const big = 'x'.repeat(2 * 1024 * 1024);
  const self = (path: string) => `${sink.baseUrl}${path}`;
  const refused: { name: string; answer: (path: string) => SinkAnswer; reason: FetchFailure }[] = [
    {
      name: 'an id other than the URL',
      answer: () => ({ headers: AP_JSON, body: note('https://elsewhere.example/notes/1') }),
      reason: 'id-mismatch'
    },
    {
      name: 'no id at all',
      answer: () => ({ headers: AP_JSON, body: { type: 'Note', content: 'anonymous' } }),
      reason: 'id-mismatch'
    },
    {
      name: 'application/json',
      answer: (p) => ({ headers: { 'content-type': 'application/json' }, body: note(self(p)) }),
      reason: 'content-type'
    },
    {
      name: 'text/plain',
      answer: (p) => ({ headers: { 'content-type': 'text/plain' }, body: note(self(p)) }),
      reason: 'content-type'
    },
    {
      name: 'image/png',
      answer: (p) => ({ headers: { 'content-type': 'image/png' }, body: note(self(p)) }),
      reason: 'content-type'
    },
    { name: 'no content type', answer: (p) => ({ body: note(self(p)) }), reason: 'content-type' },
    {
      name: 'text/html without an alternate link',
      answer: () => ({
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<html><title>x</title></html>'
      }),
      reason: 'content-type'
    },
    { name: 'invalid JSON', answer: () => ({ headers: AP_JSON, body: '{"id": ' }), reason: 'not-json' },
    {
      name: 'a 2 MB body with Content-Length',
      answer: (p) => ({ headers: AP_JSON, body: { ...note(self(p)), big } }),
      reason: 'too-large'
    },
    { name: 'a 404', answer: () => ({ status: 404, headers: AP_JSON, body: '{}' }), reason: 'http-status' },
    { name: 'a 500', answer: () => ({ status: 500, body: 'oops' }), reason: 'http-status' }
  ];

  it.each(refused)('$name', async ({ name, answer, reason }) => {
    const path = `/refused/${encodeURIComponent(name)}`;
    sink.serve(path, answer(path));
    const error = await failure(fetchers().objectLoader(`${sink.baseUrl}${path}`));
    expect(error.reason).toBe(reason);
    expect(error.url.href).toBe(`${sink.baseUrl}${path}`);
  });

  it('keeps the status of a refused answer where Fedify looks for it (404/410 tell a gone key)', async () => {
    sink.serve('/gone', { status: 410, headers: AP_JSON, body: { type: 'Tombstone' } });
    const error = await failure(fetchers().objectLoader(`${sink.baseUrl}/gone`));
    expect(error.response?.status).toBe(410);
  });

  it('a 2 MB body streamed without Content-Length, and a small gzip that inflates past the cap', async () => {
    sink.serve('/stream', (_request, res) => {
      res.writeHead(200, AP_JSON);
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const write = () => {
        while (sent < 2 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', write);
        }
        res.end();
      };
      res.on('error', () => {});
      write();
    });
    expect((await failure(fetchers().objectLoader(`${sink.baseUrl}/stream`))).reason).toBe('too-large');
    const bomb = gzipSync(JSON.stringify({ ...note(`${sink.baseUrl}/bomb`), big: 'x'.repeat(4 * MAX_RESPONSE_BYTES) }));
    expect(bomb.byteLength).toBeLessThan(64 * 1024);
    sink.serve('/bomb', { headers: { ...AP_JSON, 'content-encoding': 'gzip' }, body: new Uint8Array(bomb) });
    expect((await failure(fetchers().objectLoader(`${sink.baseUrl}/bomb`))).reason).toBe('too-large');
  });

  it('six redirects, a redirect loop, and an answer that never comes', async () => {
    expect((await failure(fetchers().objectLoader(redirectChain('six', 6)))).reason).toBe('too-many-redirects');
    sink.serve('/loop/a', { status: 301, headers: { location: '/loop/b' } });
    sink.serve('/loop/b', { status: 307, headers: { location: '/loop/a' } });
    expect((await failure(fetchers().objectLoader(`${sink.baseUrl}/loop/a`))).reason).toBe('redirect-loop');
    sink.serve('/silent', () => undefined);
    const started = Date.now();
    expect((await failure(fetchers().objectLoader(`${sink.baseUrl}/silent`))).reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('documents the loader accepts', () => {
  it('an ActivityPub document whose id is its URL, with the instance User-Agent', async () => {
    sink.serve('/notes/1', { headers: AP_JSON, body: note(`${sink.baseUrl}/notes/1`) });
    const { document, documentUrl, contextUrl } = await fetchers().objectLoader(`${sink.baseUrl}/notes/1#part`);
    expect(document).toMatchObject({ id: `${sink.baseUrl}/notes/1`, type: 'Note', content: 'hi' });
    expect(documentUrl).toBe(`${sink.baseUrl}/notes/1`);
    expect(contextUrl).toBeNull();
    const request = sink.requests.at(-1)!;
    expect(request.url).toBe('/notes/1');
    expect(request.headers['user-agent']).toBe('Convene/0.1.0 (+http://convene.test)');
    expect(request.headers.accept).toContain('application/activity+json');
  });

  it('application/ld+json with a profile, and a gzipped answer', async () => {
    sink.serve('/ld', {
      headers: {
        'content-type': 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"; charset=utf-8'
      },
      body: note(`${sink.baseUrl}/ld`)
    });
    expect((await fetchers().objectLoader(`${sink.baseUrl}/ld`)).document).toMatchObject({ type: 'Note' });
    sink.serve('/gz', {
      headers: { ...AP_JSON, 'content-encoding': 'gzip' },
      body: new Uint8Array(gzipSync(JSON.stringify(note(`${sink.baseUrl}/gz`))))
    });
    expect((await fetchers().objectLoader(`${sink.baseUrl}/gz`)).document).toMatchObject({ type: 'Note' });
  });

  it('five redirects, the id being the final URL', async () => {
    const result = await fetchers().objectLoader(redirectChain('five', 5));
    expect(result.documentUrl).toBe(`${sink.baseUrl}/five/5`);
    expect(result.document).toMatchObject({ id: `${sink.baseUrl}/five/5` });
  });

  it('an HTML page or a Link header pointing to the ActivityPub document', async () => {
    sink.serve('/page', {
      headers: { 'content-type': 'text/html' },
      body: '<html><head><link rel="alternate" type="application/activity+json" href="/page.json"></head></html>'
    });
    sink.serve('/page.json', { headers: AP_JSON, body: note(`${sink.baseUrl}/page.json`) });
    expect((await fetchers().objectLoader(`${sink.baseUrl}/page`)).documentUrl).toBe(`${sink.baseUrl}/page.json`);
    sink.serve('/linked', {
      headers: {
        'content-type': 'text/plain',
        link: '</page.json>; rel="alternate"; type="application/activity+json"'
      },
      body: 'see the link'
    });
    expect((await fetchers().objectLoader(`${sink.baseUrl}/linked`)).documentUrl).toBe(`${sink.baseUrl}/page.json`);
    // The alternate must itself be a proper document: one step, no chains.
    sink.serve('/page2', {
      headers: { 'content-type': 'text/html' },
      body: '<link rel="alternate" type="application/activity+json" href="/page">'
    });
    expect((await failure(fetchers().objectLoader(`${sink.baseUrl}/page2`))).reason).toBe('content-type');
  });

  it('contexts come bundled and are never fetched', async () => {
    const { contextLoader, objectLoader } = fetchers();
    const before = sink.requests.length;
    const as = await contextLoader('https://www.w3.org/ns/activitystreams');
    expect(JSON.stringify(as.document)).toContain('"@context"');
    const litepub = await contextLoader('https://litepub.social/litepub/context.jsonld');
    expect(JSON.stringify(litepub.document)).toContain('http://litepub.social/ns#');
    expect((await contextLoader('https://pleroma.example/schemas/litepub-0.1.jsonld')).document).toEqual(
      litepub.document
    );
    expect((await contextLoader(`${sink.baseUrl}/my-context.jsonld`)).document).toEqual({ '@context': {} });
    expect((await objectLoader('https://w3id.org/security/v1')).document).toMatchObject({ '@context': {} });
    expect(sink.requests.length).toBe(before);
  });
});

describe('signed fetches', () => {
  it('signs every hop for its own path (draft-cavage), as a server that wants signed GETs verifies', async () => {
    const key = await newSigningKey(`${sink.baseUrl}/relay#main-key`);
    sink.serve('/relay', { headers: AP_JSON, body: actorDocument(`${sink.baseUrl}/relay`, key.publicKeyPem) });
    sink.serve('/private/start', { status: 302, headers: { location: '/private/note' } });
    sink.serve('/private/note', { headers: AP_JSON, body: note(`${sink.baseUrl}/private/note`) });
    const { authenticatedLoaderFactory, objectLoader, contextLoader } = fetchers();
    const loader = authenticatedLoaderFactory({ keyId: new URL(key.keyId), privateKey: key.privateKey });
    const first = sink.requests.length;
    expect((await loader(`${sink.baseUrl}/private/start`)).documentUrl).toBe(`${sink.baseUrl}/private/note`);
    const hops = sink.requests.slice(first);
    expect(hops.map((r) => r.url)).toEqual(['/private/start', '/private/note']);
    for (const hop of hops) {
      expect(hop.headers.signature).toContain(`keyId="${key.keyId}"`);
      const headers = new Headers(Object.entries(hop.headers).map(([k, v]) => [k, String(v)] as [string, string]));
      const verified = await verifyRequest(new Request(`${sink.baseUrl}${hop.url}`, { headers }), {
        documentLoader: objectLoader,
        contextLoader
      });
      expect(verified?.id?.href).toBe(key.keyId);
    }
  });
});

describe("this instance's uploads", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ workers: false });
  });
  afterAll(async () => app?.stop());

  it('are served as pictures with nosniff, and never taken for ActivityPub objects', async () => {
    const { user } = await createUserWithProfile(app.app);
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } })
      .png()
      .toBuffer();
    const media = await app.app.services.media.upload(user.id, { file: new File([new Uint8Array(png)], 'a.png') });
    const response = await fetch(media.url, { headers: { accept: 'application/activity+json' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const error = await failure(fetchers().objectLoader(media.url));
    expect(error.reason).toBe('content-type');
    expect(error.message).toContain('image/png is not an ActivityPub document');
  });
});

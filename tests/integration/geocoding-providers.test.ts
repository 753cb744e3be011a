import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#lib/server/config/index.ts';
import type { Logger } from '#lib/server/core/logger.ts';
import { IntervalGate } from '#lib/server/domain/geocoding/cache.ts';
import {
  AddokGeocoder,
  NominatimGeocoder,
  OfflineCitiesGeocoder,
  PhotonGeocoder,
  ResilientGeocoder,
  createGeocoder,
  type Geocoder
} from '#lib/server/domain/geocoding/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { gql } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

/** Answers recorded from the real services, kept beside the repository in ../shared. */
const fixturesDir = fileURLToPath(new URL('../../../shared/mobilizon/fixtures/geospatial/', import.meta.url));
const fixture = (name: string) => readFileSync(`${fixturesDir}${name}`, 'utf8');
const haveFixtures = existsSync(fixturesDir);

interface Seen {
  path: string;
  params: URLSearchParams;
  headers: IncomingHttpHeaders;
  at: number;
}
type Handler = (res: ServerResponse, seen: Seen) => unknown;

/** A provider stand-in on 127.0.0.1 serving the recorded bodies, counting what it is asked. */
class FakeProvider {
  readonly seen: Seen[] = [];
  private readonly routes = new Map<string, Handler>();
  private readonly server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const seen = { path: url.pathname, params: url.searchParams, headers: req.headers, at: Date.now() };
    this.seen.push(seen);
    const handler = this.routes.get(url.pathname);
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    void handler(res, seen);
  });
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  json(path: string, body: string): this {
    this.routes.set(path, (res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    return this;
  }

  on(path: string, handler: Handler): this {
    this.routes.set(path, handler);
    return this;
  }

  reset(): void {
    this.routes.clear();
    this.seen.length = 0;
  }
}

const warnings: { message: string; data?: Record<string, unknown> }[] = [];
const recordingLogger: Logger = {
  debug() {},
  info() {},
  warn: (message, data) => warnings.push({ message, data }),
  error() {}
};

const offline = new OfflineCitiesGeocoder();
const agent = 'Convene tests (http://127.0.0.1)';
let fake: FakeProvider;
beforeAll(async () => {
  fake = await new FakeProvider().start();
  // Loads the cities once, so that falling back is timed without the loading.
  await offline.search('Lyon');
});
afterAll(() => fake?.stop());
afterEach(() => {
  fake.reset();
  warnings.length = 0;
});

describe('the GEOCODER settings', () => {
  it('default to the offline cities, and name the instance to providers', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://events.example' });
    expect(config.geocoder).toEqual({
      provider: 'offline',
      url: undefined,
      userAgent: 'Convene (https://events.example)',
      email: undefined
    });
    expect(createGeocoder(config.geocoder, recordingLogger)).toBeInstanceOf(OfflineCitiesGeocoder);
    const remote = loadConfig({
      GEOCODER: 'photon',
      GEOCODER_URL: 'https://photon.example/',
      GEOCODER_USER_AGENT: 'Our events'
    });
    expect(remote.geocoder).toMatchObject({
      provider: 'photon',
      url: 'https://photon.example',
      userAgent: 'Our events'
    });
    expect(createGeocoder(remote.geocoder, recordingLogger)).toBeInstanceOf(ResilientGeocoder);
  });

  it('refuse an unknown provider, a URL that is not http(s) and a malformed email', () => {
    expect(() => loadConfig({ GEOCODER: 'google' })).toThrow(ConfigError);
    expect(() => loadConfig({ GEOCODER: 'google' })).toThrow(/GEOCODER must be offline, nominatim, photon or addok/);
    expect(() => loadConfig({ GEOCODER_URL: 'ftp://geo.example' })).toThrow(/GEOCODER_URL/);
    expect(() => loadConfig({ GEOCODER_EMAIL: 'nobody' })).toThrow(/GEOCODER_EMAIL/);
  });
});

describe.skipIf(!haveFixtures)('the Nominatim provider', () => {
  const nominatim = () => new NominatimGeocoder({ url: fake.url, userAgent: agent, email: 'admin@example.org' });

  it('maps a search answer to our address shape and says who asks, in which language', async () => {
    fake.json('/search', fixture('nominatim/search.json'));
    const [place, ...rest] = await nominatim().search('10 rue Jangot', { locale: 'fr', limit: 5 });
    expect(rest).toEqual([]);
    expect(place).toEqual({
      originId: 'nominatim:N3078260611',
      name: '10 Rue Jangot',
      street: '10 Rue Jangot',
      locality: 'Lyon',
      postalCode: '69007',
      region: 'Auvergne-Rhône-Alpes',
      countryCode: null,
      country: 'France',
      latitude: 45.7517141,
      longitude: 4.8425657,
      type: 'house'
    });
    const [asked] = fake.seen;
    expect(asked!.path).toBe('/search');
    expect(Object.fromEntries(asked!.params)).toMatchObject({
      q: '10 rue Jangot',
      format: 'geocodejson',
      limit: '5',
      'accept-language': 'fr',
      email: 'admin@example.org'
    });
    expect(asked!.headers['accept-language']).toMatch(/^fr\b/);
    expect(asked!.headers['user-agent']).toBe(agent);
    expect(asked!.params.has('viewbox')).toBe(false);

    // Near a point, and towns only (Mobilizon's ADMINISTRATIVE search type).
    await nominatim().search('Lyon', { near: { latitude: 45.75, longitude: 4.84 }, administrative: true });
    expect(Object.fromEntries(fake.seen[1]!.params)).toMatchObject({
      viewbox: '4.34000,46.25000,5.34000,45.25000',
      featureType: 'settlement'
    });
  });

  it('names the address at a point, and nothing where Nominatim finds nothing', async () => {
    fake.json('/reverse', fixture('nominatim/geocode.json'));
    const place = await nominatim().reverse(45.751718, 4.842569, { locale: 'en' });
    expect(place).toMatchObject({ originId: 'nominatim:N3078260611', street: '10 Rue Jangot', postalCode: '69007' });
    expect(Object.fromEntries(fake.seen[0]!.params)).toMatchObject({ lat: '45.751718', lon: '4.842569', zoom: '18' });
    await nominatim().reverse(45.751718, 4.842569, { zoom: 10.4 });
    expect(fake.seen[1]!.params.get('zoom')).toBe('10');
    fake.json('/reverse', JSON.stringify({ error: 'Unable to geocode' }));
    expect(await nominatim().reverse(0, -30)).toBeNull();
  });

  it('keeps one request a second from this process', async () => {
    fake.json('/search', fixture('nominatim/search.json'));
    // A first request opens the connection, so that its setup does not count in the gaps measured.
    await nominatim().search('warm up');
    const gated = new NominatimGeocoder({ url: fake.url, userAgent: agent, gate: new IntervalGate(600) });
    await Promise.all([gated.search('one'), gated.search('two'), gated.search('three')]);
    const times = fake.seen
      .slice(1)
      .map((s) => s.at)
      .sort((a, b) => a - b);
    expect(times).toHaveLength(3);
    // Spaced by the gate; the margin absorbs the network's jitter on a busy machine.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(400);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(400);
    expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(1000);
    // A queue longer than the gate accepts is refused at once rather than left waiting.
    const short = new IntervalGate(1000, 500);
    expect(await short.take()).toBe(true);
    expect(await short.take()).toBe(false);
  });
});

describe.skipIf(!haveFixtures)('the Photon provider', () => {
  const photon = () => new PhotonGeocoder({ url: fake.url, userAgent: agent });

  it('maps every result of a search, with its language when Photon has it', async () => {
    fake.json('/api/', fixture('photon/search.json'));
    const places = await photon().search('10 rue Jangot', { locale: 'fr', near: { latitude: 45.75, longitude: 4.84 } });
    expect(places.map((p) => p.originId)).toEqual(['photon:N3078260611', 'photon:N3078260612']);
    expect(places[1]).toEqual({
      originId: 'photon:N3078260612',
      name: '10bis Rue Jangot',
      street: '10bis Rue Jangot',
      locality: 'Lyon',
      postalCode: '69007',
      region: 'Auvergne-Rhône-Alpes',
      countryCode: null,
      country: 'France',
      latitude: 45.7517056,
      longitude: 4.8424254,
      type: 'house'
    });
    expect(Object.fromEntries(fake.seen[0]!.params)).toMatchObject({
      q: '10 rue Jangot',
      lang: 'fr',
      lat: '45.75',
      lon: '4.84'
    });
    expect(fake.seen[0]!.headers['accept-language']).toMatch(/^fr\b/);

    // Photon refuses languages it has no names in: Arabic asks for the local names, in the header only.
    await photon().search('10 rue Jangot', { locale: 'ar' });
    expect(fake.seen[1]!.params.has('lang')).toBe(false);
    expect(fake.seen[1]!.headers['accept-language']).toMatch(/^ar\b/);

    // What is not a language tag is not sent on.
    await photon().search('10 rue Jangot', { locale: 'fr\r\nX-Injected: 1' });
    expect(fake.seen[2]!.headers['accept-language'] ?? '').not.toMatch(/fr|Injected/);
    expect(fake.seen[2]!.headers['x-injected']).toBeUndefined();

    // Towns only: the recorded houses are left out.
    expect(await photon().search('10 rue Jangot', { administrative: true })).toEqual([]);
  });

  it('names the place at a point from the first feature', async () => {
    fake.json('/reverse', fixture('photon/search.json'));
    const place = await photon().reverse(45.7517, 4.8425, { locale: 'en' });
    expect(place).toMatchObject({ originId: 'photon:N3078260611', street: '10 Rue Jangot', locality: 'Lyon' });
    expect(Object.fromEntries(fake.seen[0]!.params)).toMatchObject({ lat: '45.7517', lon: '4.8425', lang: 'en' });
    fake.json('/reverse', JSON.stringify({ type: 'FeatureCollection', features: [] }));
    expect(await photon().reverse(0, -30)).toBeNull();
  });
});

describe.skipIf(!haveFixtures)('the Addok provider', () => {
  const addok = () => new AddokGeocoder({ url: `${fake.url}/ban`, userAgent: agent });

  it('maps house numbers and streets, the region from the context and France from the BAN', async () => {
    fake.json('/ban/search/', fixture('addok/search.json'));
    const [house, street] = await addok().search('10 Rue Jangot', { locale: 'fr' });
    expect(house).toEqual({
      originId: 'addok:69387_3650_00010',
      name: '10 Rue Jangot',
      street: '10 Rue Jangot',
      locality: 'Lyon',
      postalCode: '69007',
      region: 'Auvergne-Rhône-Alpes',
      countryCode: 'FR',
      country: 'France',
      latitude: 45.751718,
      longitude: 4.842569,
      type: 'house'
    });
    expect(street).toMatchObject({
      originId: 'addok:62070_0100',
      street: 'Rue Jangon',
      locality: 'Bailleul-aux-Cornailles',
      postalCode: '62127',
      region: 'Hauts-de-France',
      type: 'street'
    });
    expect(fake.seen[0]!.params.get('q')).toBe('10 Rue Jangot');
    expect(fake.seen[0]!.params.has('type')).toBe(false);
    await addok().search('Lyon', { administrative: true });
    expect(fake.seen[1]!.params.get('type')).toBe('municipality');
  });

  it('reverse-geocodes with the country in the asked language', async () => {
    fake.json('/ban/reverse/', fixture('addok/geocode.json'));
    const place = await addok().reverse(45.751718, 4.842569, { locale: 'ar' });
    expect(place).toMatchObject({ street: '10 Rue Jangot', postalCode: '69007', country: 'فرنسا' });
    expect(fake.seen[0]!.headers['accept-language']).toMatch(/^ar\b/);
  });
});

describe.skipIf(!haveFixtures)('when a provider misbehaves', () => {
  const resilient = (provider: Geocoder) =>
    new ResilientGeocoder(provider, { name: 'test', logger: recordingLogger, fallback: offline });

  it('gives up after the timeout and answers from the offline cities, with a warning', async () => {
    fake.on('/search', (res) => {
      setTimeout(() => res.writeHead(200).end(fixture('nominatim/search.json')), 2000).unref();
    });
    const slow = new NominatimGeocoder({ url: fake.url, userAgent: agent, timeoutMs: 200 });
    await expect(slow.search('Lyon')).rejects.toThrow(/abort|timeout/i);
    const started = Date.now();
    const [lyon] = await resilient(slow).search('Lyon', { locale: 'fr' });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(lyon).toMatchObject({ name: 'Lyon', countryCode: 'FR', originId: expect.stringMatching(/^geonames:/) });
    expect(await resilient(slow).search('10 rue Jangot')).toEqual([]);
    expect(warnings[0]).toMatchObject({ data: { provider: 'test', operation: 'search' } });
    // The query people typed is not written to the log.
    expect(JSON.stringify(warnings)).not.toContain('Jangot');
  });

  it('refuses an oversized answer, announced or streamed', async () => {
    const huge = JSON.stringify({ type: 'FeatureCollection', features: [], padding: 'x'.repeat(300_000) });
    fake.json('/search', huge);
    fake.on('/reverse', (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 30; i++) res.write('x'.repeat(10_000));
      res.end();
    });
    const capped = new NominatimGeocoder({ url: fake.url, userAgent: agent, maxBytes: 100_000 });
    await expect(capped.search('Lyon')).rejects.toThrow(/too large/);
    await expect(capped.reverse(45.76, 4.84)).rejects.toThrow(/too large/);
    expect(await resilient(capped).reverse(45.764, 4.8357)).toMatchObject({ name: 'Lyon', type: 'city' });
  });

  it('follows a redirect on the same server only', async () => {
    fake.on('/search', (res) => res.writeHead(302, { location: '/moved/search' }).end());
    fake.json('/moved/search', fixture('nominatim/search.json'));
    const nominatim = new NominatimGeocoder({ url: fake.url, userAgent: agent });
    expect(await nominatim.search('10 rue Jangot')).toHaveLength(1);

    fake.on('/reverse', (res) => res.writeHead(302, { location: 'http://localhost:9/elsewhere' }).end());
    await expect(nominatim.reverse(45.76, 4.84)).rejects.toThrow(/redirect refused/);
  });

  it('falls back on server errors and on answers that are not a feature collection', async () => {
    fake.on('/search', (res) => res.writeHead(500).end('oops'));
    fake.json('/reverse', '"hello"');
    const broken = resilient(new NominatimGeocoder({ url: fake.url, userAgent: agent }));
    expect((await broken.search('Lyon'))[0]).toMatchObject({ name: 'Lyon' });
    expect(await broken.reverse(45.764, 4.8357)).toMatchObject({ name: 'Lyon' });
    expect(warnings.map((w) => w.data?.error)).toEqual([
      expect.stringMatching(/500/),
      expect.stringMatching(/feature/)
    ]);
  });

  it('answers a repeated query from its cache, and asks again after a failure', async () => {
    fake.json('/search', fixture('nominatim/search.json'));
    const cached = resilient(new NominatimGeocoder({ url: fake.url, userAgent: agent }));
    const first = await cached.search('10 rue Jangot', { locale: 'fr' });
    const again = await cached.search('  10 Rue  Jangot ', { locale: 'fr' });
    await Promise.all([cached.search('Rue Jangot'), cached.search('rue jangot')]);
    expect(again).toEqual(first);
    expect(fake.seen).toHaveLength(2);
    await cached.search('10 rue Jangot', { locale: 'en' });
    expect(fake.seen).toHaveLength(3);
    expect(await cached.search(' 1 ')).toEqual([]);
    expect(fake.seen).toHaveLength(3);

    fake.on('/reverse', (res) => res.writeHead(503).end());
    await cached.reverse(45.76, 4.84);
    fake.json('/reverse', fixture('nominatim/geocode.json'));
    expect(await cached.reverse(45.76, 4.84)).toMatchObject({ originId: 'nominatim:N3078260611' });
    expect(fake.seen.filter((s) => s.path === '/reverse')).toHaveLength(2);
  });
});

type Places = {
  id: string | null;
  description: string;
  street: string | null;
  locality: string | null;
  postalCode: string | null;
  region: string | null;
  country: string | null;
  type: string | null;
  originId: string;
  geom: string;
}[];

describe.skipIf(!haveFixtures || !hasMobilizonCorpus())(
  "Mobilizon's address documents on a configured provider",
  () => {
    const apps: TestApp[] = [];
    afterAll(() => Promise.all(apps.map((a) => a.stop())));
    const appWith = async (provider: string, url: string) => {
      const app = await createTestApp({
        listen: false,
        workers: false,
        env: { GEOCODER: provider, GEOCODER_URL: url, GEOCODER_USER_AGENT: agent }
      });
      apps.push(app);
      return app.app;
    };

    it('SearchAddress and ReverseGeocode go through Nominatim', async () => {
      fake.json('/search', fixture('nominatim/search.json')).json('/reverse', fixture('nominatim/geocode.json'));
      const app = await appWith('nominatim', fake.url);
      const found = await gql<{ searchAddress: Places }>(app, mobilizonOperation('SearchAddress').source, {
        query: '10 rue Jangot',
        locale: 'fr'
      });
      expect(found.errors).toBeUndefined();
      expect(found.data?.searchAddress).toEqual([
        expect.objectContaining({
          id: null,
          description: '10 Rue Jangot',
          street: '10 Rue Jangot',
          locality: 'Lyon',
          postalCode: '69007',
          region: 'Auvergne-Rhône-Alpes',
          country: 'France',
          type: 'house',
          originId: 'nominatim:N3078260611',
          geom: '4.8425657;45.7517141'
        })
      ]);
      const at = await gql<{ reverseGeocode: Places }>(app, mobilizonOperation('ReverseGeocode').source, {
        latitude: 45.751718,
        longitude: 4.842569,
        zoom: 18,
        locale: 'fr'
      });
      expect(at.data?.reverseGeocode).toEqual([expect.objectContaining({ street: '10 Rue Jangot', type: 'house' })]);
      expect(fake.seen[1]!.params.get('zoom')).toBe('18');
      const towns = await gql<{ searchAddress: Places }>(app, mobilizonOperation('SearchAddress').source, {
        query: 'Lyon',
        locale: 'fr',
        type: 'ADMINISTRATIVE'
      });
      expect(towns.errors).toBeUndefined();
      expect(fake.seen[2]!.params.get('featureType')).toBe('settlement');
      expect(fake.seen.map((s) => s.headers['user-agent'])).toEqual([agent, agent, agent]);
      expect(fake.seen[0]!.headers['accept-language']).toMatch(/^fr\b/);
    });

    it('SearchAddress goes through Photon and Addok', async () => {
      fake.json('/api/', fixture('photon/search.json')).json('/addok/search/', fixture('addok/search.json'));
      const photon = await gql<{ searchAddress: Places }>(
        await appWith('photon', fake.url),
        mobilizonOperation('SearchAddress').source,
        { query: '10 rue Jangot', locale: 'en' }
      );
      expect(photon.data?.searchAddress?.map((p) => p.street)).toEqual(['10 Rue Jangot', '10bis Rue Jangot']);
      const addok = await gql<{ searchAddress: Places }>(
        await appWith('addok', `${fake.url}/addok`),
        mobilizonOperation('SearchAddress').source,
        { query: '10 rue Jangot', locale: 'en' }
      );
      expect(addok.data?.searchAddress?.[1]).toMatchObject({
        street: 'Rue Jangon',
        locality: 'Bailleul-aux-Cornailles',
        postalCode: '62127',
        country: 'France',
        type: 'street'
      });
    });

    it('answers from the offline cities, without an error, when the provider is down', async () => {
      fake.on('/search', (res) => res.writeHead(502).end());
      const app = await appWith('nominatim', fake.url);
      const res = await gql<{ searchAddress: Places }>(app, mobilizonOperation('SearchAddress').source, {
        query: 'Lyon',
        locale: 'fr'
      });
      expect(res.errors).toBeUndefined();
      expect(res.data?.searchAddress?.[0]).toMatchObject({ locality: 'Lyon', country: 'France', type: 'city' });
      expect(fake.seen).toHaveLength(1);
    });
  }
);

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(() => t?.stop());

type Places = { description: string; country: string; geom: string; id: string | null; originId: string }[];

describe.skipIf(!hasMobilizonCorpus())("Mobilizon's address documents on the offline geocoder", () => {
  it('SearchAddress finds towns by name, accents and case aside, the largest first, in the asked language', async () => {
    const res = await gql<{ searchAddress: Places }>(t.app, mobilizonOperation('SearchAddress').source, {
      query: 'saint-etienne',
      locale: 'fr',
      type: 'ADMINISTRATIVE'
    });
    expect(res.errors).toBeUndefined();
    const [first] = res.data!.searchAddress;
    expect(first).toMatchObject({
      description: 'Saint-Étienne',
      locality: 'Saint-Étienne',
      street: null,
      postalCode: null,
      type: 'city',
      country: 'France',
      id: null
    });
    expect(first!.originId).toMatch(/^geonames:\d+$/);
    const [lon, lat] = first!.geom.split(';').map(Number);
    expect(lat).toBeCloseTo(45.43, 1);
    expect(lon).toBeCloseTo(4.39, 1);

    const nothing = await gql<{ searchAddress: Places }>(t.app, mobilizonOperation('SearchAddress').source, {
      query: 'qqzzxqzz'
    });
    expect(nothing.data?.searchAddress).toEqual([]);
  });

  it('ReverseGeocode names the town at a point, and nothing off the map', async () => {
    const lyon = await gql<{ reverseGeocode: Places }>(t.app, mobilizonOperation('ReverseGeocode').source, {
      latitude: 45.7578,
      longitude: 4.832,
      zoom: 15,
      locale: 'ar'
    });
    expect(lyon.errors).toBeUndefined();
    expect(lyon.data?.reverseGeocode).toEqual([expect.objectContaining({ description: 'Lyon', country: 'فرنسا' })]);
    const sea = await gql<{ reverseGeocode: Places }>(t.app, mobilizonOperation('ReverseGeocode').source, {
      latitude: 0,
      longitude: -30
    });
    expect(sea.data?.reverseGeocode).toEqual([]);
    const invalid = await gql<{ reverseGeocode: Places }>(t.app, mobilizonOperation('ReverseGeocode').source, {
      latitude: 95,
      longitude: 10
    });
    expect(invalid.data?.reverseGeocode).toEqual([]);
  });
});

describe('a place nothing geocodes', () => {
  const CREATE = `mutation($org: ID!, $place: AddressInput) {
    createEvent(organizerActorId: $org, title: "Picnic", description: "<p>Bring food</p>", beginsOn: "2030-06-01T10:00:00Z", physicalAddress: $place) {
      uuid physicalAddress { id description street locality postalCode country geom url } } }`;

  it('is found by no search, and stored as the free text the organizer typed', async () => {
    const typed = 'Behind the old mill, by the third oak';
    const search = await gql<{ searchAddress: unknown[] }>(
      t.app,
      'query($q: String!) { searchAddress(query: $q, locale: "en") { description } }',
      { q: typed }
    );
    expect(search.errors).toBeUndefined();
    expect(search.data?.searchAddress).toEqual([]);

    const { email, password, profile } = await createUserWithProfile(t.app);
    const client = await clientAs(t.app, email, password);
    const created = await client.query<{
      createEvent: { uuid: string; physicalAddress: Record<string, string | null> | null };
    }>(CREATE, { org: profile.id, place: { description: typed } });
    expect(created.errors).toBeUndefined();
    const place = created.data!.createEvent.physicalAddress;
    expect(place).toMatchObject({ description: typed, street: null, locality: null, postalCode: null, geom: null });
    expect(place!.id).toMatch(/^\d+$/);

    const read = await gql<{ event: { physicalAddress: { description: string } | null } }>(
      t.app,
      'query($uuid: UUID!) { event(uuid: $uuid) { physicalAddress { description locality } } }',
      { uuid: created.data!.createEvent.uuid }
    );
    expect(read.data?.event.physicalAddress).toEqual({ description: typed, locality: null });
  });
});

describe('a place typed by hand', () => {
  const CREATE = `mutation($org: ID!, $place: AddressInput) {
    createEvent(organizerActorId: $org, title: "Picnic", description: "<p>Bring food</p>", beginsOn: "2030-06-01T10:00:00Z", physicalAddress: $place) {
      uuid options { timezone } physicalAddress { street locality country geom timezone } } }`;
  type Created = {
    createEvent: {
      options: { timezone: string | null };
      physicalAddress: {
        street: string | null;
        locality: string;
        country: string | null;
        geom: string | null;
        timezone: string | null;
      };
    };
  };

  async function create(place: Record<string, string>) {
    const { email, password, profile } = await createUserWithProfile(t.app);
    const client = await clientAs(t.app, email, password);
    const created = await client.query<Created>(CREATE, { org: profile.id, place });
    expect(created.errors).toBeUndefined();
    return created.data!.createEvent;
  }

  it('gets the coordinates and time zone of its town, and keeps what was typed', async () => {
    const event = await create({ street: '3 quai Saint-Antoine', locality: 'lyon', country: 'France' });
    expect(event.physicalAddress).toMatchObject({
      street: '3 quai Saint-Antoine',
      locality: 'lyon',
      country: 'France'
    });
    const [lon, lat] = event.physicalAddress.geom!.split(';').map(Number);
    expect(lat).toBeCloseTo(45.76, 1);
    expect(lon).toBeCloseTo(4.84, 1);
    expect(event.options.timezone).toBe('Europe/Paris');
  });

  it('stays as typed when no town of that name is known, or not in the country given', async () => {
    expect((await create({ locality: 'Qwzxville' })).physicalAddress.geom).toBeNull();
    expect((await create({ locality: 'Lyon', country: 'Japan' })).physicalAddress.geom).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { gql } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

const TILES = 'https://tiles.example.org/{z}/{x}/{y}.png';

let t: TestApp;
let defaults: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    listen: false,
    workers: false,
    env: {
      MAP_TILES_URL: TILES,
      MEDIA_MAX_BYTES: '500000',
      LONG_EVENT_DAYS: '3',
      INSTANCE_NAME: 'Rendez-vous',
      INSTANCE_DESCRIPTION: 'Events in our town'
    }
  });
  defaults = await createTestApp({ listen: false, workers: false });
});
afterAll(async () => {
  await t?.stop();
  await defaults?.stop();
});

type Config = Record<string, unknown>;
const run = async (app: TestApp, name: string, variables: Record<string, unknown> = {}) => {
  const res = await gql<{ config: Config }>(app.app, mobilizonOperation(name).source, variables);
  expect(res.errors, name).toBeUndefined();
  return res.data!.config;
};

describe.skipIf(!hasMobilizonCorpus())("Mobilizon's config documents", () => {
  it('FullConfig answers from our configuration', async () => {
    const config = await run(t, 'FullConfig');
    expect(config).toMatchObject({
      name: 'Rendez-vous',
      description: 'Events in our town',
      slogan: null,
      demoMode: false,
      longEvents: true,
      durationOfLongEvent: 3,
      countryCode: null,
      languages: [],
      primaryColor: null,
      secondaryColor: null,
      instanceLogo: null,
      defaultPicture: null,
      location: null,
      maps: {
        tiles: { endpoint: TILES, attribution: '© OpenStreetMap contributors' },
        routing: { type: 'OPENSTREETMAP' }
      },
      geocoding: { provider: 'offline', autocomplete: true },
      resourceProviders: [],
      features: { groups: false, eventCreation: true, eventExternal: true, antispam: false },
      restrictions: { onlyAdminCanCreateGroups: false, onlyGroupsCanCreateEvents: false },
      uploadLimits: { default: 500000, avatar: 500000, banner: 500000 },
      instanceFeeds: { enabled: false },
      webPush: { enabled: false, publicKey: null },
      analytics: [],
      search: { global: { isEnabled: false, isDefault: false } },
      exportFormats: { eventParticipants: ['csv', 'pdf', 'ods'] }
    });
    const categories = config.eventCategories as { id: string; label: string }[];
    expect(categories).toHaveLength(30);
    expect(categories).toContainEqual({ id: 'FOOD_DRINK', label: 'Food & drink' });
    expect(categories).toContainEqual({ id: 'MEETING', label: 'Meeting' });
  });

  it('EditEventConfig gives the time zones, categories and features the event form needs', async () => {
    const config = await run(t, 'EditEventConfig');
    expect(config.timezones).toEqual(expect.arrayContaining(['UTC', 'Europe/Paris', 'America/Toronto']));
    expect(config.features).toEqual({ groups: false });
    expect((config.eventCategories as unknown[]).length).toBe(30);
  });

  it('the small config documents each answer their part', async () => {
    const expected: Record<string, Config> = {
      EventCategories: { eventCategories: expect.arrayContaining([{ id: 'ARTS', label: 'Arts' }]) },
      EventParticipants: { exportFormats: { eventParticipants: ['csv', 'pdf', 'ods'] } },
      UploadLimits: { uploadLimits: { default: 500000, avatar: 500000, banner: 500000 } },
      OnlyGroupsCanCreateEvents: {
        restrictions: { onlyGroupsCanCreateEvents: false, onlyAdminCanCreateGroups: false }
      },
      GeoCodingAutocomplete: { geocoding: { autocomplete: true } },
      MapsTiles: { maps: { tiles: { endpoint: TILES, attribution: '© OpenStreetMap contributors' } } },
      RoutingType: { maps: { routing: { type: 'OPENSTREETMAP' } } },
      Features: { features: { groups: false, eventCreation: true, eventExternal: true, antispam: false } },
      ResourceProviders: { resourceProviders: [] },
      Location: { location: null },
      DemoMode: { demoMode: false },
      LongEvents: { longEvents: true },
      Analytics: { analytics: [] },
      SearchConfig: { search: { global: { isEnabled: false, isDefault: false } } },
      InstanceLogo: { instanceLogo: null },
      Colors: { primaryColor: null, secondaryColor: null },
      DefaultPicture: { defaultPicture: null },
      Contact: { name: 'Rendez-vous', contact: null },
      Rules: { rules: null },
      WebPush: { webPush: { enabled: false, publicKey: null } }
    };
    for (const [name, answer] of Object.entries(expected)) {
      expect(await run(t, name), name).toEqual(answer);
    }
    expect(await run(t, 'Terms', { locale: 'fr' })).toEqual({ terms: { type: 'DEFAULT', url: null, bodyHtml: null } });
    expect(await run(t, 'Privacy', { locale: 'ar' })).toEqual({
      privacy: { type: 'DEFAULT', url: null, bodyHtml: null }
    });
    expect(await run(t, 'About')).toMatchObject({
      name: 'Rendez-vous',
      longDescription: null,
      languages: [],
      federating: true,
      instanceFeeds: { enabled: false }
    });
  });

  it("defaults to OpenStreetMap's tiles and one-day long events", async () => {
    expect(await run(defaults, 'MapsTiles')).toEqual({
      maps: {
        tiles: {
          endpoint: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
          attribution: '© OpenStreetMap contributors'
        }
      }
    });
    expect(await run(defaults, 'LongEvents')).toEqual({ longEvents: true });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

const SETTINGS_FIELDS = `timezone notificationOnDay notificationEachWeek notificationBeforeEvent
  notificationPendingParticipation notificationPendingMembership groupNotifications
  location { range geohash name }`;
const SET_SETTINGS = `mutation($timezone: Timezone, $onDay: Boolean, $eachWeek: Boolean,
  $participation: NotificationPendingEnum, $group: NotificationPendingEnum, $location: LocationInput) {
  setUserSettings(timezone: $timezone, notificationOnDay: $onDay, notificationEachWeek: $eachWeek,
    notificationPendingParticipation: $participation, groupNotifications: $group, location: $location) {
    ${SETTINGS_FIELDS}
  }
}`;
const MY_SETTINGS = `{ loggedUser { id locale settings { ${SETTINGS_FIELDS} } } }`;
const UPDATE_LOCALE = 'mutation($locale: String) { updateLocale(locale: $locale) { id locale } }';

interface Settings {
  timezone: string | null;
  notificationOnDay: boolean;
  notificationEachWeek: boolean;
  notificationBeforeEvent: boolean;
  notificationPendingParticipation: string;
  notificationPendingMembership: string;
  groupNotifications: string;
  location: { range: number | null; geohash: string | null; name: string | null } | null;
}
type Me = Awaited<ReturnType<typeof clientAs>>;

const DEFAULTS: Settings = {
  timezone: null,
  notificationOnDay: true,
  notificationEachWeek: false,
  notificationBeforeEvent: false,
  notificationPendingParticipation: 'ONE_DAY',
  notificationPendingMembership: 'ONE_DAY',
  groupNotifications: 'ONE_DAY',
  location: null
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false, env: { REGISTRATIONS: 'open' } });
});
afterAll(async () => t?.stop());

async function signedIn(): Promise<Me> {
  const { email, password } = await createUserWithProfile(t.app);
  return clientAs(t.app, email, password);
}

async function settingsOf(me: Me): Promise<Settings | null | undefined> {
  const res = await me.query<{ loggedUser: { settings: Settings | null } }>(MY_SETTINGS);
  expect(res.errors).toBeUndefined();
  return res.data?.loggedUser.settings;
}

describe('User.settings', () => {
  it("gives a new user Mobilizon's defaults, stored on first read", async () => {
    const me = await signedIn();
    expect(await settingsOf(me)).toEqual(DEFAULTS);
    const { rows } = await t.app.database.pool.query(
      'select count(*)::int as n from user_settings where user_id = $1',
      [me.userId]
    );
    expect(rows[0].n).toBe(1);
    expect(await settingsOf(me)).toEqual(DEFAULTS);
  });

  it("is null on another user's account", async () => {
    const me = await signedIn();
    await me.query(SET_SETTINGS, { timezone: 'Europe/Paris' });
    const created = await me.query<{ createUser: { id: string; settings: Settings | null } }>(
      'mutation($e: String!, $p: String!) { createUser(email: $e, password: $p) { id settings { timezone } } }',
      { e: `someone-else-${me.userId}@example.org`, p: 'a long enough password' }
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createUser.id).not.toBe(me.userId);
    expect(created.data?.createUser.settings).toBeNull();

    const other = await signedIn();
    expect((await settingsOf(other))?.timezone).toBeNull();
  });
});

describe('setUserSettings', () => {
  it('needs a signed-in user', async () => {
    const res = await gql(t.app, SET_SETTINGS, { timezone: 'Europe/Paris' });
    expect(res.errors?.[0]?.code).toBe('unauthenticated');
    expect(res.data?.setUserSettings ?? null).toBeNull();
  });

  it('changes only the settings given', async () => {
    const me = await signedIn();
    const first = await me.query<{ setUserSettings: Settings }>(SET_SETTINGS, {
      timezone: 'America/Montreal',
      eachWeek: true,
      participation: 'DIRECT',
      location: { name: 'Montréal', range: 25, geohash: 'f25dvk' }
    });
    expect(first.errors).toBeUndefined();
    const expected: Settings = {
      ...DEFAULTS,
      timezone: 'America/Montreal',
      notificationEachWeek: true,
      notificationPendingParticipation: 'DIRECT',
      location: { name: 'Montréal', range: 25, geohash: 'f25dvk' }
    };
    expect(first.data?.setUserSettings).toEqual(expected);

    const second = await me.query<{ setUserSettings: Settings }>(SET_SETTINGS, { onDay: false, group: 'ONE_WEEK' });
    expect(second.errors).toBeUndefined();
    const after = { ...expected, notificationOnDay: false, groupNotifications: 'ONE_WEEK' };
    expect(second.data?.setUserSettings).toEqual(after);

    const range = await me.query<{ setUserSettings: Settings }>(SET_SETTINGS, { location: { range: 100 } });
    expect(range.data?.setUserSettings.location).toEqual({ name: 'Montréal', range: 100, geohash: 'f25dvk' });
    expect(await settingsOf(me)).toEqual({ ...after, location: { name: 'Montréal', range: 100, geohash: 'f25dvk' } });
  });

  it('clears the time zone and the location with null', async () => {
    const me = await signedIn();
    await me.query(SET_SETTINGS, { timezone: 'Asia/Tokyo', location: { name: 'Tokyo', range: 10, geohash: 'xn76u' } });
    const cleared = await me.query<{ setUserSettings: Settings }>(SET_SETTINGS, { timezone: null, location: null });
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data?.setUserSettings).toEqual(DEFAULTS);
  });

  it('refuses an unknown time zone and changes nothing', async () => {
    const me = await signedIn();
    await me.query(SET_SETTINGS, { timezone: 'Europe/Paris' });
    const res = await me.query(SET_SETTINGS, { timezone: 'Mars/Olympus_Mons', eachWeek: true });
    expect(res.errors?.[0]?.message).toMatch(/time zone/i);
    expect(res.data?.setUserSettings ?? null).toBeNull();
    expect(await settingsOf(me)).toMatchObject({ timezone: 'Europe/Paris', notificationEachWeek: false });

    const user = Number(me.userId);
    await expect(t.app.services.settings.update(user, { timezone: 'Nowhere/City' })).rejects.toMatchObject({
      code: 'validation',
      field: 'timezone'
    });
  });

  it('refuses a value outside NotificationPendingEnum through GraphQL validation', async () => {
    const me = await signedIn();
    const res = await me.query(SET_SETTINGS, { participation: 'ONE_MONTH' });
    expect(res.errors?.[0]?.message).toMatch(/NotificationPendingEnum/);
    const literal = await me.query(
      'mutation { setUserSettings(groupNotifications: SOMETIMES) { groupNotifications } }'
    );
    expect(literal.errors?.length).toBeGreaterThan(0);
    expect(await settingsOf(me)).toEqual(DEFAULTS);
  });

  it('refuses a bad geohash or range on their field and changes nothing', async () => {
    const me = await signedIn();
    await me.query(SET_SETTINGS, { location: { name: 'Paris', range: 10, geohash: 'u09tvw' } });
    for (const [location, field] of [
      [{ geohash: 'u09a' }, 'location.geohash'],
      [{ geohash: 'u09tvw0123456' }, 'location.geohash'],
      [{ geohash: 'u0 9t' }, 'location.geohash'],
      [{ range: 0 }, 'location.range'],
      [{ range: 40000 }, 'location.range']
    ] as const) {
      const res = await me.query(SET_SETTINGS, { location, onDay: false });
      expect(res.errors?.[0]).toMatchObject({ code: 'validation', field });
    }
    expect(await settingsOf(me)).toEqual({ ...DEFAULTS, location: { name: 'Paris', range: 10, geohash: 'u09tvw' } });
  });

  it('goes away with the account', async () => {
    const { email, password } = await createUserWithProfile(t.app);
    const me = await clientAs(t.app, email, password);
    await me.query(SET_SETTINGS, { timezone: 'Europe/Berlin' });
    const deleted = await me.query('mutation($p: String) { deleteAccount(password: $p) { id } }', { p: password });
    expect(deleted.errors).toBeUndefined();
    const { rows } = await t.app.database.pool.query('select 1 from user_settings where user_id = $1', [me.userId]);
    expect(rows).toHaveLength(0);
  });
});

describe('updateLocale', () => {
  it('stores a supported locale on the account', async () => {
    const me = await signedIn();
    const res = await me.query<{ updateLocale: { id: string; locale: string } }>(UPDATE_LOCALE, { locale: 'ar' });
    expect(res.errors).toBeUndefined();
    expect(res.data?.updateLocale).toEqual({ id: me.userId, locale: 'ar' });
    const { rows } = await t.app.database.pool.query('select locale from users where id = $1', [me.userId]);
    expect(rows[0].locale).toBe('ar');
  });

  it('refuses other locales and anonymous callers', async () => {
    const me = await signedIn();
    await me.query(UPDATE_LOCALE, { locale: 'fr' });
    for (const locale of ['de', 'EN', '', null]) {
      const res = await me.query(UPDATE_LOCALE, { locale });
      expect(res.errors?.[0]).toMatchObject({ code: 'validation', field: 'locale' });
    }
    expect((await gql(t.app, UPDATE_LOCALE, { locale: 'en' })).errors?.[0]?.code).toBe('unauthenticated');
    const after = await me.query<{ loggedUser: { locale: string } }>(MY_SETTINGS);
    expect(after.data?.loggedUser.locale).toBe('fr');
  });
});

describe.skipIf(!hasMobilizonCorpus())("settings with Mobilizon's client documents", () => {
  const op = (name: string) => mobilizonOperation(name).source;

  it('runs SetUserSettings as the settings pages send it, then UserSetting, LoggedUserLocation and LoggedUserTimezone', async () => {
    const me = await signedIn();
    // The time zone the client detects on first sign-in, then the notification and location pages.
    const timezone = await me.query<{ setUserSettings: Settings }>(op('SetUserSettings'), { timezone: 'Europe/Paris' });
    expect(timezone.errors).toBeUndefined();
    expect(timezone.data?.setUserSettings).toEqual({ ...DEFAULTS, timezone: 'Europe/Paris' });
    const notifications = await me.query(op('SetUserSettings'), {
      notificationOnDay: false,
      notificationBeforeEvent: true,
      notificationPendingMembership: 'ONE_HOUR'
    });
    expect(notifications.errors).toBeUndefined();
    const location = { geohash: 'u09tvw', name: 'Paris, Île-de-France', range: 50 };
    const located = await me.query<{ setUserSettings: Settings }>(op('SetUserSettings'), { location });
    expect(located.errors).toBeUndefined();
    const expected: Settings = {
      ...DEFAULTS,
      timezone: 'Europe/Paris',
      notificationOnDay: false,
      notificationBeforeEvent: true,
      notificationPendingMembership: 'ONE_HOUR',
      location
    };
    expect(located.data?.setUserSettings).toEqual(expected);

    const settings = await me.query<{ loggedUser: { id: string; locale: string; settings: Settings } }>(
      op('UserSetting')
    );
    expect(settings.errors).toBeUndefined();
    expect(settings.data?.loggedUser).toEqual({ id: me.userId, locale: 'en', settings: expected });

    const where = await me.query<{ loggedUser: { settings: { location: Settings['location'] } } }>(
      op('LoggedUserLocation')
    );
    expect(where.data?.loggedUser.settings.location).toEqual(location);

    const zone = await me.query<{ loggedUser: { id: string; settings: { timezone: string } } }>(
      op('LoggedUserTimezone')
    );
    expect(zone.data?.loggedUser).toEqual({ id: me.userId, settings: { timezone: 'Europe/Paris' } });
  });

  it('runs UpdateUserLocale', async () => {
    const me = await signedIn();
    const res = await me.query<{ updateLocale: { id: string; locale: string } }>(op('UpdateUserLocale'), {
      locale: 'fr'
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.updateLocale).toEqual({ id: me.userId, locale: 'fr' });
  });
});

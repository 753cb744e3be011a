import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

const UPDATE =
  'mutation($key: String!, $method: String!, $enabled: Boolean!) { updateActivitySetting(key: $key, method: $method, enabled: $enabled) { key method enabled } }';
const MINE = '{ loggedUser { id provider activitySettings { key method enabled } } }';

interface Setting {
  key: string;
  method: string;
  enabled: boolean;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(async () => t?.stop());

async function signedIn() {
  const { email, password } = await createUserWithProfile(t.app);
  return clientAs(t.app, email, password);
}

const settingsOf = async (me: Awaited<ReturnType<typeof signedIn>>) =>
  (await me.query<{ loggedUser: { activitySettings: Setting[] } }>(MINE)).data?.loggedUser.activitySettings;

describe('activity settings', () => {
  it('start empty, then keep each switch per key and method, updating in place', async () => {
    const me = await signedIn();
    expect(await settingsOf(me)).toEqual([]);
    const on = await me.query<{ updateActivitySetting: Setting }>(UPDATE, {
      key: 'event_created',
      method: 'email',
      enabled: true
    });
    expect(on.errors).toBeUndefined();
    expect(on.data?.updateActivitySetting).toEqual({ key: 'event_created', method: 'email', enabled: true });
    await me.query(UPDATE, { key: 'event_created', method: 'push', enabled: false });
    await me.query(UPDATE, { key: 'event_created', method: 'email', enabled: false });
    expect(await settingsOf(me)).toEqual([
      { key: 'event_created', method: 'email', enabled: false },
      { key: 'event_created', method: 'push', enabled: false }
    ]);
  });

  it('refuse an unknown key or method with a validation error, storing nothing', async () => {
    const me = await signedIn();
    const badKey = await me.query(UPDATE, { key: 'event_exploded', method: 'email', enabled: true });
    expect(badKey.errors?.[0]).toMatchObject({ code: 'validation', field: 'key', status_code: 422 });
    expect(badKey.errors?.[0]?.message).toMatch(/activity key/i);
    const badMethod = await me.query(UPDATE, { key: 'event_created', method: 'pigeon', enabled: true });
    expect(badMethod.errors?.[0]).toMatchObject({ code: 'validation', field: 'method' });
    expect(await settingsOf(me)).toEqual([]);
  });

  it('belong to their user: others read nothing, anonymous callers are refused', async () => {
    const me = await signedIn();
    await me.query(UPDATE, { key: 'member_request', method: 'push', enabled: true });
    const other = await signedIn();
    expect(await settingsOf(other)).toEqual([]);
    const anonymous = await gql(t.app, UPDATE, { key: 'member_request', method: 'push', enabled: false });
    expect(anonymous.errors?.[0]).toMatchObject({ code: 'unauthenticated', status_code: 401 });
    expect(await settingsOf(me)).toEqual([{ key: 'member_request', method: 'push', enabled: true }]);
  });

  it('report no external login provider for local accounts', async () => {
    const me = await signedIn();
    const res = await me.query<{ loggedUser: { provider: string | null } }>(MINE);
    expect(res.errors).toBeUndefined();
    expect(res.data?.loggedUser.provider).toBeNull();
  });
});

describe.skipIf(!hasMobilizonCorpus())("activity settings with Mobilizon's client documents", () => {
  const op = (name: string) => mobilizonOperation(name).source;

  it('UpdateActivitySetting then UserNotifications show the switch', async () => {
    const me = await signedIn();
    const updated = await me.query<{ updateActivitySetting: Setting }>(op('UpdateActivitySetting'), {
      key: 'participation_event_updated',
      method: 'email',
      enabled: false
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateActivitySetting).toEqual({
      key: 'participation_event_updated',
      method: 'email',
      enabled: false
    });
    const read = await me.query<{
      loggedUser: { id: string; activitySettings: Setting[]; settings: { timezone: string | null } };
    }>(op('UserNotifications'));
    expect(read.errors).toBeUndefined();
    expect(read.data?.loggedUser.id).toBe(me.userId);
    expect(read.data?.loggedUser.activitySettings).toEqual([
      { key: 'participation_event_updated', method: 'email', enabled: false }
    ]);
  });

  it('LoggedUserQuery reads provider null', async () => {
    const me = await signedIn();
    const res = await me.query<{ loggedUser: { id: string; provider: string | null } }>(op('LoggedUserQuery'));
    expect(res.errors).toBeUndefined();
    expect(res.data?.loggedUser).toMatchObject({ id: me.userId, provider: null });
  });
});

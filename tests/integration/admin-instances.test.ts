import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { freePort } from '../helpers/ports.ts';

const FIELDS = `domain hasRelay relayAddress software softwareVersion instanceName instanceDescription followerStatus
  followedStatus eventCount personCount groupCount followersCount followingsCount reportsCount mediaSize blocked`;
const LIST = `query($page: Int, $limit: Int, $orderBy: InstancesSortFields, $direction: String, $filterDomain: String,
  $filterFollowStatus: InstanceFilterFollowStatus, $filterSuspendStatus: InstanceFilterSuspendStatus) {
  instances(page: $page, limit: $limit, orderBy: $orderBy, direction: $direction, filterDomain: $filterDomain,
    filterFollowStatus: $filterFollowStatus, filterSuspendStatus: $filterSuspendStatus) { total elements { ${FIELDS} } }
}`;
const ONE = `query($domain: ID!) { instance(domain: $domain) { ${FIELDS} } }`;
const FOLLOWER =
  'id approved insertedAt updatedAt actor { id preferredUsername domain } targetActor { preferredUsername domain }';
const FOLLOWERS = `query { relayFollowers { total elements { ${FOLLOWER} } } }`;
const FOLLOWINGS = `query { relayFollowings { total elements { ${FOLLOWER} } } }`;
const ADD = 'mutation($domain: String!) { addInstance(domain: $domain) { domain } }';
const ACCEPT = `mutation($address: String!) { acceptRelay(address: $address) { ${FOLLOWER} } }`;
const REJECT = `mutation($address: String!) { rejectRelay(address: $address) { ${FOLLOWER} } }`;
const REMOVE = `mutation($address: String!) { removeRelay(address: $address) { ${FOLLOWER} } }`;
const BLOCK = 'mutation($domain: String!) { blockInstance(domain: $domain) { domain blocked } }';
const UNBLOCK = 'mutation($domain: String!) { unblockInstance(domain: $domain) { domain blocked } }';
const SUSPEND = 'mutation($id: ID!) { suspendProfile(id: $id) { id } }';
const UNSUSPEND = 'mutation($id: ID!) { unsuspendProfile(id: $id) { id suspended } }';

type Client = Awaited<ReturnType<typeof clientAs>>;
interface Row {
  domain: string;
  [field: string]: unknown;
}

let t: TestApp;
let admin: Client;
let moderator: Client;
let plain: Client;
let relayId: number;
const ids: Record<string, number> = {};

async function withRole(role: 'moderator' | 'administrator' | 'user') {
  const account = await createUserWithProfile(t.app);
  if (role !== 'user') await t.app.services.accountAdmin.modify(account.email, { role });
  return clientAs(t.app, account.email, account.password);
}

const sql = (text: string, values: unknown[] = []) => t.app.database.pool.query(text, values);

async function remote(domain: string, name: string, type: 'Person' | 'Group' | 'Application' = 'Person') {
  const actor = await t.app.services.actors.upsertRemoteActor({
    type,
    apId: `https://${domain}/${name === 'relay' ? 'relay' : `@${name}`}`,
    preferredUsername: name,
    domain,
    inboxUrl: `https://${domain}/inbox`
  });
  ids[`${name}@${domain}`] = actor.id;
  return actor;
}

async function follow(followerId: number, targetId: number, approved: boolean) {
  await sql('insert into follows (follower_id, target_id, ap_id, approved) values ($1, $2, $3, $4)', [
    followerId,
    targetId,
    `https://x.example/follow/${randomUUID()}`,
    approved
  ]);
}

const followRow = async (followerId: number, targetId: number) =>
  (await sql('select approved from follows where follower_id = $1 and target_id = $2', [followerId, targetId]))
    .rows[0] as { approved: boolean } | undefined;
const eventsOf = async (type: string) =>
  (await sql('select payload from domain_events where type = $1 order by id', [type])).rows.map((r) => r.payload);

beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
  [admin, moderator, plain] = await Promise.all([withRole('administrator'), withRole('moderator'), withRole('user')]);
  relayId = (await t.app.services.queries.actors.instanceActor())!.id;

  // alpha.example: two profiles, a group, a relay; it follows us (pending), we follow it (approved).
  const ann = await remote('alpha.example', 'ann');
  await remote('alpha.example', 'ben');
  await remote('alpha.example', 'club', 'Group');
  const alphaRelay = await remote('alpha.example', 'relay', 'Application');
  await t.app.services.instances.record({
    domain: 'alpha.example',
    nodeInfo: { software: 'mobilizon', softwareVersion: '5.1.3', name: 'Alpha', description: 'The first' },
    relayActorId: alphaRelay.id
  });
  await follow(alphaRelay.id, relayId, false);
  await follow(relayId, alphaRelay.id, true);
  await follow(ann.id, relayId, true);
  for (const n of [1, 2]) {
    const uuid = randomUUID();
    await sql(
      `insert into events (uuid, ap_id, url, local, title, begins_on, organizer_actor_id)
       values ($1, $2, $2, false, 'Remote event', now() + interval '1 day', $3)`,
      [uuid, `https://alpha.example/events/${uuid}`, ann.id]
    );
    expect(n).toBeGreaterThan(0);
  }
  await sql(`insert into reports (uuid, ap_id, reported_id, local) values ($1, $2, $3, true)`, [
    randomUUID(),
    `${t.baseUrl}/report/${randomUUID()}`,
    ann.id
  ]);
  await sql(
    `insert into media (file_name, url, content_type, size, actor_id, remote_url)
     values ('alpha.jpg', 'https://x/alpha.jpg', 'image/jpeg', 1234, $1, 'https://alpha.example/a.jpg')`,
    [ann.id]
  );
  // beta.example: one profile, its relay follows ours (pending).
  await remote('beta.example', 'bea');
  const betaRelay = await remote('beta.example', 'relay', 'Application');
  await follow(betaRelay.id, relayId, false);
});
afterAll(() => t?.stop());

describe('who may see and change the instances', () => {
  const adminOnly: [string, string, Record<string, unknown>][] = [
    ['instances', LIST, {}],
    ['instance', ONE, { domain: 'alpha.example' }],
    ['relayFollowers', FOLLOWERS, {}],
    ['relayFollowings', FOLLOWINGS, {}],
    ['addInstance', ADD, { domain: 'alpha.example' }],
    ['acceptRelay', ACCEPT, { address: 'relay@beta.example' }],
    ['rejectRelay', REJECT, { address: 'relay@beta.example' }],
    ['removeRelay', REMOVE, { address: 'relay@alpha.example' }],
    ['blockInstance', BLOCK, { domain: 'beta.example' }],
    ['unblockInstance', UNBLOCK, { domain: 'alpha.example' }]
  ];

  it.each(adminOnly)(
    '%s: anonymous 401, user and moderator 403, nothing changed',
    async (_name, document, variables) => {
      const before = (await sql('select count(*)::int as n from follows')).rows[0].n;
      const anonymous = await gql(t.app, document, variables);
      expect(anonymous.errors?.[0]).toMatchObject({ code: 'unauthenticated', status_code: 401 });
      for (const client of [plain, moderator]) {
        const refused = await client.query(document, variables);
        expect(refused.errors?.[0]).toMatchObject({ code: 'unauthorized', status_code: 403 });
        expect(Object.values(refused.data ?? {})).toEqual([null]);
      }
      expect((await sql('select count(*)::int as n from follows')).rows[0].n).toBe(before);
      expect((await sql('select count(*)::int as n from instances where blocked_at is not null')).rows[0].n).toBe(0);
    }
  );

  it.each([
    ['suspendProfile', SUSPEND],
    ['unsuspendProfile', UNSUSPEND]
  ])('%s: anonymous 401, user 403, moderators may', async (_name, document) => {
    const id = String(ids['ben@alpha.example']);
    expect((await gql(t.app, document, { id })).errors?.[0]).toMatchObject({ code: 'unauthenticated' });
    expect((await plain.query(document, { id })).errors?.[0]).toMatchObject({ code: 'unauthorized', status_code: 403 });
    expect((await sql('select suspended from actors where id = $1', [id])).rows[0].suspended).toBe(false);
    const done = await moderator.query(document, { id });
    expect(done.errors).toBeUndefined();
    expect((await sql('select suspended from actors where id = $1', [id])).rows[0].suspended).toBe(
      document === SUSPEND
    );
    if (document === SUSPEND) await t.app.services.actors.setRemoteSuspended(Number(id), false);
  });
});

describe('the instances list', () => {
  it('lists every known server with its counters and follow statuses', async () => {
    const listed = await admin.query<{ instances: { total: number; elements: Row[] } }>(LIST);
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.instances.total).toBe(2);
    const [alpha, beta] = listed.data!.instances.elements;
    expect(alpha).toEqual({
      domain: 'alpha.example',
      hasRelay: true,
      relayAddress: 'relay@alpha.example',
      software: 'mobilizon',
      softwareVersion: '5.1.3',
      instanceName: 'Alpha',
      instanceDescription: 'The first',
      followerStatus: 'PENDING',
      followedStatus: 'APPROVED',
      eventCount: 2,
      personCount: 2,
      groupCount: 1,
      followersCount: 1,
      followingsCount: 1,
      reportsCount: 1,
      mediaSize: 1234,
      blocked: false
    });
    expect(beta).toMatchObject({
      domain: 'beta.example',
      software: null,
      relayAddress: 'relay@beta.example',
      followerStatus: 'PENDING',
      followedStatus: 'NONE',
      eventCount: 0,
      personCount: 1
    });
  });

  it('filters, orders and pages', async () => {
    const domains = async (variables: Record<string, unknown>) => {
      const r = await admin.query<{ instances: { total: number; elements: Row[] } }>(LIST, variables);
      expect(r.errors).toBeUndefined();
      return { total: r.data!.instances.total, domains: r.data!.instances.elements.map((e) => e.domain) };
    };
    expect(await domains({ filterDomain: 'ALP' })).toEqual({ total: 1, domains: ['alpha.example'] });
    expect(await domains({ filterDomain: '%' })).toEqual({ total: 0, domains: [] });
    expect(await domains({ filterFollowStatus: 'FOLLOWING' })).toEqual({ total: 1, domains: ['alpha.example'] });
    expect(await domains({ filterFollowStatus: 'FOLLOWED' })).toEqual({ total: 0, domains: [] });
    expect(await domains({ orderBy: 'PERSON_COUNT', direction: 'asc' })).toEqual({
      total: 2,
      domains: ['beta.example', 'alpha.example']
    });
    expect(await domains({ limit: 1, page: 2 })).toEqual({ total: 2, domains: ['beta.example'] });
    expect(await domains({ limit: 1, page: 9 })).toEqual({ total: 2, domains: [] });
  });

  it('answers one instance, and not_found for an unknown one', async () => {
    const one = await admin.query<{ instance: Row }>(ONE, { domain: 'Alpha.Example' });
    expect(one.data?.instance).toMatchObject({ domain: 'alpha.example', eventCount: 2 });
    const unknown = await admin.query(ONE, { domain: 'nowhere.example' });
    expect(unknown.errors?.[0]).toMatchObject({ code: 'not_found', field: 'domain' });
  });

  it('lists the relay’s followers and followings', async () => {
    const followers = await admin.query<{ relayFollowers: { total: number; elements: Row[] } }>(FOLLOWERS);
    expect(followers.data!.relayFollowers.total).toBe(3);
    expect(followers.data!.relayFollowers.elements.map((e) => (e.actor as Row).domain).sort()).toEqual([
      'alpha.example',
      'alpha.example',
      'beta.example'
    ]);
    const followings = await admin.query<{ relayFollowings: { total: number; elements: Row[] } }>(FOLLOWINGS);
    expect(followings.data!.relayFollowings).toMatchObject({
      total: 1,
      elements: [{ approved: true, targetActor: { preferredUsername: 'relay', domain: 'alpha.example' } }]
    });
  });
});

describe('deciding on relays', () => {
  it('acceptRelay by bare domain approves the follow and sends an Accept', async () => {
    const done = await admin.query<{ acceptRelay: Row }>(ACCEPT, { address: 'beta.example' });
    expect(done.errors).toBeUndefined();
    expect(done.data!.acceptRelay).toMatchObject({
      approved: true,
      actor: { preferredUsername: 'relay', domain: 'beta.example' }
    });
    expect(await followRow(ids['relay@beta.example']!, relayId)).toEqual({ approved: true });
    expect(await eventsOf('FollowAccepted')).toHaveLength(1);
  });

  it('rejectRelay removes the follow and sends a Reject', async () => {
    const done = await admin.query<{ rejectRelay: Row }>(REJECT, { address: 'relay@alpha.example' });
    expect(done.errors).toBeUndefined();
    expect(await followRow(ids['relay@alpha.example']!, relayId)).toBeUndefined();
    expect(await eventsOf('FollowRejected')).toEqual([
      expect.objectContaining({ followerId: ids['relay@alpha.example'], targetId: relayId })
    ]);
  });

  it('removeRelay stops our follow (Undo), or else removes their follow (Reject)', async () => {
    const ours = await admin.query<{ removeRelay: Row }>(REMOVE, { address: 'relay@alpha.example' });
    expect(ours.errors).toBeUndefined();
    expect(ours.data!.removeRelay).toMatchObject({ targetActor: { domain: 'alpha.example' } });
    expect(await followRow(relayId, ids['relay@alpha.example']!)).toBeUndefined();
    expect(await eventsOf('FollowUndone')).toHaveLength(1);

    const theirs = await admin.query<{ removeRelay: Row }>(REMOVE, { address: 'relay@beta.example' });
    expect(theirs.data!.removeRelay).toMatchObject({ actor: { domain: 'beta.example' } });
    expect(await followRow(ids['relay@beta.example']!, relayId)).toBeUndefined();
    expect(await eventsOf('FollowRejected')).toHaveLength(2);

    const none = await admin.query(REMOVE, { address: 'relay@beta.example' });
    expect(none.errors?.[0]).toMatchObject({ code: 'not_found', field: 'address' });
  });

  it.each([
    ['acceptRelay', ACCEPT],
    ['rejectRelay', REJECT],
    ['removeRelay', REMOVE]
  ])('%s refuses a malformed or unknown address and changes nothing', async (_name, document) => {
    const before = (await sql('select count(*)::int as n from follows')).rows[0].n;
    for (const address of ['relay@', 'not an address', 'a@b@c', 'relay@bad_host!']) {
      expect((await admin.query(document, { address })).errors?.[0]).toMatchObject({
        code: 'validation',
        field: 'address'
      });
    }
    expect((await admin.query(document, { address: 'relay@nowhere.example' })).errors?.[0]).toMatchObject({
      code: 'not_found',
      field: 'address'
    });
    // ben is known here but is linked to this instance by no follow.
    expect((await admin.query(document, { address: 'ben@alpha.example' })).errors?.[0]?.code).toBe('not_found');
    expect((await sql('select count(*)::int as n from follows')).rows[0].n).toBe(before);
  });
});

describe('adding instances', () => {
  it('refuses a malformed domain, this instance, and a domain where nothing answers', async () => {
    const count = async () => (await sql('select count(*)::int as n from instances')).rows[0].n as number;
    const before = await count();
    for (const domain of ['', 'not a domain', 'https://', 'exa mple.org', 'host:99999', new URL(t.baseUrl).host]) {
      const refused = await admin.query(ADD, { domain });
      expect(refused.errors?.[0], domain).toMatchObject({ code: 'validation', field: 'domain' });
    }
    const closed = `127.0.0.1:${await freePort()}`;
    const unknown = await admin.query(ADD, { domain: closed });
    expect(unknown.errors?.[0]).toMatchObject({ code: 'not_found', field: 'domain' });
    expect(await count()).toBe(before);
    expect(await eventsOf('FollowRequested')).toEqual([]);
  });

  it('refuses a blocked domain', async () => {
    await admin.query(BLOCK, { domain: 'beta.example' });
    const refused = await admin.query(ADD, { domain: 'beta.example' });
    expect(refused.errors?.[0]).toMatchObject({ code: 'validation', field: 'domain' });
    await admin.query(UNBLOCK, { domain: 'beta.example' });
  });
});

describe('blocking', () => {
  it('blocks and unblocks an instance, listed among the suspended ones meanwhile', async () => {
    const blocked = await admin.query<{ blockInstance: Row }>(BLOCK, { domain: 'Beta.Example' });
    expect(blocked.data!.blockInstance).toEqual({ domain: 'beta.example', blocked: true });
    const suspended = await admin.query<{ instances: { elements: Row[] } }>(LIST, { filterSuspendStatus: 'SUSPENDED' });
    expect(suspended.data!.instances.elements.map((e) => e.domain)).toEqual(['beta.example']);
    expect(await t.app.services.queries.refusals.refusesActor('https://beta.example/@bea')).toBe(true);
    const again = await admin.query<{ blockInstance: Row }>(BLOCK, { domain: 'beta.example' });
    expect(again.data!.blockInstance.blocked).toBe(true);

    const unblocked = await admin.query<{ unblockInstance: Row }>(UNBLOCK, { domain: 'beta.example' });
    expect(unblocked.data!.unblockInstance).toEqual({ domain: 'beta.example', blocked: false });
    expect(await t.app.services.queries.refusals.refusesActor('https://beta.example/@bea')).toBe(false);
  });

  it('refuses bad domains, this instance, and unblocking an unknown one', async () => {
    expect((await admin.query(BLOCK, { domain: 'no way' })).errors?.[0]).toMatchObject({ code: 'validation' });
    expect((await admin.query(BLOCK, { domain: new URL(t.baseUrl).host })).errors?.[0]).toMatchObject({
      code: 'validation'
    });
    expect((await admin.query(UNBLOCK, { domain: 'never.example' })).errors?.[0]).toMatchObject({ code: 'not_found' });
    expect((await sql('select count(*)::int as n from instances where blocked_at is not null')).rows[0].n).toBe(0);
  });

  it('suspends remote profiles only', async () => {
    const local = await createUserWithProfile(t.app);
    const refused = await moderator.query(SUSPEND, { id: String(local.profile.id) });
    expect(refused.errors?.[0]).toMatchObject({ code: 'validation', field: 'id' });
    expect((await sql('select suspended from actors where id = $1', [local.profile.id])).rows[0].suspended).toBe(false);
    for (const id of ['999999', 'abc']) {
      expect((await moderator.query(SUSPEND, { id })).errors?.[0]).toMatchObject({ code: 'not_found' });
    }
    const done = await moderator.query<{ suspendProfile: { id: string } }>(SUSPEND, {
      id: String(ids['bea@beta.example'])
    });
    expect(done.data!.suspendProfile.id).toBe(String(ids['bea@beta.example']));
    expect(await t.app.services.queries.refusals.refusesActor('https://beta.example/@bea')).toBe(true);
    const lifted = await moderator.query<{ unsuspendProfile: { suspended: boolean } }>(UNSUSPEND, {
      id: String(ids['bea@beta.example'])
    });
    expect(lifted.data!.unsuspendProfile.suspended).toBe(false);
  });
});

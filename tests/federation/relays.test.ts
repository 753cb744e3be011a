import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs } from '../helpers/graphql.ts';
import { createAdministrator, hostOf, relayOf } from '../helpers/instances.ts';
import { mailTo } from '../helpers/mail.ts';
import { mailText } from '../helpers/mail-text.ts';
import { waitFor } from '../helpers/wait.ts';

const INSTANCE_FIELDS = `domain hasRelay relayAddress software softwareVersion instanceName instanceDescription
  followerStatus followedStatus personCount followersCount followingsCount blocked`;
const INSTANCES = `query($filterDomain: String) { instances(filterDomain: $filterDomain) { total elements { ${INSTANCE_FIELDS} } } }`;
const ADD = `mutation($domain: String!) { addInstance(domain: $domain) { ${INSTANCE_FIELDS} } }`;
const FOLLOWER = 'id approved actor { preferredUsername domain } targetActor { preferredUsername domain }';
const ACCEPT = `mutation($address: String!) { acceptRelay(address: $address) { ${FOLLOWER} } }`;
const REJECT = `mutation($address: String!) { rejectRelay(address: $address) { ${FOLLOWER} } }`;
const REMOVE = `mutation($address: String!) { removeRelay(address: $address) { ${FOLLOWER} } }`;
const FOLLOWERS = `{ relayFollowers { total elements { ${FOLLOWER} } } }`;
const FOLLOWINGS = `{ relayFollowings { total elements { ${FOLLOWER} } } }`;

interface InstanceRow {
  domain: string;
  hasRelay: boolean;
  relayAddress: string | null;
  software: string | null;
  instanceName: string | null;
  followerStatus: string;
  followedStatus: string;
  blocked: boolean;
}
type Admin = Awaited<ReturnType<typeof clientAs>>;

let a: TestApp;
let b: TestApp;
let adminA: Admin;
let adminB: Admin;
let adminBEmail: string;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
  const [ua, ub] = await Promise.all([createAdministrator(a.app), createAdministrator(b.app)]);
  adminBEmail = ub.email;
  [adminA, adminB] = await Promise.all([
    clientAs(a.app, ua.email, ua.password),
    clientAs(b.app, ub.email, ub.password)
  ]);
});
afterAll(async () => Promise.all([a?.stop(), b?.stop()]));

const instanceOn = async (admin: Admin, domain: string) => {
  const list = await admin.query<{ instances: { elements: InstanceRow[] } }>(INSTANCES, { filterDomain: domain });
  expect(list.errors).toBeUndefined();
  return list.data!.instances.elements.find((i) => i.domain === domain);
};

const deliveriesTo = async (app: TestApp, host: string, type: string) => {
  const { rows } = await app.app.database.pool.query<{ state: string }>(
    `select d.state from deliveries d join outbox_activities o on o.id = d.activity_id where d.host = $1 and o.type = $2`,
    [host, type]
  );
  return rows.map((r) => r.state);
};

/** Waits until B sent (and A answered) every delivery of this type to A. */
const deliveredFromBToA = (type: string, count: number) =>
  waitFor(
    async () => {
      const states = await deliveriesTo(b, hostOf(a.app), type);
      return states.filter((s) => s === 'delivered').length >= count || undefined;
    },
    { what: `${count} ${type} from B to reach A` }
  );

describe('instance follows between two instances', () => {
  it('A follows B: B’s administrators are mailed, B accepts, both lists show each other', async () => {
    const added = await adminA.query<{ addInstance: InstanceRow }>(ADD, { domain: hostOf(b.app) });
    expect(added.errors).toBeUndefined();
    expect(added.data!.addInstance).toMatchObject({
      domain: hostOf(b.app),
      hasRelay: true,
      relayAddress: `relay@${hostOf(b.app)}`,
      software: 'convene',
      instanceName: b.app.config.instanceName,
      followedStatus: 'PENDING',
      followerStatus: 'NONE'
    });

    const mail = mailText(await mailTo(b.dataDir, adminBEmail));
    expect(mail.subject).toBe(`${hostOf(a.app)} asks to follow ${b.app.config.instanceName}`);
    expect(mail.text).toContain(`relay@${hostOf(a.app)}`);
    expect(mail.text).toContain(`${b.baseUrl}/admin/instances/${encodeURIComponent(hostOf(a.app))}`);

    // B records A's NodeInfo once the follow is in, and shows the request as pending.
    const pendingOnB = await waitFor(
      async () => {
        const row = await instanceOn(adminB, hostOf(a.app));
        return row?.software ? row : undefined;
      },
      { what: "B to read A's NodeInfo" }
    );
    expect(pendingOnB).toMatchObject({
      software: 'convene',
      instanceName: a.app.config.instanceName,
      relayAddress: `relay@${hostOf(a.app)}`,
      followerStatus: 'PENDING',
      followedStatus: 'NONE'
    });

    const accepted = await adminB.query<{ acceptRelay: { approved: boolean; actor: { domain: string } } }>(ACCEPT, {
      address: `relay@${hostOf(a.app)}`
    });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptRelay).toMatchObject({ approved: true, actor: { domain: hostOf(a.app) } });

    const onA = await waitFor(
      async () => {
        const row = await instanceOn(adminA, hostOf(b.app));
        return row?.followedStatus === 'APPROVED' ? row : undefined;
      },
      { what: 'the Accept to reach A' }
    );
    expect(onA).toMatchObject({ software: 'convene', followerStatus: 'NONE' });
    expect(await instanceOn(adminB, hostOf(a.app))).toMatchObject({
      followerStatus: 'APPROVED',
      followedStatus: 'NONE'
    });

    const followings = await adminA.query<{ relayFollowings: { total: number; elements: { approved: boolean }[] } }>(
      FOLLOWINGS
    );
    expect(followings.data!.relayFollowings).toMatchObject({ total: 1, elements: [{ approved: true }] });
    const followers = await adminB.query<{ relayFollowers: { total: number } }>(FOLLOWERS);
    expect(followers.data!.relayFollowers.total).toBe(1);

    // Following A again is not a second follow.
    expect((await adminA.query(ADD, { domain: hostOf(b.app) })).errors).toBeUndefined();
    expect((await a.app.services.queries.relayFollows.followings((await relayOf(a.app)).id, {})).total).toBe(1);
  });

  it('B asks to follow A, A rejects: the Reject reaches B and both forget the follow', async () => {
    expect((await adminB.query(ADD, { domain: hostOf(a.app) })).errors).toBeUndefined();
    await waitFor(async () => (await instanceOn(adminA, hostOf(b.app)))?.followerStatus === 'PENDING' || undefined, {
      what: "B's Follow to reach A"
    });
    const rejected = await adminA.query<{ rejectRelay: { approved: boolean } }>(REJECT, { address: hostOf(b.app) });
    expect(rejected.errors).toBeUndefined();
    expect((await instanceOn(adminA, hostOf(b.app)))?.followerStatus).toBe('NONE');
    await waitFor(async () => (await instanceOn(adminB, hostOf(a.app)))?.followedStatus === 'NONE' || undefined, {
      what: 'the Reject to reach B'
    });
    // A's own follow of B is untouched.
    expect((await instanceOn(adminA, hostOf(b.app)))?.followedStatus).toBe('APPROVED');
  });

  it('A removes B: the Undo reaches B, which forgets A as a follower', async () => {
    const removed = await adminA.query<{ removeRelay: { targetActor: { domain: string } } }>(REMOVE, {
      address: `relay@${hostOf(b.app)}`
    });
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.removeRelay.targetActor.domain).toBe(hostOf(b.app));
    expect((await instanceOn(adminA, hostOf(b.app)))?.followedStatus).toBe('NONE');
    await waitFor(async () => (await instanceOn(adminB, hostOf(a.app)))?.followerStatus === 'NONE' || undefined, {
      what: 'the Undo to reach B'
    });
    const followers = await adminB.query<{ relayFollowers: { total: number } }>(FOLLOWERS);
    expect(followers.data!.relayFollowers.total).toBe(0);
  });

  it('takes an Undo of a follow only from its follower', async () => {
    expect((await adminB.query(ADD, { domain: hostOf(a.app) })).errors).toBeUndefined();
    await waitFor(async () => (await instanceOn(adminA, hostOf(b.app)))?.followerStatus === 'PENDING' || undefined, {
      what: "B's Follow to reach A"
    });
    expect((await adminA.query(ACCEPT, { address: hostOf(b.app) })).errors).toBeUndefined();
    const relayB = await relayOf(b.app);
    const follow = (await b.app.services.queries.relayFollows.followings(relayB.id, {})).elements[0]!.follow;

    // Another actor of B signs an Undo of the relay's follow: A keeps the follow.
    const mallory = await createUserWithProfile(b.app, { username: 'mallory_undo' });
    const relayAOnB = (await b.app.services.queries.actors.byApId(`${a.baseUrl}/relay`))!;
    const undos = (await deliveriesTo(b, hostOf(a.app), 'Undo')).length;
    for (const [n, claimedActor] of [
      [1, relayB.apId],
      [2, mallory.profile.apId]
    ] as const) {
      await b.app.federation!.sender.send({
        json: {
          '@context': 'https://www.w3.org/ns/activitystreams',
          id: `${b.baseUrl}/forged-undo/${n}`,
          type: 'Undo',
          actor: mallory.profile.apId,
          object: { id: follow.apId, type: 'Follow', actor: claimedActor, object: relayAOnB.apId }
        },
        signer: mallory.profile,
        recipients: [relayAOnB]
      });
    }
    await deliveredFromBToA('Undo', undos + 2);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await instanceOn(adminA, hostOf(b.app)))?.followerStatus).toBe('APPROVED');

    // The relay's own Undo is taken.
    expect((await adminB.query(REMOVE, { address: hostOf(a.app) })).errors).toBeUndefined();
    await waitFor(async () => (await instanceOn(adminA, hostOf(b.app)))?.followerStatus === 'NONE' || undefined, {
      what: "B's Undo to reach A"
    });
  });

  it('refuses a follow of a profile with a Reject', async () => {
    const alice = await createUserWithProfile(a.app, { username: 'alice_nofollow' });
    const bob = await createUserWithProfile(b.app, { username: 'bob_wants' });
    const remoteAlice = await b.app.federation!.resolveActor(`${a.baseUrl}/@alice_nofollow`);
    await b.app.services.follows.requestFollow(bob.profile.id, remoteAlice.id);
    // A answers with a Reject; B drops its follow request.
    await waitFor(
      async () => (await b.app.services.queries.follows.isFollowing(bob.profile.id, remoteAlice.id)) === undefined,
      { what: 'the Reject to reach B' }
    );
    expect(await deliveriesTo(a, hostOf(b.app), 'Reject')).toContain('delivered');
    expect(await a.app.services.queries.follows.countFollowers(alice.profile.id)).toBe(0);
    const { rows } = await a.app.database.pool.query('select count(*)::int as n from follows where target_id = $1', [
      alice.profile.id
    ]);
    expect(rows[0].n).toBe(0);
  });
});

describe('suspending a profile and blocking an instance', () => {
  const followRelayOfA = async (username: string) => {
    const person = await createUserWithProfile(b.app, { username });
    const relayA = await b.app.federation!.resolveActor(`${a.baseUrl}/relay`);
    await b.app.services.follows.requestFollow(person.profile.id, relayA.id);
    return person;
  };
  const followerOnA = async (username: string) => {
    const actor = await a.app.services.queries.actors.byApId(`${b.baseUrl}/@${username}`);
    return actor ? a.app.services.queries.follows.isFollowing(actor.id, (await relayOf(a.app)).id) : undefined;
  };

  it('drops what a suspended profile sends and sends it nothing', async () => {
    // carol asked before she was suspended.
    await followRelayOfA('carol_susp');
    await waitFor(() => followerOnA('carol_susp'), { what: "carol's follow to reach A" });
    const carolOnA = (await a.app.services.queries.actors.byApId(`${b.baseUrl}/@carol_susp`))!;
    const suspend = await adminA.query<{ suspendProfile: { id: string } }>(
      'mutation($id: ID!) { suspendProfile(id: $id) { id } }',
      { id: String(carolOnA.id) }
    );
    expect(suspend.errors).toBeUndefined();
    expect(suspend.data!.suspendProfile.id).toBe(String(carolOnA.id));

    // Refusing her now stores the Reject but queues it to no inbox: B never hears of it.
    const rejectsBefore = (await deliveriesTo(a, hostOf(b.app), 'Reject')).length;
    expect((await adminA.query(REJECT, { address: `carol_susp@${hostOf(b.app)}` })).errors).toBeUndefined();
    await waitFor(
      async () => {
        const { rows } = await a.app.database.pool.query(
          `select 1 from outbox_activities where type = 'Reject' and json->'object'->>'actor' = $1`,
          [carolOnA.apId]
        );
        return rows.length > 0 || undefined;
      },
      { what: 'the Reject to be stored' }
    );
    expect(await deliveriesTo(a, hostOf(b.app), 'Reject')).toHaveLength(rejectsBefore);
    const carol = (await b.app.services.queries.actors.localByUsername('carol_susp'))!;
    const relayAOnB = (await b.app.services.queries.actors.byApId(`${a.baseUrl}/relay`))!;
    const stillPending = await b.app.services.queries.follows.isFollowing(carol.id, relayAOnB.id);
    expect(stillPending?.approved).toBe(false);

    // She withdraws and asks again: A takes neither.
    const followsBefore = (await deliveriesTo(b, hostOf(a.app), 'Follow')).length;
    await b.app.services.follows.unfollow(stillPending!.id);
    await b.app.services.follows.requestFollow(carol.id, relayAOnB.id);
    await deliveredFromBToA('Follow', followsBefore + 1);
    // A control sent after it arrives, so the dropped one was processed first.
    await followRelayOfA('dave_control');
    await waitFor(() => followerOnA('dave_control'), { what: "dave's follow to reach A" });
    await new Promise((r) => setTimeout(r, 500));
    expect(await followerOnA('carol_susp')).toBeUndefined();

    const lifted = await adminA.query<{ unsuspendProfile: { suspended: boolean } }>(
      'mutation($id: ID!) { unsuspendProfile(id: $id) { suspended } }',
      { id: String(carolOnA.id) }
    );
    expect(lifted.data?.unsuspendProfile.suspended).toBe(false);
  });

  it('drops what a blocked instance sends and queues nothing for it', async () => {
    await followRelayOfA('erin_before');
    await waitFor(() => followerOnA('erin_before'), { what: "erin's follow to reach A" });
    const blocked = await adminA.query<{ blockInstance: { blocked: boolean } }>(
      'mutation($domain: String!) { blockInstance(domain: $domain) { blocked } }',
      { domain: hostOf(b.app) }
    );
    expect(blocked.errors).toBeUndefined();
    expect(blocked.data!.blockInstance.blocked).toBe(true);

    // Accepting erin now queues the Accept to no inbox, and following B is refused.
    const acceptsBefore = await deliveriesTo(a, hostOf(b.app), 'Accept');
    const storedBefore = (await a.app.database.pool.query(`select 1 from outbox_activities where type = 'Accept'`)).rows
      .length;
    const accepted = await adminA.query(ACCEPT, { address: `erin_before@${hostOf(b.app)}` });
    expect(accepted.errors).toBeUndefined();
    await waitFor(
      async () => {
        const { rows } = await a.app.database.pool.query(`select 1 from outbox_activities where type = 'Accept'`);
        return rows.length > storedBefore || undefined;
      },
      { what: 'the Accept to be stored' }
    );
    expect(await deliveriesTo(a, hostOf(b.app), 'Accept')).toHaveLength(acceptsBefore.length);
    const refused = await adminA.query(ADD, { domain: hostOf(b.app) });
    expect(refused.errors?.[0]).toMatchObject({ code: 'validation', field: 'domain' });

    // What B sends is dropped.
    const before = (await deliveriesTo(b, hostOf(a.app), 'Follow')).length;
    await followRelayOfA('frank_blocked');
    // A's inbox guard refuses B at the door (403): the delivery is answered, never taken.
    await waitFor(
      async () => {
        const { rows } = await b.app.database.pool.query<{ n: number }>(
          `select count(*)::int as n from deliveries d join outbox_activities o on o.id = d.activity_id
           where d.host = $1 and o.type = 'Follow' and (d.state <> 'pending' or d.last_status = 403)`,
          [hostOf(a.app)]
        );
        return (rows[0]?.n ?? 0) >= before + 1 || undefined;
      },
      { what: 'the Follow from B to be answered by A' }
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(await followerOnA('frank_blocked')).toBeUndefined();

    // Unblocked, B is heard again.
    await adminA.query('mutation($domain: String!) { unblockInstance(domain: $domain) { blocked } }', {
      domain: hostOf(b.app)
    });
    await followRelayOfA('gina_after');
    await waitFor(() => followerOnA('gina_after'), { what: "gina's follow to reach A" });
    expect(await followerOnA('frank_blocked')).toBeUndefined();
  });
});

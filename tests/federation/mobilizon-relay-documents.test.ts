import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs } from '../helpers/graphql.ts';
import { createAdministrator, hostOf } from '../helpers/instances.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';
import { waitFor } from '../helpers/wait.ts';

const op = (name: string) => mobilizonOperation(name).source;

interface Follower {
  id: string;
  approved: boolean;
  actor: { preferredUsername: string; domain: string | null };
  targetActor: { preferredUsername: string; domain: string | null };
}
interface Instance {
  domain: string;
  followerStatus: string;
  followedStatus: string;
  software: string | null;
  relayAddress: string | null;
}
type Admin = Awaited<ReturnType<typeof clientAs>>;

let a: TestApp;
let b: TestApp;
let adminA: Admin;
let adminB: Admin;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
  const [ua, ub] = await Promise.all([createAdministrator(a.app), createAdministrator(b.app)]);
  [adminA, adminB] = await Promise.all([
    clientAs(a.app, ua.email, ua.password),
    clientAs(b.app, ub.email, ub.password)
  ]);
});
afterAll(async () => Promise.all([a?.stop(), b?.stop()]));

/** The address Mobilizon's client sends for a follower: `preferredUsername@domain`. */
const addressOf = (actor: Follower['actor']) => `${actor.preferredUsername}@${actor.domain}`;

const followersOn = async (admin: Admin) => {
  const r = await admin.query<{ relayFollowers: { total: number; elements: Follower[] } }>(op('relayFollowers'), {
    page: 1,
    limit: 10
  });
  expect(r.errors).toBeUndefined();
  return r.data!.relayFollowers;
};

describe.skipIf(!hasMobilizonCorpus())("Mobilizon's instance administration documents across two instances", () => {
  it('addInstance, relayFollowers, acceptRelay, instance, Instances, relayFollowings, removeRelay, rejectRelay', async () => {
    const added = await adminA.query<{ addInstance: Instance }>(op('addInstance'), { domain: hostOf(b.app) });
    expect(added.errors).toBeUndefined();
    expect(added.data!.addInstance).toMatchObject({ domain: hostOf(b.app), followedStatus: 'PENDING' });

    const pending = await waitFor(async () => (await followersOn(adminB)).elements[0], {
      what: "A's follow on B"
    });
    expect(pending).toMatchObject({ approved: false, actor: { preferredUsername: 'relay', domain: hostOf(a.app) } });
    const accepted = await adminB.query<{ acceptRelay: Follower }>(op('acceptRelay'), {
      address: addressOf(pending.actor)
    });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptRelay).toMatchObject({ id: pending.id, approved: true });

    const one = await waitFor(
      async () => {
        const r = await adminA.query<{ instance: Instance }>(op('instance'), { domain: hostOf(b.app) });
        return r.data?.instance.followedStatus === 'APPROVED' ? r.data.instance : undefined;
      },
      { what: 'the Accept on A' }
    );
    expect(one).toMatchObject({ software: 'convene', relayAddress: `relay@${hostOf(b.app)}`, followerStatus: 'NONE' });

    const list = await adminB.query<{ instances: { total: number; elements: Instance[] } }>(op('Instances'), {
      page: 1,
      limit: 10,
      orderBy: 'EVENT_COUNT',
      direction: 'desc',
      filterFollowStatus: 'FOLLOWED'
    });
    expect(list.errors).toBeUndefined();
    expect(list.data!.instances.elements.map((i) => [i.domain, i.followerStatus])).toEqual([
      [hostOf(a.app), 'APPROVED']
    ]);

    const followings = await adminA.query<{ relayFollowings: { total: number; elements: Follower[] } }>(
      op('relayFollowings'),
      { page: 1, limit: 10 }
    );
    expect(followings.data!.relayFollowings).toMatchObject({ total: 1, elements: [{ approved: true }] });

    const removed = await adminA.query<{ removeRelay: Follower }>(op('removeRelay'), {
      address: one.relayAddress
    });
    expect(removed.errors).toBeUndefined();
    await waitFor(async () => (await followersOn(adminB)).total === 0 || undefined, { what: 'the Undo on B' });

    // B asks to follow A; A rejects.
    expect((await adminB.query(op('addInstance'), { domain: hostOf(a.app) })).errors).toBeUndefined();
    const asking = await waitFor(async () => (await followersOn(adminA)).elements[0], { what: "B's follow on A" });
    const rejected = await adminA.query<{ rejectRelay: Follower }>(op('rejectRelay'), {
      address: addressOf(asking.actor)
    });
    expect(rejected.errors).toBeUndefined();
    expect((await followersOn(adminA)).total).toBe(0);
  });

  it('SuspendProfile and UnSuspendProfile on a remote profile', async () => {
    await createUserWithProfile(b.app, { username: 'remote_one' });
    const remote = await a.app.federation!.resolveActor(`${b.baseUrl}/@remote_one`);
    const suspended = await adminA.query<{ suspendProfile: { id: string } }>(op('SuspendProfile'), {
      id: String(remote.id)
    });
    expect(suspended.errors).toBeUndefined();
    expect(suspended.data!.suspendProfile.id).toBe(String(remote.id));
    expect((await a.app.services.queries.actors.byId(remote.id))?.suspended).toBe(true);
    const back = await adminA.query<{ unsuspendProfile: { id: string } }>(op('UnSuspendProfile'), {
      id: String(remote.id)
    });
    expect(back.errors).toBeUndefined();
    expect((await a.app.services.queries.actors.byId(remote.id))?.suspended).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createAdministrator, hostOf, relayOf } from '../helpers/instances.ts';
import { waitFor } from '../helpers/wait.ts';

let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
});
afterAll(async () => Promise.all([a?.stop(), b?.stop()]));

describe('two instances over loopback', () => {
  it("A's relay follows B's relay with a signed Follow and receives a signed Accept", async () => {
    const adminA = await createAdministrator(a.app);
    const adminB = await createAdministrator(b.app);
    const [relayA, relayB] = await Promise.all([relayOf(a.app), relayOf(b.app)]);

    await a.app.services.relays.addInstance(adminA.user, hostOf(b.app));
    const remoteRelayB = await a.app.services.queries.actors.byApId(`${b.baseUrl}/relay`);
    expect(remoteRelayB).toMatchObject({ type: 'Application', preferredUsername: 'relay', domain: hostOf(b.app) });
    expect(remoteRelayB?.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    const follow = await a.app.services.queries.follows.isFollowing(relayA.id, remoteRelayB!.id);
    expect(follow?.approved).toBe(false);

    // B verified A's signature, stored A's relay and keeps the follow waiting for its administrator.
    const pending = await waitFor(
      async () => {
        const list = await b.app.services.queries.relayFollows.followers(relayB.id, {});
        return list.total > 0 ? list.elements[0] : undefined;
      },
      { what: 'the Follow to arrive on B' }
    );
    expect(pending.follower).toMatchObject({ apId: `${a.baseUrl}/relay`, domain: hostOf(a.app) });
    expect(pending.follow).toMatchObject({ apId: follow!.apId, approved: false });

    await b.app.services.relays.acceptRelay(adminB.user, `relay@${hostOf(a.app)}`);

    // A received B's signed Accept and marked its follow approved.
    const accepted = await waitFor(
      async () => {
        const row = await a.app.services.queries.follows.isFollowing(relayA.id, remoteRelayB!.id);
        return row?.approved ? row : undefined;
      },
      { what: 'the Accept to arrive on A' }
    );
    expect(accepted.apId).toBe(follow!.apId);
  });

  it('refuses an unsigned activity on the inbox and changes nothing', async () => {
    const relayA = await relayOf(a.app);
    const before = await a.app.services.queries.follows.countFollowers(relayA.id);
    const forged = {
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${b.baseUrl}/follow/forged`,
      type: 'Follow',
      actor: `${b.baseUrl}/relay`,
      object: `${a.baseUrl}/relay`
    };
    const response = await fetch(`${a.baseUrl}/inbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/activity+json' },
      body: JSON.stringify(forged)
    });
    expect(response.status).toBe(401);
    await new Promise((r) => setTimeout(r, 1000));
    const { rows } = await a.app.database.pool.query('select count(*)::int as n from follows where target_id = $1', [
      relayA.id
    ]);
    expect(rows[0].n).toBe(0);
    expect(await a.app.services.queries.follows.countFollowers(relayA.id)).toBe(before);
  });
});

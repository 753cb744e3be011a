import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { waitFor } from '../helpers/wait.ts';

let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
});
afterAll(async () => Promise.all([a?.stop(), b?.stop()]));

describe('two instances over loopback', () => {
  it("B's profile follows A's profile and receives a signed Accept", async () => {
    const alice = await createUserWithProfile(a.app, { username: 'alice' });
    const bob = await createUserWithProfile(b.app, { username: 'bob' });

    const remoteAlice = await b.app.federation!.resolveActor(`${a.baseUrl}/@alice`);
    expect(remoteAlice).toMatchObject({ preferredUsername: 'alice', domain: new URL(a.baseUrl).host, type: 'Person' });
    expect(remoteAlice.publicKeyPem).toContain('BEGIN PUBLIC KEY');

    const follow = await b.app.services.follows.requestFollow(bob.profile.id, remoteAlice.id);
    expect(follow.approved).toBe(false);

    // A received B's signed Follow, stored bob and accepted him as a follower.
    const followersOnA = await waitFor(
      async () => {
        const list = await a.app.services.queries.follows.followersOf(alice.profile.id, { limit: 10, offset: 0 });
        return list.length > 0 ? list : undefined;
      },
      { what: 'the follow to arrive on A' }
    );
    expect(followersOnA[0]).toMatchObject({ apId: `${b.baseUrl}/@bob`, domain: new URL(b.baseUrl).host });

    // B received A's Accept and marked its follow approved.
    const accepted = await waitFor(
      async () => {
        const row = await b.app.services.queries.follows.isFollowing(bob.profile.id, remoteAlice.id);
        return row?.approved ? row : undefined;
      },
      { what: 'the Accept to arrive on B' }
    );
    expect(accepted.apId).toBe(follow.apId);

    // A's followers collection lists bob.
    const collection = await fetch(`${a.baseUrl}/@alice/followers?cursor=0`, {
      headers: { accept: 'application/activity+json' }
    });
    expect(collection.status).toBe(200);
    expect(JSON.stringify(await collection.json())).toContain(`${b.baseUrl}/@bob`);
  });

  it('refuses an unsigned activity on the inbox and changes nothing', async () => {
    const carol = await createUserWithProfile(a.app, { username: 'carol' });
    const forged = {
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${b.baseUrl}/follow/forged`,
      type: 'Follow',
      actor: `${b.baseUrl}/@bob`,
      object: `${a.baseUrl}/@carol`
    };
    const response = await fetch(`${a.baseUrl}/@carol/inbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/activity+json' },
      body: JSON.stringify(forged)
    });
    expect(response.status).toBe(401);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await a.app.services.queries.follows.countFollowers(carol.profile.id)).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { createAdministrator, hostOf, relayOf } from '../helpers/instances.ts';
import { waitFor } from '../helpers/wait.ts';

let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
});
afterAll(async () => Promise.all([a?.stop(), b?.stop()]));

const AP = { accept: 'application/activity+json' };

async function remoteRow(app: TestApp, apId: string) {
  const { rows } = await app.app.database.pool.query('select id, name, deleted_at from actors where ap_id = $1', [
    apId
  ]);
  return rows[0] as { id: number; name: string | null; deleted_at: Date | null } | undefined;
}

describe('a deleted profile across two instances', () => {
  it('answers 410 with a Tombstone, and those it is linked to on B hear a signed Delete and forget it', async () => {
    // Profiles cannot be followed (ADR 15); alice is linked to B by her follow of B's relay.
    const alice = await createUserWithProfile(a.app, { username: 'alice_gone' });
    const adminB = await createAdministrator(b.app);
    const relayB = await relayOf(b.app);
    const remoteRelayB = await a.app.federation!.resolveActor(`${b.baseUrl}/relay`);
    await a.app.services.follows.requestFollow(alice.profile.id, remoteRelayB.id);
    const followOnB = await waitFor(
      async () => (await b.app.services.queries.relayFollows.followers(relayB.id, {})).elements[0],
      { what: 'the follow to reach B' }
    );
    expect(followOnB.follower.apId).toBe(`${a.baseUrl}/@alice_gone`);
    await b.app.services.relays.acceptRelay(adminB.user, `alice_gone@${hostOf(a.app)}`);
    await waitFor(
      async () =>
        (await a.app.services.queries.follows.isFollowing(alice.profile.id, remoteRelayB.id))?.approved || undefined,
      { what: 'the follow to be accepted' }
    );

    await a.app.services.accounts.deleteAccount(alice.user, { password: alice.password });

    const gone = await fetch(`${a.baseUrl}/@alice_gone`, { headers: AP });
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({
      id: `${a.baseUrl}/@alice_gone`,
      type: 'Tombstone',
      formerType: 'Person'
    });
    const finger = await fetch(
      `${a.baseUrl}/.well-known/webfinger?resource=acct:alice_gone@${new URL(a.baseUrl).host}`
    );
    expect(finger.status).toBe(404);

    // B verified the Delete (the key it cached) and dropped alice and her follow of its relay.
    const forgotten = await waitFor(
      async () => {
        const row = await remoteRow(b, `${a.baseUrl}/@alice_gone`);
        return row?.deleted_at ? row : undefined;
      },
      { what: 'the Delete to reach B' }
    );
    expect(forgotten.name).toBeNull();
    expect((await b.app.services.queries.relayFollows.followers(relayB.id, {})).total).toBe(0);

    // A dropped the tombstone's keys once the Delete was queued.
    const keys = await waitFor(
      async () => {
        const { rows } = await a.app.database.pool.query('select private_key_pem from actors where id = $1', [
          alice.profile.id
        ]);
        return rows[0]?.private_key_pem === null ? rows[0] : undefined;
      },
      { what: 'the keys to be dropped' }
    );
    expect(keys.private_key_pem).toBeNull();
  });

  it('honours an unsigned Delete only when the actor really answers 410', async () => {
    const carol = await createUserWithProfile(a.app, { username: 'carol_gone' });
    const dave = await createUserWithProfile(a.app, { username: 'dave_here' });
    for (const name of ['carol_gone', 'dave_here']) await b.app.federation!.resolveActor(`${a.baseUrl}/@${name}`);
    await a.app.services.accounts.deleteAccount(carol.user, { password: carol.password });

    const unsigned = (name: string) =>
      fetch(`${b.baseUrl}/inbox`, {
        method: 'POST',
        headers: { 'content-type': 'application/activity+json' },
        body: JSON.stringify({
          '@context': 'https://www.w3.org/ns/activitystreams',
          id: `${a.baseUrl}/@${name}#delete`,
          type: 'Delete',
          actor: `${a.baseUrl}/@${name}`,
          object: `${a.baseUrl}/@${name}`
        })
      });

    // dave still exists: a forged Delete is refused and changes nothing.
    expect((await unsigned('dave_here')).status).toBe(401);
    expect((await remoteRow(b, `${a.baseUrl}/@dave_here`))?.deleted_at).toBeNull();
    expect(dave.profile.id).toBeGreaterThan(0);

    // carol's URL answers 410: the Delete is taken even though no key can verify it any more.
    expect((await unsigned('carol_gone')).status).toBe(202);
    expect((await remoteRow(b, `${a.baseUrl}/@carol_gone`))?.deleted_at).toBeInstanceOf(Date);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#lib/server/db/schema/actors.ts';
import type { Event } from '#lib/server/db/schema/events.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { changesWhile } from '../helpers/db-snapshot.ts';
import { groupBy, person, type TestPerson } from '../helpers/groups.ts';
import { actorDocument, AP_JSON, startRemoteSink, type RemoteSink } from '../helpers/remote-sink.ts';
import { localActorKey, newSigningKey, signedPost, type GeneratedKey } from '../helpers/signed-post.ts';
import { waitFor } from '../helpers/wait.ts';

/**
 * A group lives on A (Rose created it); its moderator Bea is on B. Bea changes one of the group's
 * events on B: B shows it at once and proposes it to A, A checks her role and applies it, then
 * sends its version to everyone, B included. A plain member on B, or a stranger's signed Update,
 * changes nothing on either side.
 */
let a: TestApp;
let b: TestApp;
let rose: TestPerson;
let bea: TestPerson;
let ben: TestPerson;
let group: { onA: Actor; onB: Actor };
let eventOnA: Event;
let sink: RemoteSink;
let malloryKey: GeneratedKey;

const acting = (p: TestPerson) => ({ userId: p.user.id, actorId: p.profile.id });
const UPDATE = `mutation($eventId: ID!, $title: String, $description: String) {
  updateEvent(eventId: $eventId, title: $title, description: $description) { id title description } }`;

const onA = () => a.app.services.queries.events.byApId(eventOnA.apId);
const onB = () => b.app.services.queries.events.byApId(eventOnA.apId);

/** Invites B's profile into A's group, lets it accept, and gives it `role` there. */
async function memberFromB(p: TestPerson, role: 'member' | 'moderator') {
  const remote = await a.app.federation!.resolveActor(p.profile.apId);
  await a.app.services.members.invite(acting(rose), group.onA.id, remote);
  const invited = await waitFor(
    async () => {
      const row = await b.app.services.queries.groups.membership(group.onB.id, p.profile.id);
      return row?.role === 'invited' ? row : undefined;
    },
    { what: 'the invitation to reach B' }
  );
  await b.app.services.members.acceptInvitation(acting(p), invited.id);
  const rowOnA = await waitFor(
    async () => {
      const row = await a.app.services.queries.groups.membership(group.onA.id, remote.id);
      return row?.role === 'member' ? row : undefined;
    },
    { what: 'A to take the acceptance' }
  );
  if (role === 'member') return;
  await a.app.services.members.updateRole(acting(rose), rowOnA.id, role);
  await waitFor(
    async () => (await b.app.services.queries.groups.membership(group.onB.id, p.profile.id))?.role === role,
    { what: 'the new role to reach B' }
  );
}

/** An Update of A's event, as `actorApId` would send it, with another title. */
function updateOf(actorApId: string, title: string, suffix: string) {
  return {
    '@context': 'https://www.w3.org/ns/activitystreams',
    id: `${actorApId}/updates/${suffix}`,
    type: 'Update',
    actor: actorApId,
    to: [group.onA.apId],
    object: {
      type: 'Event',
      id: eventOnA.apId,
      url: eventOnA.url,
      name: title,
      content: '<p>Taken over</p>',
      startTime: eventOnA.beginsOn.toISOString(),
      actor: rose.profile.apId,
      attributedTo: group.onA.apId,
      to: ['https://www.w3.org/ns/activitystreams#Public']
    }
  };
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
  [rose, bea, ben] = await Promise.all([person(a.app), person(b.app), person(b.app)]);
  sink = await startRemoteSink();
  malloryKey = await newSigningKey(`${sink.baseUrl}/@mallory#main-key`);
  sink.serve('/@mallory', {
    headers: AP_JSON,
    body: actorDocument(`${sink.baseUrl}/@mallory`, malloryKey.publicKeyPem)
  });

  const created = await groupBy(a.app, rose);
  group = { onA: created, onB: await b.app.federation!.resolveActor(created.apId) };
  await memberFromB(bea, 'moderator');
  await memberFromB(ben, 'member');
  eventOnA = await a.app.services.events.createEvent(rose.user.id, {
    organizerActorId: rose.profile.id,
    attributedToId: group.onA.id,
    title: 'Spring clean-up',
    description: '<p>Bring gloves</p>',
    beginsOn: new Date('2036-05-01T10:00:00Z')
  });
  // The group's remote members hear of its events.
  await waitFor(onB, { what: 'the group event to reach B' });
}, 90_000);
afterAll(async () => Promise.all([a?.stop(), b?.stop(), sink?.close()]));

describe('a moderator on B edits a group event of A', () => {
  it('changes it on B at once, A applies it from her Update, and B ends with A’s version', async () => {
    const copy = (await onB())!;
    expect(copy).toMatchObject({ local: false, title: 'Spring clean-up', attributedToId: group.onB.id });
    const result = await bea.client.query<{ updateEvent: { title: string; description: string } }>(UPDATE, {
      eventId: String(copy.id),
      title: 'Spring clean-up, moved to the park',
      description: '<p>Meet at the gate</p>'
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateEvent).toMatchObject({
      title: 'Spring clean-up, moved to the park',
      description: '<p>Meet at the gate</p>'
    });
    // B keeps A's version stamp on its copy until A's version arrives.
    expect((await onB())!.updatedAt.getTime()).toBe(copy.updatedAt.getTime());

    const changed = await waitFor(
      async () => {
        const event = await onA();
        return event?.title === 'Spring clean-up, moved to the park' ? event : undefined;
      },
      { what: 'A to apply Bea’s Update' }
    );
    expect(changed.description).toBe('<p>Meet at the gate</p>');
    expect(changed.organizerActorId).toBe(rose.profile.id);
    expect(changed.attributedToId).toBe(group.onA.id);
    const beaOnA = await a.app.federation!.resolveActor(bea.profile.apId);
    const history = await a.app.services.queries.groups.activity(group.onA.id, { page: 1, limit: 10 });
    expect(history.elements).toContainEqual(expect.objectContaining({ subject: 'event_updated', authorId: beaOnA.id }));

    // A sends its version (signed by the organizer) to the group's members: B takes it.
    const final = await waitFor(
      async () => {
        const event = await onB();
        return event && event.updatedAt.getTime() === changed.updatedAt.getTime() ? event : undefined;
      },
      { what: 'A’s version to reach B' }
    );
    expect(final).toMatchObject({
      title: 'Spring clean-up, moved to the park',
      description: '<p>Meet at the gate</p>'
    });
  });
});

describe('who may not', () => {
  it('refuses a plain member on B, and nothing changes on either side', async () => {
    const [beforeA, beforeB] = [(await onA())!, (await onB())!];
    const result = await ben.client.query(UPDATE, { eventId: String(beforeB.id), title: 'Cancelled by Ben' });
    expect(result.errors?.[0]).toMatchObject({ code: 'unauthorized' });
    expect(result.errors?.[0]?.message).toMatch(/moderators and administrators/);
    expect(await onB()).toEqual(beforeB);
    expect(await onA()).toEqual(beforeA);
  });

  it('ignores on A a signed Update by a plain member of the group, and one by a stranger', async () => {
    const before = (await onA())!;
    const benKey = await localActorKey(b.app, ben.profile.preferredUsername);
    const byBen = await changesWhile(a.app, () =>
      signedPost(`${a.baseUrl}/inbox`, updateOf(ben.profile.apId, 'Cancelled by Ben', '1'), benKey)
    );
    expect(byBen).toEqual([]);
    const mallory = `${sink.baseUrl}/@mallory`;
    const byMallory = await changesWhile(a.app, () =>
      signedPost(`${a.baseUrl}/inbox`, updateOf(mallory, 'Hijacked', '1'), malloryKey)
    );
    expect(byMallory).toEqual([]);
    expect(await onA()).toEqual(before);
  });
});

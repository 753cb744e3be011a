import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON documents under test */
let t: TestApp;
const outbox = async (query = '') => {
  const response = await t.app.handle(
    new Request(`${t.baseUrl}/relay/outbox${query}`, { headers: { accept: 'application/activity+json' } })
  );
  expect(response?.status).toBe(200);
  return (await response!.json()) as Record<string, any>;
};

let owner: Awaited<ReturnType<typeof createUserWithProfile>>;
const soon = (days: number) => new Date(Date.now() + days * 86_400_000);
const create = (title: string, extra: Record<string, unknown> = {}) =>
  t.app.services.events.createEvent(owner.user.id, {
    organizerActorId: owner.profile.id,
    title,
    beginsOn: soon(1),
    ...extra
  });

beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
  owner = await createUserWithProfile(t.app, { username: 'outbox_owner' });
});
afterAll(async () => t?.stop());

describe("the relay's outbox", () => {
  it('lists each public upcoming local event as an Announce by the relay, 10 a page', async () => {
    const relay = (await t.app.services.queries.actors.instanceActor())!;
    const events = [];
    for (let i = 1; i <= 12; i++) events.push(await create(`Event ${i}`, { beginsOn: soon(i) }));
    await create('Draft', { draft: true });
    await create('Unlisted', { visibility: 'unlisted' });
    await create('Over', { beginsOn: soon(-3), endsOn: soon(-2) });

    const root = await outbox();
    expect(root).toMatchObject({
      id: `${t.baseUrl}/relay/outbox`,
      type: 'OrderedCollection',
      attributedTo: `${t.baseUrl}/relay`,
      totalItems: 12
    });
    expect(root['@context'][0]).toBe('https://www.w3.org/ns/activitystreams');
    expect(root.first).toMatchObject({
      id: `${t.baseUrl}/relay/outbox?page=1`,
      type: 'OrderedCollectionPage',
      partOf: `${t.baseUrl}/relay/outbox`,
      next: `${t.baseUrl}/relay/outbox?page=2`
    });
    expect(root.first['@context']).toBeUndefined();
    expect(root.first.orderedItems).toHaveLength(10);
    expect(root.first.orderedItems[0]).toEqual({
      id: `${events[0]!.apId}/announces/${relay.id}`,
      type: 'Announce',
      actor: relay.apId,
      object: events[0]!.apId,
      to: [`${t.baseUrl}/relay/followers`, owner.profile.apId],
      cc: ['https://www.w3.org/ns/activitystreams#Public']
    });

    const second = await outbox('?page=2');
    expect(second.orderedItems.map((a: any) => a.object)).toEqual([events[10]!.apId, events[11]!.apId]);
    expect(second.prev).toBe(`${t.baseUrl}/relay/outbox?page=1`);
    expect(second.next).toBeUndefined();
    expect((await outbox('?page=40')).orderedItems).toEqual([]);
  });

  it('follows changes: a deleted event leaves, a new one comes, an edit shows', async () => {
    const before = await outbox();
    const first = before.first.orderedItems[0].object as string;
    const { rows } = await t.app.database.pool.query('select id from events where ap_id = $1', [first]);
    await t.app.services.events.deleteEvent(owner.user.id, Number(rows[0].id));
    const afterDelete = await outbox();
    expect(afterDelete.totalItems).toBe(before.totalItems - 1);
    expect(afterDelete.first.orderedItems.map((a: any) => a.object)).not.toContain(first);

    const soonest = await create('Soonest', { beginsOn: new Date(Date.now() + 3600_000) });
    const afterCreate = await outbox();
    expect(afterCreate.totalItems).toBe(before.totalItems);
    expect(afterCreate.first.orderedItems[0].object).toBe(soonest.apId);

    await t.app.services.events.updateEvent(owner.user.id, soonest.id, { visibility: 'unlisted' });
    const afterEdit = await outbox();
    expect(afterEdit.totalItems).toBe(before.totalItems - 1);
    expect(afterEdit.first.orderedItems.map((a: any) => a.object)).not.toContain(soonest.apId);
  });
});

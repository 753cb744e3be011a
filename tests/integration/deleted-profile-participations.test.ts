import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';

/** A deleted profile takes no seat: its participations go with it, but the events it created stay. */
describe('the participations of a deleted profile', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.stop());

  const rolesIn = async (eventId: number) =>
    (
      await t.app.database.pool.query<{ actor_id: string; role: string }>(
        'select actor_id, role from participants where event_id = $1 order by id',
        [eventId]
      )
    ).rows.map((r) => [Number(r.actor_id), r.role]);

  it('free their seats, in one transaction with the deletion; an event it created keeps its creator', async () => {
    const organizer = await createUserWithProfile(t.app);
    const leaving = await createUserWithProfile(t.app);
    const waiting = await createUserWithProfile(t.app);
    const full = await t.app.services.events.createEvent(organizer.user.id, {
      organizerActorId: organizer.profile.id,
      title: 'Atelier réparation',
      beginsOn: new Date('2031-03-01T10:00:00Z'),
      options: { maximumAttendeeCapacity: 1 }
    });
    const own = await t.app.services.events.createEvent(leaving.user.id, {
      organizerActorId: leaving.profile.id,
      title: 'Goûter',
      beginsOn: new Date('2031-03-02T16:00:00Z')
    });
    await t.app.services.participation.join(leaving.user.id, { eventId: full.id, actorId: leaving.profile.id });
    await expect(
      t.app.services.participation.join(waiting.user.id, { eventId: full.id, actorId: waiting.profile.id })
    ).rejects.toThrow(/maximum capacity/);

    await t.app.services.accounts.deleteAccount(leaving.user, { password: leaving.password });

    expect(await rolesIn(full.id)).toEqual([[organizer.profile.id, 'creator']]);
    expect((await t.app.services.queries.events.byId(full.id))?.participantCount).toBe(0);
    expect(await rolesIn(own.id)).toEqual([[leaving.profile.id, 'creator']]);
    await t.app.services.participation.join(waiting.user.id, { eventId: full.id, actorId: waiting.profile.id });
    expect((await t.app.services.queries.events.byId(full.id))?.participantCount).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(() => t?.stop());

const op = (name: string) => mobilizonOperation(name).source;
const MINE = `query($after: DateTime, $before: DateTime, $page: Int, $limit: Int) {
  loggedUser { participations(afterDatetime: $after, beforeDatetime: $before, page: $page, limit: $limit) {
    total elements { id role actor { id } event { title } } } } }`;
const OF_PERSON = `query($name: String!, $eventId: ID) {
  fetchPerson(preferredUsername: $name) { id participations(eventId: $eventId) { total elements { role } } } }`;

type Mine = {
  loggedUser: { participations: { total: number; elements: { role: string; event: { title: string } }[] } };
};

async function organizer() {
  const rose = await createUserWithProfile(t.app);
  const second = await t.app.services.actors.createPerson(rose.user.id, {
    preferredUsername: `${rose.profile.preferredUsername}_b`
  });
  const at = (iso: string, title: string, organizerActorId: number, draft = false) =>
    t.app.services.events.createEvent(rose.user.id, { organizerActorId, title, beginsOn: new Date(iso), draft });
  const past = await at('2020-05-01T10:00:00Z', 'Past picnic', rose.profile.id);
  const soon = await at('2030-05-01T10:00:00Z', 'Future march', second.id);
  const later = await at('2031-05-01T10:00:00Z', 'Later meeting', rose.profile.id);
  const draft = await at('2030-06-01T10:00:00Z', 'Secret draft', rose.profile.id, true);
  return { rose, second, past, soon, later, draft };
}

describe('participations of an account and of a profile', () => {
  it("lists every profile's participations, soonest first, paginated and filtered, without drafts", async () => {
    const { rose } = await organizer();
    const me = await clientAs(t.app, rose.email, rose.password);
    const all = await me.query<Mine>(MINE, {});
    expect(all.errors).toBeUndefined();
    expect(all.data?.loggedUser.participations.total).toBe(3);
    expect(all.data?.loggedUser.participations.elements.map((e) => [e.event.title, e.role])).toEqual([
      ['Past picnic', 'CREATOR'],
      ['Future march', 'CREATOR'],
      ['Later meeting', 'CREATOR']
    ]);
    const upcoming = await me.query<Mine>(MINE, { after: '2026-01-01T00:00:00Z', limit: 1, page: 2 });
    expect(upcoming.data?.loggedUser.participations.total).toBe(2);
    expect(upcoming.data?.loggedUser.participations.elements.map((e) => e.event.title)).toEqual(['Later meeting']);
    const before = await me.query<Mine>(MINE, { before: '2026-01-01T00:00:00Z' });
    expect(before.data?.loggedUser.participations.elements.map((e) => e.event.title)).toEqual(['Past picnic']);
  });

  it("shows a profile's participation in one event to its owner only", async () => {
    const { rose, draft, soon } = await organizer();
    const me = await clientAs(t.app, rose.email, rose.password);
    const inDraft = await me.query<{
      fetchPerson: { participations: { total: number; elements: { role: string }[] } };
    }>(OF_PERSON, { name: rose.profile.preferredUsername, eventId: String(draft.id) });
    expect(inDraft.errors).toBeUndefined();
    expect(inDraft.data?.fetchPerson.participations).toEqual({ total: 1, elements: [{ role: 'CREATOR' }] });
    const notThere = await me.query<{ fetchPerson: { participations: { total: number } } }>(OF_PERSON, {
      name: rose.profile.preferredUsername,
      eventId: String(soon.id)
    });
    expect(notThere.data?.fetchPerson.participations.total).toBe(0);

    const stranger = await createUserWithProfile(t.app);
    const nosy = await clientAs(t.app, stranger.email, stranger.password);
    const refused = await nosy.query(OF_PERSON, { name: rose.profile.preferredUsername });
    expect(refused.errors?.[0]).toMatchObject({ code: 'unauthorized', status_code: 403 });
  });

  it.skipIf(!hasMobilizonCorpus())(
    "runs Mobilizon's LoggedUserParticipations, EventPersonParticipation and GetUser",
    async () => {
      const { rose, soon, second } = await organizer();
      const me = await clientAs(t.app, rose.email, rose.password);
      const list = await me.query<Mine>(op('LoggedUserParticipations'), {
        afterDateTime: '2026-01-01T00:00:00Z',
        page: 1,
        limit: 10
      });
      expect(list.errors).toBeUndefined();
      expect(list.data?.loggedUser.participations.elements.map((e) => e.event.title)).toEqual([
        'Future march',
        'Later meeting'
      ]);
      const one = await me.query<{ person: { participations: { total: number; elements: { role: string }[] } } }>(
        op('EventPersonParticipation'),
        { actorId: String(second.id), eventId: String(soon.id) }
      );
      expect(one.errors).toBeUndefined();
      expect(one.data?.person.participations.elements).toEqual([expect.objectContaining({ role: 'CREATOR' })]);

      const admin = await createUserWithProfile(t.app);
      await t.app.services.accountAdmin.modify(admin.email, { role: 'administrator' });
      const staff = await clientAs(t.app, admin.email, admin.password);
      const user = await staff.query<{ user: { participations: { total: number }; email: string } }>(op('GetUser'), {
        id: String(rose.user.id)
      });
      expect(user.errors).toBeUndefined();
      expect(user.data?.user).toMatchObject({ email: rose.email, participations: { total: 3 } });
    }
  );
});

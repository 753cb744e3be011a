import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(() => t?.stop());

const DRAFTS = `query($page: Int, $limit: Int) { loggedUser { drafts(page: $page, limit: $limit) {
  total elements { title draft } } } }`;
const ORGANIZED = `query($id: ID!, $page: Int, $limit: Int) { person(id: $id) { id organizedEvents(page: $page, limit: $limit) {
  total elements { title } } } }`;
const MAPS = `{ config { maps { tiles { endpoint attribution } routing { type } } } }`;

type Drafts = { loggedUser: { drafts: { total: number; elements: { title: string; draft: boolean }[] } } };
type Organized = { person: { organizedEvents: { total: number; elements: { title: string }[] } } | null };

async function organizer() {
  const ana = await createUserWithProfile(t.app);
  const at = (title: string, iso: string, extra: { draft?: boolean; visibility?: 'public' | 'private' } = {}) =>
    t.app.services.events.createEvent(ana.user.id, {
      organizerActorId: ana.profile.id,
      title,
      beginsOn: new Date(iso),
      ...extra
    });
  await at('Second walk', '2030-05-02T10:00:00Z');
  await at('First walk', '2030-05-01T10:00:00Z');
  await at('Private dinner', '2030-05-03T10:00:00Z', { visibility: 'private' });
  await at('Draft one', '2030-06-01T10:00:00Z', { draft: true });
  await at('Draft two', '2030-06-02T10:00:00Z', { draft: true });
  return ana;
}

describe('"my events" lists', () => {
  it('lists the drafts of my profiles only to me, paginated', async () => {
    const ana = await organizer();
    const me = await clientAs(t.app, ana.email, ana.password);
    const all = await me.query<Drafts>(DRAFTS, {});
    expect(all.errors).toBeUndefined();
    expect(all.data?.loggedUser.drafts.total).toBe(2);
    expect(all.data?.loggedUser.drafts.elements.map((e) => e.title).sort()).toEqual(['Draft one', 'Draft two']);
    expect(all.data?.loggedUser.drafts.elements.every((e) => e.draft)).toBe(true);
    const second = await me.query<Drafts>(DRAFTS, { page: 2, limit: 1 });
    expect(second.data?.loggedUser.drafts.elements).toHaveLength(1);

    const other = await createUserWithProfile(t.app);
    const them = await clientAs(t.app, other.email, other.password);
    const theirs = await them.query<Drafts>(DRAFTS, {});
    expect(theirs.data?.loggedUser.drafts.total).toBe(0);
    const anonymous = await gql(t.app, DRAFTS);
    expect(anonymous.errors?.[0]?.code).toBe('unauthenticated');
  });

  it("shows a profile's published events, the private ones to their owner only, never drafts", async () => {
    const ana = await organizer();
    const me = await clientAs(t.app, ana.email, ana.password);
    const mine = await me.query<Organized>(ORGANIZED, { id: String(ana.profile.id) });
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.person?.organizedEvents.elements.map((e) => e.title)).toEqual([
      'First walk',
      'Second walk',
      'Private dinner'
    ]);
    const page = await me.query<Organized>(ORGANIZED, { id: String(ana.profile.id), page: 2, limit: 2 });
    expect(page.data?.person?.organizedEvents).toEqual({ total: 3, elements: [{ title: 'Private dinner' }] });

    const other = await createUserWithProfile(t.app);
    const them = await clientAs(t.app, other.email, other.password);
    const seen = await them.query<Organized>(ORGANIZED, { id: String(ana.profile.id) });
    // Another person may or may not read the profile; when they can, only the public events show.
    const titles = seen.data?.person?.organizedEvents.elements.map((e) => e.title) ?? [];
    expect(titles).not.toContain('Private dinner');
    expect(titles).not.toContain('Draft one');
  });

  it("gives the map tiles' endpoint and attribution from the configuration", async () => {
    const result = await gql<{ config: { maps: { tiles: { endpoint: string; attribution: string } } } }>(t.app, MAPS);
    expect(result.errors).toBeUndefined();
    expect(result.data?.config.maps.tiles).toEqual({
      endpoint: t.app.config.mapTilesUrl,
      attribution: t.app.config.mapTilesAttribution
    });
  });

  it.runIf(hasMobilizonCorpus())("runs Mobilizon's LoggedUserDrafts document", async () => {
    const ana = await organizer();
    const me = await clientAs(t.app, ana.email, ana.password);
    const result = await me.query<Drafts>(mobilizonOperation('LoggedUserDrafts').source, { page: 1, limit: 10 });
    expect(result.errors).toBeUndefined();
    expect(result.data?.loggedUser.drafts.total).toBe(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { follows } from '#lib/server/db/schema/actors.ts';
import { groupActivities } from '#lib/server/db/schema/groups.ts';
import { domainEvents } from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/db/schema/actors.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { groupBy, person, withRole, type TestPerson } from '../helpers/groups.ts';
import { gql } from '../helpers/graphql.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(() => t?.stop());

const CREATE = `mutation($organizerActorId: ID!, $attributedToId: ID, $title: String!, $draft: Boolean,
  $visibility: EventVisibility) {
  createEvent(organizerActorId: $organizerActorId, attributedToId: $attributedToId, title: $title,
    description: "<p>Bring gloves</p>", beginsOn: "2036-05-01T10:00:00Z", draft: $draft, visibility: $visibility) {
    id uuid draft organizerActor { id } attributedTo { id type preferredUsername ... on Group { name } } } }`;
const UPDATE = `mutation($eventId: ID!, $title: String, $draft: Boolean) {
  updateEvent(eventId: $eventId, title: $title, draft: $draft) { id title draft } }`;
const DELETE = `mutation($eventId: ID!) { deleteEvent(eventId: $eventId) { id } }`;
const EVENT = `query($uuid: UUID!) { event(uuid: $uuid) { id title draft attributedTo { preferredUsername } } }`;
const ORGANIZED = `query($name: String!) { group(preferredUsername: $name) {
  organizedEvents(limit: 20) { total elements { title draft visibility } } } }`;

type Role = 'anonymous' | 'non-member' | 'follower' | 'member' | 'moderator' | 'administrator';
const ROLES: Role[] = ['anonymous', 'non-member', 'follower', 'member', 'moderator', 'administrator'];
const ALLOWED: Role[] = ['moderator', 'administrator'];

interface Cast {
  group: Actor;
  creator: TestPerson;
  people: Record<Exclude<Role, 'anonymous'>, TestPerson>;
}

async function cast(): Promise<Cast> {
  const creator = await person(t.app);
  const group = await groupBy(t.app, creator, { name: 'Riverside cleanup' });
  const people = {
    'non-member': await person(t.app),
    follower: await person(t.app),
    member: await person(t.app),
    moderator: await person(t.app),
    administrator: await person(t.app)
  };
  await t.app.database.db.insert(follows).values({
    followerId: people.follower.profile.id,
    targetId: group.id,
    apId: `${t.app.config.publicUrl}/follow/test-${group.id}`,
    approved: true
  });
  for (const role of ['member', 'moderator', 'administrator'] as const) {
    await withRole(t.app, group, people[role].profile, role);
  }
  return { group, creator, people };
}

const send = <T>(c: Cast, role: Role, query: string, variables: Record<string, unknown>) =>
  role === 'anonymous' ? gql<T>(t.app, query, variables) : c.people[role].client.query<T>(query, variables);

interface Created {
  createEvent: {
    id: string;
    uuid: string;
    draft: boolean;
    organizerActor: { id: string };
    attributedTo: { id: string; type: string; preferredUsername: string; name: string } | null;
  };
}

async function groupEvent(c: Cast, fields: { draft?: boolean; visibility?: string; title?: string } = {}) {
  const res = await c.people.moderator.client.query<Created>(CREATE, {
    organizerActorId: String(c.people.moderator.profile.id),
    attributedToId: String(c.group.id),
    title: fields.title ?? 'Cleaning the river banks',
    draft: fields.draft ?? false,
    visibility: fields.visibility ?? 'PUBLIC'
  });
  expect(res.errors).toBeUndefined();
  return res.data!.createEvent;
}

describe('creating an event as a group', () => {
  it('lets moderators and administrators organize as the group, and no one else', async () => {
    const c = await cast();
    for (const role of ROLES) {
      const organizer = role === 'anonymous' ? c.people['non-member'] : c.people[role];
      const res = await send<Created>(c, role, CREATE, {
        organizerActorId: String(organizer.profile.id),
        attributedToId: String(c.group.id),
        title: `Event by the ${role}`
      });
      if (ALLOWED.includes(role)) {
        expect(res.errors, role).toBeUndefined();
        expect(res.data!.createEvent.attributedTo).toEqual({
          id: String(c.group.id),
          type: 'GROUP',
          preferredUsername: c.group.preferredUsername,
          name: 'Riverside cleanup'
        });
        expect(res.data!.createEvent.organizerActor.id).toBe(String(organizer.profile.id));
      } else {
        expect(res.errors?.[0]?.code, role).toBe(role === 'anonymous' ? 'unauthenticated' : 'unauthorized');
      }
    }
    const { data } = await gql<{ group: { organizedEvents: { total: number } } }>(t.app, ORGANIZED, {
      name: c.group.preferredUsername
    });
    expect(data!.group.organizedEvents.total).toBe(2);
  });

  it('lets the group creator organize too, and refuses a group that does not exist', async () => {
    const c = await cast();
    const ok = await c.creator.client.query<Created>(CREATE, {
      organizerActorId: String(c.creator.profile.id),
      attributedToId: String(c.group.id),
      title: 'By the creator'
    });
    expect(ok.errors).toBeUndefined();
    const missing = await c.creator.client.query<Created>(CREATE, {
      organizerActorId: String(c.creator.profile.id),
      attributedToId: '999999999',
      title: 'Nowhere'
    });
    expect(missing.errors?.[0]?.code).toBe('not_found');
  });

  it('records the history lines and the domain events of a group event', async () => {
    const c = await cast();
    const event = await groupEvent(c, { draft: true });
    await c.people.administrator.client.query(UPDATE, { eventId: event.id, title: 'Cleaning the banks', draft: false });
    await c.people.moderator.client.query(DELETE, { eventId: event.id });
    const lines = await t.app.database.db
      .select()
      .from(groupActivities)
      .where(and(eq(groupActivities.groupId, c.group.id), eq(groupActivities.type, 'event')))
      .orderBy(groupActivities.id);
    expect(lines.map((l) => [l.subject, l.authorId, l.subjectParams.event_title])).toEqual([
      ['event_created', c.people.moderator.profile.id, 'Cleaning the river banks'],
      ['event_updated', c.people.administrator.profile.id, 'Cleaning the banks'],
      ['event_deleted', c.people.moderator.profile.id, 'Cleaning the banks']
    ]);
    const facts = await t.app.database.db.select().from(domainEvents).orderBy(domainEvents.id);
    const mine = facts.filter((f) => (f.payload as { eventId?: number }).eventId === Number(event.id));
    expect(mine.map((f) => f.type)).toEqual(['EventCreated', 'EventUpdated', 'GroupEventPublished', 'EventDeleted']);
  });
});

describe("changing and deleting a group's events", () => {
  it('lets the moderators and administrators of the group update it, not the others', async () => {
    const c = await cast();
    const event = await groupEvent(c);
    for (const role of ROLES) {
      const res = await send<{ updateEvent: { title: string } }>(c, role, UPDATE, {
        eventId: event.id,
        title: `Renamed by the ${role}`
      });
      if (ALLOWED.includes(role)) expect(res.data?.updateEvent.title, role).toBe(`Renamed by the ${role}`);
      else expect(res.errors?.[0]?.code, role).toBe(role === 'anonymous' ? 'unauthenticated' : 'unauthorized');
    }
  });

  it('lets the moderators and administrators of the group delete it, not the others', async () => {
    const c = await cast();
    for (const role of ROLES) {
      const event = await groupEvent(c);
      const res = await send<{ deleteEvent: { id: string } }>(c, role, DELETE, { eventId: event.id });
      if (ALLOWED.includes(role)) expect(res.data?.deleteEvent.id, role).toBe(event.id);
      else expect(res.errors?.[0]?.code, role).toBe(role === 'anonymous' ? 'unauthenticated' : 'unauthorized');
    }
  });

  it('takes the right away from a moderator made a plain member again', async () => {
    const c = await cast();
    const event = await groupEvent(c);
    await withRole(t.app, c.group, c.people.moderator.profile, 'member');
    const res = await c.people.moderator.client.query(UPDATE, { eventId: event.id, title: 'Still mine?' });
    expect(res.errors?.[0]?.code).toBe('unauthorized');
  });

  it("moves a personal event into a group only for someone who may create the group's events", async () => {
    const c = await cast();
    const MOVE = `mutation($eventId: ID!, $attributedToId: ID) {
      updateEvent(eventId: $eventId, attributedToId: $attributedToId) { id attributedTo { id } } }`;
    for (const [role, allowed] of [
      ['member', false],
      ['moderator', true]
    ] as const) {
      const own = await c.people[role].client.query<Created>(CREATE, {
        organizerActorId: String(c.people[role].profile.id),
        title: 'My own event'
      });
      const res = await c.people[role].client.query<{ updateEvent: { attributedTo: { id: string } | null } }>(MOVE, {
        eventId: own.data!.createEvent.id,
        attributedToId: String(c.group.id)
      });
      if (allowed) expect(res.data?.updateEvent.attributedTo?.id).toBe(String(c.group.id));
      else expect(res.errors?.[0]?.code).toBe('unauthorized');
    }
  });
});

describe("seeing a group's drafts and private events", () => {
  it('shows a draft and a private event to the members of the group only', async () => {
    const c = await cast();
    const draft = await groupEvent(c, { draft: true, title: 'Draft cleanup' });
    const secret = await groupEvent(c, { visibility: 'PRIVATE', title: 'Members cleanup' });
    await groupEvent(c, { title: 'Public cleanup' });
    const seeing: Role[] = ['member', 'moderator', 'administrator'];
    for (const role of ROLES) {
      for (const event of [draft, secret]) {
        const res = await send<{ event: { id: string } | null }>(c, role, EVENT, { uuid: event.uuid });
        if (seeing.includes(role)) expect(res.data?.event?.id, role).toBe(event.id);
        else expect(res.errors?.[0]?.code, role).toBe('not_found');
      }
      const listed = await send<{ group: { organizedEvents: { elements: { title: string; draft: boolean }[] } } }>(
        c,
        role,
        ORGANIZED,
        { name: c.group.preferredUsername }
      );
      const titles = listed.data!.group.organizedEvents.elements.map((e) => e.title).sort();
      expect(titles, role).toEqual(
        seeing.includes(role) ? ['Draft cleanup', 'Members cleanup', 'Public cleanup'] : ['Public cleanup']
      );
    }
  });
});

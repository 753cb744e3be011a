import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(async () => t?.stop());

const op = (name: string) => mobilizonOperation(name).source;

interface FullEvent {
  id: string;
  uuid: string;
  title: string;
  language: string;
  draft: boolean;
  tags: { slug: string; title: string }[];
  metadata: { key: string; value: string; type: string }[];
  contacts: { id: string }[];
  options: { timezone: string; maximumAttendeeCapacity: number };
  physicalAddress: { locality: string; timezone: string | null } | null;
  picture: { id: string } | null;
}

/** What Mobilizon's event form sends on creation. */
const formVariables = (organizerActorId: number, contactId: number) => ({
  organizerActorId: String(organizerActorId),
  attributedToId: null,
  title: 'Atelier de réparation de vélos',
  description: '<p>Venez réparer votre vélo avec nous : freins, lumières et crevaisons.</p>',
  beginsOn: '2035-04-12T08:00:00.000Z',
  endsOn: '2035-04-12T11:00:00.000Z',
  status: 'CONFIRMED',
  visibility: 'PUBLIC',
  joinOptions: 'FREE',
  externalParticipationUrl: null,
  draft: false,
  tags: ['Vélo', 'Réparation'],
  picture: null,
  onlineAddress: '',
  phoneAddress: '',
  category: 'SPORTS',
  physicalAddress: {
    geom: '-73.5673;45.5017',
    street: '',
    locality: 'Montréal',
    postalCode: '',
    region: 'Québec',
    country: 'Canada',
    description: 'Parc La Fontaine',
    type: 'park',
    url: null,
    originId: null,
    timezone: null
  },
  options: {
    maximumAttendeeCapacity: 12,
    showRemainingAttendeeCapacity: true,
    anonymousParticipation: false,
    commentModeration: 'ALLOW_ALL',
    showParticipationPrice: false,
    hideNumberOfParticipants: false,
    showStartTime: true,
    showEndTime: true,
    isOnline: false,
    offers: [],
    participationConditions: [],
    attendees: []
  },
  contacts: [{ id: String(contactId) }],
  metadata: [
    { key: 'mz:accessibility:wheelchairAccessible', value: 'partially', type: 'STRING' },
    { key: 'mz:accessibility:live:sign_language', value: 'true', type: 'BOOLEAN' }
  ]
});

describe.skipIf(!hasMobilizonCorpus())("Mobilizon's event documents", () => {
  it('createEvent, FetchEvent, FetchEventBasic, updateEvent, FetchEvents, Tags, FilterTags and DeleteEvent run', async () => {
    const rose = await createUserWithProfile(t.app);
    const friend = await createUserWithProfile(t.app);
    const client = await clientAs(t.app, rose.email, rose.password);

    const created = await client.query<{ createEvent: FullEvent }>(
      op('createEvent'),
      formVariables(rose.profile.id, friend.profile.id)
    );
    expect(created.errors).toBeUndefined();
    const event = created.data!.createEvent;
    expect(event).toMatchObject({
      title: 'Atelier de réparation de vélos',
      language: 'fr',
      tags: [
        { slug: 'reparation', title: 'Réparation' },
        { slug: 'velo', title: 'Vélo' }
      ],
      metadata: [
        { key: 'mz:accessibility:wheelchairAccessible', value: 'partially', type: 'STRING' },
        { key: 'mz:accessibility:live:sign_language', value: 'true', type: 'BOOLEAN' }
      ],
      contacts: [{ id: String(friend.profile.id) }],
      options: { timezone: 'America/Toronto', maximumAttendeeCapacity: 12 },
      picture: null
    });

    const fetched = await gql<{ event: FullEvent }>(t.app, op('FetchEvent'), { uuid: event.uuid });
    expect(fetched.errors).toBeUndefined();
    expect(fetched.data?.event).toMatchObject({ id: event.id, tags: event.tags, metadata: event.metadata });
    const basic = await gql<{ event: { id: string; participantStats: { going: number } } }>(
      t.app,
      op('FetchEventBasic'),
      { uuid: event.uuid }
    );
    expect(basic.data?.event).toMatchObject({ id: event.id, participantStats: { going: 1 } });

    const form = formVariables(rose.profile.id, friend.profile.id);
    const updated = await client.query<{ updateEvent: FullEvent }>(op('updateEvent'), {
      ...form,
      id: event.id,
      tags: ['Vélo'],
      contacts: [],
      metadata: [],
      options: { ...form.options, timezone: 'America/Montreal' }
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateEvent).toMatchObject({
      tags: [{ slug: 'velo', title: 'Vélo' }],
      contacts: [],
      metadata: [],
      options: { timezone: 'America/Montreal' }
    });

    const list = await gql<{ events: { total: number; elements: { uuid: string; tags: { slug: string }[] }[] } }>(
      t.app,
      op('FetchEvents'),
      { orderBy: 'INSERTED_AT', direction: 'DESC', page: 1, limit: 10 }
    );
    expect(list.errors).toBeUndefined();
    expect(list.data?.events.elements[0]).toMatchObject({ uuid: event.uuid, tags: [{ slug: 'velo' }] });

    const tags = await gql<{ tags: { slug: string; related: { slug: string }[] }[] }>(t.app, op('Tags'));
    expect(tags.errors).toBeUndefined();
    expect(tags.data?.tags.map((tag) => tag.slug)).toEqual(expect.arrayContaining(['reparation', 'velo']));
    const filtered = await gql<{ tags: { slug: string }[] }>(t.app, op('FilterTags'), { filter: 'vél' });
    expect(filtered.data?.tags).toEqual([{ id: expect.any(String), slug: 'velo', title: 'Vélo' }]);

    const deleted = await client.query<{ deleteEvent: { id: string } }>(op('DeleteEvent'), { eventId: event.id });
    expect(deleted.data?.deleteEvent.id).toBe(event.id);
    const gone = await gql(t.app, op('FetchEvent'), { uuid: event.uuid });
    expect(gone.errors?.[0]?.message).toMatch(/not found/i);
  });

  it('FetchEvents shows neither drafts nor private events', async () => {
    const rose = await createUserWithProfile(t.app);
    const client = await clientAs(t.app, rose.email, rose.password);
    const base = formVariables(rose.profile.id, rose.profile.id);
    const hidden = [
      { ...base, title: 'Hidden draft', draft: true },
      { ...base, title: 'Hidden private', visibility: 'PRIVATE' }
    ];
    for (const variables of hidden) {
      const res = await client.query(op('createEvent'), variables);
      expect(res.errors).toBeUndefined();
    }
    const list = await gql<{ events: { elements: { title: string }[] } }>(t.app, op('FetchEvents'), { limit: 50 });
    expect(list.data?.events.elements.map((e) => e.title)).not.toContain('Hidden draft');
    expect(list.data?.events.elements.map((e) => e.title)).not.toContain('Hidden private');
  });
});

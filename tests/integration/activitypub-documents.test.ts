import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import sharp from 'sharp';
import { createUserWithProfile } from '../helpers/factories.ts';

let t: TestApp;
const get = (path: string, accept = 'application/activity+json') =>
  t.app.handle(new Request(`${t.baseUrl}${path}`, { headers: { accept } }));
const json = async (path: string, accept?: string) => {
  const response = await get(path, accept);
  expect(response?.status).toBe(200);
  return (await response!.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON documents under test
};

beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(async () => t?.stop());

describe('discovery documents', () => {
  it('serves the instance actor at /relay with a public key', async () => {
    const relay = await json('/relay');
    expect(relay.type).toBe('Application');
    expect(relay.id).toBe(`${t.baseUrl}/relay`);
    expect(relay.preferredUsername).toBe('relay');
    expect(relay.inbox).toBe(`${t.baseUrl}/inbox`);
    expect(relay.publicKey.id).toBe(`${t.baseUrl}/relay#main-key`);
    expect(relay.publicKey.publicKeyPem).toContain('BEGIN PUBLIC KEY');
  });

  it('links NodeInfo 2.0 and 2.1 and the instance actor (FEP-2677)', async () => {
    const links = (await json('/.well-known/nodeinfo', 'application/json')).links as { rel: string; href: string }[];
    expect(links.map((l) => l.rel)).toEqual([
      'http://nodeinfo.diaspora.software/ns/schema/2.0',
      'http://nodeinfo.diaspora.software/ns/schema/2.1',
      'https://www.w3.org/ns/activitystreams#Application'
    ]);
    const info = await json('/.well-known/nodeinfo/2.1', 'application/json');
    expect(info).toMatchObject({ version: '2.1', protocols: ['activitypub'], software: { name: 'convene' } });
    expect((await json('/.well-known/nodeinfo/2.0', 'application/json')).software.repository).toBeUndefined();
  });

  it('answers WebFinger for the relay and for a profile, and host-meta', async () => {
    const { profile } = await createUserWithProfile(t.app, { username: 'webfinger_me' });
    const host = new URL(t.baseUrl).host;
    const relay = await json(`/.well-known/webfinger?resource=acct:relay@${host}`, 'application/jrd+json');
    expect(relay.links.find((l: { rel: string }) => l.rel === 'self').href).toBe(`${t.baseUrl}/relay`);
    const person = await json(
      `/.well-known/webfinger?resource=acct:${profile.preferredUsername}@${host}`,
      'application/jrd+json'
    );
    expect(person.subject).toBe(`acct:webfinger_me@${host}`);
    expect(person.links.find((l: { rel: string }) => l.rel === 'self').href).toBe(`${t.baseUrl}/@webfinger_me`);
    const unknown = await get(`/.well-known/webfinger?resource=acct:nobody_here@${host}`, 'application/jrd+json');
    expect(unknown?.status).toBe(404);
    const hostMeta = await get('/.well-known/host-meta', 'application/xrd+xml');
    expect(await hostMeta!.text()).toContain(`template="${t.baseUrl}/.well-known/webfinger?resource={uri}"`);
  });

  it('serves a profile as a Person with inbox, outbox, followers, following and a key', async () => {
    await createUserWithProfile(t.app, { username: 'person_doc' });
    const person = await json('/@person_doc');
    expect(person).toMatchObject({
      type: 'Person',
      id: `${t.baseUrl}/@person_doc`,
      preferredUsername: 'person_doc',
      inbox: `${t.baseUrl}/@person_doc/inbox`,
      outbox: `${t.baseUrl}/@person_doc/outbox`,
      followers: `${t.baseUrl}/@person_doc/followers`,
      following: `${t.baseUrl}/@person_doc/following`,
      endpoints: { sharedInbox: `${t.baseUrl}/inbox` }
    });
    expect(person.publicKey.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    // Served twice, the second time from the serialized cache: the same document.
    expect(await json('/@person_doc')).toEqual(person);
    // A browser gets the page, not JSON.
    expect(await get('/@person_doc', 'text/html')).toBeUndefined();
  });
});

describe('events as ActivityPub objects', () => {
  it("serves an event in Mobilizon's shape", async () => {
    const { user, profile } = await createUserWithProfile(t.app, { username: 'organizer_ap' });
    const event = await t.app.services.events.createEvent(user.id, {
      organizerActorId: profile.id,
      title: 'Repair café',
      description: '<p>Bring what is broken</p>',
      beginsOn: new Date('2026-03-14T13:00:00Z'),
      endsOn: new Date('2026-03-14T16:00:00Z'),
      physicalAddress: {
        description: 'Maison de quartier',
        street: '10 rue des Lilas',
        locality: 'Lyon',
        postalCode: '69003',
        country: 'France',
        geom: '4.85;45.76'
      },
      options: { timezone: 'Europe/Paris', maximumAttendeeCapacity: 20 }
    });
    const doc = await json(`/events/${event.uuid}`);
    expect(doc['@context'][0]).toBe('https://www.w3.org/ns/activitystreams');
    expect(doc['@context'][2].mz).toBe('https://joinmobilizon.org/ns#');
    expect(doc['@context'][2].timezone).toEqual({ '@id': 'mz:timezone', '@type': 'sc:Text' });
    expect(doc).toMatchObject({
      type: 'Event',
      id: `${t.baseUrl}/events/${event.uuid}`,
      uuid: event.uuid,
      name: 'Repair café',
      content: '<p>Bring what is broken</p>',
      mediaType: 'text/html',
      startTime: '2026-03-14T14:00:00+01:00',
      endTime: '2026-03-14T17:00:00+01:00',
      timezone: 'Europe/Paris',
      attributedTo: `${t.baseUrl}/@organizer_ap`,
      actor: `${t.baseUrl}/@organizer_ap`,
      joinMode: 'free',
      maximumAttendeeCapacity: 20,
      remainingAttendeeCapacity: 20,
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      location: {
        type: 'Place',
        name: 'Maison de quartier',
        latitude: 45.76,
        longitude: 4.85,
        address: {
          type: 'PostalAddress',
          streetAddress: '10 rue des Lilas',
          addressLocality: 'Lyon',
          postalCode: '69003',
          addressCountry: 'France'
        }
      }
    });
    expect(doc.summary).toContain('Europe/Paris');
    expect(await get(`/events/${event.uuid}`, 'text/html')).toBeUndefined();
  });

  it("carries Mobilizon's whole term set for a fully filled event", async () => {
    const { user, profile } = await createUserWithProfile(t.app, { username: 'full_organizer' });
    const contact = await t.app.services.actors.createPerson(user.id, { preferredUsername: 'full_contact' });
    const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 9, g: 9, b: 9 } } })
      .png()
      .toBuffer();
    const event = await t.app.services.events.createEvent(user.id, {
      organizerActorId: profile.id,
      title: 'Atelier vélo',
      description: '<p>Réparons ensemble</p>',
      beginsOn: new Date('2030-05-04T08:00:00Z'),
      endsOn: new Date('2030-05-04T11:00:00Z'),
      category: 'CRAFTS',
      tags: ['vélo', 'réparation'],
      joinOptions: 'restricted',
      status: 'tentative',
      onlineAddress: 'https://visio.example/atelier',
      language: 'fr',
      metadata: [{ key: 'mz:accessibility:wheelchairAccessible', value: 'fully', type: 'STRING' }],
      contactActorIds: [contact.id],
      picture: { upload: { name: 'Banner', file: new File([new Uint8Array(bytes)], 'b.png', { type: 'image/png' }) } },
      physicalAddress: { description: 'Atelier', locality: 'Nantes', country: 'France', geom: '-1.55;47.21' },
      options: {
        timezone: 'Europe/Paris',
        maximumAttendeeCapacity: 12,
        commentModeration: 'moderated',
        anonymousParticipation: true
      }
    });
    const doc = await json(`/events/${event.uuid}`);
    // activitypub.md §7, "Outgoing keys", in full.
    const mobilizonKeys = [
      'type',
      'id',
      'url',
      'to',
      'cc',
      'attributedTo',
      'actor',
      'name',
      'uuid',
      'category',
      'content',
      'mediaType',
      'summary',
      'published',
      'updated',
      'startTime',
      'endTime',
      'joinMode',
      'externalParticipationUrl',
      'tag',
      'maximumAttendeeCapacity',
      'remainingAttendeeCapacity',
      'participantCount',
      'repliesModerationOption',
      'commentsEnabled',
      'anonymousParticipationEnabled',
      'attachment',
      'draft',
      'status',
      'ical:status',
      'inLanguage',
      'timezone',
      'contacts',
      'isOnline',
      'location'
    ];
    expect(
      Object.keys(doc)
        .filter((k) => k !== '@context')
        .sort()
    ).toEqual([...mobilizonKeys].sort());
    expect(doc).toMatchObject({
      category: 'CRAFTS',
      joinMode: 'restricted',
      status: 'TENTATIVE',
      'ical:status': 'TENTATIVE',
      inLanguage: 'fr',
      repliesModerationOption: 'moderated',
      commentsEnabled: false,
      anonymousParticipationEnabled: true,
      maximumAttendeeCapacity: 12,
      draft: false,
      contacts: [`${t.baseUrl}/@full_contact`]
    });
    expect(doc.tag).toEqual(
      expect.arrayContaining([
        { type: 'Hashtag', name: '#velo', href: `${t.baseUrl}/tags/velo` },
        { type: 'Hashtag', name: '#reparation', href: `${t.baseUrl}/tags/reparation` }
      ])
    );
    expect(doc.attachment).toEqual(
      expect.arrayContaining([
        { type: 'PropertyValue', propertyID: 'mz:accessibility:wheelchairAccessible', value: 'fully' },
        { type: 'Link', href: 'https://visio.example/atelier', mediaType: 'text/html', name: 'Website' },
        expect.objectContaining({ type: 'Document', name: 'Banner', mediaType: 'image/png' })
      ])
    );
    // Every term we use is defined by the context (Mobilizon's own), or one Mobilizon emits undeclared.
    const defined = new Set(Object.keys(doc['@context'][2]));
    const asTerms = [
      'type',
      'id',
      'url',
      'to',
      'cc',
      'attributedTo',
      'actor',
      'name',
      'content',
      'mediaType',
      'summary',
      'published',
      'updated',
      'startTime',
      'endTime',
      'tag',
      'attachment'
    ];
    const undeclared = ['ical:status', 'draft', 'contacts'];
    expect(mobilizonKeys.filter((k) => !defined.has(k) && !asTerms.includes(k) && !undeclared.includes(k))).toEqual([]);
  });

  it('does not serve drafts', async () => {
    const { user, profile } = await createUserWithProfile(t.app);
    const draft = await t.app.services.events.createEvent(user.id, {
      organizerActorId: profile.id,
      title: 'Secret plan',
      beginsOn: new Date('2026-05-01T10:00:00Z'),
      draft: true
    });
    expect(await get(`/events/${draft.uuid}`)).toBeUndefined();
  });
});

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs, type GraphQLResponse } from '../helpers/graphql.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false, env: { MEDIA_MAX_BYTES: '200000' } });
});
afterAll(async () => t?.stop());

const FIELDS = `id uuid title language longEvent beginsOn endsOn
  picture { id url name metadata { width height } } media { id }
  tags { id slug title } metadata { key title value type } contacts { id preferredUsername }
  options { timezone } physicalAddress { locality geom }`;

const CREATE = `mutation Create($organizerActorId: ID!, $title: String!, $description: String!, $beginsOn: DateTime!,
  $endsOn: DateTime, $tags: [String], $picture: MediaInput, $metadata: [EventMetadataInput], $contacts: [Contact],
  $physicalAddress: AddressInput, $options: EventOptionsInput, $language: String, $draft: Boolean,
  $visibility: EventVisibility) {
  createEvent(organizerActorId: $organizerActorId, title: $title, description: $description, beginsOn: $beginsOn,
    endsOn: $endsOn, tags: $tags, picture: $picture, metadata: $metadata, contacts: $contacts,
    physicalAddress: $physicalAddress, options: $options, language: $language, draft: $draft,
    visibility: $visibility) { ${FIELDS} }
}`;

const UPDATE = `mutation Update($eventId: ID!, $title: String, $description: String, $tags: [String],
  $picture: MediaInput, $metadata: [EventMetadataInput], $contacts: [Contact], $language: String,
  $physicalAddress: AddressInput, $options: EventOptionsInput) {
  updateEvent(eventId: $eventId, title: $title, description: $description, tags: $tags, picture: $picture,
    metadata: $metadata, contacts: $contacts, language: $language, physicalAddress: $physicalAddress,
    options: $options) { ${FIELDS} }
}`;

const UPLOAD = `mutation($file: Upload!, $name: String!) { uploadMedia(file: $file, name: $name) { id } }`;
const FETCH = `query($uuid: UUID!) { event(uuid: $uuid) { ${FIELDS} } }`;

interface EventResult {
  id: string;
  uuid: string;
  title: string;
  language: string;
  longEvent: boolean;
  picture: { id: string; url: string; name: string | null; metadata: { width: number; height: number } } | null;
  media: { id: string }[];
  tags: { id: string; slug: string; title: string }[];
  metadata: { key: string; title: string | null; value: string; type: string }[];
  contacts: { id: string; preferredUsername: string }[];
  options: { timezone: string | null };
  physicalAddress: { locality: string | null; geom: string | null } | null;
}
type Created = { createEvent: EventResult };
type Updated = { updateEvent: EventResult };

const FRENCH = {
  title: 'Pique-nique des voisins',
  description: '<p>Rendez-vous au parc pour un pique-nique entre voisins, apportez vos plats et vos jeux.</p>'
};

const jpeg = async (width = 80, height = 60) => {
  const bytes = await sharp({ create: { width, height, channels: 3, background: { r: 200, g: 90, b: 30 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'SpyCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1' } })
    .toBuffer();
  return new File([new Uint8Array(bytes)], 'banner.jpg', { type: 'image/jpeg' });
};

const uploadsDir = () => join(t.dataDir, 'uploads');
const storedFiles = async () => readdir(uploadsDir()).catch(() => [] as string[]);
const count = async (table: string) =>
  Number((await t.app.database.pool.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]!.n);

/** A GraphQL multipart request (files at the given variable paths). */
async function multipart<T>(
  token: string,
  query: string,
  variables: Record<string, unknown>,
  files: Record<string, File>
): Promise<GraphQLResponse<T>> {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables }));
  const paths = Object.keys(files);
  form.set('map', JSON.stringify(Object.fromEntries(paths.map((path, i) => [String(i), [`variables.${path}`]]))));
  paths.forEach((path, i) => form.set(String(i), files[path]!));
  const request = new Request(`${t.app.config.publicUrl}/api`, {
    method: 'POST',
    headers: { accept: 'application/json', authorization: `Bearer ${token}` },
    body: form
  });
  const response = (await t.app.handle(request, `198.18.9.${Math.floor(Math.random() * 250)}`)) as Response;
  const json = (await response.json()) as { data?: T; errors?: GraphQLResponse<T>['errors'] };
  return { status: response.status, data: json.data ?? null, errors: json.errors, raw: json };
}

async function organizer() {
  const rose = await createUserWithProfile(t.app);
  const client = await clientAs(t.app, rose.email, rose.password);
  return { ...rose, client };
}

async function uploadAs(client: Awaited<ReturnType<typeof organizer>>['client']) {
  const res = await multipart<{ uploadMedia: { id: string } }>(
    client.accessToken,
    UPLOAD,
    { file: null, name: 'kept.jpg' },
    { file: await jpeg(40, 30) }
  );
  expect(res.errors).toBeUndefined();
  return res.data!.uploadMedia.id;
}

const baseEvent = (organizerActorId: number) => ({
  organizerActorId: String(organizerActorId),
  ...FRENCH,
  beginsOn: '2031-07-01T16:00:00Z',
  endsOn: '2031-07-01T19:00:00Z'
});

describe('createEvent with every field', () => {
  it('stores the uploaded picture, tags, detected language, metadata, contacts and the zone of the place', async () => {
    const rose = await organizer();
    const friend = await createUserWithProfile(t.app);
    const before = await storedFiles();
    const res = await multipart<Created>(
      rose.client.accessToken,
      CREATE,
      {
        ...baseEvent(rose.profile.id),
        tags: ['Pique-nique', ' Jardin partagé ', '#pique-nique', null],
        picture: { media: { name: 'Affiche', file: null } },
        metadata: [
          { key: 'mz:accessibility:wheelchairAccessible', value: 'fully', type: 'STRING' },
          { key: 'mz:live:peertube:url', value: 'https://video.example/w/abc', title: 'Direct' }
        ],
        contacts: [{ id: String(friend.profile.id) }],
        physicalAddress: { description: 'Parc La Fontaine', locality: 'Montréal', geom: '-73.5673;45.5017' }
      },
      { 'picture.media.file': await jpeg() }
    );
    expect(res.errors).toBeUndefined();
    const event = res.data!.createEvent;
    expect(event.language).toBe('fr');
    expect(event.longEvent).toBe(false);
    expect(event.tags.map((tag) => [tag.slug, tag.title])).toEqual([
      ['jardin-partage', 'Jardin partagé'],
      ['pique-nique', 'Pique-nique']
    ]);
    expect(event.metadata).toEqual([
      { key: 'mz:accessibility:wheelchairAccessible', title: null, value: 'fully', type: 'STRING' },
      { key: 'mz:live:peertube:url', title: 'Direct', value: 'https://video.example/w/abc', type: 'STRING' }
    ]);
    expect(event.contacts).toEqual([
      { id: String(friend.profile.id), preferredUsername: friend.profile.preferredUsername }
    ]);
    expect(event.options.timezone).toBe('America/Toronto');
    expect(event.physicalAddress?.geom).toBe('-73.5673;45.5017');

    // The picture is the organizer's media, re-encoded without its EXIF and GPS data.
    expect(event.picture).toMatchObject({ name: 'Affiche', metadata: { width: 80, height: 60 } });
    expect(event.media).toEqual([{ id: event.picture!.id }]);
    const { rows } = await t.app.database.pool.query<{ actor_id: string; file_name: string }>(
      'select actor_id, file_name from media where id = $1',
      [event.picture!.id]
    );
    expect(Number(rows[0]!.actor_id)).toBe(rose.profile.id);
    expect(await storedFiles()).toEqual(expect.arrayContaining([...before, rows[0]!.file_name]));
    const stored = await sharp(join(uploadsDir(), rows[0]!.file_name)).metadata();
    expect(stored.exif).toBeUndefined();

    const stored2 = await t.app.database.pool.query<{ timezone: string; language: string; picture_id: string }>(
      'select timezone, language, picture_id from events where id = $1',
      [event.id]
    );
    expect(stored2.rows[0]).toMatchObject({
      timezone: 'America/Toronto',
      language: 'fr',
      picture_id: event.picture!.id
    });

    // Anyone reading the event sees the same fields.
    const visitor = await clientAs(t.app, friend.email, friend.password);
    const read = await visitor.query<{ event: EventResult }>(FETCH, { uuid: event.uuid });
    expect(read.data?.event).toMatchObject({
      tags: event.tags,
      metadata: event.metadata,
      contacts: event.contacts,
      picture: { id: event.picture!.id }
    });
  });

  it('keeps a language given by the organizer and calls long events long', async () => {
    const rose = await organizer();
    const res = await rose.client.query<Created>(CREATE, {
      ...baseEvent(rose.profile.id),
      endsOn: '2031-08-15T19:00:00Z',
      language: 'es'
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.createEvent).toMatchObject({ language: 'es', longEvent: true });
  });

  it('answers und for a text too short to tell', async () => {
    const rose = await organizer();
    const res = await rose.client.query<Created>(CREATE, {
      ...baseEvent(rose.profile.id),
      title: 'Yoga',
      description: ''
    });
    expect(res.data?.createEvent.language).toBe('und');
  });

  it("takes the organizer's time zone setting without a place, else UTC; an explicit zone wins", async () => {
    const rose = await organizer();
    const bare = await rose.client.query<Created>(CREATE, baseEvent(rose.profile.id));
    expect(bare.data?.createEvent.options.timezone).toBe('UTC');
    const saved = await rose.client.query('mutation { setUserSettings(timezone: "Asia/Tokyo") { timezone } }');
    expect(saved.errors).toBeUndefined();
    const withSetting = await rose.client.query<Created>(CREATE, baseEvent(rose.profile.id));
    expect(withSetting.data?.createEvent.options.timezone).toBe('Asia/Tokyo');
    const explicit = await rose.client.query<Created>(CREATE, {
      ...baseEvent(rose.profile.id),
      physicalAddress: { locality: 'Montréal', geom: '-73.5673;45.5017' },
      options: { timezone: 'Europe/Paris' }
    });
    expect(explicit.data?.createEvent.options.timezone).toBe('Europe/Paris');
  });

  it('refuses bad tags, metadata, contacts and pictures, and stores nothing', async () => {
    const rose = await organizer();
    const [events, tags, media] = [await count('events'), await count('tags'), await count('media')];
    const files = await storedFiles();
    const refusals: [Record<string, unknown>, RegExp][] = [
      [{ tags: Array.from({ length: 11 }, (_, i) => `tag${i}`) }, /at most 10 tags/],
      [{ tags: ['x'.repeat(41)] }, /at most 40 characters/],
      [{ tags: ['fine'], metadata: [{ key: 'mz:live:youtube:url', value: 'javascript:alert(1)' }] }, /http\(s\) URL/],
      [{ tags: ['fine'], metadata: [{ key: 'tracker:id', value: '1' }] }, /Unknown metadata key/],
      [{ tags: ['fine'], contacts: [{ id: '999999999' }] }, /not a known profile/],
      [{ tags: ['fine'], picture: { mediaId: '999999999' } }, /Media not found/]
    ];
    for (const [variables, message] of refusals) {
      const res = await rose.client.query<Created>(CREATE, { ...baseEvent(rose.profile.id), ...variables });
      expect(res.errors?.[0]?.message, JSON.stringify(variables)).toMatch(message);
    }
    const notAPicture = await multipart<Created>(
      rose.client.accessToken,
      CREATE,
      { ...baseEvent(rose.profile.id), tags: ['fine'], picture: { media: { name: 'x', file: null } } },
      { 'picture.media.file': new File(['<svg onload="alert(1)"/>'], 'x.jpg', { type: 'image/jpeg' }) }
    );
    expect(notAPicture.errors?.[0]?.message).toMatch(/not a picture/);
    // A picture accepted but an event refused afterwards leaves no file either.
    const lateRefusal = await multipart<Created>(
      rose.client.accessToken,
      CREATE,
      { ...baseEvent(rose.profile.id), contacts: [{ id: '999999999' }], picture: { media: { name: 'x', file: null } } },
      { 'picture.media.file': await jpeg() }
    );
    expect(lateRefusal.errors?.[0]?.message).toMatch(/not a known profile/);
    expect([await count('events'), await count('tags'), await count('media')]).toEqual([events, tags, media]);
    expect((await storedFiles()).sort()).toEqual(files.sort());
  });
});

describe('updateEvent with every field', () => {
  async function created() {
    const rose = await organizer();
    const friend = await createUserWithProfile(t.app);
    const res = await rose.client.query<Created>(CREATE, {
      ...baseEvent(rose.profile.id),
      tags: ['Vélo', 'Atelier'],
      metadata: [{ key: 'mz:accessibility:smokeFree', value: 'true' }],
      contacts: [{ id: String(friend.profile.id) }]
    });
    expect(res.errors).toBeUndefined();
    return { rose, friend, event: res.data!.createEvent };
  }

  it('replaces the picture by one of my media, the tags, metadata and contacts; re-detects or keeps the language', async () => {
    const { rose, event } = await created();
    const mediaId = await uploadAs(rose.client);
    const res = await rose.client.query<Updated>(UPDATE, {
      eventId: event.id,
      title: 'Bike repair workshop',
      description: '<p>Bring your bicycle, we will fix brakes, lights and punctures together.</p>',
      tags: ['velo', 'Réparation'],
      picture: { mediaId },
      metadata: [{ key: 'mz:visio:jitsi_meet', value: 'https://meet.example/room' }],
      contacts: []
    });
    expect(res.errors).toBeUndefined();
    const updated = res.data!.updateEvent;
    expect(updated.language).toBe('en');
    expect(updated.picture?.id).toBe(mediaId);
    // "velo" is the tag already known as "Vélo": merged, with its first title.
    expect(updated.tags.map((tag) => tag.title)).toEqual(['Réparation', 'Vélo']);
    expect(updated.tags.find((tag) => tag.slug === 'velo')?.id).toBe(event.tags.find((tag) => tag.slug === 'velo')?.id);
    expect(updated.metadata).toEqual([
      { key: 'mz:visio:jitsi_meet', title: null, value: 'https://meet.example/room', type: 'STRING' }
    ]);
    expect(updated.contacts).toEqual([]);

    const overridden = await rose.client.query<Updated>(UPDATE, { eventId: event.id, language: 'de' });
    expect(overridden.data?.updateEvent.language).toBe('de');
    // Arguments left out change nothing.
    expect(overridden.data?.updateEvent).toMatchObject({
      tags: updated.tags,
      metadata: updated.metadata,
      picture: { id: mediaId }
    });
    const removed = await rose.client.query<Updated>(UPDATE, { eventId: event.id, picture: null, tags: [] });
    expect(removed.data?.updateEvent).toMatchObject({ picture: null, tags: [] });
  });

  it('keeps an event picture that was also an avatar when the avatar changes', async () => {
    const { rose, event } = await created();
    const shared = await uploadAs(rose.client);
    const setAvatar = (mediaId: string) =>
      rose.client.query(`mutation($id: ID!, $m: ID!) { updatePerson(id: $id, avatar: { mediaId: $m }) { id } }`, {
        id: String(rose.profile.id),
        m: mediaId
      });
    expect((await setAvatar(shared)).errors).toBeUndefined();
    expect(
      (await rose.client.query(UPDATE, { eventId: event.id, picture: { mediaId: shared } })).errors
    ).toBeUndefined();
    expect((await setAvatar(await uploadAs(rose.client))).errors).toBeUndefined();
    const { rows } = await t.app.database.pool.query('select id from media where id = $1', [shared]);
    expect(rows).toHaveLength(1);
    const seen = await rose.client.query<{ event: { picture: { id: string } | null } }>(
      `query($uuid: UUID!) { event(uuid: $uuid) { picture { id } } }`,
      { uuid: event.uuid }
    );
    expect(seen.data?.event.picture?.id).toBe(shared);
  });

  it('moves the time zone with the place unless one is given', async () => {
    const { rose, event } = await created();
    const moved = await rose.client.query<Updated>(UPDATE, {
      eventId: event.id,
      physicalAddress: { locality: 'Tokyo', geom: '139.6917;35.6895' }
    });
    expect(moved.data?.updateEvent.options.timezone).toBe('Asia/Tokyo');
    const chosen = await rose.client.query<Updated>(UPDATE, {
      eventId: event.id,
      physicalAddress: { locality: 'Montréal', geom: '-73.5673;45.5017' },
      options: { timezone: 'Europe/Paris' }
    });
    expect(chosen.data?.updateEvent.options.timezone).toBe('Europe/Paris');
  });

  it("refuses someone else's media, bad metadata or contacts, and another organizer's event; nothing changes", async () => {
    const { rose, friend, event } = await created();
    const friendClient = await clientAs(t.app, friend.email, friend.password);
    const theirs = await uploadAs(friendClient);
    const attempts: [Record<string, unknown>, RegExp][] = [
      [{ tags: ['new'], picture: { mediaId: theirs } }, /belongs to someone else/],
      [{ tags: ['new'], metadata: [{ key: 'mz:accessibility:wheelchairAccessible', value: 'maybe' }] }, /one of/],
      [{ tags: ['new'], contacts: [{ id: 'abc' }] }, /not a known profile/],
      [{ tags: Array.from({ length: 12 }, (_, i) => `t${i}`) }, /at most 10 tags/]
    ];
    for (const [variables, message] of attempts) {
      const res = await rose.client.query<Updated>(UPDATE, { eventId: event.id, title: 'Changed title', ...variables });
      expect(res.errors?.[0]?.message, JSON.stringify(variables)).toMatch(message);
    }
    const notMine = await friendClient.query<Updated>(UPDATE, { eventId: event.id, tags: ['hijack'] });
    expect(notMine.errors?.[0]?.message).toMatch(/Only the organizer/);
    const read = await rose.client.query<{ event: EventResult }>(FETCH, { uuid: event.uuid });
    expect(read.data?.event).toMatchObject({
      title: event.title,
      tags: event.tags,
      metadata: event.metadata,
      contacts: event.contacts,
      picture: null
    });
  });
});

describe('tags and the public event list', () => {
  const TAGS =
    'query($filter: String, $page: Int, $limit: Int) { tags(filter: $filter, page: $page, limit: $limit) { slug title related { slug } } }';
  const EVENTS = `query($page: Int, $limit: Int, $orderBy: EventOrderBy, $direction: SortDirection, $longEvents: Boolean,
    $location: String, $radius: Float) {
    events(page: $page, limit: $limit, orderBy: $orderBy, direction: $direction, longEvents: $longEvents,
      location: $location, radius: $radius) { total elements { title relatedEvents { title } } } }`;
  type Listed = { events: { total: number; elements: { title: string; relatedEvents: { title: string }[] }[] } };

  it('finds tags by the start of their slug, with the tags seen with them', async () => {
    const rose = await organizer();
    await rose.client.query(CREATE, { ...baseEvent(rose.profile.id), tags: ['Zythologie', 'Zèbre rayé'] });
    const anyone = await clientAs(t.app, rose.email, rose.password);
    const found = await anyone.query<{ tags: { slug: string; title: string; related: { slug: string }[] }[] }>(TAGS, {
      filter: 'ZE'
    });
    expect(found.data?.tags).toEqual([{ slug: 'zebre-raye', title: 'Zèbre rayé', related: [{ slug: 'zythologie' }] }]);
    const paged = await anyone.query<{ tags: { slug: string }[] }>(TAGS, { filter: 'z', limit: 1, page: 2 });
    expect(paged.data?.tags.map((tag) => tag.slug)).toEqual(['zythologie']);
  });

  it('lists published public upcoming events only, paginated and sorted, with related events', async () => {
    const rose = await organizer();
    const at = (title: string, beginsOn: string, extra: Record<string, unknown> = {}) =>
      rose.client.query<Created>(CREATE, { ...baseEvent(rose.profile.id), title, beginsOn, endsOn: null, ...extra });
    const prefix = `L${Date.now()}`;
    const tags = [prefix];
    await at(`${prefix} one`, '2040-01-01T10:00:00Z', { tags });
    await at(`${prefix} two`, '2040-01-02T10:00:00Z', { tags });
    await at(`${prefix} three`, '2040-01-03T10:00:00Z', {
      tags,
      endsOn: '2040-03-09T10:00:00Z',
      physicalAddress: { locality: 'Lyon', geom: '4.8357;45.764' }
    });
    await at(`${prefix} draft`, '2040-01-04T10:00:00Z', { tags, draft: true });
    await at(`${prefix} private`, '2040-01-05T10:00:00Z', { tags, visibility: 'PRIVATE' });
    await at(`${prefix} past`, '2020-01-01T10:00:00Z', { tags });

    const visitor = await clientAs(t.app, (await createUserWithProfile(t.app)).email, 'correct horse battery staple');
    const all = await visitor.query<Listed>(EVENTS, { limit: 100 });
    const titles = all.data!.events.elements.map((e) => e.title).filter((title) => title.startsWith(prefix));
    expect(titles).toEqual([`${prefix} one`, `${prefix} two`, `${prefix} three`]);
    expect(all.data!.events.total).toBeGreaterThanOrEqual(3);

    const second = await visitor.query<Listed>(EVENTS, { limit: 1, page: 2 });
    expect(second.data?.events.elements.map((e) => e.title)).toEqual([all.data!.events.elements[1]!.title]);
    expect(second.data?.events.total).toBe(all.data!.events.total);
    const desc = await visitor.query<Listed>(EVENTS, { orderBy: 'BEGINS_ON', direction: 'DESC', limit: 1, page: 1 });
    expect(desc.data?.events.elements.map((e) => e.title)).toEqual([all.data!.events.elements.at(-1)!.title]);
    expect(desc.data?.events.total).toBe(all.data!.events.total);

    const long = await visitor.query<Listed>(EVENTS, { longEvents: true, limit: 100 });
    expect(long.data!.events.elements.map((e) => e.title)).toContain(`${prefix} three`);
    expect(long.data!.events.elements.map((e) => e.title)).not.toContain(`${prefix} one`);
    const near = await visitor.query<Listed>(EVENTS, { location: 'u05kq', radius: 20, limit: 100 });
    expect(near.data!.events.elements.map((e) => e.title)).toEqual([`${prefix} three`]);

    const first = all.data!.events.elements.find((e) => e.title === `${prefix} one`)!;
    expect(first.relatedEvents.map((e) => e.title).slice(0, 2)).toEqual([`${prefix} two`, `${prefix} three`]);
  });
});

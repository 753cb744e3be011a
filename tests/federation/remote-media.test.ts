import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#lib/server/db/schema/actors.ts';
import type { Media } from '#lib/server/db/schema/media.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { waitForIdleQueues } from '../helpers/db-snapshot.ts';
import { gql } from '../helpers/graphql.ts';
import { actorDocument, AP_JSON, startRemoteSink, type RemoteSink } from '../helpers/remote-sink.ts';
import { newSigningKey, signedPost, type GeneratedKey } from '../helpers/signed-post.ts';
import { waitFor } from '../helpers/wait.ts';

/**
 * Pictures of other servers are shown from copies stored here: a remote actor's avatar and banner
 * and a remote event's picture are fetched by a job (through the checked fetch), re-encoded without
 * their metadata and served at this instance's URLs. The remote server is a loopback sink.
 */
const AS = 'https://www.w3.org/ns/activitystreams';
const MAX_BYTES = 200_000;
let a: TestApp;
let sink: RemoteSink;

beforeAll(async () => {
  a = await createTestApp({ env: { MEDIA_MAX_BYTES: String(MAX_BYTES) } });
  sink = await startRemoteSink();
}, 60_000);
afterAll(async () => Promise.all([a?.stop(), sink?.close()]));

const fed = () => a.app.federation!;

/** A JPEG carrying EXIF (an author and a copyright someone did not mean to publish). */
async function jpegWithExif(color = '#c0392b'): Promise<Buffer> {
  return sharp({ create: { width: 120, height: 80, channels: 3, background: color } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Mallory Secret', Copyright: 'GPS 48.8566N 2.3522E' } })
    .toBuffer();
}

let sequence = 0;
/** Serves an actor on the sink with the given extra fields; returns its id and key. */
async function serveActor(fields: Record<string, unknown> = {}, name = `p${sequence++}`) {
  const id = `${sink.baseUrl}/users/${name}`;
  const key = await newSigningKey(`${id}#main-key`);
  sink.serve(`/users/${name}`, { headers: AP_JSON, body: { ...actorDocument(id, key.publicKeyPem), ...fields } });
  return { id, key, name };
}

const servePicture = (path: string, body: Uint8Array | string, type = 'image/jpeg') =>
  sink.serve(path, { headers: { 'content-type': type }, body });

const requestsFor = (path: string) => sink.requests.filter((r) => r.url === path).length;

async function mediaOf(id: number | null): Promise<Media | undefined> {
  if (id === null) return undefined;
  return (await a.app.services.queries.media.byIds([id]))[0];
}

async function storedActor(apId: string): Promise<Actor> {
  const actor = await a.app.services.queries.actors.byApId(apId);
  if (!actor) throw new Error(`${apId} not stored`);
  return actor;
}

const image = (url: string, mediaType = 'image/jpeg') => ({ type: 'Image', mediaType, url });

describe('a remote actor’s pictures', () => {
  it('are stored here, re-encoded without EXIF, and served from this instance', async () => {
    const original = await jpegWithExif();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    expect(original.includes('Mallory Secret')).toBe(true);
    servePicture('/pics/alice.jpg', original);
    servePicture('/pics/alice-banner.png', await sharp(original).png().toBuffer(), 'image/png');
    const { id } = await serveActor({
      icon: image(`${sink.baseUrl}/pics/alice.jpg`),
      image: image(`${sink.baseUrl}/pics/alice-banner.png`, 'image/png')
    });

    await fed().resolveActor(id);
    const actor = await waitFor(
      async () => {
        const stored = await storedActor(id);
        return stored.avatarId !== null && stored.bannerId !== null ? stored : undefined;
      },
      { what: 'the pictures to be cached' }
    );
    const avatar = (await mediaOf(actor.avatarId))!;
    expect(avatar.remoteUrl).toBe(`${sink.baseUrl}/pics/alice.jpg`);
    expect(avatar.url.startsWith(`${a.baseUrl}/media/`)).toBe(true);
    expect(avatar.contentType).toBe('image/jpeg');
    expect([avatar.width, avatar.height]).toEqual([120, 80]);
    const banner = (await mediaOf(actor.bannerId))!;
    expect(banner.remoteUrl).toBe(`${sink.baseUrl}/pics/alice-banner.png`);
    expect(banner.contentType).toBe('image/png');

    const served = await fetch(avatar.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.equals(original)).toBe(false);
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect(bytes.includes('Mallory Secret')).toBe(false);
    expect(bytes.includes('GPS 48.8566N')).toBe(false);
  });

  it('are fetched once per URL, whoever names them', async () => {
    servePicture('/pics/shared.jpg', await jpegWithExif('#2980b9'));
    const icon = image(`${sink.baseUrl}/pics/shared.jpg`);
    const first = await serveActor({ icon });
    const second = await serveActor({ icon });
    await fed().resolveActor(first.id);
    const one = await waitFor(async () => (await storedActor(first.id)).avatarId, { what: 'first avatar' });
    await fed().resolveActor(second.id);
    const two = await waitFor(async () => (await storedActor(second.id)).avatarId, { what: 'second avatar' });
    // Refreshing changes nothing either.
    await fed().resolveActor(first.id, { refresh: true });
    await waitForIdleQueues(a.app);
    expect(two).toBe(one);
    expect((await storedActor(first.id)).avatarId).toBe(one);
    expect(requestsFor('/pics/shared.jpg')).toBe(1);
    const { rows } = await a.app.database.pool.query('select id from media where remote_url = $1', [icon.url]);
    expect(rows).toHaveLength(1);
  });

  it('leave no picture when the file is too large, not a picture, or missing — and are not retried', async () => {
    const huge = new Uint8Array(MAX_BYTES + 10_000);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    servePicture('/pics/huge.jpg', huge);
    servePicture('/pics/page.jpg', '<html><script>alert(1)</script></html>', 'image/jpeg');
    servePicture('/pics/svg.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'image/svg+xml');
    servePicture('/pics/html', '<html></html>', 'text/html');
    const cases = ['/pics/huge.jpg', '/pics/page.jpg', '/pics/svg.svg', '/pics/html', '/pics/missing.jpg'];
    const actors = [];
    for (const path of cases) actors.push(await serveActor({ icon: image(`${sink.baseUrl}${path}`) }));
    for (const actor of actors) await fed().resolveActor(actor.id);
    await waitForIdleQueues(a.app);
    for (const [i, actor] of actors.entries()) {
      expect((await storedActor(actor.id)).avatarId, cases[i]).toBeNull();
      expect(requestsFor(cases[i]!), cases[i]).toBe(1);
    }
    const { rows } = await a.app.database.pool.query(
      `select remote_url from media where remote_url = any($1::text[])`,
      [cases.map((path) => `${sink.baseUrl}${path}`)]
    );
    expect(rows).toEqual([]);
    const { rows: dead } = await a.app.database.pool.query(
      `select count(*)::int as n from pgboss.job where name like 'on.RemotePictureChanged.%' and state = 'failed'`
    );
    expect(dead[0].n).toBe(0);
  });

  it('are fetched again by the job system when the server fails for a while', async () => {
    const picture = await jpegWithExif('#16a085');
    let attempts = 0;
    sink.serve('/pics/flaky.jpg', () => {
      attempts++;
      return attempts === 1
        ? { status: 503, body: 'busy' }
        : { headers: { 'content-type': 'image/jpeg' }, body: picture };
    });
    const { id } = await serveActor({ icon: image(`${sink.baseUrl}/pics/flaky.jpg`) });
    await fed().resolveActor(id);
    const avatarId = await waitFor(async () => (await storedActor(id)).avatarId, {
      what: 'the retried download',
      timeoutMs: 40_000
    });
    expect(attempts).toBe(2);
    expect((await mediaOf(avatarId))?.remoteUrl).toBe(`${sink.baseUrl}/pics/flaky.jpg`);
  }, 60_000);

  it('follow the actor: a new avatar replaces the copy (whose file goes), none removes it', async () => {
    servePicture('/pics/v1.jpg', await jpegWithExif('#8e44ad'));
    servePicture('/pics/v2.jpg', await jpegWithExif('#f39c12'));
    const name = `changing${sequence++}`;
    const id = `${sink.baseUrl}/users/${name}`;
    const key = await newSigningKey(`${id}#main-key`);
    const serve = (icon?: unknown) =>
      sink.serve(`/users/${name}`, {
        headers: AP_JSON,
        body: { ...actorDocument(id, key.publicKeyPem), ...(icon ? { icon } : {}) }
      });
    serve(image(`${sink.baseUrl}/pics/v1.jpg`));
    await fed().resolveActor(id);
    const first = (await mediaOf(await waitFor(async () => (await storedActor(id)).avatarId)))!;
    serve(image(`${sink.baseUrl}/pics/v2.jpg`));
    await fed().resolveActor(id, { refresh: true });
    const secondId = await waitFor(async () => {
      const current = (await storedActor(id)).avatarId;
      return current !== first.id ? current : undefined;
    });
    expect((await mediaOf(secondId))?.remoteUrl).toBe(`${sink.baseUrl}/pics/v2.jpg`);
    expect(await mediaOf(first.id)).toBeUndefined();
    expect(existsSync(join(a.dataDir, 'uploads', first.fileName))).toBe(false);
    serve();
    await fed().resolveActor(id, { refresh: true });
    expect((await storedActor(id)).avatarId).toBeNull();
    expect(await mediaOf(secondId)).toBeUndefined();
  });

  it('go with the actor when its server deletes it: the copy and its file are dropped', async () => {
    servePicture('/pics/leaving.jpg', await jpegWithExif('#16a085'));
    const { id, key } = await serveActor({ icon: image(`${sink.baseUrl}/pics/leaving.jpg`) });
    await fed().resolveActor(id);
    const avatar = (await mediaOf(await waitFor(async () => (await storedActor(id)).avatarId)))!;
    const response = await signedPost(
      `${a.baseUrl}/inbox`,
      { '@context': AS, id: `${id}#delete`, type: 'Delete', actor: id, object: id, to: [`${AS}#Public`] },
      key
    );
    expect(response.status).toBeLessThan(300);
    await waitFor(async () => (await storedActor(id)).deletedAt !== null, { what: 'the actor to be forgotten' });
    expect((await storedActor(id)).avatarId).toBeNull();
    expect(await mediaOf(avatar.id)).toBeUndefined();
    expect(existsSync(join(a.dataDir, 'uploads', avatar.fileName))).toBe(false);
  });

  it('have a sanitized summary: no script, no handler, no javascript: link, no foreign picture', async () => {
    const { id } = await serveActor({
      summary:
        '<p onclick="steal()">Hello <script>alert(1)</script><img src="x" onerror="alert(2)">' +
        '<a href="javascript:alert(3)">me</a> <img src="https://tracker.example/pixel.gif"></p>'
    });
    const actor = await fed().resolveActor(id);
    const summary = (await storedActor(id)).summary ?? '';
    expect(actor.summary).toBe(summary);
    expect(summary).toContain('Hello');
    expect(summary).not.toMatch(/<script|onerror|onclick|javascript:|alert\(1\)/i);
    // A picture from another server would be loaded by every reader's browser: it becomes a link.
    expect(summary).not.toContain('<img src="https://tracker.example');
    expect(summary).toContain('href="https://tracker.example/pixel.gif"');
  });
});

describe('a remote event’s picture', () => {
  let organizer: { id: string; key: GeneratedKey };

  beforeAll(async () => {
    servePicture('/pics/org.jpg', await jpegWithExif('#27ae60'));
    organizer = await serveActor({ icon: image(`${sink.baseUrl}/pics/org.jpg`) });
  });

  function eventObject(uuid: string, picture: string) {
    return {
      type: 'Event',
      id: `${sink.baseUrl}/events/${uuid}`,
      uuid,
      name: 'Pique-nique',
      startTime: '2031-07-14T10:00:00Z',
      actor: organizer.id,
      attributedTo: organizer.id,
      to: [`${AS}#Public`],
      attachment: [{ type: 'Document', mediaType: 'image/jpeg', url: picture, name: 'Banner' }]
    };
  }

  it('is stored here like an avatar, and GraphQL only gives this instance’s URLs', async () => {
    const original = await jpegWithExif('#d35400');
    servePicture('/pics/event.jpg', original);
    const uuid = randomUUID();
    const response = await signedPost(
      `${a.baseUrl}/inbox`,
      {
        '@context': AS,
        id: `${organizer.id}/create/${uuid}`,
        type: 'Create',
        actor: organizer.id,
        object: eventObject(uuid, `${sink.baseUrl}/pics/event.jpg`)
      },
      organizer.key
    );
    expect(response.status).toBe(202);
    const event = await waitFor(
      async () => {
        const stored = await a.app.services.queries.events.byApId(`${sink.baseUrl}/events/${uuid}`);
        return stored?.pictureId ? stored : undefined;
      },
      { what: 'the event and its picture' }
    );
    const picture = (await mediaOf(event.pictureId))!;
    expect(picture.remoteUrl).toBe(`${sink.baseUrl}/pics/event.jpg`);
    const bytes = Buffer.from(await (await fetch(picture.url)).arrayBuffer());
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect(bytes.includes('Mallory Secret')).toBe(false);
    await waitFor(async () => (await storedActor(organizer.id)).avatarId, { what: 'the organizer’s avatar' });

    const result = await gql<{
      event: { picture: { url: string } | null; organizerActor: { avatar: { url: string } | null } };
    }>(a.app, 'query($uuid: UUID!) { event(uuid: $uuid) { picture { url } organizerActor { avatar { url } } } }', {
      uuid: event.uuid
    });
    expect(result.errors).toBeUndefined();
    const urls = [result.data?.event.picture?.url, result.data?.event.organizerActor.avatar?.url];
    for (const url of urls) expect(url?.startsWith(`${a.baseUrl}/media/`), url).toBe(true);
    expect(JSON.stringify(result.data)).not.toContain(sink.baseUrl);
    expect(requestsFor('/pics/event.jpg')).toBe(1);
  });

  it('that cannot be had leaves the event without a picture', async () => {
    const uuid = randomUUID();
    const response = await signedPost(
      `${a.baseUrl}/inbox`,
      {
        '@context': AS,
        id: `${organizer.id}/create/${uuid}`,
        type: 'Create',
        actor: organizer.id,
        object: eventObject(uuid, `${sink.baseUrl}/pics/gone.jpg`)
      },
      organizer.key
    );
    expect(response.status).toBe(202);
    const event = await waitFor(() => a.app.services.queries.events.byApId(`${sink.baseUrl}/events/${uuid}`));
    await waitForIdleQueues(a.app);
    expect(requestsFor('/pics/gone.jpg')).toBe(1);
    expect((await a.app.services.queries.events.byApId(event.apId))?.pictureId).toBeNull();
  });
});

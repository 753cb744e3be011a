import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { clientAs, gql, type GraphQLResponse } from '../helpers/graphql.ts';
import { createUserWithProfile } from '../helpers/factories.ts';

const MAX_BYTES = 200_000;

const UPLOAD = `mutation UploadMedia($file: Upload!, $alt: String, $name: String!) {
  uploadMedia(file: $file, alt: $alt, name: $name) { id url name alt contentType size metadata { width height blurhash } }
}`;
const REMOVE = 'mutation RemoveMedia($id: ID!) { removeMedia(id: $id) { id } }';
const UPDATE = `mutation($id: ID!, $name: String, $avatar: MediaInput, $banner: MediaInput) {
  updatePerson(id: $id, name: $name, avatar: $avatar, banner: $banner) {
    id name avatar { id url alt contentType metadata { width height } } banner { id url }
  }
}`;
const IDENTITIES = '{ identities { id avatar { id url } banner { id url } } }';

interface UploadedMedia {
  id: string;
  url: string;
  name: string | null;
  alt: string | null;
  contentType: string;
  size: number;
  metadata: { width: number; height: number; blurhash: string | null };
}
interface PersonResult {
  id: string;
  name: string | null;
  avatar: { id: string; url: string; alt: string | null; contentType: string; metadata: { width: number } } | null;
  banner: { id: string; url: string } | null;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false, env: { MEDIA_MAX_BYTES: String(MAX_BYTES) } });
});
afterAll(async () => t?.stop());

const uploads = () => join(t.dataDir, 'uploads');
const storedFiles = async () => readdir(uploads()).catch(() => [] as string[]);
const mediaCount = async () =>
  Number((await t.app.database.pool.query<{ n: string }>('select count(*) as n from media')).rows[0]!.n);

/** A GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec). */
async function multipart<T>(
  token: string | undefined,
  query: string,
  variables: Record<string, unknown>,
  files: Record<string, File>
): Promise<GraphQLResponse<T>> {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables }));
  const names = Object.keys(files);
  form.set('map', JSON.stringify(Object.fromEntries(names.map((path, i) => [String(i), [`variables.${path}`]]))));
  names.forEach((path, i) => form.set(String(i), files[path]!));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const request = new Request(`${t.app.config.publicUrl}/api`, { method: 'POST', headers, body: form });
  const response = (await t.app.handle(request, `198.18.7.${Math.floor(Math.random() * 250)}`)) as Response;
  const json = (await response.json()) as { data?: T; errors?: GraphQLResponse<T>['errors'] };
  return { status: response.status, data: json.data ?? null, errors: json.errors, raw: json };
}

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } });

const jpegFile = async (width = 64, height = 48, name = 'photo.jpg') =>
  new File([new Uint8Array(await solid(width, height).jpeg().toBuffer())], name, { type: 'image/jpeg' });

async function signedIn() {
  const owner = await createUserWithProfile(t.app);
  const me = await clientAs(t.app, owner.email, owner.password);
  return { ...owner, me };
}

describe('uploadMedia', () => {
  it('stores a re-encoded JPEG and describes it', async () => {
    const { me } = await signedIn();
    const res = await multipart<{ uploadMedia: UploadedMedia }>(
      me.accessToken,
      UPLOAD,
      { name: 'holiday.jpg', alt: 'A blue square', file: null },
      { file: await jpegFile(64, 48) }
    );
    expect(res.errors).toBeUndefined();
    const media = res.data!.uploadMedia;
    expect(media).toMatchObject({ name: 'holiday.jpg', alt: 'A blue square', contentType: 'image/jpeg' });
    expect(media.size).toBeGreaterThan(0);
    expect(media.metadata).toMatchObject({ width: 64, height: 48 });
    expect(media.metadata.blurhash).toMatch(/^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{6,}$/);
    expect(media.url).toMatch(new RegExp(`^${t.app.config.publicUrl}/media/[0-9a-f-]{36}\\.jpg$`));
    const file = media.url.split('/').pop()!;
    expect(await storedFiles()).toContain(file);
  });

  it('removes EXIF and GPS data, applying the orientation first', async () => {
    const { me } = await signedIn();
    const tagged = await solid(400, 300)
      .jpeg()
      .withExif({
        IFD0: { Make: 'SpyCam', Model: 'Tracker 3000' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 3/1' }
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const before = await sharp(tagged).metadata();
    expect(before.exif?.toString('latin1')).toContain('SpyCam');
    expect(before.orientation).toBe(6);

    const res = await multipart<{ uploadMedia: UploadedMedia }>(
      me.accessToken,
      UPLOAD,
      { name: 'spy.jpg', file: null },
      { file: new File([new Uint8Array(tagged)], 'spy.jpg', { type: 'image/jpeg' }) }
    );
    expect(res.errors).toBeUndefined();
    const file = res.data!.uploadMedia.url.split('/').pop()!;
    const stored = await sharp(join(uploads(), file)).metadata();
    expect(stored.exif).toBeUndefined();
    expect(stored.xmp).toBeUndefined();
    expect(stored.icc).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    // rotated by its orientation before the tag went away
    expect([stored.width, stored.height]).toEqual([300, 400]);
    expect(res.data!.uploadMedia.metadata).toMatchObject({ width: 300, height: 400 });
  });

  it('accepts PNG and bounds large pictures without enlarging small ones', async () => {
    const { me } = await signedIn();
    const png = new File([new Uint8Array(await solid(3000, 20).png().toBuffer())], 'wide.png', { type: 'image/png' });
    const res = await multipart<{ uploadMedia: UploadedMedia }>(
      me.accessToken,
      UPLOAD,
      { name: 'wide.png', file: null },
      { file: png }
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.uploadMedia).toMatchObject({ contentType: 'image/png', metadata: { width: 2400, height: 16 } });
    expect(res.data!.uploadMedia.url).toMatch(/\.png$/);
  });

  it('refuses a text file named .jpg, an SVG and an oversized file, storing nothing', async () => {
    const { me } = await signedIn();
    const filesBefore = (await storedFiles()).length;
    const rowsBefore = await mediaCount();
    const text = new File(['just some text, not a picture'], 'fake.jpg', { type: 'image/jpeg' });
    const refusedText = await multipart(me.accessToken, UPLOAD, { name: 'fake.jpg', file: null }, { file: text });
    expect(refusedText.errors?.[0]).toMatchObject({ code: 'validation', field: 'file' });

    const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], 'x.svg', {
      type: 'image/svg+xml'
    });
    const refusedSvg = await multipart(me.accessToken, UPLOAD, { name: 'x.svg', file: null }, { file: svg });
    expect(refusedSvg.errors?.[0]).toMatchObject({ code: 'validation', field: 'file' });

    const big = new Uint8Array(MAX_BYTES + 1);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    const refusedBig = await multipart(
      me.accessToken,
      UPLOAD,
      { name: 'big.jpg', file: null },
      { file: new File([big], 'big.jpg', { type: 'image/jpeg' }) }
    );
    expect(refusedBig.errors?.[0]).toMatchObject({ code: 'validation', field: 'file' });
    expect(refusedBig.errors?.[0]?.message).toMatch(/too large/);

    expect((await storedFiles()).length).toBe(filesBefore);
    expect(await mediaCount()).toBe(rowsBefore);
  });

  it('needs a signed-in user', async () => {
    const res = await multipart(undefined, UPLOAD, { name: 'a.jpg', file: null }, { file: await jpegFile() });
    expect(res.errors?.[0]?.code).toBe('unauthenticated');
  });
});

describe('removeMedia', () => {
  it('deletes one’s own picture and its file, and refuses someone else’s', async () => {
    const { me } = await signedIn();
    const other = await signedIn();
    const res = await multipart<{ uploadMedia: UploadedMedia }>(
      me.accessToken,
      UPLOAD,
      { name: 'a.jpg', file: null },
      { file: await jpegFile() }
    );
    const { id, url } = res.data!.uploadMedia;
    const file = url.split('/').pop()!;

    const refused = await other.me.query(REMOVE, { id });
    expect(refused.errors?.[0]?.code).toBe('unauthorized');
    expect(await storedFiles()).toContain(file);

    const removed = await me.query<{ removeMedia: { id: string } }>(REMOVE, { id });
    expect(removed.errors).toBeUndefined();
    expect(removed.data?.removeMedia.id).toBe(id);
    expect(await storedFiles()).not.toContain(file);
    expect(await t.app.services.queries.media.byIds([Number(id)])).toEqual([]);
  });

  it('needs a signed-in user', async () => {
    const res = await gql(t.app, REMOVE, { id: '1' });
    expect(res.errors?.[0]?.code).toBe('unauthenticated');
  });
});

describe('profile pictures', () => {
  it('sets an avatar by upload and a banner by mediaId, then removes them with null', async () => {
    const { me, profile } = await signedIn();
    const byUpload = await multipart<{ updatePerson: PersonResult }>(
      me.accessToken,
      UPDATE,
      { id: String(profile.id), avatar: { media: { name: 'me.jpg', alt: 'My face', file: null } } },
      { 'avatar.media.file': await jpegFile(80, 80) }
    );
    expect(byUpload.errors).toBeUndefined();
    const avatar = byUpload.data!.updatePerson.avatar!;
    expect(avatar).toMatchObject({ alt: 'My face', contentType: 'image/jpeg', metadata: { width: 80 } });

    const banner = await multipart<{ uploadMedia: UploadedMedia }>(
      me.accessToken,
      UPLOAD,
      { name: 'banner.jpg', file: null },
      { file: await jpegFile(300, 100) }
    );
    const byId = await me.query<{ updatePerson: PersonResult }>(UPDATE, {
      id: String(profile.id),
      banner: { mediaId: banner.data!.uploadMedia.id }
    });
    expect(byId.errors).toBeUndefined();
    expect(byId.data!.updatePerson.banner?.id).toBe(banner.data!.uploadMedia.id);
    expect(byId.data!.updatePerson.avatar?.id).toBe(avatar.id);

    const listed = await me.query<{ identities: PersonResult[] }>(IDENTITIES);
    expect(listed.data?.identities[0]).toMatchObject({
      avatar: { id: avatar.id },
      banner: { id: byId.data!.updatePerson.banner!.id }
    });

    // the actor document carries the avatar as icon and the banner as image
    const doc = await t.app.handle(
      new Request(`${t.baseUrl}/@${profile.preferredUsername}`, { headers: { accept: 'application/activity+json' } })
    );
    const json = (await doc!.json()) as { icon?: Record<string, unknown>; image?: Record<string, unknown> };
    expect(json.icon).toMatchObject({ type: 'Image', url: avatar.url, mediaType: 'image/jpeg' });
    expect(json.image).toMatchObject({ type: 'Image', url: byId.data!.updatePerson.banner!.url });

    const avatarFile = avatar.url.split('/').pop()!;
    const cleared = await me.query<{ updatePerson: PersonResult }>(UPDATE, { id: String(profile.id), avatar: null });
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data!.updatePerson.avatar).toBeNull();
    expect(cleared.data!.updatePerson.banner).not.toBeNull();
    // a picture that nothing shows any more goes with its file
    expect(await storedFiles()).not.toContain(avatarFile);
    const after = (await (await t.app.handle(
      new Request(`${t.baseUrl}/@${profile.preferredUsername}`, { headers: { accept: 'application/activity+json' } })
    ))!.json()) as { icon?: unknown };
    expect(after.icon).toBeUndefined();
  });

  it('refuses another user’s mediaId and changes nothing', async () => {
    const { me, profile } = await signedIn();
    const other = await signedIn();
    const theirs = await multipart<{ uploadMedia: UploadedMedia }>(
      other.me.accessToken,
      UPLOAD,
      { name: 'theirs.jpg', file: null },
      { file: await jpegFile() }
    );
    const res = await me.query(UPDATE, {
      id: String(profile.id),
      name: 'Changed',
      avatar: { mediaId: theirs.data!.uploadMedia.id }
    });
    expect(res.errors?.[0]).toMatchObject({ code: 'unauthorized', field: 'avatar' });
    const row = await t.app.services.queries.actors.byId(profile.id);
    expect(row).toMatchObject({ name: 'Test Person', avatarId: null });
  });

  it('refuses a bad upload in updatePerson without storing anything', async () => {
    const { me, profile } = await signedIn();
    const filesBefore = (await storedFiles()).length;
    const rowsBefore = await mediaCount();
    const res = await multipart(
      me.accessToken,
      UPDATE,
      {
        id: String(profile.id),
        name: 'Changed',
        avatar: { media: { name: 'ok.jpg', file: null } },
        banner: { media: { name: 'bad.jpg', file: null } }
      },
      {
        'avatar.media.file': await jpegFile(),
        'banner.media.file': new File(['not a picture'], 'bad.jpg', { type: 'image/jpeg' })
      }
    );
    expect(res.errors?.[0]).toMatchObject({ code: 'validation', field: 'banner' });
    expect((await storedFiles()).length).toBe(filesBefore);
    expect(await mediaCount()).toBe(rowsBefore);
    expect((await t.app.services.queries.actors.byId(profile.id))!.name).toBe('Test Person');
  });

  it('creates a profile with an avatar, and deleting it removes its pictures', async () => {
    const { me } = await signedIn();
    const created = await multipart<{ createPerson: PersonResult }>(
      me.accessToken,
      'mutation($u: String!, $avatar: MediaInput) { createPerson(preferredUsername: $u, avatar: $avatar) { id avatar { id url } } }',
      { u: `pic_${Date.now().toString(36)}`, avatar: { media: { name: 'new.jpg', file: null } } },
      { 'avatar.media.file': await jpegFile() }
    );
    expect(created.errors).toBeUndefined();
    const { id, avatar } = created.data!.createPerson;
    const file = avatar!.url.split('/').pop()!;
    expect(await storedFiles()).toContain(file);

    const deleted = await me.query('mutation($id: ID!) { deletePerson(id: $id) { id } }', { id });
    expect(deleted.errors).toBeUndefined();
    expect(await storedFiles()).not.toContain(file);
    expect(await t.app.services.queries.media.byIds([Number(avatar!.id)])).toEqual([]);
  });

  it('deleting the account removes its pictures', async () => {
    const { me, profile, password } = await signedIn();
    const res = await multipart<{ updatePerson: PersonResult }>(
      me.accessToken,
      UPDATE,
      { id: String(profile.id), avatar: { media: { name: 'me.jpg', file: null } } },
      { 'avatar.media.file': await jpegFile() }
    );
    const file = res.data!.updatePerson.avatar!.url.split('/').pop()!;
    expect(await storedFiles()).toContain(file);
    const gone = await me.query('mutation($p: String) { deleteAccount(password: $p) { id } }', { p: password });
    expect(gone.errors).toBeUndefined();
    expect(await storedFiles()).not.toContain(file);
  });
});

describe('GET /media/<file>', () => {
  it('serves stored pictures with safe, long-lived headers', async () => {
    const { me } = await signedIn();
    const res = await multipart<{ uploadMedia: UploadedMedia }>(
      me.accessToken,
      UPLOAD,
      { name: 'a.png', file: null },
      { file: new File([new Uint8Array(await solid(10, 10).png().toBuffer())], 'a.png') }
    );
    const { url, size } = res.data!.uploadMedia;
    const got = (await t.app.handle(new Request(url)))!;
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
    expect((await got.arrayBuffer()).byteLength).toBe(size);

    const head = (await t.app.handle(new Request(url, { method: 'HEAD' })))!;
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(size));
    expect(await head.text()).toBe('');
  });

  it('answers 404 for unknown or malformed names', async () => {
    const base = t.app.config.publicUrl;
    for (const path of [
      '/media/00000000-0000-4000-8000-000000000000.jpg',
      '/media/..%2F..%2Fetc%2Fpasswd',
      '/media/../postgres/PG_VERSION',
      '/media/x.svg',
      '/media/'
    ]) {
      const res = await t.app.handle(new Request(`${base}${path}`));
      if (res) expect(res.status, path).toBe(404);
    }
  });
});

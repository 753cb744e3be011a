import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#lib/server/db/schema/actors.ts';
import { groupActivities, posts } from '#lib/server/db/schema/groups.ts';
import { tombstones } from '#lib/server/db/schema/federation.ts';
import { domainEvents } from '#lib/server/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { groupBy, person, withRole, type TestPerson } from '../helpers/groups.ts';
import { gql, type GraphQLResponse } from '../helpers/graphql.ts';

let t: TestApp;
let cast: Record<'creator' | 'admin' | 'mod' | 'member' | 'outsider', TestPerson>;
let group: Actor;

beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
  const [creator, admin, mod, member, outsider] = await Promise.all(Array.from({ length: 5 }, () => person(t.app)));
  cast = { creator: creator!, admin: admin!, mod: mod!, member: member!, outsider: outsider! };
  group = await groupBy(t.app, cast.creator);
  await withRole(t.app, group, cast.admin.profile, 'administrator');
  await withRole(t.app, group, cast.mod.profile, 'moderator');
  await withRole(t.app, group, cast.member.profile, 'member');
});
afterAll(() => t?.stop());

const FIELDS = `id title slug url body draft visibility publishAt insertedAt updatedAt language
  author { id } attributedTo { id } tags { slug title } picture { id }`;
const CREATE = `mutation($attributedToId: ID!, $title: String!, $body: String!, $draft: Boolean,
  $visibility: PostVisibility, $tags: [String], $picture: MediaInput, $publishAt: DateTime, $language: String) {
  createPost(attributedToId: $attributedToId, title: $title, body: $body, draft: $draft, visibility: $visibility,
    tags: $tags, picture: $picture, publishAt: $publishAt, language: $language) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $title: String, $body: String, $draft: Boolean, $visibility: PostVisibility,
  $tags: [String], $picture: MediaInput, $attributedToId: ID) {
  updatePost(id: $id, title: $title, body: $body, draft: $draft, visibility: $visibility, tags: $tags,
    picture: $picture, attributedToId: $attributedToId) { ${FIELDS} } }`;
const DELETE = `mutation($id: ID!) { deletePost(id: $id) { id } }`;
const POST = `query($slug: String!) { post(slug: $slug) { ${FIELDS} } }`;
const LIST = `query($name: String!, $page: Int, $limit: Int) { group(preferredUsername: $name) {
  posts(page: $page, limit: $limit) { total elements { slug } } } }`;

interface PostResult {
  id: string;
  title: string;
  slug: string;
  url: string;
  body: string;
  draft: boolean;
  visibility: string;
  publishAt: string | null;
  language: string;
  author: { id: string } | null;
  attributedTo: { id: string } | null;
  tags: { slug: string; title: string }[];
  picture: { id: string } | null;
}

const expectError = (res: GraphQLResponse<unknown>, code: string) =>
  expect(res.errors?.[0]?.code, JSON.stringify(res.errors)).toBe(code);

const ENGLISH = '<p>Our garden opens again this spring: come and plant tomatoes, beans and flowers with us.</p>';

async function create(who: TestPerson, variables: Record<string, unknown> = {}): Promise<PostResult> {
  const res = await who.client.query<{ createPost: PostResult }>(CREATE, {
    attributedToId: String(group.id),
    title: 'Spring in the garden',
    body: ENGLISH,
    ...variables
  });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.createPost;
}

const history = (postId: string | number) =>
  t.app.database.db
    .select()
    .from(groupActivities)
    .where(and(eq(groupActivities.type, 'post'), eq(groupActivities.objectId, Number(postId))))
    .orderBy(groupActivities.id);

const eventsOf = async (type: string, postId: string) =>
  (await t.app.database.db.select().from(domainEvents).where(eq(domainEvents.type, type))).filter(
    (e) => (e.payload as { postId: number }).postId === Number(postId)
  );

const snapshot = async () => ({
  posts: await t.app.database.db.$count(posts),
  history: await t.app.database.db.$count(groupActivities, eq(groupActivities.type, 'post'))
});

describe('writing posts', () => {
  it('creates a post: sanitized body, Mobilizon slug and URL, language, tags, history line and domain event', async () => {
    const post = await create(cast.mod, {
      body: '<p onclick="steal()">Our garden opens again this spring: come and plant <em>tomatoes</em>, beans and flowers with us.<script>x()</script></p>',
      tags: ['Jardin', '#jardin', 'Spring  time', ''],
      visibility: 'UNLISTED'
    });
    expect(post).toMatchObject({
      title: 'Spring in the garden',
      body: '<p>Our garden opens again this spring: come and plant <em>tomatoes</em>, beans and flowers with us.</p>',
      draft: false,
      visibility: 'UNLISTED',
      language: 'en',
      author: { id: String(cast.mod.profile.id) },
      attributedTo: { id: String(group.id) },
      tags: [
        { slug: 'jardin', title: 'Jardin' },
        { slug: 'spring-time', title: 'Spring time' }
      ],
      picture: null
    });
    expect(post.slug).toMatch(/^spring-in-the-garden-[0-9a-f]{8}$/);
    expect(post.url).toBe(`${t.app.config.publicUrl}/p/${post.slug}`);
    expect(post.publishAt).not.toBeNull();
    const [row] = await t.app.database.db
      .select()
      .from(posts)
      .where(eq(posts.id, Number(post.id)));
    expect(row).toMatchObject({ apId: post.url, local: true });
    expect(await history(post.id)).toMatchObject([
      {
        subject: 'post_created',
        type: 'post',
        authorId: cast.mod.profile.id,
        subjectParams: { post_title: 'Spring in the garden', post_slug: post.slug }
      }
    ]);
    expect(await eventsOf('PostCreated', post.id)).toHaveLength(1);
  });

  it('gives every post its own slug, even with the same title', async () => {
    const a = await create(cast.admin, { title: 'Réunion  mensuelle !' });
    const b = await create(cast.creator, { title: 'Réunion mensuelle' });
    expect(a.slug).toMatch(/^reunion-mensuelle-[0-9a-f]{8}$/);
    expect(b.slug).toMatch(/^reunion-mensuelle-[0-9a-f]{8}$/);
    expect(a.slug).not.toBe(b.slug);
  });

  it('refuses members, outsiders, anonymous callers and bad input, and changes nothing', async () => {
    const before = await snapshot();
    const vars = { attributedToId: String(group.id), title: 'Nope', body: '<p>x</p>' };
    expectError(await cast.member.client.query(CREATE, vars), 'unauthorized');
    expectError(await cast.outsider.client.query(CREATE, vars), 'unauthorized');
    expect((await gql(t.app, CREATE, vars)).errors?.[0]?.code).toMatch(/unauthenticated|unauthorized/);
    expectError(await cast.mod.client.query(CREATE, { ...vars, title: '   ' }), 'validation');
    expectError(await cast.mod.client.query(CREATE, { ...vars, title: 'x'.repeat(251) }), 'validation');
    const tags = Array.from({ length: 11 }, (_, i) => `tag${i}`);
    expectError(await cast.mod.client.query(CREATE, { ...vars, tags }), 'validation');
    expectError(await cast.mod.client.query(CREATE, { ...vars, attributedToId: '999999999' }), 'not_found');
    expectError(await cast.mod.client.query(CREATE, { ...vars, picture: { mediaId: '999999999' } }), 'not_found');
    expect(await snapshot()).toEqual(before);
  });

  it('updates a post: fields, tags, picture of my own media; history line; the slug stays', async () => {
    const post = await create(cast.mod, { tags: ['one'] });
    const mediaId = await upload(cast.mod);
    const res = await cast.admin.client.query<{ updatePost: PostResult }>(UPDATE, {
      id: post.id,
      title: 'Jardin au printemps',
      body: '<p>Le jardin rouvre ce printemps : venez planter des tomates et des fleurs avec nous.<img src="x" onerror="y()"></p>',
      tags: ['deux'],
      visibility: 'PRIVATE',
      attributedToId: String(group.id)
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updatePost).toMatchObject({
      title: 'Jardin au printemps',
      slug: post.slug,
      url: post.url,
      visibility: 'PRIVATE',
      language: 'fr',
      tags: [{ slug: 'deux', title: 'deux' }]
    });
    expect(res.data!.updatePost.body).not.toContain('onerror');
    const pictured = await cast.mod.client.query<{ updatePost: PostResult }>(UPDATE, {
      id: post.id,
      picture: { mediaId }
    });
    expect(pictured.data?.updatePost.picture?.id).toBe(mediaId);
    // Another person's picture is refused.
    const theirs = await upload(cast.admin);
    expectError(await cast.mod.client.query(UPDATE, { id: post.id, picture: { mediaId: theirs } }), 'unauthorized');
    expect((await history(post.id)).map((h) => h.subject)).toEqual(['post_created', 'post_updated', 'post_updated']);
    expect(await eventsOf('PostUpdated', post.id)).toHaveLength(2);
  });

  it('refuses updates from members and outsiders, a move to another group and bad input, changing nothing', async () => {
    const post = await create(cast.mod);
    const other = await groupBy(t.app, cast.mod);
    const before = await snapshot();
    expectError(await cast.member.client.query(UPDATE, { id: post.id, title: 'Hacked' }), 'unauthorized');
    expectError(await cast.outsider.client.query(UPDATE, { id: post.id, title: 'Hacked' }), 'unauthorized');
    expectError(await gql(t.app, UPDATE, { id: post.id, title: 'Hacked' }), 'unauthenticated');
    expectError(await cast.mod.client.query(UPDATE, { id: post.id, attributedToId: String(other.id) }), 'validation');
    expectError(await cast.mod.client.query(UPDATE, { id: post.id, title: '' }), 'validation');
    expectError(await cast.mod.client.query(UPDATE, { id: '999999999', title: 'x' }), 'not_found');
    expect(await snapshot()).toEqual(before);
    const [row] = await t.app.database.db
      .select()
      .from(posts)
      .where(eq(posts.id, Number(post.id)));
    expect(row!.title).toBe('Spring in the garden');
  });

  it('deletes a post: gone for good (tombstone), history line and domain event', async () => {
    const post = await create(cast.mod);
    expectError(await cast.member.client.query(DELETE, { id: post.id }), 'unauthorized');
    expect(await t.app.database.db.$count(posts, eq(posts.id, Number(post.id)))).toBe(1);
    const res = await cast.mod.client.query<{ deletePost: { id: string } }>(DELETE, { id: post.id });
    expect(res.data?.deletePost).toEqual({ id: post.id });
    expect(await t.app.database.db.$count(posts, eq(posts.id, Number(post.id)))).toBe(0);
    expect(await t.app.database.db.$count(tombstones, eq(tombstones.apId, post.url))).toBe(1);
    expectError(await cast.mod.client.query(POST, { slug: post.slug }), 'not_found');
    expect((await history(post.id)).map((h) => h.subject)).toEqual(['post_created', 'post_deleted']);
    const [deleted] = await eventsOf('PostDeleted', post.id);
    expect(deleted?.payload).toMatchObject({ apId: post.url, groupId: group.id, authorId: cast.mod.profile.id });
    expectError(await cast.mod.client.query(DELETE, { id: post.id }), 'not_found');
  });
});

describe('drafts', () => {
  it('keeps a draft out of the history until it is published, then dates it', async () => {
    const draft = await create(cast.mod, { draft: true, title: 'Draft news' });
    expect(draft).toMatchObject({ draft: true, publishAt: null });
    expect(await history(draft.id)).toEqual([]);
    await cast.mod.client.query(UPDATE, { id: draft.id, body: '<p>still drafting</p>' });
    expect(await history(draft.id)).toEqual([]);
    const published = await cast.mod.client.query<{ updatePost: PostResult }>(UPDATE, { id: draft.id, draft: false });
    expect(published.data!.updatePost).toMatchObject({ draft: false });
    expect(published.data!.updatePost.publishAt).not.toBeNull();
    expect((await history(draft.id)).map((h) => h.subject)).toEqual(['post_created']);
  });
});

describe('who reads what', () => {
  let slugs: Record<'public' | 'unlisted' | 'private' | 'draft', string>;
  beforeAll(async () => {
    const g = await groupBy(t.app, cast.creator);
    await withRole(t.app, g, cast.admin.profile, 'administrator');
    await withRole(t.app, g, cast.mod.profile, 'moderator');
    await withRole(t.app, g, cast.member.profile, 'member');
    const make = async (visibility: string, draft = false) => {
      const res = await cast.mod.client.query<{ createPost: PostResult }>(CREATE, {
        attributedToId: String(g.id),
        title: `A ${visibility}${draft ? ' draft' : ''} post`,
        body: '<p>x</p>',
        visibility,
        draft
      });
      return res.data!.createPost.slug;
    };
    slugs = {
      public: await make('PUBLIC'),
      unlisted: await make('UNLISTED'),
      private: await make('PRIVATE'),
      draft: await make('PUBLIC', true)
    };
    group = g;
  });

  const cases = [
    ['anonymous', ['public', 'unlisted'], ['public']],
    ['outsider', ['public', 'unlisted'], ['public']],
    ['member', ['public', 'unlisted', 'private'], ['public', 'unlisted', 'private']],
    ['mod', ['public', 'unlisted', 'private', 'draft'], ['public', 'unlisted', 'private', 'draft']],
    ['admin', ['public', 'unlisted', 'private', 'draft'], ['public', 'unlisted', 'private', 'draft']]
  ] as const;

  it.each(cases)('%s reads %j by link and lists %j', async (who, readable, listed) => {
    const ask = (query: string, variables: Record<string, unknown>) =>
      who === 'anonymous' ? gql(t.app, query, variables) : cast[who].client.query(query, variables);
    for (const [kind, slug] of Object.entries(slugs)) {
      const res = await ask(POST, { slug });
      if ((readable as readonly string[]).includes(kind)) expect(res.errors, `${who} reads ${kind}`).toBeUndefined();
      else expectError(res, 'not_found');
    }
    const list = (await ask(LIST, { name: group.preferredUsername, limit: 50 })) as GraphQLResponse<{
      group: { posts: { total: number; elements: { slug: string }[] } };
    }>;
    const expected = new Set(listed.map((k) => slugs[k]));
    expect(new Set(list.data!.group.posts.elements.map((e) => e.slug))).toEqual(expected);
    expect(list.data!.group.posts.total).toBe(expected.size);
  });

  it('lists newest first, page by page', async () => {
    const page1 = await cast.mod.client.query<{ group: { posts: { total: number; elements: { slug: string }[] } } }>(
      LIST,
      { name: group.preferredUsername, page: 1, limit: 2 }
    );
    const page2 = await cast.mod.client.query<{ group: { posts: { total: number; elements: { slug: string }[] } } }>(
      LIST,
      { name: group.preferredUsername, page: 2, limit: 2 }
    );
    // The draft (not yet dated) comes first, then the newest published ones.
    expect(page1.data!.group.posts.elements.map((e) => e.slug)).toEqual([slugs.draft, slugs.private]);
    expect(page2.data!.group.posts.elements.map((e) => e.slug)).toEqual([slugs.unlisted, slugs.public]);
    expect(page2.data!.group.posts.total).toBe(4);
  });
});

const UPLOAD = `mutation($file: Upload!, $name: String!) { uploadMedia(file: $file, name: $name) { id } }`;

async function upload(who: TestPerson): Promise<string> {
  const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 20, g: 140, b: 60 } } })
    .jpeg()
    .toBuffer();
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: UPLOAD, variables: { file: null, name: 'garden.jpg' } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new File([new Uint8Array(bytes)], 'garden.jpg', { type: 'image/jpeg' }));
  const request = new Request(`${t.app.config.publicUrl}/api`, {
    method: 'POST',
    headers: { accept: 'application/json', authorization: `Bearer ${who.client.accessToken}` },
    body: form
  });
  const response = (await t.app.handle(request, '198.18.7.7')) as Response;
  const json = (await response.json()) as { data?: { uploadMedia: { id: string } }; errors?: unknown };
  expect(json.errors).toBeUndefined();
  return json.data!.uploadMedia.id;
}

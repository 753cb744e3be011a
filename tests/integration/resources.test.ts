import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { actors, type Actor } from '#lib/server/db/schema/actors.ts';
import { groupActivities, resources } from '#lib/server/db/schema/groups.ts';
import { domainEvents } from '#lib/server/db/schema/index.ts';
import { SafeFetchError } from '#lib/server/federation/fetch/index.ts';
import { createLinkPreviewer } from '#lib/server/federation/fetch/link-preview.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { groupBy, person, withRole, type TestPerson } from '../helpers/groups.ts';
import { gql } from '../helpers/graphql.ts';

let t: TestApp;
let pages: Server;
let site: string;

const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<title>Fallback title</title>
<meta property="og:title" content="Repair &amp; Reuse Café">
<meta property="og:description" content="Bring what is broken; we fix it together.">
<meta property="og:image" content="/img/cafe.jpg"><meta property="og:site_name" content="Repair Network">
<link rel="icon" href="/favicon.png"><!-- <meta property="og:title" content="hidden"> -->
<script>var x = '<meta property="og:description" content="no">';</script></head><body>Hi</body></html>`;

beforeAll(async () => {
  pages = createServer((request, response) => {
    if (request.url === '/page') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(PAGE);
    } else if (request.url === '/plain') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><head><title>Just a title</title><meta name="description" content="Plain"></head></html>');
    } else if (request.url === '/json') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"title":"not a page"}');
    } else if (request.url === '/huge') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<title>Huge</title>${'x'.repeat(1024 * 1024 + 10)}`);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  site = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  t = await createTestApp({
    listen: false,
    workers: false,
    env: {
      RESOURCE_PROVIDERS: JSON.stringify([
        { type: 'pad', endpoint: 'https://pad.example/p/', software: 'etherpad' },
        { type: 'visio', endpoint: 'https://meet.example/', software: 'jitsi' }
      ])
    }
  });
});
afterAll(async () => {
  await t?.stop();
  await new Promise((resolve) => pages?.close(resolve));
});

const CREATE = `mutation($actorId: ID!, $title: String!, $parentId: ID, $summary: String, $resourceUrl: String, $type: String) {
  createResource(actorId: $actorId, title: $title, parentId: $parentId, summary: $summary, resourceUrl: $resourceUrl, type: $type) {
    id title summary url resourceUrl type path parent { id } creator { id } actor { id }
    metadata { title description imageRemoteUrl providerName faviconUrl html } } }`;
const UPDATE = `mutation($id: ID!, $title: String, $summary: String, $parentId: ID, $resourceUrl: String) {
  updateResource(id: $id, title: $title, summary: $summary, parentId: $parentId, resourceUrl: $resourceUrl) {
    id title summary path resourceUrl parent { id path } } }`;
const DELETE = `mutation($id: ID!) { deleteResource(id: $id) { id } }`;
const GET = `query($path: String!, $username: String!, $page: Int, $limit: Int) {
  resource(path: $path, username: $username) { id title path type parent { id }
    children(page: $page, limit: $limit) { total elements { id title path type children { total } } } } }`;
const LIST = `query($name: String!) { group(preferredUsername: $name) { resources { total elements { title path } } } }`;
const PREVIEW = `mutation($url: String!) { previewResourceLink(resourceUrl: $url) {
  title description imageRemoteUrl providerName providerUrl faviconUrl html } }`;

type Client = TestPerson['client'];
interface Made {
  id: string;
  title: string;
  path: string;
  type: string;
  resourceUrl: string | null;
  url: string;
  metadata: Record<string, string | null>;
}

const create = async (client: Client, vars: Record<string, unknown>) =>
  client.query<{ createResource: Made }>(CREATE, vars);
async function made(client: Client, vars: Record<string, unknown>): Promise<Made> {
  const res = await create(client, vars);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.createResource;
}
const code = (res: { errors?: { code?: string }[] }) => res.errors?.[0]?.code;
const rowCount = async (group: Actor) =>
  (await t.app.database.db.select().from(resources).where(eq(resources.groupId, group.id))).length;

/** A group with a member of each role (and someone outside it). */
async function cast() {
  const admin = await person(t.app);
  const group = await groupBy(t.app, admin);
  const [member, moderator, outsider, invited] = await Promise.all([
    person(t.app),
    person(t.app),
    person(t.app),
    person(t.app)
  ]);
  await withRole(t.app, group, member.profile, 'member');
  await withRole(t.app, group, moderator.profile, 'moderator');
  await withRole(t.app, group, invited.profile, 'invited');
  return { group, admin, member, moderator, outsider, invited, actorId: String(group.id) };
}

describe('creating resources', () => {
  it('adds folders, links with their preview, and documents on the instance’s services', async () => {
    const { group, member, actorId } = await cast();
    const folder = await made(member.client, { actorId, title: 'Meetings', type: 'folder', summary: '  ' });
    expect(folder).toMatchObject({ type: 'folder', path: '/Meetings', resourceUrl: null, parent: null });
    expect(folder.url).toMatch(new RegExp(`^${t.app.config.publicUrl}/resource/[0-9a-f-]{36}$`));

    const link = await made(member.client, {
      actorId,
      parentId: folder.id,
      title: 'Café',
      summary: 'Where we meet',
      resourceUrl: `${site}/page`
    });
    expect(link).toMatchObject({
      type: 'link',
      path: '/Meetings/Café',
      parent: { id: folder.id },
      creator: { id: String(member.profile.id) },
      actor: { id: actorId },
      metadata: {
        title: 'Repair & Reuse Café',
        description: 'Bring what is broken; we fix it together.',
        imageRemoteUrl: `${site}/img/cafe.jpg`,
        providerName: 'Repair Network',
        faviconUrl: `${site}/favicon.png`,
        html: null
      }
    });

    const pad = await made(member.client, {
      actorId,
      title: 'Agenda',
      type: 'pad',
      resourceUrl: 'https://evil.example/x'
    });
    const pad2 = await made(member.client, { actorId, title: 'Agenda 2', type: 'pad' });
    const visio = await made(member.client, { actorId, title: 'Call', type: 'visio' });
    expect(pad.resourceUrl).toMatch(/^https:\/\/pad\.example\/p\/[a-z0-9]{26}$/);
    expect(pad2.resourceUrl).not.toBe(pad.resourceUrl);
    expect(visio.resourceUrl).toMatch(/^https:\/\/meet\.example\/[a-z0-9]{26}$/);
    const calc = await create(member.client, { actorId, title: 'Budget', type: 'calc' });
    expect(code(calc)).toBe('validation');
    expect(await rowCount(group)).toBe(5);

    const history = await t.app.database.db
      .select()
      .from(groupActivities)
      .where(and(eq(groupActivities.groupId, group.id), eq(groupActivities.type, 'resource')));
    expect(history.map((h) => h.subject)).toEqual(Array(5).fill('resource_created'));
    expect(history[1]).toMatchObject({
      authorId: member.profile.id,
      subjectParams: { resource_title: 'Café', resource_path: '/Meetings/Café' }
    });
    const facts = await t.app.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'ResourceCreated'));
    expect(facts.map((f) => (f.payload as { resourceId: number }).resourceId)).toContain(Number(link.id));
  });

  it('adds a link all the same when its page cannot be previewed', async () => {
    const { member, actorId } = await cast();
    for (const path of ['/json', '/missing', '/huge']) {
      const link = await made(member.client, { actorId, title: path, resourceUrl: `${site}${path}` });
      expect(link.metadata).toMatchObject({ title: null, description: null });
    }
    const plain = await made(member.client, { actorId, title: 'plain', resourceUrl: `${site}/plain` });
    expect(plain.metadata).toMatchObject({ title: 'Just a title', description: 'Plain', providerName: '127.0.0.1' });
  });

  it('refuses bad input and changes nothing', async () => {
    const { group, member, actorId } = await cast();
    const folder = await made(member.client, { actorId, title: 'Docs', type: 'folder' });
    const link = await made(member.client, { actorId, title: 'A link', resourceUrl: 'https://example.org/' });
    const before = await rowCount(group);
    const bad: [Record<string, unknown>, string][] = [
      [{ title: '   ', type: 'folder' }, 'validation'],
      [{ title: 'x'.repeat(201), type: 'folder' }, 'validation'],
      [{ title: 'a/b', type: 'folder' }, 'validation'],
      [{ title: 'Docs', type: 'folder' }, 'validation'],
      [{ title: 'No address' }, 'validation'],
      [{ title: 'Script', resourceUrl: 'javascript:alert(1)' }, 'validation'],
      [{ title: 'Odd', type: 'picture' }, 'validation'],
      [{ title: 'In a link', type: 'folder', parentId: link.id }, 'validation'],
      [{ title: 'Nowhere', type: 'folder', parentId: '999999999' }, 'not_found'],
      [{ title: 'Bad id', type: 'folder', parentId: 'abc' }, 'not_found']
    ];
    for (const [vars, expected] of bad) {
      const res = await create(member.client, { actorId, ...vars });
      // A duplicate folder is a conflict, which the wire calls a validation error.
      expect(code(res), JSON.stringify(vars)).toBe(expected);
    }
    const other = await groupBy(t.app, member);
    const elsewhere = await create(member.client, {
      actorId: String(other.id),
      title: 'x',
      type: 'folder',
      parentId: folder.id
    });
    expect(code(elsewhere)).toBe('not_found');
    expect(await rowCount(group)).toBe(before);
  });
});

describe('who may do what', () => {
  it('lets members, moderators and administrators do everything, and nobody else anything', async () => {
    const { group, admin, member, moderator, outsider, invited, actorId } = await cast();
    const anonymous = await gql(t.app, CREATE, { actorId, title: 'x', type: 'folder' });
    expect(code(anonymous)).toBe('unauthenticated');
    for (const someone of [outsider, invited]) {
      expect(code(await create(someone.client, { actorId, title: 'x', type: 'folder' }))).toBe('unauthorized');
    }
    const byRole = [];
    for (const [who, title] of [
      [member, 'M'],
      [moderator, 'Mod'],
      [admin, 'Admin']
    ] as const) {
      byRole.push(await made(who.client, { actorId, title, type: 'folder' }));
    }
    const target = byRole[0]!;
    for (const someone of [outsider, invited]) {
      expect(code(await someone.client.query(UPDATE, { id: target.id, title: 'Taken' }))).toBe('unauthorized');
      expect(code(await someone.client.query(DELETE, { id: target.id }))).toBe('unauthorized');
      expect(code(await someone.client.query(GET, { path: '/', username: group.preferredUsername }))).toBe(
        'unauthorized'
      );
      const list = await someone.client.query<{ group: { resources: { total: number } } }>(LIST, {
        name: group.preferredUsername
      });
      expect(list.data?.group.resources).toEqual({ total: 0, elements: [] });
    }
    expect(code(await gql(t.app, UPDATE, { id: target.id, title: 'Anon' }))).toBe('unauthenticated');
    expect(code(await gql(t.app, GET, { path: '/', username: group.preferredUsername }))).toBe('unauthenticated');
    expect(code(await gql(t.app, PREVIEW, { url: `${site}/page` }))).toBe('unauthenticated');
    // Everyone in the group changes anyone's resource.
    expect((await moderator.client.query(UPDATE, { id: target.id, title: 'Renamed' })).errors).toBeUndefined();
    expect((await admin.client.query(DELETE, { id: byRole[1]!.id })).errors).toBeUndefined();
    expect((await member.client.query(DELETE, { id: byRole[2]!.id })).errors).toBeUndefined();
    const [left] = await t.app.database.db.select().from(resources).where(eq(resources.groupId, group.id));
    expect(left).toMatchObject({ title: 'Renamed', path: '/Renamed' });
    expect(await rowCount(group)).toBe(1);
  });
});

describe('browsing, renaming, moving and deleting', () => {
  async function tree() {
    const c = await cast();
    const { member, actorId } = c;
    const a = await made(member.client, { actorId, title: 'A', type: 'folder' });
    const b = await made(member.client, { actorId, title: 'B', type: 'folder', parentId: a.id });
    const c1 = await made(member.client, { actorId, title: 'C', type: 'folder', parentId: b.id });
    const link = await made(member.client, {
      actorId,
      title: 'L',
      resourceUrl: 'https://example.org/',
      parentId: b.id
    });
    const z = await made(member.client, { actorId, title: 'Z', type: 'folder' });
    const top = await made(member.client, {
      actorId,
      title: 'a link at the root',
      resourceUrl: 'https://example.org/t'
    });
    return { ...c, a, b, c: c1, link, z, top };
  }
  const paths = async (group: Actor) =>
    Object.fromEntries(
      (await t.app.database.db.select().from(resources).where(eq(resources.groupId, group.id))).map((r) => [
        r.title,
        r.path
      ])
    );

  it('lists the root and each folder, folders first, page by page', async () => {
    const { group, member, a, b } = await tree();
    const username = group.preferredUsername;
    const root = await member.client.query<{ resource: Record<string, unknown> }>(GET, { path: '/', username });
    expect(root.errors).toBeUndefined();
    expect(root.data!.resource).toMatchObject({
      id: null,
      path: '/',
      type: 'folder',
      parent: null,
      children: {
        total: 3,
        elements: [
          { title: 'A', path: '/A', children: { total: 1 } },
          { title: 'Z', path: '/Z', children: { total: 0 } },
          { title: 'a link at the root', type: 'link', children: { total: 0 } }
        ]
      }
    });
    const folder = await member.client.query<{ resource: Record<string, unknown> }>(GET, {
      path: '/A/B',
      username,
      page: 2,
      limit: 1
    });
    expect(folder.data!.resource).toMatchObject({
      id: b.id,
      parent: { id: a.id },
      children: { total: 2, elements: [{ title: 'L', path: '/A/B/L' }] }
    });
    expect(code(await member.client.query(GET, { path: '/A/Nothing', username }))).toBe('not_found');
    const list = await member.client.query<{ group: { resources: { total: number } } }>(LIST, { name: username });
    expect(list.data!.group.resources.total).toBe(3);
  });

  it('renames and moves folders with their content, and tells it in the history', async () => {
    const { group, member, a, b, z } = await tree();
    const renamed = await member.client.query<{ updateResource: { path: string } }>(UPDATE, {
      id: a.id,
      title: 'Archive',
      parentId: null
    });
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data!.updateResource.path).toBe('/Archive');
    expect(await paths(group)).toMatchObject({
      Archive: '/Archive',
      B: '/Archive/B',
      C: '/Archive/B/C',
      L: '/Archive/B/L'
    });

    const moved = await member.client.query<{ updateResource: { path: string; parent: { id: string } } }>(UPDATE, {
      id: b.id,
      parentId: z.id
    });
    expect(moved.data!.updateResource).toMatchObject({ path: '/Z/B', parent: { id: z.id } });
    expect(await paths(group)).toMatchObject({ B: '/Z/B', C: '/Z/B/C', L: '/Z/B/L' });
    const back = await member.client.query<{ updateResource: { path: string } }>(UPDATE, { id: b.id, parentId: null });
    expect(back.data!.updateResource.path).toBe('/B');
    const summary = await member.client.query<{ updateResource: { summary: string } }>(UPDATE, {
      id: b.id,
      summary: 'Everything about B'
    });
    expect(summary.data!.updateResource.summary).toBe('Everything about B');

    const history = await t.app.database.db
      .select()
      .from(groupActivities)
      .where(and(eq(groupActivities.groupId, group.id), eq(groupActivities.type, 'resource')))
      .orderBy(groupActivities.id);
    expect(
      history.slice(6).map((h) => [h.subject, h.subjectParams.old_resource_title ?? h.subjectParams.old_resource_path])
    ).toEqual([
      ['resource_renamed', 'A'],
      ['resource_moved', '/Archive'],
      ['resource_moved', '/Z'],
      ['resource_updated', undefined]
    ]);
    const facts = await t.app.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'ResourceUpdated'));
    expect(facts.map((f) => f.payload)).toContainEqual({
      resourceId: Number(b.id),
      byActorId: member.profile.id,
      movedFrom: Number(z.id)
    });
  });

  it('refuses a folder into itself or its own content, a clash of names, or another group’s folder', async () => {
    const { group, member, actorId, a, b, c, link, z } = await tree();
    await made(member.client, { actorId, title: 'B', type: 'folder', parentId: z.id });
    const before = await paths(group);
    const other = await groupBy(t.app, member);
    const foreign = await made(member.client, { actorId: String(other.id), title: 'Theirs', type: 'folder' });
    for (const [vars, expected] of [
      [{ id: a.id, parentId: a.id }, 'validation'],
      [{ id: a.id, parentId: b.id }, 'validation'],
      [{ id: a.id, parentId: c.id }, 'validation'],
      [{ id: a.id, parentId: link.id }, 'validation'],
      [{ id: b.id, parentId: z.id }, 'validation'],
      [{ id: z.id, title: 'A' }, 'validation'],
      [{ id: a.id, title: 'x/y' }, 'validation'],
      [{ id: a.id, parentId: foreign.id }, 'not_found'],
      [{ id: a.id, resourceUrl: 'https://example.org/' }, 'validation'],
      [{ id: link.id, resourceUrl: 'ftp://example.org/' }, 'validation'],
      [{ id: '999999999', title: 'Ghost' }, 'not_found']
    ] as const) {
      expect(code(await member.client.query(UPDATE, vars)), JSON.stringify(vars)).toBe(expected);
    }
    expect(await paths(group)).toEqual(before);
  });

  it('points a link elsewhere and previews its new page', async () => {
    const { member, link } = await tree();
    const res = await member.client.query<{ updateResource: { resourceUrl: string } }>(UPDATE, {
      id: link.id,
      resourceUrl: `${site}/page`
    });
    expect(res.data!.updateResource.resourceUrl).toBe(`${site}/page`);
    const [row] = await t.app.database.db
      .select()
      .from(resources)
      .where(eq(resources.id, Number(link.id)));
    expect(row!.metadata.title).toBe('Repair & Reuse Café');
  });

  it('deletes a folder with everything in it', async () => {
    const { group, member, a, z, top } = await tree();
    const res = await member.client.query<{ deleteResource: { id: string } }>(DELETE, { id: a.id });
    expect(res.data!.deleteResource.id).toBe(a.id);
    expect(Object.keys(await paths(group)).sort()).toEqual([top.title, z.title].sort());
    expect(code(await member.client.query(DELETE, { id: a.id }))).toBe('not_found');
    const facts = await t.app.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'ResourceDeleted'));
    expect(facts.map((f) => f.payload)).toContainEqual(
      expect.objectContaining({ resourceId: Number(a.id), groupId: group.id, type: 'folder', apId: a.url })
    );
  });
});

describe('link previews', () => {
  it('previews a page for a signed-in person, and nothing of what is not a page', async () => {
    const someone = await person(t.app);
    const res = await someone.client.query<{ previewResourceLink: Record<string, unknown> }>(PREVIEW, {
      url: `${site}/page`
    });
    expect(res.data!.previewResourceLink).toEqual({
      title: 'Repair & Reuse Café',
      description: 'Bring what is broken; we fix it together.',
      imageRemoteUrl: `${site}/img/cafe.jpg`,
      providerName: 'Repair Network',
      providerUrl: `${site}/`,
      faviconUrl: `${site}/favicon.png`,
      html: null
    });
    const json = await someone.client.query<{ previewResourceLink: Record<string, unknown> }>(PREVIEW, {
      url: `${site}/json`
    });
    expect(json.data!.previewResourceLink.title).toBeNull();
    expect(code(await someone.client.query(PREVIEW, { url: 'file:///etc/passwd' }))).toBe('validation');
  });

  it('never fetches a private address unless ALLOW_PRIVATE_ADDRESSES', async () => {
    const strict = createLinkPreviewer({ allowPrivateAddresses: false, publicUrl: t.app.config.publicUrl });
    const refused = await strict.preview(`${site}/page`).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SafeFetchError);
    expect((refused as SafeFetchError).reason).toBe('private-address');
    const { member, actorId } = await cast();
    t.app.services.resources.usePreviewer(strict);
    try {
      const link = await made(member.client, { actorId, title: 'Inside', resourceUrl: `${site}/page` });
      expect(link.metadata.title).toBeNull();
      const preview = await member.client.query<{ previewResourceLink: { title: string | null } }>(PREVIEW, {
        url: 'http://169.254.169.254/latest/meta-data/'
      });
      expect(preview.data!.previewResourceLink.title).toBeNull();
    } finally {
      t.app.services.resources.usePreviewer(createLinkPreviewer(t.app.config));
    }
  });
});

describe('the instance’s document services', () => {
  it('are listed in Config.resourceProviders', async () => {
    const res = await gql<{ config: { resourceProviders: unknown[] } }>(
      t.app,
      '{ config { resourceProviders { type endpoint software } } }'
    );
    expect(res.data!.config.resourceProviders).toEqual([
      { type: 'pad', endpoint: 'https://pad.example/p/', software: 'etherpad' },
      { type: 'visio', endpoint: 'https://meet.example/', software: 'jitsi' }
    ]);
  });
});

describe('resources from other servers', () => {
  async function remoteActor(type: 'Person' | 'Group' = 'Person'): Promise<Actor> {
    const name = `r${Math.random().toString(36).slice(2, 10)}`;
    const [row] = await t.app.database.db
      .insert(actors)
      .values({ type, preferredUsername: name, domain: 'remote.example', apId: `https://remote.example/@${name}` })
      .returning();
    return row!;
  }

  it('takes a remote member’s resources by their id, once, and refuses those of non-members', async () => {
    const { group } = await cast();
    const bea = await remoteActor();
    const data = {
      apId: 'https://remote.example/resource/1',
      type: 'folder' as const,
      title: 'Shared',
      summary: null,
      resourceUrl: null,
      groupApId: group.apId,
      contextApId: `${group.apId}/resources`,
      creatorApId: bea.apId,
      publishedAt: null
    };
    await expect(
      t.app.services.remoteResources.receiveRemoteResource({ remoteActorId: bea.id }, data)
    ).rejects.toMatchObject({ code: 'forbidden' });
    await withRole(t.app, group, bea, 'member');
    const first = await t.app.services.remoteResources.receiveRemoteResource({ remoteActorId: bea.id }, data);
    const again = await t.app.services.remoteResources.receiveRemoteResource({ remoteActorId: bea.id }, data);
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ local: false, path: '/Shared', creatorId: bea.id, parentId: null });
    const child = await t.app.services.remoteResources.receiveRemoteResource(
      { remoteActorId: bea.id },
      {
        ...data,
        apId: 'https://remote.example/resource/2',
        type: 'link',
        title: 'Doc',
        resourceUrl: 'https://d.example/',
        contextApId: data.apId
      }
    );
    expect(child).toMatchObject({ path: '/Shared/Doc', parentId: first.id });
    const renamed = await t.app.services.remoteResources.receiveRemoteResource(
      { remoteActorId: bea.id },
      { ...data, title: 'Common' }
    );
    expect(renamed.path).toBe('/Common');
    expect(await paths()).toMatchObject({ Common: '/Common', Doc: '/Common/Doc' });
    await t.app.services.remoteResources.receiveRemoteResourceDeletion({ remoteActorId: bea.id }, data.apId);
    expect(await rowCount(group)).toBe(0);

    async function paths() {
      const rows = await t.app.database.db.select().from(resources).where(eq(resources.groupId, group.id));
      return Object.fromEntries(rows.map((r) => [r.title, r.path]));
    }
  });

  it('keeps a copy of what a remote group announces, and only its own', async () => {
    const remoteGroup = await remoteActor('Group');
    const data = {
      apId: 'https://remote.example/resource/9',
      type: 'link' as const,
      title: 'Announced',
      summary: 'From afar',
      resourceUrl: 'https://d.example/a',
      groupApId: remoteGroup.apId,
      contextApId: null,
      creatorApId: 'https://remote.example/@unknown',
      publishedAt: new Date('2030-01-01T00:00:00Z')
    };
    const copy = await t.app.services.remoteResources.resourceForGroupAnnounce(remoteGroup.id, data);
    expect(copy).toMatchObject({ groupId: remoteGroup.id, creatorId: null, path: '/Announced', local: false });
    const { group } = await cast();
    await expect(
      t.app.services.remoteResources.resourceForGroupAnnounce(group.id, {
        ...data,
        apId: 'https://remote.example/resource/10'
      })
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(
      await t.app.services.remoteResources.resourceDeletionForGroupAnnounce(remoteGroup.id, data.apId)
    ).not.toBeNull();
    expect(await t.app.services.queries.resources.byApId(data.apId)).toBeUndefined();
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { groupBy, person } from '../helpers/groups.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
let page: Server;
let pageUrl: string;
beforeAll(async () => {
  page = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(
      '<head><meta property="og:title" content="Seed library"><meta property="og:image" content="s.png"></head>'
    );
  });
  await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/seeds`;
  t = await createTestApp({
    listen: false,
    workers: false,
    env: { RESOURCE_PROVIDERS: '[{"type":"pad","endpoint":"https://pad.example/p/","software":"etherpad"}]' }
  });
});
afterAll(async () => {
  await t?.stop();
  await new Promise((resolve) => page?.close(resolve));
});

const op = (name: string) => mobilizonOperation(name).source;

interface Element {
  id: string;
  title: string;
  path: string;
  type: string;
  resourceUrl: string | null;
}

describe.skipIf(!hasMobilizonCorpus())("Mobilizon's resource documents", () => {
  it('PreviewResourceLink, CreateResource, GetResource, GroupResourcesList, UpdateResource and DeleteResource run', async () => {
    const rose = await person(t.app);
    const group = await groupBy(t.app, rose);
    const client = rose.client;
    const actorId = String(group.id);

    const preview = await client.query<{ previewResourceLink: { title: string; imageRemoteUrl: string } }>(
      op('PreviewResourceLink'),
      { resourceUrl: pageUrl }
    );
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.previewResourceLink).toMatchObject({
      title: 'Seed library',
      imageRemoteUrl: pageUrl.replace('/seeds', '/s.png')
    });

    // What Mobilizon's client sends: a folder at the root (parentId null), then a link and a pad in it.
    const created = await client.query<{ createResource: Element }>(op('CreateResource'), {
      title: 'Garden',
      parentId: null,
      summary: '',
      actorId,
      resourceUrl: null,
      type: 'folder'
    });
    expect(created.errors).toBeUndefined();
    const folder = created.data!.createResource;
    expect(folder).toMatchObject({ title: 'Garden', path: '/Garden', type: 'folder' });
    const link = await client.query<{ createResource: Element & { metadata: { type: string | null } } }>(
      op('CreateResource'),
      { title: 'Seeds', parentId: folder.id, summary: 'Swap', actorId, resourceUrl: pageUrl, type: 'link' }
    );
    expect(link.errors).toBeUndefined();
    expect(link.data!.createResource).toMatchObject({ path: '/Garden/Seeds', resourceUrl: pageUrl });
    const pad = await client.query<{ createResource: Element }>(op('CreateResource'), {
      title: 'Plan',
      parentId: folder.id,
      actorId,
      resourceUrl: 'https://pad.example/p/guessable',
      type: 'pad'
    });
    expect(pad.data!.createResource.resourceUrl).toMatch(/^https:\/\/pad\.example\/p\/[a-z0-9]{26}$/);

    const root = await client.query<{ resource: { path: string; children: { total: number; elements: Element[] } } }>(
      op('GetResource'),
      { path: '/', username: group.preferredUsername, page: 1, limit: 10 }
    );
    expect(root.errors).toBeUndefined();
    expect(root.data!.resource).toMatchObject({ path: '/', children: { total: 1, elements: [{ id: folder.id }] } });
    const inFolder = await client.query<{
      resource: { id: string; actor: { id: string }; children: { total: number; elements: Element[] } };
    }>(op('GetResource'), { path: '/Garden', username: group.preferredUsername, page: 1, limit: 10 });
    expect(inFolder.errors).toBeUndefined();
    expect(inFolder.data!.resource).toMatchObject({ id: folder.id, actor: { id: actorId } });
    expect(inFolder.data!.resource.children.elements.map((e) => e.title)).toEqual(['Plan', 'Seeds']);

    const list = await client.query<{ group: { resources: { total: number; elements: Element[] } } }>(
      op('GroupResourcesList'),
      { name: group.preferredUsername, resourcesPage: 1, resourcesLimit: 10 }
    );
    expect(list.errors).toBeUndefined();
    expect(list.data!.group.resources).toMatchObject({ total: 1, elements: [{ title: 'Garden' }] });

    // Renaming as Mobilizon's client does it: the same parent sent along.
    const renamed = await client.query<{ updateResource: Element & { parent: { id: string } | null } }>(
      op('UpdateResource'),
      { id: link.data!.createResource.id, title: 'Seed swap', parentId: folder.id }
    );
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data!.updateResource).toMatchObject({ path: '/Garden/Seed swap', parent: { id: folder.id } });
    const moved = await client.query<{ updateResource: Element & { parent: null } }>(op('UpdateResource'), {
      id: link.data!.createResource.id,
      parentId: null
    });
    expect(moved.data!.updateResource).toMatchObject({ path: '/Seed swap', parent: null });

    const deleted = await client.query<{ deleteResource: { id: string } }>(op('DeleteResource'), { id: folder.id });
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data!.deleteResource.id).toBe(folder.id);
    const after = await client.query<{ group: { resources: { total: number; elements: Element[] } } }>(
      op('GroupResourcesList'),
      { name: group.preferredUsername }
    );
    expect(after.data!.group.resources.elements.map((e) => e.title)).toEqual(['Seed swap']);
  });

  it('ResourceProviders lists the instance’s services', async () => {
    const res = await rosesClient().then((c) =>
      c.query<{ config: { resourceProviders: unknown[] } }>(op('ResourceProviders'))
    );
    expect(res.data!.config.resourceProviders).toEqual([
      { type: 'pad', endpoint: 'https://pad.example/p/', software: 'etherpad' }
    ]);
  });
});

const rosesClient = async () => (await person(t.app)).client;

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signRequest } from '@fedify/fedify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#lib/server/db/schema/actors.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { changesWhile } from '../helpers/db-snapshot.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs } from '../helpers/graphql.ts';
import { groupBy } from '../helpers/groups.ts';
import { actorDocument, AP_JSON, startRemoteSink, type RemoteSink } from '../helpers/remote-sink.ts';
import { localActorKey, newSigningKey, signedPost, type GeneratedKey } from '../helpers/signed-post.ts';
import { waitFor } from '../helpers/wait.ts';

/**
 * A group's resources and todos between two real instances: A hosts Rose's group, B's profile Bea
 * is a member of it (invited, accepted). What Bea does on B reaches A, which checks her permission
 * and announces it to the members; what Rose does on A reaches B's copy. Strangers change nothing.
 */
type Person = Awaited<ReturnType<typeof createUserWithProfile>>;

let a: TestApp;
let b: TestApp;
let rose: Person;
let bea: Person;
let onA: Actor;
let onB: Actor;
let sink: RemoteSink;
let malloryKey: GeneratedKey;
let pages: Server;
let site: string;
let pageHits = 0;

const acting = (p: Person) => ({ userId: p.user.id, actorId: p.profile.id });

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Fallback</title>
<meta property="og:title" content="Spring fair agenda"><meta property="og:description" content="Who brings what.">
<meta property="og:site_name" content="Pads of the neighbourhood"></head><body>Agenda</body></html>`;

beforeAll(async () => {
  pages = createServer((request, response) => {
    pageHits += 1;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(PAGE);
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  site = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
  rose = await createUserWithProfile(a.app, { username: 'rose' });
  bea = await createUserWithProfile(b.app, { username: 'bea' });
  sink = await startRemoteSink();
  malloryKey = await newSigningKey(`${sink.baseUrl}/@mallory#main-key`);
  sink.serve('/@mallory', {
    headers: AP_JSON,
    body: actorDocument(`${sink.baseUrl}/@mallory`, malloryKey.publicKeyPem)
  });

  onA = await groupBy(a.app, rose, { openness: 'invite_only' });
  onB = await b.app.federation!.resolveActor(onA.apId);
  await a.app.services.members.invite(acting(rose), onA.id, await a.app.federation!.resolveActor(bea.profile.apId));
  const invited = await waitFor(
    async () => {
      const row = await b.app.services.queries.groups.membership(onB.id, bea.profile.id);
      return row?.role === 'invited' ? row : undefined;
    },
    { what: 'the invitation to reach B' }
  );
  await b.app.services.members.acceptInvitation(acting(bea), invited.id);
  const beaOnA = await a.app.federation!.resolveActor(bea.profile.apId);
  await waitFor(async () => (await a.app.services.queries.groups.membership(onA.id, beaOnA.id))?.role === 'member', {
    what: 'A to take the acceptance'
  });
}, 90_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), sink?.close()]);
  await new Promise((resolve) => pages?.close(resolve));
});

/** The copy of a resource on an instance, once it satisfies `check`. */
function resourceOn(app: TestApp, apId: string, what: string, check: (r: Resource) => boolean = () => true) {
  return waitFor(
    async () => {
      const row = await app.app.services.queries.resources.byApId(apId);
      return row && check(row) ? row : undefined;
    },
    { what }
  );
}
type Resource = NonNullable<Awaited<ReturnType<TestApp['app']['services']['queries']['resources']['byApId']>>>;

/** The first page of one of A's group collections, fetched as Bea (a member) signs it. */
async function collectionAsBea(name: string): Promise<Record<string, unknown>[]> {
  const key = await localActorKey(b.app, 'bea');
  const request = new Request(`${onA.apId}/${name}`, { headers: { accept: 'application/activity+json' } });
  const signed = await signRequest(request, key.privateKey, new URL(key.keyId), {
    spec: 'draft-cavage-http-signatures-12'
  });
  const response = await fetch(signed);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { first: { orderedItems: Record<string, unknown>[] } };
  return body.first.orderedItems;
}

const goneOn = (app: TestApp, apId: string, what: string) =>
  waitFor(async () => (await app.app.services.queries.resources.byApId(apId)) === undefined, { what });

describe('resources', () => {
  it('made by Bea on B reach A (checked there, seen by its members, preview kept); Rose’s reach B', async () => {
    const notes = await b.app.services.resources.create(acting(bea), {
      groupId: onB.id,
      type: 'folder',
      title: 'Notes'
    });
    const link = await b.app.services.resources.create(acting(bea), {
      groupId: onB.id,
      type: 'link',
      title: 'Agenda',
      summary: 'For the fair',
      resourceUrl: `${site}/agenda`
    });
    expect(pageHits).toBe(1);
    expect(link.metadata).toMatchObject({ title: 'Spring fair agenda', providerName: 'Pads of the neighbourhood' });

    const notesOnA = await resourceOn(a, notes.apId, 'Bea’s folder on A');
    const linkOnA = await resourceOn(a, link.apId, 'Bea’s link on A');
    const beaOnA = await a.app.federation!.resolveActor(bea.profile.apId);
    expect(notesOnA).toMatchObject({ groupId: onA.id, local: false, type: 'folder', path: '/Notes', parentId: null });
    expect(linkOnA).toMatchObject({
      groupId: onA.id,
      local: false,
      type: 'link',
      title: 'Agenda',
      summary: 'For the fair',
      resourceUrl: `${site}/agenda`,
      creatorId: beaOnA.id,
      metadata: {
        title: 'Spring fair agenda',
        description: 'Who brings what.',
        providerName: 'Pads of the neighbourhood'
      }
    });
    // The preview came with the resource: A fetched nothing.
    expect(pageHits).toBe(1);

    const roseClient = await clientAs(a.app, rose.email, rose.password);
    const listed = await roseClient.query<{
      group: { resources: { elements: { title: string; path: string; metadata: { title: string | null } | null }[] } };
    }>(
      `query($name: String!) { group(preferredUsername: $name) {
        resources { total elements { title path metadata { title } } } } }`,
      { name: onA.preferredUsername }
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.group.resources.elements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: 'Notes', path: '/Notes' }),
        expect.objectContaining({ title: 'Agenda', path: '/Agenda', metadata: { title: 'Spring fair agenda' } })
      ])
    );

    // A's resources collection embeds them, as Mobilizon's does.
    expect(await collectionAsBea('resources')).toContainEqual(
      expect.objectContaining({
        type: 'Document',
        id: link.apId,
        actor: bea.profile.apId,
        attributedTo: onA.apId,
        name: 'Agenda',
        url: `${site}/agenda`,
        context: `${onA.apId}/resources`,
        preview: expect.objectContaining({ type: 'Page', name: 'Spring fair agenda' })
      })
    );

    const archive = await a.app.services.resources.create(acting(rose), {
      groupId: onA.id,
      type: 'folder',
      title: 'Archive'
    });
    const archiveOnB = await resourceOn(b, archive.apId, 'Rose’s folder on B');
    expect(archiveOnB).toMatchObject({ groupId: onB.id, local: false, type: 'folder', path: '/Archive' });
  });

  it('renamed, moved into a folder and deleted, both ways', async () => {
    const folder = await a.app.services.resources.create(acting(rose), {
      groupId: onA.id,
      type: 'folder',
      title: 'Meetings'
    });
    const minutes = await a.app.services.resources.create(acting(rose), {
      groupId: onA.id,
      type: 'folder',
      title: 'Minutes'
    });
    const folderOnB = await resourceOn(b, folder.apId, 'Rose’s folder on B');
    await resourceOn(b, minutes.apId, 'Rose’s second folder on B');
    const draft = await b.app.services.resources.create(acting(bea), {
      groupId: onB.id,
      type: 'link',
      title: 'Draft',
      resourceUrl: 'https://pads.example/draft'
    });
    const draftOnA = await resourceOn(a, draft.apId, 'Bea’s link on A');

    // Bea renames her link and moves it into Rose's folder (a Move, with its origin and target).
    await b.app.services.resources.update(acting(bea), draft.id, { title: 'Final' });
    await resourceOn(a, draft.apId, 'the rename on A', (r) => r.title === 'Final');
    await b.app.services.resources.update(acting(bea), draft.id, { parentId: folderOnB.id });
    const movedOnA = await resourceOn(a, draft.apId, 'the move on A', (r) => r.parentId === folder.id);
    expect(movedOnA).toMatchObject({ id: draftOnA.id, path: '/Meetings/Final', title: 'Final' });

    // Rose renames her folder and moves another into it; B follows, paths below included.
    await a.app.services.resources.update(acting(rose), folder.id, { title: 'Meetings 2030' });
    await resourceOn(b, folder.apId, 'the rename on B', (r) => r.title === 'Meetings 2030');
    await resourceOn(b, draft.apId, 'the new path below on B', (r) => r.path === '/Meetings 2030/Final');
    await a.app.services.resources.update(acting(rose), minutes.id, { parentId: folder.id });
    await resourceOn(b, minutes.apId, 'the move on B', (r) => r.parentId === folderOnB.id);

    // Rose renames Bea's link on A: B follows the group's word on its own member's object.
    await a.app.services.resources.update(acting(rose), draftOnA.id, { title: 'Final, checked' });
    await resourceOn(b, draft.apId, 'Rose’s rename of Bea’s link on B', (r) => r.title === 'Final, checked');
    // Bea renames Rose's folder from B: A takes it from her embedded proposal.
    await b.app.services.resources.update(acting(bea), folderOnB.id, { title: 'Meetings 2031' });
    await resourceOn(a, folder.apId, 'Bea’s rename of Rose’s folder on A', (r) => r.title === 'Meetings 2031');

    // Bea deletes her link; Rose deletes her folder, with what is in it.
    await b.app.services.resources.delete(acting(bea), draft.id);
    await goneOn(a, draft.apId, 'the deletion on A');
    await a.app.services.resources.delete(acting(rose), folder.id);
    await goneOn(b, folder.apId, 'the folder’s deletion on B');
    await goneOn(b, minutes.apId, 'its content’s deletion on B');
  });
});

describe('todos', () => {
  it('Rose’s lists and todos reach B; Bea’s todo in that list, and its ticking, reach A', async () => {
    const beaOnA = await a.app.federation!.resolveActor(bea.profile.apId);
    const list = await a.app.services.todos.createTodoList(acting(rose), { groupId: onA.id, title: 'Fair' });
    const due = new Date('2030-04-30T18:00:00.000Z');
    const tables = await a.app.services.todos.createTodo(acting(rose), {
      todoListId: list.id,
      title: 'Tables',
      dueDate: due,
      assignedToId: beaOnA.id
    });
    const listOnB = await waitFor(() => b.app.services.queries.todos.listByApId(list.apId), { what: 'the list on B' });
    expect(listOnB).toMatchObject({ groupId: onB.id, title: 'Fair', local: false });
    const tablesOnB = await waitFor(() => b.app.services.queries.todos.todoByApId(tables.apId), {
      what: 'the todo on B'
    });
    expect(tablesOnB).toMatchObject({
      todoListId: listOnB.id,
      title: 'Tables',
      done: false,
      dueDate: due,
      assignedToId: bea.profile.id,
      local: false
    });

    expect(await collectionAsBea('todos')).toContainEqual(
      expect.objectContaining({ type: 'TodoList', id: list.apId, actor: onA.apId, name: 'Fair' })
    );

    await a.app.services.todos.updateTodo(acting(rose), { id: tables.id, status: true, title: 'Six tables' });
    await waitFor(
      async () => {
        const row = await b.app.services.queries.todos.todoByApId(tables.apId);
        return row?.done && row.title === 'Six tables';
      },
      { what: 'the ticked todo on B' }
    );

    const chairs = await b.app.services.todos.createTodo(acting(bea), { todoListId: listOnB.id, title: 'Chairs' });
    const chairsOnA = await waitFor(() => a.app.services.queries.todos.todoByApId(chairs.apId), {
      what: 'Bea’s todo on A'
    });
    expect(chairsOnA).toMatchObject({ todoListId: list.id, title: 'Chairs', done: false, creatorId: beaOnA.id });
    await b.app.services.todos.updateTodo(acting(bea), { id: chairs.id, status: true });
    await waitFor(async () => (await a.app.services.queries.todos.todoByApId(chairs.apId))?.done, {
      what: 'Bea’s ticking on A'
    });

    // Bea ticks back Rose's todo, which lives on A: A takes her proposal (she may, as a member).
    await b.app.services.todos.updateTodo(acting(bea), { id: tablesOnB.id, status: false });
    await waitFor(async () => (await a.app.services.queries.todos.todoByApId(tables.apId))?.done === false, {
      what: 'Bea’s change to Rose’s todo on A'
    });
  });
});

describe('strangers', () => {
  it('a non-member’s Create of a resource or a todo for A’s group changes nothing', async () => {
    const list = await a.app.services.todos.createTodoList(acting(rose), { groupId: onA.id, title: 'Private' });
    const mallory = `${sink.baseUrl}/@mallory`;
    const base = { '@context': 'https://www.w3.org/ns/activitystreams', actor: mallory, to: [`${onA.apId}/members`] };
    const document = {
      type: 'Document',
      id: `${sink.baseUrl}/resource/1`,
      actor: mallory,
      attributedTo: onA.apId,
      name: 'Totally legit',
      context: `${onA.apId}/resources`,
      url: 'https://evil.example/'
    };
    const todo = {
      type: 'Todo',
      id: `${sink.baseUrl}/todo/1`,
      actor: mallory,
      attributedTo: onA.apId,
      name: 'Leave the door open',
      status: false,
      todoList: list.apId
    };
    const activities = [
      { ...base, id: `${mallory}/create/1`, type: 'Create', object: document },
      { ...base, id: `${mallory}/add/1`, type: 'Add', object: { ...document, id: `${sink.baseUrl}/resource/2` } },
      { ...base, id: `${mallory}/create/2`, type: 'Create', object: todo }
    ];
    for (const activity of activities) {
      const changes = await changesWhile(a.app, () => signedPost(`${a.baseUrl}/inbox`, activity, malloryKey));
      expect(changes.filter((line) => /^(resources|todos|todo_lists|group_activities):/.test(line))).toEqual([]);
    }
    expect(await a.app.services.queries.resources.byApId(document.id)).toBeUndefined();
    expect(await a.app.services.queries.todos.todoByApId(todo.id)).toBeUndefined();
  });
});

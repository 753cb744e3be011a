import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import type { Actor } from '#lib/server/db/schema/actors.ts';
import { todoLists, todos } from '#lib/server/db/schema/groups.ts';
import { domainEvents } from '#lib/server/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { groupBy, person, withRole, type TestPerson } from '../helpers/groups.ts';
import { gql } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
let ann: TestPerson; // creator
let mod: TestPerson;
let bob: TestPerson; // member
let eve: TestPerson; // no member
let ivy: TestPerson; // invited only
let group: Actor;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
  [ann, mod, bob, eve, ivy] = (await Promise.all([1, 2, 3, 4, 5].map(() => person(t.app)))) as [
    TestPerson,
    TestPerson,
    TestPerson,
    TestPerson,
    TestPerson
  ];
  group = await groupBy(t.app, ann);
  await withRole(t.app, group, mod.profile, 'moderator');
  await withRole(t.app, group, bob.profile, 'member');
  await withRole(t.app, group, ivy.profile, 'invited');
});
afterAll(() => t?.stop());

const CREATE_LIST = `mutation($title: String!, $groupId: ID!) { createTodoList(title: $title, groupId: $groupId) {
  id title actor { id } todos { total elements { id } } } }`;
const CREATE = `mutation($todoListId: ID!, $title: String!, $status: Boolean, $dueDate: DateTime, $assignedToId: ID) {
  createTodo(todoListId: $todoListId, title: $title, status: $status, dueDate: $dueDate, assignedToId: $assignedToId) {
  id title status dueDate creator { id } assignedTo { id } todoList { id } } }`;
const UPDATE = `mutation($id: ID!, $todoListId: ID, $title: String, $status: Boolean, $dueDate: DateTime, $assignedToId: ID) {
  updateTodo(id: $id, todoListId: $todoListId, title: $title, status: $status, dueDate: $dueDate, assignedToId: $assignedToId) {
  id title status dueDate assignedTo { id } todoList { id } } }`;
const LISTS = `query($name: String!, $page: Int, $limit: Int, $todosPage: Int, $todosLimit: Int) {
  group(preferredUsername: $name) { todoLists(page: $page, limit: $limit) { total elements { id title
  todos(page: $todosPage, limit: $todosLimit) { total elements { id title status } } } } } }`;
const LIST = `query($id: ID!) { todoList(id: $id) { id title } }`;
const TODO = `query($id: ID!) { todo(id: $id) { id title } }`;

type Res = { errors?: { code?: string; field?: string | null }[] };
const expectError = (res: Res, code: string) => expect(res.errors?.[0]?.code, JSON.stringify(res.errors)).toBe(code);

async function newList(who: TestPerson, title = 'Spring fair') {
  const res = await who.client.query<{ createTodoList: { id: string } }>(CREATE_LIST, { title, groupId: group.id });
  expect(res.errors).toBeUndefined();
  return res.data!.createTodoList.id;
}
async function newTodo(who: TestPerson, todoListId: string, vars: Record<string, unknown> = {}) {
  const res = await who.client.query<{ createTodo: { id: string } }>(CREATE, { todoListId, title: 'Chairs', ...vars });
  expect(res.errors).toBeUndefined();
  return res.data!.createTodo.id;
}
const counts = async () => ({
  lists: await t.app.database.db.$count(todoLists),
  todos: await t.app.database.db.$count(todos)
});
const todoRow = async (id: string) =>
  (
    await t.app.database.db
      .select()
      .from(todos)
      .where(eq(todos.id, Number(id)))
  )[0]!;

describe('todo lists', () => {
  it('any member creates a list, with its Mobilizon URL and a domain event', async () => {
    for (const who of [bob, mod, ann]) {
      const res = await who.client.query<{ createTodoList: Record<string, unknown> }>(CREATE_LIST, {
        title: '  Spring fair  ',
        groupId: group.id
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.createTodoList).toMatchObject({
        title: 'Spring fair',
        actor: { id: String(group.id) },
        todos: { total: 0, elements: [] }
      });
    }
    const id = await newList(bob, 'Autumn');
    const [row] = await t.app.database.db
      .select()
      .from(todoLists)
      .where(eq(todoLists.id, Number(id)));
    expect(row).toMatchObject({
      local: true,
      groupId: group.id,
      apId: `${t.app.config.publicUrl}/todo-list/${row!.uuid}`
    });
    const facts = await t.app.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'TodoListCreated'));
    expect(facts.map((f) => (f.payload as { todoListId: number }).todoListId)).toContain(Number(id));
  });

  it('refuses anonymous callers, non-members, the invited, a blank title, an unknown group; creating nothing', async () => {
    const before = await counts();
    expectError(await gql(t.app, CREATE_LIST, { title: 'x', groupId: group.id }), 'unauthenticated');
    expectError(await eve.client.query(CREATE_LIST, { title: 'x', groupId: group.id }), 'unauthorized');
    expectError(await ivy.client.query(CREATE_LIST, { title: 'x', groupId: group.id }), 'unauthorized');
    expectError(await bob.client.query(CREATE_LIST, { title: '   ', groupId: group.id }), 'validation');
    expectError(await bob.client.query(CREATE_LIST, { title: 'x'.repeat(201), groupId: group.id }), 'validation');
    expectError(await bob.client.query(CREATE_LIST, { title: 'x', groupId: 'nope' }), 'not_found');
    expectError(await bob.client.query(CREATE_LIST, { title: 'x', groupId: 999999 }), 'not_found');
    expect(await counts()).toEqual(before);
  });

  it('shows a group’s lists and todos to members only, paginated', async () => {
    const other = await groupBy(t.app, eve);
    const res0 = await eve.client.query(CREATE_LIST, { title: 'Elsewhere', groupId: other.id });
    expect(res0.errors).toBeUndefined();
    const a = await newList(bob, 'List A');
    const b = await newList(bob, 'List B');
    for (const title of ['one', 'two', 'three']) await newTodo(bob, a, { title });
    await newTodo(bob, b, { title: 'solo' });
    const vars = { name: group.preferredUsername, limit: 2, todosPage: 1, todosLimit: 2 };
    type Lists = {
      group: {
        todoLists: {
          total: number;
          elements: { id: string; todos: { total: number; elements: { title: string }[] } }[];
        };
      };
    };
    const res = await bob.client.query<Lists>(LISTS, vars);
    expect(res.errors).toBeUndefined();
    const { total, elements } = res.data!.group.todoLists;
    expect(total).toBeGreaterThanOrEqual(6);
    // The most recently changed first: B got a todo last.
    expect(elements.map((l) => l.id)).toEqual([b, a]);
    expect(elements[0]!.todos).toEqual({
      total: 1,
      elements: [{ title: 'solo', id: expect.any(String), status: false }]
    });
    expect(elements[1]!.todos.total).toBe(3);
    expect(elements[1]!.todos.elements.map((x) => x.title)).toEqual(['one', 'two']);
    const page2 = await bob.client.query<Lists>(LISTS, { ...vars, todosPage: 2 });
    expect(page2.data!.group.todoLists.elements[1]!.todos.elements.map((x) => x.title)).toEqual(['three']);
    for (const res of [await eve.client.query<Lists>(LISTS, vars), await gql<Lists>(t.app, LISTS, vars)]) {
      expect(res.errors).toBeUndefined();
      expect(res.data!.group.todoLists).toEqual({ total: 0, elements: [] });
    }
  });

  it('reads a page of lists with their todos in a fixed number of queries (no query per list)', async () => {
    const queriesFor = async (lists: number) => {
      const owner = await person(t.app);
      const g = await groupBy(t.app, owner);
      for (let i = 0; i < lists; i++) {
        const list = await t.app.services.todos.createTodoList(
          { userId: owner.user.id, actorId: owner.profile.id },
          { groupId: g.id, title: `L${i}` }
        );
        for (const title of ['a', 'b']) {
          await t.app.services.todos.createTodo(
            { userId: owner.user.id, actorId: owner.profile.id },
            { todoListId: list.id, title, assignedToId: owner.profile.id }
          );
        }
      }
      const pool = t.app.database.pool;
      const original = pool.query.bind(pool);
      let n = 0;
      pool.query = ((...args: Parameters<typeof pool.query>) => {
        n++;
        return original(...args);
      }) as typeof pool.query;
      try {
        const res = await owner.client.query<{ group: { todoLists: { elements: unknown[] } } }>(
          `query($name: String!) { group(preferredUsername: $name) { todoLists(limit: 20) { elements { id actor { id }
            todos { total elements { id creator { id } assignedTo { id } todoList { id } } } } } } }`,
          { name: g.preferredUsername }
        );
        expect(res.data!.group.todoLists.elements).toHaveLength(lists);
      } finally {
        pool.query = original;
      }
      return n;
    };
    const one = await queriesFor(1);
    expect(one).toBeGreaterThan(2);
    expect(await queriesFor(6)).toBe(one);
  });

  it('answers todoList and todo to members; others are refused', async () => {
    const list = await newList(bob);
    const todo = await newTodo(bob, list);
    for (const who of [bob, mod, ann]) {
      expect((await who.client.query<{ todoList: { id: string } }>(LIST, { id: list })).data!.todoList.id).toBe(list);
      expect((await who.client.query<{ todo: { id: string } }>(TODO, { id: todo })).data!.todo.id).toBe(todo);
    }
    expectError(await gql(t.app, LIST, { id: list }), 'unauthenticated');
    expectError(await gql(t.app, TODO, { id: todo }), 'unauthenticated');
    expectError(await eve.client.query(LIST, { id: list }), 'unauthorized');
    expectError(await ivy.client.query(TODO, { id: todo }), 'unauthorized');
    expectError(await bob.client.query(LIST, { id: 999999 }), 'not_found');
    expectError(await bob.client.query(TODO, { id: 'x' }), 'not_found');
  });
});

describe('todos', () => {
  it('a member adds a todo with a status, a due date and a member as assignee', async () => {
    const list = await newList(bob);
    const res = await bob.client.query<{ createTodo: Record<string, unknown> }>(CREATE, {
      todoListId: list,
      title: 'Print posters',
      status: false,
      dueDate: '2030-05-01T10:00:00Z',
      assignedToId: mod.profile.id
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createTodo).toMatchObject({
      title: 'Print posters',
      status: false,
      dueDate: '2030-05-01T10:00:00.000Z',
      creator: { id: String(bob.profile.id) },
      assignedTo: { id: String(mod.profile.id) },
      todoList: { id: list }
    });
    const row = await todoRow(res.data!.createTodo.id as string);
    expect(row.apId).toBe(`${t.app.config.publicUrl}/todo/${row.uuid}`);
    const facts = await t.app.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'TodoCreated'));
    expect(facts.map((f) => (f.payload as { todoId: number }).todoId)).toContain(row.id);
  });

  it('refuses outsiders, a non-member assignee, bad ids and titles; creating nothing', async () => {
    const list = await newList(bob);
    const before = await counts();
    expectError(await gql(t.app, CREATE, { todoListId: list, title: 'x' }), 'unauthenticated');
    expectError(await eve.client.query(CREATE, { todoListId: list, title: 'x' }), 'unauthorized');
    expectError(await ivy.client.query(CREATE, { todoListId: list, title: 'x' }), 'unauthorized');
    for (const assignedToId of [eve.profile.id, ivy.profile.id, 'abc', 999999]) {
      expectError(await bob.client.query(CREATE, { todoListId: list, title: 'x', assignedToId }), 'validation');
    }
    expectError(await bob.client.query(CREATE, { todoListId: list, title: '' }), 'validation');
    expectError(await bob.client.query(CREATE, { todoListId: 999999, title: 'x' }), 'not_found');
    expect(
      (await bob.client.query(CREATE, { todoListId: list, title: 'x', dueDate: 'tomorrow' })).errors
    ).toBeDefined();
    expect(await counts()).toEqual(before);
  });

  it('any member ticks, renames, reschedules, reassigns and clears; absent arguments keep their value', async () => {
    const list = await newList(bob);
    const id = await newTodo(bob, list, { dueDate: '2030-01-01T00:00:00Z', assignedToId: bob.profile.id });
    type U = { updateTodo: Record<string, unknown> };
    const ticked = await mod.client.query<U>(UPDATE, { id, status: true });
    expect(ticked.errors).toBeUndefined();
    expect(ticked.data!.updateTodo).toMatchObject({
      status: true,
      title: 'Chairs',
      dueDate: '2030-01-01T00:00:00.000Z',
      assignedTo: { id: String(bob.profile.id) }
    });
    const changed = await ann.client.query<U>(UPDATE, {
      id,
      title: 'Tables',
      dueDate: '2031-02-03T04:05:06Z',
      assignedToId: ann.profile.id
    });
    expect(changed.data!.updateTodo).toMatchObject({
      title: 'Tables',
      status: true,
      dueDate: '2031-02-03T04:05:06.000Z',
      assignedTo: { id: String(ann.profile.id) }
    });
    const cleared = await bob.client.query<U>(UPDATE, { id, dueDate: null, assignedToId: null, status: false });
    expect(cleared.data!.updateTodo).toMatchObject({ status: false, dueDate: null, assignedTo: null });
    const other = await newList(bob, 'Other');
    const moved = await bob.client.query<U>(UPDATE, { id, todoListId: other });
    expect(moved.data!.updateTodo).toMatchObject({ todoList: { id: other }, title: 'Tables' });
    const facts = await t.app.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'TodoUpdated'));
    expect(facts.filter((f) => (f.payload as { todoId: number }).todoId === Number(id))).toHaveLength(4);
  });

  it('refuses updates by outsiders, to a non-member, to another group’s list, or with bad input; changing nothing', async () => {
    const list = await newList(bob);
    const id = await newTodo(bob, list, { title: 'Keep me' });
    const before = await todoRow(id);
    const elsewhere = await groupBy(t.app, eve);
    const foreign = await eve.client.query<{ createTodoList: { id: string } }>(CREATE_LIST, {
      title: 'Foreign',
      groupId: elsewhere.id
    });
    expectError(await gql(t.app, UPDATE, { id, status: true }), 'unauthenticated');
    expectError(await eve.client.query(UPDATE, { id, status: true }), 'unauthorized');
    expectError(await ivy.client.query(UPDATE, { id, status: true }), 'unauthorized');
    expectError(await bob.client.query(UPDATE, { id, assignedToId: eve.profile.id, status: true }), 'validation');
    expectError(
      await bob.client.query(UPDATE, { id, todoListId: foreign.data!.createTodoList.id, status: true }),
      'validation'
    );
    expectError(await bob.client.query(UPDATE, { id, title: '  ', status: true }), 'validation');
    expectError(await bob.client.query(UPDATE, { id: 999999, status: true }), 'not_found');
    expect(await todoRow(id)).toEqual(before);
  });
});

describe('todos from other servers', () => {
  const remote = (name: string, type: 'Person' | 'Group' = 'Person') =>
    t.app.services.actors.upsertRemoteActor({
      type,
      apId: `https://remote.example/@${name}`,
      preferredUsername: name,
      domain: 'remote.example',
      inboxUrl: `https://remote.example/@${name}/inbox`,
      sharedInboxUrl: null
    });

  it('takes a remote member’s list and todo once (idempotent), and refuses a non-member', async () => {
    const rae = await remote('rae');
    const rex = await remote('rex');
    await withRole(t.app, group, rae, 'member');
    const acting = { remoteActorId: rae.id };
    const listData = { apId: 'https://remote.example/todo-list/1', groupId: group.id, title: 'Remote list' };
    const list = await t.app.services.todos.receiveRemoteTodoList(acting, listData);
    expect(await t.app.services.todos.receiveRemoteTodoList(acting, { ...listData, title: 'Renamed' })).toMatchObject({
      id: list.id,
      title: 'Renamed',
      local: false
    });
    const todoData = {
      apId: 'https://remote.example/todo/1',
      todoListApId: listData.apId,
      title: 'Remote todo',
      status: false,
      assignedToId: bob.profile.id
    };
    const todo = await t.app.services.todos.receiveRemoteTodo(acting, todoData);
    expect(await t.app.services.todos.receiveRemoteTodo(acting, { ...todoData, status: true })).toMatchObject({
      id: todo.id,
      done: true,
      creatorId: rae.id,
      assignedToId: bob.profile.id
    });
    await expect(
      t.app.services.todos.receiveRemoteTodoList(
        { remoteActorId: rex.id },
        { ...listData, apId: 'https://remote.example/todo-list/2' }
      )
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      t.app.services.todos.receiveRemoteTodo(acting, { ...todoData, apId: 'https://elsewhere.example/todo/9' })
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      t.app.services.todos.receiveRemoteTodo(acting, {
        ...todoData,
        apId: 'https://remote.example/todo/2',
        assignedToId: eve.profile.id
      })
    ).rejects.toMatchObject({ code: 'validation' });
    const rows = await t.app.database.db.select().from(todos).where(eq(todos.todoListId, list.id));
    expect(rows).toHaveLength(1);
  });

  it('stores copies a remote group announces, of that group’s server only', async () => {
    const far = await remote('far_group', 'Group');
    const listData = { apId: 'https://remote.example/todo-list/far', groupId: far.id, title: 'Far list' };
    const list = await t.app.services.todos.todoListForGroupAnnounce(listData);
    expect(list).toMatchObject({ groupId: far.id, local: false });
    const todo = await t.app.services.todos.todoForGroupAnnounce({
      apId: 'https://remote.example/todo/far',
      todoListApId: listData.apId,
      title: 'Far todo',
      status: true
    });
    expect(todo).toMatchObject({ todoListId: list.id, done: true, local: false });
    await expect(
      t.app.services.todos.todoListForGroupAnnounce({ ...listData, apId: 'https://other.example/todo-list/x' })
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      t.app.services.todos.todoListForGroupAnnounce({
        ...listData,
        apId: 'https://remote.example/todo-list/y',
        groupId: group.id
      })
    ).rejects.toMatchObject({ code: 'forbidden' });
    const facts = await t.app.database.db
      .select()
      .from(domainEvents)
      .where(inArray(domainEvents.type, ['TodoListCreated', 'TodoCreated']));
    expect(facts.some((f) => (f.payload as { todoListId?: number }).todoListId === list.id)).toBe(false);
  });
});

describe.runIf(hasMobilizonCorpus())("Mobilizon's todos documents", () => {
  const op = (name: string) => mobilizonOperation(name).source;
  it('run against this server: create a list, add, update and read todos', async () => {
    const created = await bob.client.query<{ createTodoList: { id: string; title: string; todos: { total: number } } }>(
      op('CreateTodoList'),
      { title: 'Mobilizon list', groupId: String(group.id) }
    );
    expect(created.errors).toBeUndefined();
    const listId = created.data!.createTodoList.id;
    expect(created.data!.createTodoList).toMatchObject({ title: 'Mobilizon list', todos: { total: 0 } });
    const todo = await bob.client.query<{ createTodo: { id: string; creator: { id: string } } }>(op('createTodo'), {
      title: 'Bring cake',
      todoListId: listId,
      status: false,
      assignedToId: String(mod.profile.id),
      dueDate: '2030-06-01T12:00:00.000Z'
    });
    expect(todo.errors).toBeUndefined();
    expect(todo.data!.createTodo.creator.id).toBe(String(bob.profile.id));
    const id = todo.data!.createTodo.id;
    const updated = await mod.client.query<{ updateTodo: { status: boolean; title: string } }>(op('updateTodo'), {
      id,
      status: true
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateTodo).toMatchObject({ status: true, title: 'Bring cake' });
    const fetched = await ann.client.query<{
      todoList: {
        title: string;
        actor: { preferredUsername: string };
        todos: { total: number; elements: { id: string; status: boolean; assignedTo: { id: string } }[] };
      };
    }>(op('FetchTodoList'), { id: listId });
    expect(fetched.errors).toBeUndefined();
    expect(fetched.data!.todoList).toMatchObject({
      title: 'Mobilizon list',
      actor: { preferredUsername: group.preferredUsername },
      todos: { total: 1, elements: [{ id, status: true, assignedTo: { id: String(mod.profile.id) } }] }
    });
    const one = await bob.client.query<{ todo: Record<string, unknown> }>(op('GetTodo'), { id });
    expect(one.errors).toBeUndefined();
    expect(one.data!.todo).toMatchObject({
      title: 'Bring cake',
      dueDate: '2030-06-01T12:00:00.000Z',
      todoList: { id: listId, title: 'Mobilizon list', actor: { id: String(group.id) } },
      assignedTo: { id: String(mod.profile.id) }
    });
    expectError(await eve.client.query(op('GetTodo'), { id }), 'unauthorized');
  });
});

import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import type { Actor } from '../../db/schema/actors.ts';
import { todoLists, todos, type Todo, type TodoList } from '../../db/schema/groups.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { loadGroup, requireGroupPermission, resolveActing } from '../groups/index.ts';
import { requireAssignee, requireSameOrigin, todoByApId, todoListByApId, touchTodoList } from './todo-rows.ts';
import {
  remoteTodoInput,
  remoteTodoListInput,
  type RemoteTodoInput,
  type RemoteTodoListInput
} from './todos.inputs.ts';

type TodoData = ReturnType<typeof remoteTodoInput.parse>;

const notHere = () => new DomainError('forbidden', 'This group is not run on this server', { field: 'groupId' });
const elsewhere = () => new DomainError('forbidden', 'This object belongs to another group', { field: 'apId' });

/** Todo lists and todos that come from other servers: by remote members, or announced by remote groups. */
export class RemoteTodos {
  private readonly deps: ServiceDeps;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  receiveList(acting: { remoteActorId: number }, raw: RemoteTodoListInput): Promise<TodoList> {
    const data = parseInput(remoteTodoListInput, raw);
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const group = await loadGroup(tx, data.groupId);
      if (group.domain !== null) throw notHere();
      const existing = await todoListByApId(tx, data.apId);
      // A member makes new lists on its own server; it may change any list of the group.
      if (!existing) requireSameOrigin(data.apId, actor.apId);
      await requireGroupPermission(tx.db, group.id, actor.id, existing ? 'todo.update' : 'todo.create');
      const list = await this.upsertList(tx, group.id, data.apId, data.title, existing);
      await this.deps.events.record(tx, existing ? 'TodoListUpdated' : 'TodoListCreated', {
        todoListId: list.id,
        byActorId: actor.id
      });
      return list;
    });
  }

  receiveTodo(acting: { remoteActorId: number }, raw: RemoteTodoInput): Promise<Todo> {
    const data = parseInput(remoteTodoInput, raw);
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const list = await this.listOf(tx, data.todoListApId);
      const group = await loadGroup(tx, list.groupId);
      if (group.domain !== null) throw notHere();
      const existing = await todoByApId(tx, data.apId);
      if (!existing) requireSameOrigin(data.apId, actor.apId);
      await requireGroupPermission(tx.db, group.id, actor.id, existing ? 'todo.update' : 'todo.create');
      await requireAssignee(tx, group.id, data.assignedToId);
      const todo = await this.upsertTodo(tx, list, data, existing, actor.id);
      await this.deps.events.record(tx, existing ? 'TodoUpdated' : 'TodoCreated', {
        todoId: todo.id,
        byActorId: actor.id
      });
      return todo;
    });
  }

  announcedList(raw: RemoteTodoListInput): Promise<TodoList> {
    const data = parseInput(remoteTodoListInput, raw);
    return transaction(this.deps.pool, async (tx) => {
      const existing = await todoListByApId(tx, data.apId);
      const group = await this.remoteGroup(tx, data.groupId, data.apId, existing !== undefined);
      return this.upsertList(tx, group.id, data.apId, data.title, existing);
    });
  }

  announcedTodo(raw: RemoteTodoInput & { creatorId?: number | null }): Promise<Todo> {
    const data = parseInput(remoteTodoInput, raw);
    return transaction(this.deps.pool, async (tx) => {
      const list = await this.listOf(tx, data.todoListApId);
      const existing = await todoByApId(tx, data.apId);
      await this.remoteGroup(tx, list.groupId, data.apId, existing !== undefined);
      return this.upsertTodo(tx, list, data, existing, raw.creatorId ?? null);
    });
  }

  /**
   * The remote group that announced the object. A new object must come from the group's server;
   * one already in this group (made by one of our members there) may be changed by the group's
   * word, and a list or todo never moves to another group (upsertList, upsertTodo).
   */
  private async remoteGroup(tx: Transaction, groupId: number, apId: string, known: boolean): Promise<Actor> {
    const group = await loadGroup(tx, groupId);
    if (group.domain === null) throw new DomainError('forbidden', 'A local group announces nothing to us');
    if (!known) requireSameOrigin(apId, group.apId);
    return group;
  }

  private async listOf(tx: Transaction, apId: string): Promise<TodoList> {
    const list = await todoListByApId(tx, apId);
    if (!list) throw new DomainError('not_found', 'Todo list not found', { field: 'todoListApId' });
    return list;
  }

  private async upsertList(
    tx: Transaction,
    groupId: number,
    apId: string,
    title: string,
    existing: TodoList | undefined
  ): Promise<TodoList> {
    if (existing) {
      if (existing.groupId !== groupId) throw elsewhere();
      const [list] = await tx.db
        .update(todoLists)
        .set({ title, updatedAt: new Date() })
        .where(eq(todoLists.id, existing.id))
        .returning();
      return list!;
    }
    const [list] = await tx.db
      .insert(todoLists)
      .values({ uuid: randomUUID(), apId, local: false, title, groupId })
      .returning();
    return list!;
  }

  private async upsertTodo(
    tx: Transaction,
    list: TodoList,
    data: TodoData,
    existing: Todo | undefined,
    creatorId: number | null
  ): Promise<Todo> {
    const fields = {
      title: data.title,
      done: data.status,
      dueDate: data.dueDate ?? null,
      assignedToId: data.assignedToId ?? null,
      todoListId: list.id
    };
    let todo: Todo | undefined;
    if (existing) {
      const [current] = await tx.db.select().from(todoLists).where(eq(todoLists.id, existing.todoListId));
      if (current?.groupId !== list.groupId) throw elsewhere();
      [todo] = await tx.db
        .update(todos)
        .set({ ...fields, updatedAt: new Date() })
        .where(eq(todos.id, existing.id))
        .returning();
    } else {
      [todo] = await tx.db
        .insert(todos)
        .values({ ...fields, uuid: randomUUID(), apId: data.apId, local: false, creatorId })
        .returning();
    }
    await touchTodoList(tx, list.id);
    return todo!;
  }
}

import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { todoLists, todos, type Todo, type TodoList } from '../../db/schema/groups.ts';
import { transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { loadGroup, requireGroupPermission, resolveActing, type Acting } from '../groups/index.ts';
import { lockTodo, lockTodoList, requireAssignee, touchTodoList } from './todo-rows.ts';
import { todoApId, todoListApId } from './todo-urls.ts';
import {
  newTodoInput,
  newTodoListInput,
  todoChangesInput,
  type NewTodoInput,
  type NewTodoListInput,
  type RemoteTodoInput,
  type RemoteTodoListInput,
  type TodoChanges
} from './todos.inputs.ts';
import { RemoteTodos } from './todos-remote.ts';

/** A group's todo lists and their todos: any member may create, change and assign them. */
export class TodosService {
  private readonly deps: ServiceDeps;
  private readonly remote: RemoteTodos;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
    this.remote = new RemoteTodos(deps);
  }

  async createTodoList(acting: Acting, raw: NewTodoListInput): Promise<TodoList> {
    const input = parseInput(newTodoListInput, raw);
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const group = await loadGroup(tx, input.groupId);
      await requireGroupPermission(tx.db, group.id, actor.id, 'todo.create');
      const uuid = randomUUID();
      const [list] = await tx.db
        .insert(todoLists)
        .values({ uuid, apId: todoListApId(this.deps.config.publicUrl, uuid), title: input.title, groupId: group.id })
        .returning();
      await this.deps.events.record(tx, 'TodoListCreated', { todoListId: list!.id, byActorId: actor.id });
      return list!;
    });
  }

  async createTodo(acting: Acting, raw: NewTodoInput): Promise<Todo> {
    const input = parseInput(newTodoInput, raw);
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const list = await lockTodoList(tx, input.todoListId);
      await requireGroupPermission(tx.db, list.groupId, actor.id, 'todo.create');
      await requireAssignee(tx, list.groupId, input.assignedToId);
      const uuid = randomUUID();
      const [todo] = await tx.db
        .insert(todos)
        .values({
          uuid,
          apId: todoApId(this.deps.config.publicUrl, uuid),
          title: input.title,
          done: input.status ?? false,
          dueDate: input.dueDate ?? null,
          todoListId: list.id,
          creatorId: actor.id,
          assignedToId: input.assignedToId ?? null
        })
        .returning();
      await touchTodoList(tx, list.id);
      await this.deps.events.record(tx, 'TodoCreated', { todoId: todo!.id, byActorId: actor.id });
      return todo!;
    });
  }

  /** Renames, ticks, reschedules, (re)assigns a todo, or moves it to another list of its group. */
  async updateTodo(acting: Acting, raw: TodoChanges): Promise<Todo> {
    const input = parseInput(todoChangesInput, raw);
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const todo = await lockTodo(tx, input.id);
      const list = await lockTodoList(tx, todo.todoListId);
      await requireGroupPermission(tx.db, list.groupId, actor.id, 'todo.update');
      if (input.todoListId !== undefined && input.todoListId !== list.id) {
        const target = await lockTodoList(tx, input.todoListId);
        if (target.groupId !== list.groupId) {
          throw new DomainError('validation', 'A todo moves only to a list of its own group', { field: 'todoListId' });
        }
        await touchTodoList(tx, target.id);
      }
      await requireAssignee(tx, list.groupId, input.assignedToId);
      const [updated] = await tx.db
        .update(todos)
        .set({
          ...(input.todoListId !== undefined && { todoListId: input.todoListId }),
          ...(input.title !== undefined && { title: input.title }),
          ...(input.status !== undefined && { done: input.status }),
          ...(input.dueDate !== undefined && { dueDate: input.dueDate }),
          ...(input.assignedToId !== undefined && { assignedToId: input.assignedToId }),
          updatedAt: new Date()
        })
        .where(eq(todos.id, todo.id))
        .returning();
      await touchTodoList(tx, list.id);
      await this.deps.events.record(tx, 'TodoUpdated', { todoId: todo.id, byActorId: actor.id });
      return updated!;
    });
  }

  /**
   * A todo list a member of another server made in a local group (its Create reached the group's
   * inbox): the same permission as for local members; stored once by its id (idempotent).
   */
  receiveRemoteTodoList(acting: { remoteActorId: number }, data: RemoteTodoListInput): Promise<TodoList> {
    return this.remote.receiveList(acting, data);
  }

  /** A todo made or changed by a member of another server in a local group (idempotent). */
  receiveRemoteTodo(acting: { remoteActorId: number }, data: RemoteTodoInput): Promise<Todo> {
    return this.remote.receiveTodo(acting, data);
  }

  /** A copy of a todo list a remote group announced (the federation checked the Announce's signer). */
  todoListForGroupAnnounce(data: RemoteTodoListInput): Promise<TodoList> {
    return this.remote.announcedList(data);
  }

  /** A copy of a todo a remote group announced; `creatorId`: its author when known here. */
  todoForGroupAnnounce(data: RemoteTodoInput & { creatorId?: number | null }): Promise<Todo> {
    return this.remote.announcedTodo(data);
  }
}

import { eq } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { todoLists, todos, type Todo, type TodoList } from '../../db/schema/groups.ts';
import type { Transaction } from '../../db/transaction.ts';
import { isMemberRole, roleInGroup } from '../groups/index.ts';

export const todoListNotFound = (field = 'todoListId') =>
  new DomainError('not_found', 'Todo list not found', { field });
export const todoNotFound = (field = 'id') => new DomainError('not_found', 'Todo not found', { field });

/** A todo list, locked for the change being made, or not found. */
export async function lockTodoList(tx: Transaction, id: number, field?: string): Promise<TodoList> {
  const [list] = await tx.db.select().from(todoLists).where(eq(todoLists.id, id)).for('update');
  if (!list) throw todoListNotFound(field);
  return list;
}

export async function lockTodo(tx: Transaction, id: number): Promise<Todo> {
  const [todo] = await tx.db.select().from(todos).where(eq(todos.id, id)).for('update');
  if (!todo) throw todoNotFound();
  return todo;
}

export async function todoListByApId(tx: Transaction, apId: string): Promise<TodoList | undefined> {
  const [list] = await tx.db.select().from(todoLists).where(eq(todoLists.apId, apId));
  return list;
}

export async function todoByApId(tx: Transaction, apId: string): Promise<Todo | undefined> {
  const [todo] = await tx.db.select().from(todos).where(eq(todos.apId, apId)).for('update');
  return todo;
}

/** A todo is given only to a member of its group. */
export async function requireAssignee(tx: Transaction, groupId: number, actorId: number | null | undefined) {
  if (actorId === null || actorId === undefined) return;
  if (!isMemberRole(await roleInGroup(tx.db, groupId, actorId))) {
    throw new DomainError('validation', 'A todo can only be assigned to a member of the group', {
      field: 'assignedToId'
    });
  }
}

/** A list moves up its group's lists whenever one of its todos changes. */
export async function touchTodoList(tx: Transaction, listId: number): Promise<void> {
  await tx.db.update(todoLists).set({ updatedAt: new Date() }).where(eq(todoLists.id, listId));
}

/** Objects of another server come from the origin of the actor that sends them. */
export function requireSameOrigin(apId: string, actorApId: string): void {
  if (new URL(apId).origin !== new URL(actorApId).origin) {
    throw new DomainError('forbidden', 'This object does not belong to its sender', { field: 'apId' });
  }
}

import { asArray, idOf, isObject, stringOf, textOf, type Json } from './json.ts';

/** Mobilizon's `TodoList`: a group's (`actor`) list of todos, with its title (`name`). */
export interface TodoListData {
  id: string;
  group: string;
  title: string;
  published: Date;
}

/**
 * Mobilizon's `Todo`: made by `actor` in the group `attributedTo`, in the list `todoList`; `status`
 * true when done. `dueDate` and `assignedTo` go along when set (Mobilizon leaves them out).
 */
export interface TodoData {
  id: string;
  creator: string;
  group: string;
  todoList: string;
  title: string;
  done: boolean;
  dueDate: Date | null;
  assignedTo: string | null;
  published: Date;
}

const dateOf = (value: unknown): Date | null => {
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

export function todoListToAp(list: TodoListData): Json {
  return {
    type: 'TodoList',
    id: list.id,
    actor: list.group,
    name: list.title,
    published: list.published.toISOString()
  };
}

export function todoToAp(todo: TodoData): Json {
  return {
    type: 'Todo',
    id: todo.id,
    actor: todo.creator,
    attributedTo: todo.group,
    name: todo.title,
    status: todo.done,
    todoList: todo.todoList,
    published: todo.published.toISOString(),
    ...(todo.dueDate && { dueDate: todo.dueDate.toISOString() }),
    ...(todo.assignedTo && { assignedTo: todo.assignedTo })
  };
}

/** A `TodoList` as received; null when it is something else or lacks its id, group or title. */
export function todoListFromAp(value: unknown): TodoListData | null {
  if (!isObject(value) || value.type !== 'TodoList') return null;
  const id = stringOf(value.id);
  const group = idOf(asArray(value.actor ?? value.attributedTo)[0]);
  const title = textOf(value, 'name')?.trim();
  if (!id || !group || !title) return null;
  return { id, group, title, published: dateOf(value.published) ?? new Date() };
}

/** A `Todo` as received; null when it is something else or lacks a part it needs. */
export function todoFromAp(value: unknown): TodoData | null {
  if (!isObject(value) || value.type !== 'Todo') return null;
  const id = stringOf(value.id);
  const creator = idOf(asArray(value.actor)[0]);
  const group = idOf(asArray(value.attributedTo)[0]);
  const todoList = idOf(asArray(value.todoList)[0]);
  const title = textOf(value, 'name')?.trim();
  if (!id || !creator || !group || !todoList || !title) return null;
  return {
    id,
    creator,
    group,
    todoList,
    title,
    done: value.status === true,
    dueDate: dateOf(value.dueDate),
    assignedTo: idOf(asArray(value.assignedTo)[0]) ?? null,
    published: dateOf(value.published) ?? new Date()
  };
}

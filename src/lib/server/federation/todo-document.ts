import type { Actor } from '../db/schema/actors.ts';
import type { Todo, TodoList } from '../db/schema/groups.ts';
import type { Services } from '../services.ts';
import { todoListToAp, todoToAp } from './converters/todo.ts';
import type { Json } from './converters/json.ts';

/** A todo list's ActivityPub document (Mobilizon's TodoList: its `actor` is the group). */
export const todoListDocument = (group: Actor, list: TodoList): Json =>
  todoListToAp({ id: list.apId, group: group.apId, title: list.title, published: list.createdAt });

/** Todos of one group's lists as Mobilizon's Todo, their creators and assignees read in one query. */
export async function todoDocuments(
  services: Services,
  group: Actor,
  lists: readonly TodoList[],
  rows: readonly Todo[]
): Promise<Json[]> {
  const actorIds = [...new Set(rows.flatMap((t) => [t.creatorId, t.assignedToId]).filter((id) => id !== null))];
  const actors = await services.queries.actors.byIds(actorIds);
  const apIdOf = new Map(actors.map((a) => [a.id, a.apId]));
  const listOf = new Map(lists.map((l) => [l.id, l.apId]));
  return rows.flatMap((todo) => {
    const list = listOf.get(todo.todoListId);
    if (!list) return [];
    return [
      todoToAp({
        id: todo.apId,
        creator: (todo.creatorId && apIdOf.get(todo.creatorId)) || group.apId,
        group: group.apId,
        todoList: list,
        title: todo.title,
        done: todo.done,
        dueDate: todo.dueDate,
        assignedTo: (todo.assignedToId && apIdOf.get(todo.assignedToId)) || null,
        published: todo.createdAt
      })
    ];
  });
}

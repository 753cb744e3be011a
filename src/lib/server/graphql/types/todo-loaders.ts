import DataLoader from 'dataloader';
import type { Page } from '../../core/pagination.ts';
import type { Todo, TodoList } from '../../db/schema/groups.ts';
import type { GraphQLContext } from '../context.ts';

interface TodoLoaders {
  todoList: DataLoader<number, TodoList | undefined>;
  /** A page of one list's todos; lists asked for the same page are read together. */
  todosOfList: DataLoader<{ listId: number; page: number; limit: number }, Page<Todo>, string>;
}

const perRequest = new WeakMap<GraphQLContext, TodoLoaders>();

/** This request's loaders for todo lists and todos (batched: no query per list). */
export function todoLoaders(ctx: GraphQLContext): TodoLoaders {
  let loaders = perRequest.get(ctx);
  if (!loaders) {
    const queries = ctx.services.queries.todos;
    loaders = {
      todoList: new DataLoader(async (ids) => {
        const rows = new Map((await queries.listsByIds(ids)).map((l) => [l.id, l]));
        return ids.map((id) => rows.get(id));
      }),
      todosOfList: new DataLoader(
        async (keys) => {
          const byWindow = new Map<string, number[]>();
          for (const k of keys) {
            const window = `${k.page}:${k.limit}`;
            byWindow.set(window, [...(byWindow.get(window) ?? []), k.listId]);
          }
          const pages = new Map<string, Page<Todo>>();
          await Promise.all(
            [...byWindow].map(async ([window, listIds]) => {
              const [page, limit] = window.split(':').map(Number);
              const found = await queries.todosOfLists(listIds, { page, limit });
              for (const [listId, p] of found) pages.set(`${listId}:${window}`, p);
            })
          );
          return keys.map((k) => pages.get(`${k.listId}:${k.page}:${k.limit}`) ?? { total: 0, elements: [] });
        },
        { cacheKeyFn: (k) => `${k.listId}:${k.page}:${k.limit}` }
      )
    };
    perRequest.set(ctx, loaders);
  }
  return loaders;
}

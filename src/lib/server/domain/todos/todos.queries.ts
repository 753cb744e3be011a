import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { pageWindow, type Page, type PageRequest } from '../../core/pagination.ts';
import type { Database } from '../../db/client.ts';
import { todoLists, todos, type Todo, type TodoList } from '../../db/schema/groups.ts';

/** Reads of todo lists and todos (who may see them is decided by the caller: members only). */
export class TodosQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  async listById(id: number): Promise<TodoList | undefined> {
    const [list] = await this.db.select().from(todoLists).where(eq(todoLists.id, id));
    return list;
  }

  async listByApId(apId: string): Promise<TodoList | undefined> {
    const [list] = await this.db.select().from(todoLists).where(eq(todoLists.apId, apId));
    return list;
  }

  listsByIds(ids: readonly number[]): Promise<TodoList[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(todoLists)
      .where(inArray(todoLists.id, [...ids]));
  }

  listsByApIds(apIds: readonly string[]): Promise<TodoList[]> {
    if (apIds.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(todoLists)
      .where(inArray(todoLists.apId, [...apIds]));
  }

  async todoById(id: number): Promise<Todo | undefined> {
    const [todo] = await this.db.select().from(todos).where(eq(todos.id, id));
    return todo;
  }

  async todoByApId(apId: string): Promise<Todo | undefined> {
    const [todo] = await this.db.select().from(todos).where(eq(todos.apId, apId));
    return todo;
  }

  /** A page of the group's todo lists, the most recently changed first. */
  async listsOfGroup(groupId: number, request: PageRequest = {}): Promise<Page<TodoList>> {
    const { limit, offset } = pageWindow(request, 100);
    const where = eq(todoLists.groupId, groupId);
    const [elements, [total]] = await Promise.all([
      this.db
        .select()
        .from(todoLists)
        .where(where)
        .orderBy(desc(todoLists.updatedAt), desc(todoLists.id))
        .limit(limit)
        .offset(offset),
      this.db.select({ n: count() }).from(todoLists).where(where)
    ]);
    return { total: total?.n ?? 0, elements };
  }

  /**
   * The same page of todos of several lists at once (open ones first, then by creation), by list id:
   * two queries whatever the number of lists.
   */
  async todosOfLists(listIds: readonly number[], request: PageRequest = {}): Promise<Map<number, Page<Todo>>> {
    const pages = new Map<number, Page<Todo>>(listIds.map((id) => [id, { total: 0, elements: [] }]));
    if (listIds.length === 0) return pages;
    const { limit, offset } = pageWindow(request, 100);
    const inLists = inArray(todos.todoListId, [...listIds]);
    const position = sql<number>`row_number() over (partition by ${todos.todoListId}
      order by ${todos.done} asc, ${todos.createdAt} asc, ${todos.id} asc)`.as('position');
    const ranked = this.db.select({ id: todos.id, position }).from(todos).where(inLists).as('ranked');
    const [rows, counts] = await Promise.all([
      this.db
        .select({ todo: todos })
        .from(todos)
        .innerJoin(ranked, eq(ranked.id, todos.id))
        .where(and(sql`${ranked.position} > ${offset}`, sql`${ranked.position} <= ${offset + limit}`))
        .orderBy(asc(todos.todoListId), asc(ranked.position)),
      this.db.select({ listId: todos.todoListId, n: count() }).from(todos).where(inLists).groupBy(todos.todoListId)
    ]);
    for (const { listId, n } of counts) pages.get(listId)!.total = n;
    for (const { todo } of rows) pages.get(todo.todoListId)!.elements.push(todo);
    return pages;
  }
}

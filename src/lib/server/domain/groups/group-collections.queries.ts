import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { discussions, posts, resources, todoLists } from '../../db/schema/groups.ts';

/** A group's content collections served to other servers (Mobilizon's `posts`, `discussions`…). */
export type GroupContentCollection = 'posts' | 'discussions' | 'resources' | 'todos';

const TABLES = { posts, discussions, resources, todos: todoLists } as const;

/**
 * One page of a group's content as the ids other servers fetch (newest first), with the total.
 * `withPrivate`: the reader is a member (private and unlisted posts too; drafts never).
 */
export async function groupContentPage(
  db: Database,
  groupId: number,
  collection: GroupContentCollection,
  options: { withPrivate: boolean; offset: number; limit: number }
): Promise<{ total: number; apIds: string[] }> {
  const table = TABLES[collection];
  const conditions: (SQL | undefined)[] = [eq(table.groupId, groupId)];
  if (collection === 'posts') {
    conditions.push(eq(posts.draft, false));
    if (!options.withPrivate) conditions.push(eq(posts.visibility, 'public'));
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({ apId: table.apId })
      .from(table)
      .where(where)
      .orderBy(desc(table.createdAt), desc(table.id))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ n: count() }).from(table).where(where)
  ]);
  return { total: total?.n ?? 0, apIds: rows.map((r) => r.apId) };
}

import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { pageWindow, type Page, type PageRequest } from '../../core/pagination.ts';
import type { Database } from '../../db/client.ts';
import { resources, type Resource } from '../../db/schema/groups.ts';

/** Folders first, then by title (any case), then oldest first. */
const ORDER = [desc(sql`(${resources.type} = 'folder')`), asc(sql`lower(${resources.title})`), asc(resources.id)];

/** Reads of group resources. Who may see them is decided by the caller (resource.see). */
export class ResourcesQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  async byId(id: number): Promise<Resource | undefined> {
    const [row] = await this.db.select().from(resources).where(eq(resources.id, id));
    return row;
  }

  byIds(ids: readonly number[]): Promise<Resource[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(resources)
      .where(inArray(resources.id, [...ids]));
  }

  byApIds(apIds: readonly string[]): Promise<Resource[]> {
    if (apIds.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(resources)
      .where(inArray(resources.apId, [...apIds]));
  }

  async byApId(apId: string): Promise<Resource | undefined> {
    const [row] = await this.db.select().from(resources).where(eq(resources.apId, apId));
    return row;
  }

  /** The resource at this path in the group: the folder when a link shares its path. */
  async byPath(groupId: number, path: string): Promise<Resource | undefined> {
    const [row] = await this.db
      .select()
      .from(resources)
      .where(and(eq(resources.groupId, groupId), eq(resources.path, path)))
      .orderBy(desc(sql`(${resources.type} = 'folder')`), asc(resources.id))
      .limit(1);
    return row;
  }

  /** One page of a folder's content (parentId null: the group's root). */
  async children(groupId: number, parentId: number | null, request: PageRequest): Promise<Page<Resource>> {
    const { limit, offset } = pageWindow(request);
    const where = and(
      eq(resources.groupId, groupId),
      parentId === null ? isNull(resources.parentId) : eq(resources.parentId, parentId)
    );
    const [elements, [total]] = await Promise.all([
      this.db
        .select()
        .from(resources)
        .where(where)
        .orderBy(...ORDER)
        .limit(limit)
        .offset(offset),
      this.db.select({ n: count() }).from(resources).where(where)
    ]);
    return { total: total?.n ?? 0, elements };
  }

  /** The same page of several folders' content, in one query (a listing's `children`). */
  async childrenOfMany(parentIds: readonly number[], request: PageRequest): Promise<Map<number, Page<Resource>>> {
    const pages = new Map<number, Page<Resource>>(parentIds.map((id) => [id, { total: 0, elements: [] }]));
    if (parentIds.length === 0) return pages;
    const { limit, offset } = pageWindow(request);
    const ranked = this.db
      .select({
        id: resources.id,
        rank: sql<number>`row_number() over (partition by ${resources.parentId} order by (${resources.type} = 'folder') desc, lower(${resources.title}), ${resources.id})`.as(
          'rank'
        ),
        total: sql<number>`count(*) over (partition by ${resources.parentId})`.as('total')
      })
      .from(resources)
      .where(inArray(resources.parentId, [...parentIds]))
      .as('ranked');
    const rows = await this.db
      .select({ resource: resources, rank: ranked.rank, total: ranked.total })
      .from(ranked)
      .innerJoin(resources, eq(resources.id, ranked.id))
      .where(and(sql`${ranked.rank} > ${offset}`, sql`${ranked.rank} <= ${offset + limit}`))
      .orderBy(ranked.rank);
    for (const { resource, total } of rows) {
      const page = pages.get(resource.parentId!)!;
      page.total = Number(total);
      page.elements.push(resource);
    }
    // Folders whose page is past their end still say how much they hold.
    const empty = [...pages].filter(([, p]) => p.elements.length === 0).map(([id]) => id);
    if (empty.length > 0) {
      const counts = await this.db
        .select({ parentId: resources.parentId, n: count() })
        .from(resources)
        .where(inArray(resources.parentId, empty))
        .groupBy(resources.parentId);
      for (const { parentId, n } of counts) pages.get(parentId!)!.total = n;
    }
    return pages;
  }
}

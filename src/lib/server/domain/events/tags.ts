import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { eventTags, tags, type Tag } from '../../db/schema/events.ts';
import type { Transaction } from '../../db/transaction.ts';

/** Mobilizon's limits: at most 10 tags on an event, each at most 40 characters. */
export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 40;

/**
 * A tag's key: lower case, accents removed, every run of characters other than letters and digits
 * (of any script) turned into one dash. "Vélo  Club" and "velo-club" are the same tag.
 */
export function tagSlug(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** The tags as typed: trimmed, a leading `#` dropped, spaces collapsed; empty ones ignored. */
export const tagsInput = z
  .array(
    z
      .string()
      .transform((t) => t.trim().replace(/^#+/, '').replace(/\s+/g, ' ').trim())
      .refine((t) => t.length <= MAX_TAG_LENGTH, { message: `A tag has at most ${MAX_TAG_LENGTH} characters` })
  )
  .transform((titles) => {
    const bySlug = new Map<string, { slug: string; title: string }>();
    for (const title of titles) {
      const slug = tagSlug(title);
      if (slug && !bySlug.has(slug)) bySlug.set(slug, { slug, title });
    }
    return [...bySlug.values()];
  })
  .refine((list) => list.length <= MAX_TAGS, { message: `An event has at most ${MAX_TAGS} tags` });

export type TagInput = z.output<typeof tagsInput>[number];

/** Replaces an event's tags; new tags are created, known ones (by slug) keep their first title. */
export async function setEventTags(tx: Transaction, eventId: number, list: readonly TagInput[]): Promise<void> {
  await tx.db.delete(eventTags).where(eq(eventTags.eventId, eventId));
  if (list.length === 0) return;
  await tx.db
    .insert(tags)
    .values(list.map((t) => ({ slug: t.slug, title: t.title })))
    .onConflictDoNothing({ target: tags.slug });
  const rows = await tx.db
    .select({ id: tags.id })
    .from(tags)
    .where(
      inArray(
        tags.slug,
        list.map((t) => t.slug)
      )
    );
  await tx.db.insert(eventTags).values(rows.map((r) => ({ eventId, tagId: r.id })));
}

/** Reads of tags: by event (batched), a prefix search, related tags. */
export class TagsQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  /** Tags of many events at once, in title order. */
  async byEventIds(eventIds: readonly number[]): Promise<Map<number, Tag[]>> {
    const result = new Map<number, Tag[]>();
    if (eventIds.length === 0) return result;
    const rows = await this.db
      .select({ eventId: eventTags.eventId, tag: tags })
      .from(eventTags)
      .innerJoin(tags, eq(tags.id, eventTags.tagId))
      .where(inArray(eventTags.eventId, [...eventIds]))
      .orderBy(asc(tags.title));
    for (const row of rows) result.set(row.eventId, [...(result.get(row.eventId) ?? []), row.tag]);
    return result;
  }

  /**
   * Tags whose slug starts with the filter's slug (the unique slug index serves `LIKE 'x%'` under a
   * C collation or with text_pattern_ops), or all tags without a filter; in slug order.
   */
  search(filter: string | null | undefined, page: number, limit: number): Promise<Tag[]> {
    const size = Math.min(Math.max(limit, 1), 100);
    const offset = (Math.max(page, 1) - 1) * size;
    const prefix = filter ? tagSlug(filter) : '';
    const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
    const query = this.db.select().from(tags);
    const filtered = prefix ? query.where(sql`${tags.slug} like ${`${escaped}%`}`) : query;
    return filtered.orderBy(asc(tags.slug)).limit(size).offset(offset);
  }

  /** For each tag, up to `perTag` other tags most often found on the same events. */
  async relatedTo(tagIds: readonly number[], perTag = 5): Promise<Map<number, Tag[]>> {
    const result = new Map<number, Tag[]>();
    if (tagIds.length === 0) return result;
    const other = sql`other`;
    const rows = await this.db
      .select({ tagId: eventTags.tagId, tag: tags, uses: sql<number>`count(*)::int` })
      .from(eventTags)
      .innerJoin(sql`${eventTags} as ${other}`, sql`${other}.event_id = ${eventTags.eventId}`)
      .innerJoin(tags, sql`${tags.id} = ${other}.tag_id`)
      .where(and(inArray(eventTags.tagId, [...tagIds]), ne(tags.id, eventTags.tagId)))
      .groupBy(eventTags.tagId, tags.id)
      .orderBy(sql`count(*) desc`, asc(tags.slug));
    for (const row of rows) {
      const list = result.get(row.tagId) ?? [];
      if (list.length < perTag) result.set(row.tagId, [...list, row.tag]);
    }
    return result;
  }
}

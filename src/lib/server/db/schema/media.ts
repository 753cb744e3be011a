import {
  bigint,
  bigserial,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { actors } from './actors.ts';

/** Stored pictures: re-encoded on upload (metadata stripped), kept under $DATA_DIR/uploads. */
export const media = pgTable(
  'media',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The stored file's name under the uploads folder, also the last segment of its URL. */
    fileName: text('file_name').notNull(),
    url: text('url').notNull(),
    name: text('name'),
    alt: text('alt'),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    width: integer('width'),
    height: integer('height'),
    blurhash: text('blurhash'),
    /** The profile that uploaded it; null once that profile is gone. */
    actorId: bigint('actor_id', { mode: 'number' }).references((): AnyPgColumn => actors.id, { onDelete: 'set null' }),
    /** Where a copy of another server's picture (an avatar, an event's picture) was fetched from. */
    remoteUrl: text('remote_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('media_file_name_idx').on(t.fileName),
    index('media_actor_idx').on(t.actorId),
    index('media_remote_url_idx').on(t.remoteUrl)
  ]
);

export type Media = typeof media.$inferSelect;

import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { DomainEventRecorder } from '../../jobs/domain-events.ts';
import type { RemotePictureTarget } from '../../core/domain-events.ts';
import { actors } from '../../db/schema/actors.ts';
import { domainEvents } from '../../db/schema/platform.ts';
import { events } from '../../db/schema/events.ts';
import { media } from '../../db/schema/media.ts';
import type { Transaction } from '../../db/transaction.ts';
import type { Database } from '../../db/client.ts';

/**
 * Table-level steps for copies of other servers' pictures (a remote actor's avatar or banner, a
 * remote event's picture). Pages and GraphQL only ever show the copy, served from this instance:
 * a visitor's browser never asks another server for a picture.
 */

/** The local copy of a remote picture, if one was stored already. */
export async function copyOf(db: Database, remoteUrl: string): Promise<number | undefined> {
  const [row] = await db
    .select({ id: media.id })
    .from(media)
    .where(eq(media.remoteUrl, remoteUrl))
    .orderBy(media.id)
    .limit(1);
  return row?.id;
}

/** The picture a remote row shows now, and where that copy came from; undefined when the row is gone. */
export async function shownPicture(
  db: Database,
  target: RemotePictureTarget,
  id: number,
  lock = false
): Promise<{ mediaId: number | null; remoteUrl: string | null } | undefined> {
  const query =
    target === 'event'
      ? db
          .select({ mediaId: events.pictureId })
          .from(events)
          .where(and(eq(events.id, id), eq(events.local, false)))
      : db
          .select({ mediaId: target === 'avatar' ? actors.avatarId : actors.bannerId })
          .from(actors)
          .where(and(eq(actors.id, id), isNotNull(actors.domain)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) return undefined;
  if (row.mediaId === null) return { mediaId: null, remoteUrl: null };
  const [picture] = await db.select({ remoteUrl: media.remoteUrl }).from(media).where(eq(media.id, row.mediaId));
  return { mediaId: row.mediaId, remoteUrl: picture?.remoteUrl ?? null };
}

/** Sets the picture a remote row shows (the caller holds the row's lock). */
export async function showPicture(tx: Transaction, target: RemotePictureTarget, id: number, mediaId: number | null) {
  if (target === 'event') {
    // Not `updatedAt`: for a remote event it is its origin's version, compared on every Update.
    await tx.db.update(events).set({ pictureId: mediaId }).where(eq(events.id, id));
    return;
  }
  await tx.db
    .update(actors)
    .set({
      ...(target === 'avatar' ? { avatarId: mediaId } : { bannerId: mediaId }),
      updatedAt: sql`greatest(now(), ${actors.updatedAt} + interval '1 millisecond')`
    })
    .where(eq(actors.id, id));
}

/**
 * Inside the transaction that stores a remote actor or event whose document names `url` as one of
 * its pictures: when that is not what the row shows, records `RemotePictureChanged` (a job fetches
 * it) and returns the media the row shows until then — the copy already stored for that URL, or
 * none. Undefined: nothing changed. A picture is never a link to another server, not even for a moment.
 */
export async function remotePictureChange(
  tx: Transaction,
  recorder: DomainEventRecorder,
  change: { target: RemotePictureTarget; id: number; url: string | null; currentId: number | null }
): Promise<number | null | undefined> {
  const { target, id, url, currentId } = change;
  if (url === null && currentId === null) return undefined;
  if (url !== null && currentId !== null) {
    const [current] = await tx.db.select({ remoteUrl: media.remoteUrl }).from(media).where(eq(media.id, currentId));
    if (current?.remoteUrl === url) return undefined;
  }
  await recorder.record(tx, 'RemotePictureChanged', { target, id, url });
  return url === null ? null : ((await copyOf(tx.db, url)) ?? null);
}

/** Whether a later `RemotePictureChanged` of the same picture was recorded after this one. */
export async function superseded(db: Database, eventId: number, target: RemotePictureTarget, id: number) {
  const [later] = await db
    .select({ id: domainEvents.id })
    .from(domainEvents)
    .where(
      and(
        eq(domainEvents.type, 'RemotePictureChanged'),
        sql`${domainEvents.id} > ${eventId}`,
        sql`${domainEvents.payload} @> ${JSON.stringify({ target, id })}::jsonb`
      )
    )
    .limit(1);
  return later !== undefined;
}

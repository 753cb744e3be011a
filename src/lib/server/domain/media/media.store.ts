import { and, eq, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { actors } from '../../db/schema/actors.ts';
import { events } from '../../db/schema/events.ts';
import { media, type Media } from '../../db/schema/media.ts';
import type { Transaction } from '../../db/transaction.ts';
import type { PreparedPicture } from './pictures.ts';

/**
 * Table-level steps on `media`, run inside a caller's transaction (the actors context uses them when
 * a profile changes its pictures or is deleted). Files are removed by the caller after commit.
 */

/**
 * Inserts the row of a picture already written to disk: uploaded by a local profile (`actorId`), or
 * a copy of another server's picture (`remoteUrl`, no uploader).
 */
export async function insertPicture(
  tx: Transaction,
  picture: PreparedPicture,
  actorId: number | null,
  remoteUrl: string | null = null
): Promise<Media> {
  const [row] = await tx.db
    .insert(media)
    .values({
      fileName: picture.fileName,
      url: picture.url,
      name: picture.name,
      alt: picture.alt,
      contentType: picture.contentType,
      size: picture.size,
      width: picture.width,
      height: picture.height,
      blurhash: picture.blurhash,
      actorId,
      remoteUrl
    })
    .returning();
  return row!;
}

/** Profiles (live, local) of one user: whose media that user may use and remove. */
const profilesOf = (userId: number) =>
  sql`(select ${actors.id} from ${actors} where ${actors.userId} = ${userId} and ${actors.domain} is null and ${actors.deletedAt} is null)`;

/** A media row uploaded by one of the user's profiles; anyone else's is refused as forbidden. */
export async function requireOwnMedia(tx: Transaction, userId: number, mediaId: number, field: string): Promise<Media> {
  const [row] = await tx.db.select().from(media).where(eq(media.id, mediaId)).for('update');
  if (!row) throw new DomainError('not_found', 'Media not found', { field });
  const [own] = await tx.db
    .select({ id: media.id })
    .from(media)
    .where(and(eq(media.id, mediaId), sql`${media.actorId} in ${profilesOf(userId)}`));
  if (!own) throw new DomainError('forbidden', 'This media belongs to someone else', { field });
  return row;
}

/** Deletes media rows that no profile shows any more (avatar or banner); returns their file names. */
export async function deleteIfUnused(tx: Transaction, mediaIds: readonly number[]): Promise<string[]> {
  const ids = [...new Set(mediaIds)];
  if (ids.length === 0) return [];
  const used = await tx.db
    .select({ avatarId: actors.avatarId, bannerId: actors.bannerId })
    .from(actors)
    .where(or(inArray(actors.avatarId, ids), inArray(actors.bannerId, ids)));
  const stillUsed = new Set([...used.flatMap((u) => [u.avatarId, u.bannerId]), ...(await eventPictures(tx, ids))]);
  const unused = ids.filter((id) => !stillUsed.has(id));
  if (unused.length === 0) return [];
  const gone = await tx.db.delete(media).where(inArray(media.id, unused)).returning({ fileName: media.fileName });
  return gone.map((g) => g.fileName);
}

/** Which of these media are the picture of an event (other than events organized by `exceptOrganizers`). */
async function eventPictures(tx: Transaction, mediaIds: number[], exceptOrganizers: readonly number[] = []) {
  if (mediaIds.length === 0) return [];
  const rows = await tx.db
    .selectDistinct({ id: events.pictureId })
    .from(events)
    .where(
      and(
        inArray(events.pictureId, mediaIds),
        exceptOrganizers.length > 0 ? notInArray(events.organizerActorId, [...exceptOrganizers]) : undefined
      )
    );
  return rows.map((r) => r.id).filter((id): id is number => id !== null);
}

/**
 * Before profiles are deleted: the pictures they uploaded and their avatars and banners go, unless
 * another live profile still shows one. Returns the file names to remove once the transaction commits.
 */
export async function deleteMediaOfActors(tx: Transaction, actorIds: readonly number[]): Promise<string[]> {
  const ids = [...new Set(actorIds)];
  if (ids.length === 0) return [];
  const shown = await tx.db
    .select({ avatarId: actors.avatarId, bannerId: actors.bannerId })
    .from(actors)
    .where(inArray(actors.id, ids));
  const uploaded = await tx.db.select({ id: media.id }).from(media).where(inArray(media.actorId, ids));
  const candidates = new Set([
    ...uploaded.map((u) => u.id),
    ...shown.flatMap((s) => [s.avatarId, s.bannerId]).filter((id): id is number => id !== null)
  ]);
  if (candidates.size === 0) return [];
  const keptByOthers = await tx.db
    .select({ avatarId: actors.avatarId, bannerId: actors.bannerId })
    .from(actors)
    .where(
      and(
        notInArray(actors.id, ids),
        isNull(actors.deletedAt),
        or(inArray(actors.avatarId, [...candidates]), inArray(actors.bannerId, [...candidates]))
      )
    );
  for (const k of keptByOthers) {
    if (k.avatarId !== null) candidates.delete(k.avatarId);
    if (k.bannerId !== null) candidates.delete(k.bannerId);
  }
  for (const id of await eventPictures(tx, [...candidates], ids)) candidates.delete(id);
  if (candidates.size === 0) return [];
  const gone = await tx.db
    .delete(media)
    .where(inArray(media.id, [...candidates]))
    .returning({ fileName: media.fileName });
  return gone.map((g) => g.fileName);
}

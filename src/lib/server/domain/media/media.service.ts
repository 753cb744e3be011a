import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { users } from '../../db/schema/accounts.ts';
import { actors } from '../../db/schema/actors.ts';
import type { Media } from '../../db/schema/media.ts';
import { media } from '../../db/schema/media.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { insertPicture, requireOwnMedia } from './media.store.ts';
import { deletePictureFiles, preparePicture, type PictureUpload, type PreparedPicture } from './pictures.ts';

export class MediaService {
  private readonly deps: ServiceDeps;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  /** Checks, re-encodes and writes an upload; its row is inserted later (see `insertPicture`). */
  prepare(upload: PictureUpload, field = 'file'): Promise<PreparedPicture> {
    return preparePicture(this.deps.config, upload, field);
  }

  /** Removes files of pictures whose rows were never inserted, or deleted by a committed transaction. */
  async deleteFiles(fileNames: readonly string[]): Promise<void> {
    await deletePictureFiles(this.deps.config, fileNames).catch((error: unknown) =>
      this.deps.logger.warn('could not delete media files', { error: String(error) })
    );
  }

  /** The acting profile: the one named (it must be the user's own), else the user's default. */
  private async actingProfile(tx: Transaction, userId: number, actorId: number | null | undefined): Promise<number> {
    const own = and(eq(actors.userId, userId), isNull(actors.domain), isNull(actors.deletedAt));
    if (actorId != null) {
      const [actor] = await tx.db
        .select({ id: actors.id })
        .from(actors)
        .where(and(eq(actors.id, actorId), own));
      if (!actor) throw new DomainError('forbidden', 'This profile is not yours', { field: 'actorId' });
      return actor.id;
    }
    const [user] = await tx.db.select({ defaultActorId: users.defaultActorId }).from(users).where(eq(users.id, userId));
    const [actor] = await tx.db
      .select({ id: actors.id })
      .from(actors)
      .where(and(own, eq(actors.type, 'Person')))
      .orderBy(sql`${actors.id} = ${user?.defaultActorId ?? 0} desc`, actors.id)
      .limit(1);
    if (!actor) throw new DomainError('forbidden', 'You need a profile to upload pictures', { field: 'actorId' });
    return actor.id;
  }

  /** A picture uploaded by one of the user's profiles (`uploadMedia`). Refused input leaves nothing. */
  async upload(userId: number, upload: PictureUpload & { actorId?: number | null }): Promise<Media> {
    const prepared = await this.prepare(upload);
    try {
      return await transaction(this.deps.pool, async (tx) => {
        const actorId = await this.actingProfile(tx, userId, upload.actorId);
        return insertPicture(tx, prepared, actorId);
      });
    } catch (error) {
      await this.deleteFiles([prepared.fileName]);
      throw error;
    }
  }

  /** Deletes one of the user's own pictures, row and file; profiles showing it lose it. */
  async remove(userId: number, mediaId: number): Promise<{ id: number }> {
    const fileName = await transaction(this.deps.pool, async (tx) => {
      const row = await requireOwnMedia(tx, userId, mediaId, 'id');
      // The profile documents are cached by updatedAt: it must move for the picture to disappear.
      await tx.db
        .update(actors)
        .set({ updatedAt: sql`greatest(now(), ${actors.updatedAt} + interval '1 millisecond')` })
        .where(or(eq(actors.avatarId, mediaId), eq(actors.bannerId, mediaId)));
      await tx.db.delete(media).where(eq(media.id, mediaId));
      return row.fileName;
    });
    await this.deleteFiles([fileName]);
    return { id: mediaId };
  }
}

/** Reads of media rows. */
export class MediaQueries {
  private readonly db: ServiceDeps['db'];
  constructor(db: ServiceDeps['db']) {
    this.db = db;
  }

  byIds(ids: readonly number[]): Promise<Media[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(media)
      .where(inArray(media.id, [...ids]));
  }

  async byFileName(fileName: string): Promise<Media | undefined> {
    const [row] = await this.db.select().from(media).where(eq(media.fileName, fileName));
    return row;
  }
}

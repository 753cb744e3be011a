import type { Transaction } from '../../db/transaction.ts';
import type { PictureChange } from '../actors/index.ts';
import type { ServiceDeps } from '../deps.ts';
import {
  deletePictureFiles,
  insertPicture,
  MediaService,
  requireOwnMedia,
  type PreparedPicture
} from '../media/index.ts';

/** A post's picture change: a new upload, one of the user's stored pictures, null to remove it, undefined to keep it. */
export type PostPictureChange = PictureChange;

/** Writes an uploaded picture (checked, re-encoded, metadata stripped) before the transaction opens. */
export async function preparePostPicture(
  deps: ServiceDeps,
  change: PostPictureChange
): Promise<PreparedPicture | undefined> {
  if (!change || !('upload' in change)) return undefined;
  return new MediaService(deps).prepare(change.upload, 'picture');
}

/** Removes a prepared picture's file when its row was not committed. */
export async function discardPostPicture(deps: ServiceDeps, prepared: PreparedPicture | undefined): Promise<void> {
  if (prepared) await deletePictureFiles(deps.config, [prepared.fileName]).catch(() => undefined);
}

/**
 * Inside the post's transaction: the picture id to store (undefined: unchanged). An upload becomes
 * the author's media; a reused one must belong to one of the user's profiles, unless it already is
 * this post's picture.
 */
export async function applyPostPicture(
  tx: Transaction,
  userId: number | null,
  authorId: number,
  change: PostPictureChange,
  prepared: PreparedPicture | undefined,
  currentPictureId: number | null = null
): Promise<number | null | undefined> {
  if (change === undefined) return undefined;
  if (change === null) return null;
  if (prepared) return (await insertPicture(tx, prepared, authorId)).id;
  if ('mediaId' in change) {
    if (change.mediaId === currentPictureId) return currentPictureId;
    if (userId === null) return undefined;
    return (await requireOwnMedia(tx, userId, change.mediaId, 'picture')).id;
  }
  return undefined;
}

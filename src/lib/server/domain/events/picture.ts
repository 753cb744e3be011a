import type { Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import {
  deletePictureFiles,
  insertPicture,
  MediaService,
  requireOwnMedia,
  type PictureUpload
} from '../media/index.ts';
import type { PreparedPicture } from '../media/index.ts';

/** An event's picture change: a new upload, one of the user's stored pictures, or null to remove it. */
export type EventPictureChange = { upload: PictureUpload } | { mediaId: number } | null | undefined;

/** Writes an uploaded picture (checked, re-encoded, metadata stripped) before the transaction opens. */
export async function preparePicture(
  deps: ServiceDeps,
  change: EventPictureChange
): Promise<PreparedPicture | undefined> {
  if (!change || !('upload' in change)) return undefined;
  return new MediaService(deps).prepare(change.upload, 'picture');
}

/** Removes a prepared picture's file when its row was not committed. */
export async function discardPicture(deps: ServiceDeps, prepared: PreparedPicture | undefined): Promise<void> {
  if (prepared) await deletePictureFiles(deps.config, [prepared.fileName]).catch(() => undefined);
}

/**
 * Inside the event's transaction: the picture id to store (undefined: unchanged). An upload becomes
 * the organizer's media; a reused media must belong to one of the user's profiles, unless it is
 * already this event's picture.
 */
export async function applyPicture(
  tx: Transaction,
  userId: number,
  organizerActorId: number,
  change: EventPictureChange,
  prepared: PreparedPicture | undefined,
  currentPictureId: number | null = null
): Promise<number | null | undefined> {
  if (change === undefined) return undefined;
  if (change === null) return null;
  if (prepared) return (await insertPicture(tx, prepared, organizerActorId)).id;
  if ('mediaId' in change) {
    if (change.mediaId === currentPictureId) return currentPictureId;
    return (await requireOwnMedia(tx, userId, change.mediaId, 'picture')).id;
  }
  return undefined;
}

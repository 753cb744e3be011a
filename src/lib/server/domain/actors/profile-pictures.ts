import type { Actor } from '../../db/schema/actors.ts';
import type { Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import {
  deletePictureFiles,
  insertPicture,
  MediaService,
  requireOwnMedia,
  type PictureUpload,
  type PreparedPicture
} from '../media/index.ts';

/** A change of a profile picture: a new upload, one of the user's pictures, or null to remove it. */
export type PictureChange = { upload: PictureUpload } | { mediaId: number } | null | undefined;

export interface ProfilePictures {
  avatar?: PictureChange;
  banner?: PictureChange;
}

const SLOTS = ['avatar', 'banner'] as const;
type Slot = (typeof SLOTS)[number];

export type PreparedPictures = Partial<Record<Slot, PreparedPicture>>;

/**
 * Writes the uploaded pictures (checked and re-encoded) before the profile's transaction opens;
 * when one is refused, the others already written are removed.
 */
export async function preparePictures(deps: ServiceDeps, pictures: ProfilePictures): Promise<PreparedPictures> {
  const service = new MediaService(deps);
  const prepared: PreparedPictures = {};
  try {
    for (const slot of SLOTS) {
      const change = pictures[slot];
      if (change && 'upload' in change) prepared[slot] = await service.prepare(change.upload, slot);
    }
  } catch (error) {
    await discardPictures(deps, prepared);
    throw error;
  }
  return prepared;
}

/** Removes the files of prepared pictures whose rows were not committed. */
export async function discardPictures(deps: ServiceDeps, prepared: PreparedPictures): Promise<void> {
  const names = Object.values(prepared).map((p) => p.fileName);
  if (names.length > 0) await deletePictureFiles(deps.config, names).catch(() => undefined);
}

/**
 * Inside the profile's transaction: inserts the prepared uploads, checks that reused media are the
 * user's own, and says which columns to set and which pictures the profile no longer shows.
 */
export async function applyPictures(
  tx: Transaction,
  userId: number,
  actor: Pick<Actor, 'id' | 'avatarId' | 'bannerId'>,
  pictures: ProfilePictures,
  prepared: PreparedPictures
): Promise<{ set: { avatarId?: number | null; bannerId?: number | null }; replaced: number[] }> {
  const set: { avatarId?: number | null; bannerId?: number | null } = {};
  const replaced: number[] = [];
  for (const slot of SLOTS) {
    const change = pictures[slot];
    if (change === undefined) continue;
    let id: number | null = null;
    const ready = prepared[slot];
    if (ready) id = (await insertPicture(tx, ready, actor.id)).id;
    else if (change && 'mediaId' in change) id = (await requireOwnMedia(tx, userId, change.mediaId, slot)).id;
    const current = slot === 'avatar' ? actor.avatarId : actor.bannerId;
    if (current !== null && current !== id) replaced.push(current);
    if (slot === 'avatar') set.avatarId = id;
    else set.bannerId = id;
  }
  return { set, replaced };
}

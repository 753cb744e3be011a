import { isDomainError } from '../../core/errors.ts';
import type { DomainEvent } from '../../core/domain-events.ts';
import { transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { deleteIfUnused, insertPicture } from './media.store.ts';
import { deletePictureFiles, preparePicture, type PreparedPicture } from './pictures.ts';
import { copyOf, showPicture, shownPicture, superseded } from './remote-pictures.ts';

/** A picture's bytes as another server answered them, or why there is nothing to take. */
export type FetchedPicture = { bytes: Uint8Array } | { refused: string };

/**
 * How the domain reads a picture on another server. Implemented by the federation module over its
 * checked fetch (no private addresses, a deadline, at most `maxBytes`). Resolves with `refused`
 * when trying again would not help (a 404, a page rather than a picture, too large); throws when
 * it might (a timeout, a 5xx), so that the job is retried.
 */
export interface RemotePictureFetcher {
  fetch(url: string, maxBytes: number): Promise<FetchedPicture>;
}

/**
 * Local copies of other servers' pictures: each fetched once per URL, checked and re-encoded like
 * an upload (real type from the bytes, metadata stripped, size capped by MEDIA_MAX_BYTES), stored
 * with `remote_url`, and shown by the actor or event that named it. A picture that cannot be had
 * leaves the row without one.
 */
export class RemoteMediaService {
  private readonly deps: ServiceDeps;
  private fetcher: RemotePictureFetcher | undefined;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  /** The federation module provides the fetches when it runs. */
  useFetcher(fetcher: RemotePictureFetcher): void {
    this.fetcher = fetcher;
  }

  /** Reacts to `RemotePictureChanged`: stores (or reuses) the copy and shows it. */
  async cache(event: Pick<DomainEvent<'RemotePictureChanged'>, 'id' | 'payload'>): Promise<void> {
    const { target, id, url } = event.payload;
    const { db, logger } = this.deps;
    if (url === null || (await superseded(db, event.id, target, id))) return;
    const shown = await shownPicture(db, target, id);
    if (!shown || shown.remoteUrl === url) return;
    const prepared = (await copyOf(db, url)) === undefined ? await this.download(url) : undefined;
    if (prepared === null) return;
    const unused: string[] = prepared ? [prepared.fileName] : [];
    try {
      const removed = await transaction(this.deps.pool, async (tx) => {
        const row = await shownPicture(tx.db, target, id, true);
        if (!row || row.remoteUrl === url || (await superseded(tx.db, event.id, target, id))) return [];
        // One copy per URL, even when two workers fetched it at once.
        await tx.client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`remote-media:${url}`]);
        let mediaId = await copyOf(tx.db, url);
        if (mediaId === undefined) {
          if (!prepared) return [];
          mediaId = (await insertPicture(tx, prepared, null, url)).id;
          unused.length = 0;
        }
        await showPicture(tx, target, id, mediaId);
        return row.mediaId === null ? [] : deleteIfUnused(tx, [row.mediaId]);
      });
      unused.push(...removed);
    } finally {
      await deletePictureFiles(this.deps.config, unused).catch((error: unknown) =>
        logger.warn('could not delete media files', { error: String(error) })
      );
    }
  }

  /** The picture fetched, checked and written; null when it is refused (and not worth retrying). */
  private async download(url: string): Promise<PreparedPicture | null> {
    const { config, logger } = this.deps;
    if (!this.fetcher) {
      logger.debug('remote picture not fetched: federation is off', { url });
      return null;
    }
    const fetched = await this.fetcher.fetch(url, config.mediaMaxBytes);
    if ('refused' in fetched) {
      logger.debug('remote picture refused', { url, reason: fetched.refused });
      return null;
    }
    try {
      return await preparePicture(config, { file: new Blob([new Uint8Array(fetched.bytes)]) }, 'url');
    } catch (error) {
      if (!isDomainError(error)) throw error;
      logger.debug('remote picture refused', { url, reason: error.message });
      return null;
    }
  }
}

import { eq } from 'drizzle-orm';
import { sanitizeRichText } from '../../core/sanitize.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';
import { transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { deleteIfUnused, deletePictureFiles, remotePictureChange } from '../media/index.ts';

/** Data about a remote actor, as a federation converter extracted it from its document. */
export interface RemoteActorData {
  type: 'Person' | 'Group' | 'Application';
  apId: string;
  preferredUsername: string;
  domain: string;
  name?: string | null;
  summary?: string | null;
  url?: string | null;
  inboxUrl: string;
  sharedInboxUrl?: string | null;
  outboxUrl?: string | null;
  followersUrl?: string | null;
  followingUrl?: string | null;
  publicKeyPem?: string | null;
  manuallyApprovesFollowers?: boolean;
  /** Where its avatar (`icon`) and banner (`image`) are; null: none; undefined: left as they are. */
  avatarUrl?: string | null;
  bannerUrl?: string | null;
  /** A group's collections, openness and size as it announces them (Mobilizon's dialect). */
  group?: RemoteGroupData;
  /** `discoverable` said: listed (public) or not (unlisted); undefined: as before. */
  discoverable?: boolean;
}

export interface RemoteGroupData {
  membersUrl: string | null;
  resourcesUrl: string | null;
  todosUrl: string | null;
  postsUrl: string | null;
  eventsUrl: string | null;
  discussionsUrl: string | null;
  openness: 'invite_only' | 'moderated' | 'open';
  memberCount: number | null;
}

/** A remote summary is rich text from another server: one allowlist, and no picture from elsewhere. */
const cleanSummary = (summary: string | null | undefined, publicUrl: string) => {
  const clean = summary ? sanitizeRichText(summary, publicUrl) : '';
  return clean === '' ? null : clean;
};

/** Inserts or refreshes a remote actor; see ActorsService.upsertRemoteActor. */
export async function upsertRemoteActor(deps: ServiceDeps, data: RemoteActorData): Promise<Actor> {
  const values = {
    type: data.type,
    apId: data.apId,
    preferredUsername: data.preferredUsername,
    domain: data.domain,
    name: data.name ?? null,
    summary: cleanSummary(data.summary, deps.config.publicUrl),
    url: data.url ?? data.apId,
    inboxUrl: data.inboxUrl,
    sharedInboxUrl: data.sharedInboxUrl ?? null,
    outboxUrl: data.outboxUrl ?? null,
    followersUrl: data.followersUrl ?? null,
    followingUrl: data.followingUrl ?? null,
    publicKeyPem: data.publicKeyPem ?? null,
    manuallyApprovesFollowers: data.manuallyApprovesFollowers ?? false,
    ...(data.group && data.type === 'Group' ? data.group : {}),
    ...(data.discoverable !== undefined && data.type === 'Group'
      ? { visibility: data.discoverable ? ('public' as const) : ('unlisted' as const) }
      : {}),
    lastRefreshedAt: new Date(),
    updatedAt: new Date()
  };
  const pictures = [
    { target: 'avatar', url: data.avatarUrl },
    { target: 'banner', url: data.bannerUrl }
  ] as const;
  const { actor, files } = await transaction(deps.pool, async (tx) => {
    const [stored] = await tx.db
      .insert(actors)
      .values(values)
      .onConflictDoUpdate({ target: actors.apId, set: values })
      .returning();
    if (!stored) throw new Error('remote actor not stored');
    const set: { avatarId?: number | null; bannerId?: number | null } = {};
    const replaced: number[] = [];
    for (const { target, url } of pictures) {
      if (url === undefined) continue;
      const currentId = target === 'avatar' ? stored.avatarId : stored.bannerId;
      const shown = await remotePictureChange(tx, deps.events, { target, id: stored.id, url, currentId });
      if (shown === undefined || shown === currentId) continue;
      set[target === 'avatar' ? 'avatarId' : 'bannerId'] = shown;
      if (currentId !== null) replaced.push(currentId);
    }
    if (Object.keys(set).length === 0) return { actor: stored, files: [] };
    const [changed] = await tx.db.update(actors).set(set).where(eq(actors.id, stored.id)).returning();
    return { actor: changed ?? stored, files: await deleteIfUnused(tx, replaced) };
  });
  await deletePictureFiles(deps.config, files).catch((error: unknown) =>
    deps.logger.warn('could not delete media files', { error: String(error) })
  );
  return actor;
}

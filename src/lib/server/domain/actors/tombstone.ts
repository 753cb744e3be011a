import { and, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { actors, follows } from '../../db/schema/actors.ts';
import { leaveAllEvents } from '../events/leave-all-events.ts';
import type { Transaction } from '../../db/transaction.ts';
import type { DomainEventRecorder } from '../../jobs/domain-events.ts';
import { deleteIfUnused } from '../media/index.ts';

/**
 * Turns local profiles into tombstones: the row stays (remote servers know its id and the username
 * must never be reused) but everything personal goes, and nothing finds it any more.
 */
export async function tombstoneActors(tx: Transaction, events: DomainEventRecorder, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const now = new Date();
  const gone = await tx.db
    .update(actors)
    .set({
      name: null,
      summary: null,
      // The keys stay until the federated Delete is signed and queued (forgetTombstone).
      userId: null,
      deletedAt: now,
      updatedAt: now
    })
    .where(and(inArray(actors.id, ids), isNull(actors.domain), isNull(actors.deletedAt)))
    .returning({ id: actors.id });
  for (const { id } of gone) {
    const alsoTell = await leaveAllEvents(tx, events, id);
    await events.record(tx, 'PersonDeleted', { actorId: id, alsoTell });
  }
}

/**
 * Once the Delete has been signed and queued: the tombstone's keys are dropped and its follow links
 * removed, so nothing can speak for the deleted profile again.
 */
export async function forgetTombstone(db: Database, actorId: number): Promise<void> {
  await db
    .update(actors)
    .set({ publicKeyPem: null, privateKeyPem: null })
    .where(and(eq(actors.id, actorId), isNotNull(actors.deletedAt)));
  await db.delete(follows).where(or(eq(follows.followerId, actorId), eq(follows.targetId, actorId)));
}

/**
 * A remote actor whose server told us it is gone: forgotten here, its follow links removed and the
 * copies of its pictures dropped (nothing of it is kept that its server no longer shows). Answers
 * whether it was known and is now gone, and the picture files to delete once committed.
 */
export async function forgetRemoteActor(tx: Transaction, actorId: number): Promise<{ gone: boolean; files: string[] }> {
  const [before] = await tx.db
    .select({ avatarId: actors.avatarId, bannerId: actors.bannerId })
    .from(actors)
    .where(and(eq(actors.id, actorId), isNotNull(actors.domain), isNull(actors.deletedAt)))
    .for('update');
  if (!before) return { gone: false, files: [] };
  await tx.db
    .update(actors)
    .set({ name: null, summary: null, avatarId: null, bannerId: null, deletedAt: new Date(), updatedAt: new Date() })
    .where(eq(actors.id, actorId));
  await tx.db.delete(follows).where(or(eq(follows.followerId, actorId), eq(follows.targetId, actorId)));
  const pictures = [before.avatarId, before.bannerId].filter((id): id is number => id !== null);
  return { gone: true, files: await deleteIfUnused(tx, pictures) };
}

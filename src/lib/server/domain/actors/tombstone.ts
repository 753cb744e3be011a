import { and, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { actors, follows } from '../../db/schema/actors.ts';
import type { Transaction } from '../../db/transaction.ts';
import type { DomainEventRecorder } from '../../jobs/domain-events.ts';

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
  for (const { id } of gone) await events.record(tx, 'PersonDeleted', { actorId: id });
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

/** A remote actor whose server told us it is gone: forgotten here, its follow links removed. */
export async function forgetRemoteActor(db: Database, actorId: number): Promise<boolean> {
  // One transaction: nobody sees the actor gone while its follows are still there.
  return db.transaction(async (tx) => {
    const gone = await tx
      .update(actors)
      .set({ name: null, summary: null, deletedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(actors.id, actorId), isNotNull(actors.domain), isNull(actors.deletedAt)))
      .returning({ id: actors.id });
    await tx.delete(follows).where(or(eq(follows.followerId, actorId), eq(follows.targetId, actorId)));
    return gone.length > 0;
  });
}

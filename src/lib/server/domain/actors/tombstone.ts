import { and, inArray, isNull } from 'drizzle-orm';
import { actors } from '../../db/schema/actors.ts';
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
      publicKeyPem: null,
      privateKeyPem: null,
      userId: null,
      deletedAt: now,
      updatedAt: now
    })
    .where(and(inArray(actors.id, ids), isNull(actors.domain), isNull(actors.deletedAt)))
    .returning({ id: actors.id });
  for (const { id } of gone) await events.record(tx, 'PersonDeleted', { actorId: id });
}

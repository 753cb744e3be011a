import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { tombstones, type Tombstone } from '../../db/schema/federation.ts';
import type { Transaction } from '../../db/transaction.ts';

/** Marks an object as gone, in the transaction that deleted it (or for a Delete that came first). */
export async function recordTombstone(
  tx: Transaction,
  apId: string,
  formerType: string,
  actorId: number | null
): Promise<void> {
  await tx.db.insert(tombstones).values({ apId, formerType, actorId }).onConflictDoNothing();
}

export async function tombstoneOf(db: Database | Transaction['db'], apId: string): Promise<Tombstone | undefined> {
  const [row] = await db.select().from(tombstones).where(eq(tombstones.apId, apId)).limit(1);
  return row;
}

/** Reads of the objects known to be gone. */
export class TombstonesQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }
  byApId(apId: string): Promise<Tombstone | undefined> {
    return tombstoneOf(this.db, apId);
  }
}

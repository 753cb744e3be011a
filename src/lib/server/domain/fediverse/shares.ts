import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../db/schema/actors.ts';
import { shares } from '../../db/schema/federation.ts';

/**
 * An actor of another server announced an object (a relay its instance's event, a group its
 * members' content). Kept once per (announcer, object); a replay changes nothing.
 */
export async function recordShare(
  db: Database,
  input: { announcer: Actor; objectApId: string; eventId: number | null; apId: string | null }
): Promise<void> {
  await db
    .insert(shares)
    .values({
      announcerId: input.announcer.id,
      objectApId: input.objectApId,
      eventId: input.eventId,
      apId: input.apId
    })
    .onConflictDoNothing();
}

/** The announcer took its announce back (Undo{Announce}): only its own share goes. */
export async function removeShare(db: Database, announcer: Actor, objectApId: string): Promise<boolean> {
  const removed = await db
    .delete(shares)
    .where(and(eq(shares.announcerId, announcer.id), eq(shares.objectApId, objectApId)))
    .returning({ id: shares.id });
  return removed.length > 0;
}

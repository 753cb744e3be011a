import { and, eq, isNull } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';
import type { Transaction } from '../../db/transaction.ts';

/** The user's own live local profile, through which they act; any other id is refused. */
export async function actingProfile(tx: Transaction, userId: number, actorId: number): Promise<Actor> {
  const [actor] = await tx.db
    .select()
    .from(actors)
    .where(
      and(
        eq(actors.id, actorId),
        eq(actors.userId, userId),
        eq(actors.type, 'Person'),
        isNull(actors.domain),
        isNull(actors.deletedAt)
      )
    );
  if (!actor) throw new DomainError('forbidden', 'This profile is not yours', { field: 'actorId' });
  return actor;
}

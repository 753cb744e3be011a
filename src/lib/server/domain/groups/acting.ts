import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';
import type { Transaction } from '../../db/transaction.ts';
import { actingProfile } from './acting-profile.ts';

/**
 * Who does something in a group: a user through one of their profiles (local), or a remote actor
 * whose signed activity reached us (its signature was checked by the inbox).
 */
export type Acting = { userId: number; actorId: number } | { remoteActorId: number };

export async function resolveActing(tx: Transaction, acting: Acting): Promise<Actor> {
  if ('userId' in acting) return actingProfile(tx, acting.userId, acting.actorId);
  const [actor] = await tx.db
    .select()
    .from(actors)
    .where(and(eq(actors.id, acting.remoteActorId), isNotNull(actors.domain), isNull(actors.deletedAt)));
  if (!actor || actor.suspended) throw new DomainError('forbidden', 'Unknown or suspended actor', { field: 'actorId' });
  return actor;
}

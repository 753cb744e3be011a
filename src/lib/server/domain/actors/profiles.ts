import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { DomainError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { users, type User } from '../../db/schema/accounts.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { deleteIfUnused, deleteMediaOfActors, deletePictureFiles } from '../media/index.ts';
import { applyPictures, discardPictures, preparePictures, type ProfilePictures } from './profile-pictures.ts';
import { tombstoneActors } from './tombstone.ts';

const notFound = () => new DomainError('not_found', 'Profile not found', { field: 'id' });

export const updatePersonInput = z.object({
  name: z.string().trim().max(200).optional().nullable(),
  summary: z.string().max(5000).optional().nullable()
});

/** The user's own live profile, locked; anyone else's profile looks like no profile at all. */
async function ownProfile(tx: Transaction, userId: number, actorId: number): Promise<Actor> {
  const [actor] = await tx.db
    .select()
    .from(actors)
    .where(and(eq(actors.id, actorId), eq(actors.userId, userId), isNull(actors.domain), isNull(actors.deletedAt)))
    .for('update');
  if (!actor) throw notFound();
  return actor;
}

export async function updatePerson(
  deps: ServiceDeps,
  userId: number,
  actorId: number,
  raw: z.input<typeof updatePersonInput>,
  pictures: ProfilePictures = {}
): Promise<Actor> {
  const input = parseInput(updatePersonInput, raw);
  const prepared = await preparePictures(deps, pictures);
  let unusedFiles: string[] = [];
  let updated: Actor;
  try {
    updated = await transaction(deps.pool, async (tx) => {
      const current = await ownProfile(tx, userId, actorId);
      const { set, replaced } = await applyPictures(tx, userId, current, pictures, prepared);
      const [row] = await tx.db
        .update(actors)
        .set({
          ...(input.name !== undefined ? { name: input.name?.trim() || null } : {}),
          ...(input.summary !== undefined ? { summary: input.summary || null } : {}),
          ...set,
          // the profile JSON cache keys on updatedAt: it must move even within the same millisecond
          updatedAt: sql`greatest(now(), ${actors.updatedAt} + interval '1 millisecond')`
        })
        .where(eq(actors.id, actorId))
        .returning();
      // a replaced or removed picture that nothing shows any more is deleted with its file
      unusedFiles = await deleteIfUnused(tx, replaced);
      await deps.events.record(tx, 'PersonUpdated', { actorId });
      return row!;
    });
  } catch (error) {
    await discardPictures(deps, prepared);
    throw error;
  }
  await deletePictureFiles(deps.config, unusedFiles).catch(() => undefined);
  return updated;
}

/** Deletes one of the user's profiles (never the last); the oldest left becomes default if needed. */
export async function deletePerson(deps: ServiceDeps, userId: number, actorId: number): Promise<Actor> {
  let files: string[] = [];
  const deleted = await transaction(deps.pool, async (tx) => {
    const [user] = await tx.db.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) throw notFound();
    const actor = await ownProfile(tx, userId, actorId);
    const others = await tx.db
      .select({ id: actors.id })
      .from(actors)
      .where(
        and(
          eq(actors.userId, userId),
          eq(actors.type, 'Person'),
          isNull(actors.domain),
          isNull(actors.deletedAt),
          sql`${actors.id} <> ${actorId}`
        )
      )
      .orderBy(asc(actors.id));
    if (others.length === 0) {
      throw new DomainError('forbidden', 'Cannot delete the last profile of an account', { field: 'id' });
    }
    files = await deleteMediaOfActors(tx, [actorId]);
    await tombstoneActors(tx, deps.events, [actorId]);
    if (user.defaultActorId === actorId || user.defaultActorId === null) {
      await tx.db
        .update(users)
        .set({ defaultActorId: others[0]!.id, updatedAt: new Date() })
        .where(eq(users.id, userId));
    }
    return actor;
  });
  // the pictures' files go once the deletion is committed
  await deletePictureFiles(deps.config, files).catch(() => undefined);
  return deleted;
}

export async function changeDefaultActor(deps: ServiceDeps, userId: number, username: string): Promise<User> {
  return transaction(deps.pool, async (tx) => {
    const [actor] = await tx.db
      .select({ id: actors.id })
      .from(actors)
      .where(
        and(
          sql`lower(${actors.preferredUsername}) = lower(${username})`,
          eq(actors.userId, userId),
          isNull(actors.domain),
          isNull(actors.deletedAt)
        )
      );
    if (!actor) throw new DomainError('not_found', 'Profile not found', { field: 'preferredUsername' });
    const [user] = await tx.db
      .update(users)
      .set({ defaultActorId: actor.id, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning();
    if (!user) throw new DomainError('not_found', 'User not found');
    return user;
  });
}

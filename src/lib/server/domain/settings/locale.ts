import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { DomainError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { users, type User } from '../../db/schema/accounts.ts';
import type { ServiceDeps } from '../deps.ts';
import { localeSchema } from './settings.inputs.ts';

/** Stores the user's language on their account, where the account emails read it. */
export async function updateUserLocale(
  deps: ServiceDeps,
  userId: number,
  rawLocale: string | null | undefined
): Promise<User> {
  const { locale } = parseInput(z.object({ locale: localeSchema }), { locale: rawLocale });
  const [user] = await deps.db
    .update(users)
    .set({ locale, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning();
  if (!user) throw new DomainError('not_found', 'User not found');
  return user;
}

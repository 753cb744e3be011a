import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { z } from 'zod';
import { parseInput } from '../../core/validation.ts';
import { accountTokens, refreshTokens, users, type User } from '../../db/schema/accounts.ts';
import { actors } from '../../db/schema/actors.ts';
import { transaction } from '../../db/transaction.ts';
import { tombstoneActors } from '../actors/index.ts';
import type { ServiceDeps } from '../deps.ts';
import { deleteMediaOfActors, deletePictureFiles } from '../media/index.ts';
import { consumeAccountToken } from './account-tokens.ts';
import { emailSchema, passwordSchema } from './accounts.inputs.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

const wrongPassword = (field: string) => new DomainError('validation', 'The password provided is invalid', { field });

async function requirePassword(user: User, password: string | null | undefined, field: string): Promise<void> {
  if (!(await verifyPassword(user.passwordHash, password ?? ''))) throw wrongPassword(field);
}

/**
 * A signed-in person changes their password. Every refresh token is revoked, so other devices
 * (and this one, on its next refresh) must sign in again with the new password.
 */
export async function changePassword(
  deps: ServiceDeps,
  user: User,
  oldPassword: string,
  newPassword: string
): Promise<User> {
  await requirePassword(user, oldPassword, 'oldPassword');
  const password = parseInput(z.object({ newPassword: passwordSchema }), { newPassword }).newPassword;
  if (password === oldPassword) {
    throw new DomainError('validation', 'The new password must be different', { field: 'newPassword' });
  }
  const passwordHash = await hashPassword(password);
  return transaction(deps.pool, async (tx) => {
    const [updated] = await tx.db
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(eq(users.id, user.id))
      .returning();
    await tx.db
      .update(refreshTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(refreshTokens.userId, user.id), isNull(refreshTokens.revokedAt)));
    if (!updated) throw new DomainError('not_found', 'User not found');
    return updated;
  });
}

async function emailTaken(deps: ServiceDeps, email: string, exceptUserId: number): Promise<boolean> {
  const [row] = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, ne(users.id, exceptUserId)))
    .limit(1);
  return Boolean(row);
}

/** Asks to move the account to another address; nothing changes until the new address confirms. */
export async function requestEmailChange(
  deps: ServiceDeps,
  user: User,
  rawEmail: string,
  password: string
): Promise<User> {
  await requirePassword(user, password, 'password');
  const email = parseInput(z.object({ email: emailSchema }), { email: rawEmail }).email;
  if (email.toLowerCase() === user.email.toLowerCase()) {
    throw new DomainError('validation', 'The new email must be different', { field: 'email' });
  }
  if (await emailTaken(deps, email, user.id)) {
    throw new DomainError('conflict', 'This email is already used', { field: 'email' });
  }
  await transaction(deps.pool, (tx) =>
    deps.events.record(tx, 'EmailChangeRequested', { userId: user.id, newEmail: email })
  );
  return user;
}

/** The link sent to the new address: the account now uses it. */
export async function validateEmailChange(deps: ServiceDeps, token: string): Promise<User> {
  const invalid = () => new DomainError('validation', 'The link is invalid or has expired', { field: 'token' });
  const updated = await transaction(deps.pool, async (tx) => {
    const found = await consumeAccountToken(tx, token, 'change_email');
    if (!found || found.disabled || !found.tokenNewEmail) return null;
    const [taken] = await tx.db
      .select({ id: users.id })
      .from(users)
      .where(and(sql`lower(${users.email}) = lower(${found.tokenNewEmail})`, ne(users.id, found.id)))
      .limit(1);
    if (taken) throw new DomainError('conflict', 'This email is already used', { field: 'email' });
    const [user] = await tx.db
      .update(users)
      .set({ email: found.tokenNewEmail, updatedAt: new Date() })
      .where(eq(users.id, found.id))
      .returning();
    return user ?? null;
  });
  if (!updated) throw invalid();
  return updated;
}

/**
 * Deletes an account and its personal data in one transaction: profiles become tombstones, sessions
 * and email tokens go, then the user row itself. Administrators may delete another account without
 * its password.
 */
export async function deleteAccount(
  deps: ServiceDeps,
  caller: User,
  options: { password?: string | null; userId?: number | null }
): Promise<number> {
  const otherAccount = options.userId != null && options.userId !== caller.id;
  // Never fall back to deleting the caller's own account when they named someone else's.
  if (otherAccount && caller.role !== 'administrator') {
    throw new DomainError('forbidden', 'Only administrators may delete another account', { field: 'userId' });
  }
  const actingAsAdmin = otherAccount;
  if (!actingAsAdmin) await requirePassword(caller, options.password, 'password');
  return removeAccount(deps, actingAsAdmin ? options.userId! : caller.id);
}

/** The deletion itself, for a caller already authorized (an administrator, the command line). */
export async function removeAccount(deps: ServiceDeps, targetId: number): Promise<number> {
  let pictureFiles: string[] = [];
  const removed = await transaction(deps.pool, async (tx) => {
    const [target] = await tx.db.select().from(users).where(eq(users.id, targetId)).for('update');
    if (!target) throw new DomainError('not_found', 'User not found', { field: 'userId' });
    const profiles = await tx.db
      .select({ id: actors.id })
      .from(actors)
      .where(and(eq(actors.userId, targetId), isNull(actors.domain)));
    pictureFiles = await deleteMediaOfActors(
      tx,
      profiles.map((p) => p.id)
    );
    await tombstoneActors(
      tx,
      deps.events,
      profiles.map((p) => p.id)
    );
    await tx.db.delete(refreshTokens).where(eq(refreshTokens.userId, targetId));
    await tx.db.delete(accountTokens).where(eq(accountTokens.userId, targetId));
    await tx.db.delete(users).where(eq(users.id, targetId));
    return targetId;
  });
  // the profiles' pictures leave the disk once the deletion is committed
  await deletePictureFiles(deps.config, pictureFiles).catch(() => undefined);
  return removed;
}

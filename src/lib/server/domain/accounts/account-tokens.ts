import { and, eq, gt, isNull } from 'drizzle-orm';
import { accountTokens, users, type User } from '../../db/schema/accounts.ts';
import type { Database } from '../../db/client.ts';
import type { Transaction } from '../../db/transaction.ts';
import { hashToken, newOpaqueToken } from './tokens.ts';

export type TokenPurpose = 'confirm_registration' | 'reset_password' | 'change_email';

const LIFETIME_HOURS: Record<TokenPurpose, number> = { confirm_registration: 48, reset_password: 2, change_email: 48 };
const sentAtColumn = {
  confirm_registration: 'confirmationSentAt',
  reset_password: 'resetPasswordSentAt',
  change_email: 'confirmationSentAt'
} as const;

/** Creates a token for an email; returns it once (only its hash is stored). */
export async function issueAccountToken(
  db: Database,
  userId: number,
  purpose: TokenPurpose,
  newEmail: string | null = null
): Promise<string> {
  const token = newOpaqueToken();
  await db.insert(accountTokens).values({
    userId,
    purpose,
    newEmail,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + LIFETIME_HOURS[purpose] * 3600_000)
  });
  await db
    .update(users)
    .set({ [sentAtColumn[purpose]]: new Date() })
    .where(eq(users.id, userId));
  return token;
}

/** Marks a valid, unused, unexpired token used and returns its user, locked for the transaction. */
export async function consumeAccountToken(
  tx: Transaction,
  token: string,
  purpose: TokenPurpose
): Promise<(User & { tokenNewEmail: string | null }) | null> {
  const [row] = await tx.db
    .update(accountTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(accountTokens.tokenHash, hashToken(token)),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, new Date())
      )
    )
    .returning();
  if (!row) return null;
  const [user] = await tx.db.select().from(users).where(eq(users.id, row.userId)).for('update');
  return user ? { ...user, tokenNewEmail: row.newEmail } : null;
}

import { asc, eq, sql } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { actors } from '../../db/schema/actors.ts';
import { refreshTokens, users, type User } from '../../db/schema/accounts.ts';
import { transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { removeAccount } from './account-care.ts';

export type Role = User['role'];

export interface AccountChanges {
  role?: Role;
  disabled?: boolean;
  confirmed?: boolean;
}

export interface AccountSummary {
  user: User;
  profiles: { id: number; preferredUsername: string; name: string | null }[];
}

/** What an administrator (or the command line) does to accounts: roles, disabling, confirming. */
export class AccountAdminService {
  private readonly deps: ServiceDeps;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  async findByEmail(email: string): Promise<AccountSummary> {
    const [user] = await this.deps.db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email.trim()})`);
    if (!user) throw new DomainError('not_found', 'User not found', { field: 'email' });
    const profiles = await this.deps.db
      .select({ id: actors.id, preferredUsername: actors.preferredUsername, name: actors.name })
      .from(actors)
      .where(sql`${actors.userId} = ${user.id} and ${actors.domain} is null`)
      .orderBy(asc(actors.id));
    return { user, profiles };
  }

  /** Deletes an account for good: profiles become tombstones, personal data goes. */
  async delete(email: string): Promise<void> {
    const { user } = await this.findByEmail(email);
    await removeAccount(this.deps, user.id);
  }

  /** Applies role, disabled and confirmed changes; disabling also ends every session of the account. */
  async modify(email: string, changes: AccountChanges): Promise<User> {
    const { user } = await this.findByEmail(email);
    return transaction(this.deps.pool, async (tx) => {
      const [updated] = await tx.db
        .update(users)
        .set({
          ...(changes.role ? { role: changes.role } : {}),
          ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
          ...(changes.confirmed === true ? { confirmedAt: user.confirmedAt ?? new Date() } : {}),
          ...(changes.confirmed === false ? { confirmedAt: null } : {}),
          updatedAt: new Date()
        })
        .where(eq(users.id, user.id))
        .returning();
      if (changes.disabled) {
        await tx.db.update(refreshTokens).set({ revokedAt: new Date() }).where(eq(refreshTokens.userId, user.id));
      }
      if (!updated) throw new DomainError('not_found', 'User not found');
      return updated;
    });
  }
}

import { and, eq, isNull, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../core/errors.ts';
import { refreshTokens, users, type User } from '../../db/schema/accounts.ts';
import { transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { newUserInput, type NewUserInput } from './accounts.inputs.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { REFRESH_TOKEN_SECONDS, hashToken, newOpaqueToken, type AccessTokens } from './tokens.ts';
import { parseInput } from '../../core/validation.ts';

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: User;
}

export class AccountsService {
  private readonly deps: ServiceDeps;
  private readonly tokens: AccessTokens;
  constructor(deps: ServiceDeps, tokens: AccessTokens) {
    this.deps = deps;
    this.tokens = tokens;
  }

  async createUser(raw: NewUserInput): Promise<User> {
    const input = parseInput(newUserInput, raw);
    const passwordHash = await hashPassword(input.password);
    return transaction(this.deps.pool, async (tx) => {
      const [user] = await tx.db
        .insert(users)
        .values({
          email: input.email,
          passwordHash,
          role: input.role,
          locale: input.locale,
          confirmedAt: input.confirmed ? new Date() : null
        })
        .onConflictDoNothing()
        .returning();
      if (!user) throw new DomainError('conflict', 'This email is already used', { field: 'email' });
      await this.deps.events.record(tx, 'UserCreated', { userId: user.id });
      return user;
    });
  }

  /** Checks credentials; the same error whatever was wrong, so accounts cannot be probed. */
  async login(email: string, password: string): Promise<Session> {
    const [user] = await this.deps.db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email.trim()})`)
      .limit(1);
    const valid = await verifyPassword(user?.passwordHash, password);
    if (!user || !valid || user.disabled) {
      throw new DomainError(
        'unauthenticated',
        'Impossible to authenticate, either your email or password are invalid.'
      );
    }
    if (!user.confirmedAt) {
      throw new DomainError('unauthenticated', 'User account not confirmed', { field: 'email' });
    }
    await this.deps.db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
    return this.openSession(user, randomUUID());
  }

  private async openSession(user: User, family: string): Promise<Session> {
    const refreshToken = newOpaqueToken();
    await this.deps.db.insert(refreshTokens).values({
      userId: user.id,
      family,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_SECONDS * 1000)
    });
    return { accessToken: await this.tokens.sign({ userId: user.id }), refreshToken, user };
  }

  /**
   * Rotates a refresh token. A token used twice means it leaked: the whole family is revoked and
   * whoever holds it must sign in again.
   */
  async refresh(token: string): Promise<Session> {
    const invalid = () => new DomainError('unauthenticated', 'Invalid refresh token');
    return transaction(this.deps.pool, async (tx) => {
      const [row] = await tx.db
        .select()
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, hashToken(token)))
        .for('update');
      if (!row || row.revokedAt || row.expiresAt < new Date()) throw invalid();
      if (row.usedAt) {
        await tx.db
          .update(refreshTokens)
          .set({ revokedAt: new Date() })
          .where(and(eq(refreshTokens.family, row.family), isNull(refreshTokens.revokedAt)));
        return null;
      }
      await tx.db.update(refreshTokens).set({ usedAt: new Date() }).where(eq(refreshTokens.id, row.id));
      const [user] = await tx.db.select().from(users).where(eq(users.id, row.userId));
      if (!user || user.disabled) throw invalid();
      return { user, family: row.family };
    }).then((found) => {
      if (!found) throw invalid();
      return this.openSession(found.user, found.family);
    });
  }

  async logout(token: string): Promise<void> {
    const [row] = await this.deps.db
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, hashToken(token)));
    if (!row) return;
    await this.deps.db.update(refreshTokens).set({ revokedAt: new Date() }).where(eq(refreshTokens.family, row.family));
  }

  /** The user an access token belongs to, or null when the token is invalid, expired or disabled. */
  async userFromAccessToken(token: string): Promise<User | null> {
    const claims = await this.tokens.verify(token);
    if (!claims) return null;
    const [user] = await this.deps.db.select().from(users).where(eq(users.id, claims.userId));
    return user && !user.disabled ? user : null;
  }

  async setDefaultActor(userId: number, actorId: number): Promise<void> {
    await this.deps.db
      .update(users)
      .set({ defaultActorId: actorId, updatedAt: new Date() })
      .where(eq(users.id, userId));
  }
}

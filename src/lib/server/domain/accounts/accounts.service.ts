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
import { consumeAccountToken, issueAccountToken, type TokenPurpose } from './account-tokens.ts';
import { emailSchema, passwordSchema } from './accounts.inputs.ts';
import { changePassword, deleteAccount, requestEmailChange, validateEmailChange } from './account-care.ts';
import { InstanceSettings } from '../instance/index.ts';

/** Longer strings cannot be an address (RFC 5321); they are cut before being queued. */
const MAX_EMAIL_LENGTH = 320;

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: User;
}

export class AccountsService {
  private readonly deps: ServiceDeps;
  private readonly tokens: AccessTokens;
  private readonly instanceSettings: InstanceSettings;
  constructor(deps: ServiceDeps, tokens: AccessTokens) {
    this.deps = deps;
    this.tokens = tokens;
    this.instanceSettings = new InstanceSettings(deps.config, deps.db);
  }

  /**
   * Someone registers on the web or through the API: allowed by the instance's mode, created
   * unconfirmed, and sent a confirmation email (by a job, after commit).
   */
  async register(raw: { email: string; password: string; locale?: string | null }): Promise<User> {
    const email = parseInput(emailSchema, raw.email);
    await this.checkRegistrationAllowed(email);
    return this.createUser(
      { email, password: raw.password, locale: raw.locale ?? 'en' },
      { requestConfirmation: true }
    );
  }

  /** The mode in force: an administrator's choice, else `REGISTRATIONS`; the allowlist comes from the configuration. */
  private async checkRegistrationAllowed(email: string): Promise<void> {
    const verdict = await this.instanceSettings.mayRegister(email);
    if (verdict.allowed) return;
    throw new DomainError(
      'forbidden',
      verdict.mode === 'closed' ? 'Registrations are not open' : 'Your email is not on the allowlist',
      { field: 'email' }
    );
  }

  async createUser(raw: NewUserInput, options: { requestConfirmation?: boolean } = {}): Promise<User> {
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
          confirmedAt: input.confirmed ? new Date() : null,
          confirmationSentAt: options.requestConfirmation && !input.confirmed ? new Date() : null
        })
        .onConflictDoNothing()
        .returning();
      if (!user) throw new DomainError('conflict', 'This email is already used', { field: 'email' });
      await this.deps.events.record(tx, 'UserCreated', { userId: user.id });
      if (options.requestConfirmation && !user.confirmedAt) {
        await this.deps.events.record(tx, 'ConfirmationRequested', { userId: user.id });
      }
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

  /** A fresh token for an email the mail job is about to send. */
  issueEmailToken(userId: number, purpose: TokenPurpose, newEmail: string | null = null): Promise<string> {
    return issueAccountToken(this.deps.db, userId, purpose, newEmail);
  }

  changePassword(user: User, oldPassword: string, newPassword: string): Promise<User> {
    return changePassword(this.deps, user, oldPassword, newPassword);
  }

  requestEmailChange(user: User, email: string, password: string): Promise<User> {
    return requestEmailChange(this.deps, user, email, password);
  }

  validateEmailChange(token: string): Promise<User> {
    return validateEmailChange(this.deps, token);
  }

  /** Returns the id of the deleted user. */
  deleteAccount(caller: User, options: { password?: string | null; userId?: number | null }): Promise<number> {
    return deleteAccount(this.deps, caller, options);
  }

  async userById(id: number): Promise<User | undefined> {
    const [user] = await this.deps.db.select().from(users).where(eq(users.id, id));
    return user;
  }

  /** The account using this address (any case), for the mail jobs. */
  async userByEmail(email: string): Promise<User | undefined> {
    const [user] = await this.deps.db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email.trim()})`)
      .limit(1);
    return user;
  }

  /** The link in the confirmation email: confirms the account and signs the person in. */
  async validateRegistration(token: string): Promise<Session> {
    const user = await transaction(this.deps.pool, async (tx) => {
      const found = await consumeAccountToken(tx, token, 'confirm_registration');
      if (!found || found.disabled) return null;
      const [confirmed] = await tx.db
        .update(users)
        .set({ confirmedAt: found.confirmedAt ?? new Date(), updatedAt: new Date() })
        .where(eq(users.id, found.id))
        .returning();
      return confirmed ?? null;
    });
    if (!user)
      throw new DomainError('validation', 'The confirmation link is invalid or has expired', { field: 'token' });
    return this.openSession(user, randomUUID());
  }

  /**
   * Sends the confirmation email again. The answer must not tell whether the address has an account,
   * not even by its timing: every address takes the same path (one recorded event, one queued job),
   * and the mail job decides whether there is anything to send.
   */
  async resendConfirmation(email: string): Promise<void> {
    await this.recordMailRequest('ConfirmationResendRequested', email);
  }

  /** Sends a reset link to a confirmed account; the same work and answer for every address (see above). */
  async requestPasswordReset(email: string): Promise<void> {
    await this.recordMailRequest('PasswordResetRequested', email);
  }

  private async recordMailRequest(
    type: 'ConfirmationResendRequested' | 'PasswordResetRequested',
    email: string
  ): Promise<void> {
    const address = email.trim().slice(0, MAX_EMAIL_LENGTH);
    await transaction(this.deps.pool, (tx) => this.deps.events.record(tx, type, { email: address }));
  }

  /** The link in the reset email: a new password, every session closed, then signed in afresh. */
  async resetPassword(token: string, password: string): Promise<Session> {
    const newPassword = parseInput(passwordSchema, password);
    const passwordHash = await hashPassword(newPassword);
    const user = await transaction(this.deps.pool, async (tx) => {
      const found = await consumeAccountToken(tx, token, 'reset_password');
      if (!found || found.disabled) return null;
      await tx.db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, found.id));
      await tx.db
        .update(refreshTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(refreshTokens.userId, found.id), isNull(refreshTokens.revokedAt)));
      return found;
    });
    if (!user) throw new DomainError('validation', 'The reset link is invalid or has expired', { field: 'token' });
    return this.openSession(user, randomUUID());
  }

  async setDefaultActor(userId: number, actorId: number): Promise<void> {
    await this.deps.db
      .update(users)
      .set({ defaultActorId: actorId, updatedAt: new Date() })
      .where(eq(users.id, userId));
  }
}

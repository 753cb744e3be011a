import { and, eq, sql } from 'drizzle-orm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isTimeZone } from '../../../time/zoned-time.ts';
import { DomainError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import type { Actor } from '../../db/schema/actors.ts';
import type { Event } from '../../db/schema/events.ts';
import { participants, type Participant, type ParticipantRole } from '../../db/schema/participants.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import { ensureAnonymousActor } from '../actors/index.ts';
import type { ServiceDeps } from '../deps.ts';
import { anonymousViewer, canSeeEvent } from './events.policy.ts';
import { assertSeatLeft, changeRole, eventNotFound, lockedEvent, removeParticipation } from './participation-locks.ts';

const MAIL_LOCALES = ['en', 'fr', 'ar'] as const;
const MAX_MESSAGE_LENGTH = 2000;

const joinInput = z.object({
  eventId: z.number().int().positive(),
  email: z
    .string({ message: 'An email address is required' })
    .trim()
    .toLowerCase()
    .min(1, { message: 'An email address is required' })
    .pipe(
      z.email({ message: 'This email address is not valid' }).max(254, { message: 'This email address is too long' })
    ),
  message: z
    .string()
    .trim()
    .max(MAX_MESSAGE_LENGTH, { message: 'The message is too long' })
    .nullish()
    .transform((m) => m || undefined),
  // Mobilizon's client sends its UI locale ("fr_FR"); mails exist in three languages.
  locale: z
    .string()
    .nullish()
    .transform((l) => MAIL_LOCALES.find((m) => l?.toLowerCase().startsWith(m)) ?? 'en'),
  timezone: z
    .string()
    .nullish()
    .transform((tz) => (tz && isTimeZone(tz) ? tz : undefined))
});
export type AnonymousJoinInput = z.input<typeof joinInput>;

const newToken = () => randomBytes(32).toString('base64url');
const digest = (token: string) => createHash('sha256').update(token).digest('hex');
const emailOf = sql<string | null>`${participants.metadata} ->> 'email'`;

/**
 * Taking part without an account, Mobilizon's way: the participation belongs to the instance's
 * anonymous actor and carries the email address, which confirms it from a link before it counts.
 * The address stays in the database and in mails; nothing here returns it to a caller but the mail job.
 */
export class AnonymousParticipation {
  private readonly deps: ServiceDeps;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  private known: Promise<Actor> | undefined;

  /** The anonymous actor, made on first need and then remembered (its row never changes). */
  actor(): Promise<Actor> {
    this.known ??= ensureAnonymousActor(this.deps.db, this.deps.config.publicUrl).catch((error: unknown) => {
      this.known = undefined;
      throw error;
    });
    return this.known;
  }

  /** Whether the instance and this event take participations by email. */
  private assertOpen(event: Event): void {
    if (!this.deps.config.anonymousParticipation) {
      throw new DomainError('forbidden', 'This instance does not take participations without an account', {
        field: 'actorId'
      });
    }
    if (!canSeeEvent(anonymousViewer, event)) throw eventNotFound();
    if (!event.local || !event.options.anonymousParticipation) {
      throw new DomainError('forbidden', 'This event does not take participations without an account', {
        field: 'actorId'
      });
    }
    if (event.status === 'cancelled') {
      throw new DomainError('validation', 'This event was cancelled', { field: 'eventId' });
    }
    if (event.joinOptions !== 'free' && event.joinOptions !== 'restricted') {
      throw new DomainError('forbidden', 'This event does not take participations here', { field: 'eventId' });
    }
  }

  /** Someone without an account asks to take part; the participation waits for the email's confirmation. */
  async join(raw: AnonymousJoinInput): Promise<Participant> {
    const input = parseInput(joinInput, raw);
    const actor = await this.actor();
    return transaction(this.deps.pool, async (tx) => {
      const event = await lockedEvent(tx, input.eventId);
      this.assertOpen(event);
      const [existing] = await tx.db
        .select({ id: participants.id })
        .from(participants)
        .where(and(eq(participants.eventId, event.id), sql`lower(${emailOf}) = ${input.email}`));
      if (existing) {
        throw new DomainError('conflict', 'This email address already takes part in this event', { field: 'email' });
      }
      const [participant] = await tx.db
        .insert(participants)
        .values({
          eventId: event.id,
          actorId: actor.id,
          role: 'not_confirmed',
          apId: `${this.deps.config.publicUrl}/join/event/${randomUUID()}`,
          metadata: {
            email: input.email,
            locale: input.locale,
            ...(input.timezone ? { timezone: input.timezone } : {}),
            ...(input.message ? { message: input.message } : {}),
            cancellationToken: newToken()
          }
        })
        .returning();
      if (!participant) throw new Error('participation not stored');
      await this.deps.events.record(tx, 'ParticipantJoined', { participantId: participant.id });
      return participant;
    });
  }

  /**
   * A fresh confirmation token for a participation still waiting for it (for the mail job: only its
   * digest is kept, so a resent mail replaces the previous link). Null when there is nothing to confirm.
   */
  async issueConfirmationToken(participantId: number): Promise<string | null> {
    const token = newToken();
    const [row] = await this.deps.db
      .update(participants)
      .set({
        metadata: sql`${participants.metadata} || ${JSON.stringify({ confirmationToken: digest(token) })}::jsonb`
      })
      .where(and(eq(participants.id, participantId), eq(participants.role, 'not_confirmed')))
      .returning({ id: participants.id });
    return row ? token : null;
  }

  private async byConfirmation(tx: Transaction, token: string): Promise<Participant | undefined> {
    const [row] = await tx.db
      .select()
      .from(participants)
      .where(
        and(
          eq(participants.role, 'not_confirmed'),
          sql`${participants.metadata} ->> 'confirmationToken' = ${digest(token)}`
        )
      );
    return row;
  }

  /**
   * The link in the mail was followed: the participation counts (or waits for the organizer's
   * approval on an event that asks for it). A full event refuses it and it stays unconfirmed.
   */
  async confirm(token: string): Promise<Participant> {
    const invalid = () =>
      new DomainError('not_found', 'This confirmation link is not valid (anymore)', { field: 'confirmationToken' });
    if (!token || token.length > 200) throw invalid();
    return transaction(this.deps.pool, async (tx) => {
      const found = await this.byConfirmation(tx, token);
      if (!found) throw invalid();
      const event = await lockedEvent(tx, found.eventId);
      // Re-read under the event's lock: a second click waited for the first one.
      const target = await this.byConfirmation(tx, token);
      if (!target) throw invalid();
      if (event.status === 'cancelled') {
        throw new DomainError('validation', 'This event was cancelled', { field: 'eventId' });
      }
      const role: ParticipantRole = event.joinOptions === 'restricted' ? 'not_approved' : 'participant';
      if (role === 'participant') await assertSeatLeft(tx, event);
      return changeRole(tx, this.deps.events, target, role, sql`${participants.metadata} - 'confirmationToken'`);
    });
  }

  /** The cancel link in a mail: the participation of that email in that event goes. */
  async leave(input: { eventId: number; token: string }): Promise<Participant> {
    const invalid = () =>
      new DomainError('not_found', 'This cancellation link is not valid (anymore)', { field: 'token' });
    if (!input.token || input.token.length > 200) throw invalid();
    return transaction(this.deps.pool, async (tx) => {
      const event = await lockedEvent(tx, input.eventId);
      const [mine] = await tx.db
        .select()
        .from(participants)
        .where(
          and(
            eq(participants.eventId, event.id),
            sql`${emailOf} is not null`,
            sql`${participants.metadata} ->> 'cancellationToken' = ${input.token}`
          )
        );
      if (!mine) throw invalid();
      return removeParticipation(tx, this.deps.events, mine);
    });
  }
}

import { and, eq, sql } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import type { Actor } from '../../db/schema/actors.ts';
import { events, type Event } from '../../db/schema/events.ts';
import { participants, type Participant } from '../../db/schema/participants.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { canAnswerRemoteJoin } from './remote-events.policy.ts';
import { assertSeatLeft, changeRole, lockedEvent, removeParticipation, syncCount } from './participation-locks.ts';

export const MAX_REASON_LENGTH = 500;

/** What became of a Join received from another server. */
export type RemoteJoinOutcome =
  | { outcome: 'accepted' | 'pending'; participant: Participant }
  /** Already taking part (a replay, or a second request): nothing changed. */
  | { outcome: 'known'; participant: Participant }
  /** Refused at once, nothing stored; the Reject carries the reason. */
  | { outcome: 'refused'; reason: string };

export interface RemoteJoinInput {
  /** The Join's id: it names the participation from now on. */
  apId: string;
  event: Event;
  actor: Actor;
  message?: string | null;
}

/**
 * Participations that cross servers: profiles of other servers joining and leaving this
 * instance's events, and the answers other servers give to our profiles' requests. The checks are
 * those of a local join (capacity under the event's lock, join mode, cancellation), applied to the
 * actor whose signature carried the activity.
 */
export class RemoteParticipation {
  private readonly deps: ServiceDeps;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  /** Why a join is refused at once, or undefined when it may go on. */
  private refusal(event: Event): string | undefined {
    if (event.draft) return 'This event does not exist';
    if (event.status === 'cancelled') return 'This event was cancelled';
    if (event.joinOptions === 'invite' || event.joinOptions === 'external') {
      return 'This event does not take participations here';
    }
    return undefined;
  }

  private async refuse(tx: Transaction, input: RemoteJoinInput, reason: string): Promise<RemoteJoinOutcome> {
    await this.deps.events.record(tx, 'RemoteJoinRefused', {
      eventId: input.event.id,
      actorId: input.actor.id,
      joinApId: input.apId,
      reason
    });
    return { outcome: 'refused', reason };
  }

  /**
   * A remote profile asks to join a local event: taken at once when the event is free and has a
   * seat, kept as a request when it asks for approval, refused (with the reason) when it is full.
   */
  async receiveJoin(input: RemoteJoinInput): Promise<RemoteJoinOutcome> {
    if (input.actor.domain === null || input.actor.suspended) {
      throw new DomainError('forbidden', 'Only profiles of other servers join through their server');
    }
    const message = input.message?.trim().slice(0, 2000) || undefined;
    return transaction(this.deps.pool, async (tx) => {
      const event = await lockedEvent(tx, input.event.id);
      if (!event.local) throw new DomainError('forbidden', 'This event is not organized here');
      const [existing] = await tx.db
        .select()
        .from(participants)
        .where(and(eq(participants.eventId, event.id), eq(participants.actorId, input.actor.id)));
      if (existing) return this.repeated(tx, existing, input.apId);
      const refused = this.refusal(event);
      if (refused) return this.refuse(tx, input, refused);
      const role = event.joinOptions === 'restricted' ? 'not_approved' : 'participant';
      if (role === 'participant') {
        try {
          await assertSeatLeft(tx, event);
        } catch (error) {
          if (error instanceof DomainError) return this.refuse(tx, input, error.message);
          throw error;
        }
      }
      const [participant] = await tx.db
        .insert(participants)
        .values({
          eventId: event.id,
          actorId: input.actor.id,
          role,
          apId: input.apId,
          metadata: message ? { message } : {}
        })
        .onConflictDoNothing()
        .returning();
      // The same Join id for another event or profile: not ours to take.
      if (!participant) throw new DomainError('conflict', 'This participation id is already used');
      await syncCount(tx, event.id);
      await this.deps.events.record(tx, 'ParticipantJoined', { participantId: participant.id });
      return { outcome: role === 'participant' ? 'accepted' : 'pending', participant };
    });
  }

  /**
   * A second Join by a profile that takes part already (its server lost track, or asks again
   * after a refusal): the participation answers to the new id, and its answer goes again.
   */
  private async repeated(tx: Transaction, existing: Participant, apId: string): Promise<RemoteJoinOutcome> {
    if (existing.apId === apId) return { outcome: 'known', participant: existing };
    const [taken] = await tx.db.select({ id: participants.id }).from(participants).where(eq(participants.apId, apId));
    if (taken) throw new DomainError('conflict', 'This participation id is already used');
    const [moved] = await tx.db
      .update(participants)
      .set({ apId, updatedAt: new Date() })
      .where(eq(participants.id, existing.id))
      .returning();
    if (!moved) throw new DomainError('conflict', 'This participation id is already used');
    await this.deps.events.record(tx, 'RemoteJoinRepeated', { participantId: moved.id });
    return { outcome: 'known', participant: moved };
  }

  /** A remote profile leaves a local event; the last organizer is never a remote profile. */
  async receiveLeave(input: { event: Event; actor: Actor }): Promise<Participant | undefined> {
    return transaction(this.deps.pool, async (tx) => {
      const event = await lockedEvent(tx, input.event.id);
      if (!event.local) return undefined;
      const [mine] = await tx.db
        .select()
        .from(participants)
        .where(and(eq(participants.eventId, event.id), eq(participants.actorId, input.actor.id)));
      if (!mine || mine.role === 'creator') return undefined;
      return removeParticipation(tx, this.deps.events, mine);
    });
  }

  /**
   * The organizer's server answered one of our profiles' requests to join its event. Only an actor
   * of the event's own server answers; a request already answered the same way stays as it is.
   */
  async receiveAnswer(input: {
    participantApId: string;
    answerer: Actor;
    accepted: boolean;
    reason?: string | null;
  }): Promise<Participant | undefined> {
    return transaction(this.deps.pool, async (tx) => {
      const [found] = await tx.db
        .select({ participant: participants, eventId: events.id })
        .from(participants)
        .innerJoin(events, eq(events.id, participants.eventId))
        .where(eq(participants.apId, input.participantApId));
      if (!found) return undefined;
      const event = await lockedEvent(tx, found.eventId);
      const [target] = await tx.db.select().from(participants).where(eq(participants.id, found.participant.id));
      if (!target) return undefined;
      if (!canAnswerRemoteJoin(input.answerer, event)) {
        throw new DomainError('forbidden', 'Only the event’s server answers its participations');
      }
      const role = input.accepted ? 'participant' : 'rejected';
      if (target.role === role || target.role === 'creator') return target;
      const reason = input.accepted ? undefined : input.reason?.trim().slice(0, MAX_REASON_LENGTH) || undefined;
      const metadata = reason
        ? sql`${participants.metadata} || ${JSON.stringify({ rejectionReason: reason })}::jsonb`
        : sql`${participants.metadata} - 'rejectionReason'`;
      return changeRole(tx, this.deps.events, target, role, metadata);
    });
  }
}

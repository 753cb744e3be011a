import { and, count, eq, inArray, isNotNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../core/errors.ts';
import { actors } from '../../db/schema/actors.ts';
import { events } from '../../db/schema/events.ts';
import { participants, type Participant, type ParticipantRole } from '../../db/schema/participants.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { AnonymousParticipation } from './anonymous-participation.ts';
import { RemoteParticipation } from './remote-participation.ts';
import {
  assertSeatLeft,
  changeRole,
  eventNotFound,
  lockedEvent,
  removeParticipation,
  syncCount
} from './participation-locks.ts';

/** Roles that run the event: they approve, reject and see the participants. */
export const ORGANIZER_ROLES: readonly ParticipantRole[] = ['creator', 'administrator', 'moderator'];
/** What an organizer may set a participation to. */
const SETTABLE_ROLES: readonly ParticipantRole[] = ['participant', 'rejected', 'moderator', 'administrator'];
export const MAX_MESSAGE_LENGTH = 2000;

/**
 * Taking part in events. Every change to an event's participants runs with the event's row locked
 * (`SELECT … FOR UPDATE`), so concurrent joins are counted one after the other and a capacity is
 * never exceeded, whatever arrives at once.
 */
export class ParticipationService {
  private readonly deps: ServiceDeps;
  /** Participations by email, without an account. */
  readonly anonymous: AnonymousParticipation;
  /** Participations that cross servers (Join, Leave, Accept, Reject). */
  readonly remote: RemoteParticipation;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
    this.anonymous = new AnonymousParticipation(deps);
    this.remote = new RemoteParticipation(deps);
  }

  private async ownProfile(tx: Transaction, userId: number, actorId: number) {
    const [actor] = await tx.db.select().from(actors).where(eq(actors.id, actorId));
    if (!actor || actor.userId !== userId || actor.domain !== null || actor.deletedAt) {
      throw new DomainError('forbidden', 'This profile is not one of yours', { field: 'actorId' });
    }
    return actor;
  }

  /**
   * A user's profile joins an event: at once when it is free, as a request when it asks for
   * approval. An event of another server is asked through its server: the request waits for its
   * answer (seats are counted there), and one it refused may be asked again.
   */
  async join(
    userId: number,
    input: { eventId: number; actorId: number; message?: string | null }
  ): Promise<Participant> {
    const message = input.message?.trim().slice(0, MAX_MESSAGE_LENGTH) || undefined;
    return transaction(this.deps.pool, async (tx) => {
      const actor = await this.ownProfile(tx, userId, input.actorId);
      const event = await lockedEvent(tx, input.eventId);
      if (event.draft) throw eventNotFound();
      if (event.status === 'cancelled') {
        throw new DomainError('validation', 'This event was cancelled', { field: 'eventId' });
      }
      if (event.joinOptions === 'invite' || event.joinOptions === 'external') {
        throw new DomainError('forbidden', 'This event does not take participations here', { field: 'eventId' });
      }
      const [existing] = await tx.db
        .select()
        .from(participants)
        .where(and(eq(participants.eventId, event.id), eq(participants.actorId, actor.id)));
      if (existing && !event.local && existing.role === 'rejected') {
        await tx.db.delete(participants).where(eq(participants.id, existing.id));
      } else if (existing) {
        throw new DomainError('conflict', 'You are already a participant of this event', { field: 'actorId' });
      }
      const role: ParticipantRole = event.joinOptions === 'restricted' || !event.local ? 'not_approved' : 'participant';
      if (role === 'participant') await assertSeatLeft(tx, event);
      const [participant] = await tx.db
        .insert(participants)
        .values({
          eventId: event.id,
          actorId: actor.id,
          role,
          apId: `${this.deps.config.publicUrl}/join/event/${randomUUID()}`,
          metadata: message ? { message } : {}
        })
        .returning();
      if (!participant) throw new Error('participation not stored');
      await syncCount(tx, event.id);
      await this.deps.events.record(tx, 'ParticipantJoined', { participantId: participant.id });
      return participant;
    });
  }

  /** A profile leaves; the last organizer cannot (the event would have nobody to run it). */
  async leave(userId: number, input: { eventId: number; actorId: number }): Promise<Participant> {
    return transaction(this.deps.pool, async (tx) => {
      const actor = await this.ownProfile(tx, userId, input.actorId);
      const event = await lockedEvent(tx, input.eventId);
      const [mine] = await tx.db
        .select()
        .from(participants)
        .where(and(eq(participants.eventId, event.id), eq(participants.actorId, actor.id)));
      if (!mine) throw new DomainError('not_found', 'You are not a participant of this event', { field: 'actorId' });
      if (mine.role === 'creator' || mine.role === 'administrator') {
        const [others] = await tx.db
          .select({ n: count() })
          .from(participants)
          .where(and(eq(participants.eventId, event.id), inArray(participants.role, ['creator', 'administrator'])));
        if ((others?.n ?? 0) <= 1) {
          throw new DomainError('validation', 'You can’t leave this event: you are its only organizer', {
            field: 'actorId'
          });
        }
      }
      return removeParticipation(tx, this.deps.events, mine);
    });
  }

  /**
   * Remote profiles that can no longer be reached (their inbox answers 410 or 404) stop taking part in
   * this instance's events; their seats are freed.
   */
  async removeUnreachable(actorIds: readonly number[]): Promise<number> {
    if (actorIds.length === 0) return 0;
    const rows = await this.deps.db
      .select({ participant: participants })
      .from(participants)
      .innerJoin(events, eq(events.id, participants.eventId))
      .innerJoin(actors, eq(actors.id, participants.actorId))
      .where(and(inArray(participants.actorId, [...actorIds]), eq(events.local, true), isNotNull(actors.domain)));
    for (const { participant } of rows) {
      await transaction(this.deps.pool, async (tx) => {
        await lockedEvent(tx, participant.eventId);
        const [still] = await tx.db.select().from(participants).where(eq(participants.id, participant.id));
        if (still) await removeParticipation(tx, this.deps.events, still);
      });
    }
    return rows.length;
  }

  /** An organizer approves, rejects or promotes a participation; approving takes a seat. */
  async updateRole(userId: number, input: { participantId: number; role: ParticipantRole }): Promise<Participant> {
    if (!SETTABLE_ROLES.includes(input.role)) {
      throw new DomainError('validation', 'This role cannot be given', { field: 'role' });
    }
    return transaction(this.deps.pool, async (tx) => {
      const [target] = await tx.db.select().from(participants).where(eq(participants.id, input.participantId));
      if (!target) throw new DomainError('not_found', 'Participation not found', { field: 'id' });
      const event = await lockedEvent(tx, target.eventId);
      const mine = await tx.db
        .select({ role: participants.role })
        .from(participants)
        .innerJoin(actors, eq(actors.id, participants.actorId))
        .where(and(eq(participants.eventId, event.id), eq(actors.userId, userId)));
      if (!mine.some((p) => ORGANIZER_ROLES.includes(p.role))) {
        throw new DomainError('forbidden', 'Only the event’s organizers may change participations', { field: 'id' });
      }
      if (target.role === 'creator') {
        throw new DomainError('validation', 'The creator’s participation cannot be changed', { field: 'id' });
      }
      if (target.role === 'not_confirmed' && input.role !== 'rejected') {
        throw new DomainError('validation', 'This participant has not confirmed their email address yet', {
          field: 'id'
        });
      }
      if (target.role === input.role) return target;
      if (input.role === 'participant') await assertSeatLeft(tx, event);
      return changeRole(tx, this.deps.events, target, input.role);
    });
  }
}

import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { actors } from '../../db/schema/actors.ts';
import { participants, type ParticipantRole } from '../../db/schema/participants.ts';

export const ORGANIZER_ROLES: readonly ParticipantRole[] = ['creator', 'administrator', 'moderator'];

/** The user's live local profiles that run the event (creator, administrator or moderator), oldest first. */
export async function organizerProfiles(db: Database, eventId: number, userId: number): Promise<number[]> {
  const rows = await db
    .select({ actorId: participants.actorId })
    .from(participants)
    .innerJoin(actors, eq(actors.id, participants.actorId))
    .where(
      and(
        eq(participants.eventId, eventId),
        eq(actors.userId, userId),
        isNull(actors.domain),
        isNull(actors.deletedAt),
        inArray(participants.role, [...ORGANIZER_ROLES])
      )
    )
    .orderBy(asc(participants.id));
  return rows.map((r) => r.actorId);
}

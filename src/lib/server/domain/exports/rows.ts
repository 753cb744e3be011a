import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { actors } from '../../db/schema/actors.ts';
import type { Event } from '../../db/schema/events.ts';
import { participants, type ParticipantRole } from '../../db/schema/participants.ts';
import { exportLabels, type ExportLocale } from './labels.ts';
import type { ExportRow, ExportTable } from './table.ts';

function zoneOf(event: Event): string {
  const zone = event.timezone ?? event.options.timezone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/** "YYYY-MM-DD HH:mm" at the event's place: sorts as text, reads the same in every language. */
function localStamp(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23'
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value])
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/**
 * The event's participants of some roles (all when none are given) as the files show them, in the
 * order they joined. Anonymous participants are named as such: their email address never leaves.
 */
export async function exportTable(
  db: Database,
  event: Event,
  roles: readonly ParticipantRole[],
  locale: ExportLocale
): Promise<ExportTable> {
  const labels = exportLabels[locale];
  const found = await db
    .select({
      role: participants.role,
      createdAt: participants.createdAt,
      message: sql<string | null>`${participants.metadata} ->> 'message'`,
      anonymous: sql<boolean>`(${participants.metadata} ->> 'email') is not null`,
      name: actors.name,
      username: actors.preferredUsername,
      domain: actors.domain
    })
    .from(participants)
    .innerJoin(actors, eq(actors.id, participants.actorId))
    .where(
      and(eq(participants.eventId, event.id), roles.length > 0 ? inArray(participants.role, [...roles]) : undefined)
    )
    .orderBy(asc(participants.createdAt), asc(participants.id));
  const zone = zoneOf(event);
  const rows: ExportRow[] = found.map((p) => ({
    name: p.anonymous ? labels.anonymous : p.name?.trim() || p.username,
    // Without the leading @: spreadsheets treat a cell starting with @ as a formula.
    handle: p.anonymous ? '' : `${p.username}${p.domain ? `@${p.domain}` : ''}`,
    role: labels.roles[p.role],
    joinedAt: p.createdAt,
    joinedAtText: localStamp(p.createdAt, zone),
    message: p.message?.trim() ?? ''
  }));
  return {
    title: labels.title(event.title),
    locale,
    headings: [labels.name, labels.handle, labels.role, labels.joinedAt, labels.message],
    rows,
    empty: labels.empty
  };
}

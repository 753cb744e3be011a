import type { ActivityJson } from '../delivery/types.ts';
import { activityToAp } from './activity.ts';
import { asArray, idOf, stringOf, textOf, type Json } from './json.ts';

/** A participation as Mobilizon federates it: a Join of the event by the participant. */
export interface JoinData {
  /** `<participant's origin>/join/event/<uuid>`: also the participation's id. */
  id: string;
  actor: string;
  event: string;
  message: string | null;
  /** The event's organizer (and its group): the Join goes to them. */
  to: readonly string[];
}

export function joinToAp(join: JoinData): ActivityJson {
  return activityToAp(
    'Join',
    join.id,
    join.actor,
    join.event,
    { to: join.to },
    join.message ? { participationMessage: join.message } : {}
  );
}

/** A Join (or Leave) as received: who, which event, and the participant's note, unresolved. */
export function joinFromAp(json: Json): { id: string; actor: string; event: string; message: string | null } | null {
  const id = stringOf(json.id);
  const actor = idOf(asArray(json.actor)[0]);
  const event = idOf(asArray(json.object)[0]);
  if (!id || !actor || !event) return null;
  const message = textOf(json, 'participationMessage') ?? null;
  return { id, actor, event, message: message?.trim() ? message : null };
}

/** A participant leaving: Mobilizon gives the Leave an id of its own and the event as object. */
export function leaveToAp(leave: { id: string; actor: string; event: string; to: readonly string[] }): ActivityJson {
  return activityToAp('Leave', leave.id, leave.actor, leave.event, { to: leave.to });
}

/**
 * The organizer's server answers a Join: the Join is embedded (Mobilizon reads its id), a
 * refusal says why in `content` (plain text) so the person asking knows.
 */
export function joinAnswerToAp(answer: {
  type: 'Accept' | 'Reject';
  id: string;
  actor: string;
  join: JoinData;
  reason?: string | null;
}): ActivityJson {
  const { '@context': _context, ...join } = joinToAp(answer.join);
  return activityToAp(
    answer.type,
    answer.id,
    answer.actor,
    join,
    { to: [answer.join.actor] },
    answer.reason ? { content: answer.reason, mediaType: 'text/plain' } : {}
  );
}

/** What an Accept or Reject of a Join says: which participation (by its id) and, for a refusal, why. */
export function joinAnswerFromAp(json: Json): { participation: string; reason: string | null } | null {
  const object = asArray(json.object)[0];
  const participation = idOf(object);
  if (!participation) return null;
  const reason = textOf(json, 'content') ?? textOf(json, 'summary') ?? null;
  return { participation, reason: reason ? plainText(reason) : null };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** A reason another server wrote, as plain text: markup dropped, common entities read (pages escape it again). */
function plainText(value: string): string | null {
  const text = value
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return text || null;
}

import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { comments, type Comment } from '../../db/schema/comments.ts';
import { events, type Event } from '../../db/schema/events.ts';

export interface ReplyTarget {
  event: Event;
  /** The comment answered, when it is one (the reply joins its thread). */
  parent: Comment | null;
}

const UUID_PATH = /^\/(events|comments)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** `/events/<uuid>` or `/comments/<uuid>` on this instance. */
function ownUuid(url: string, publicUrl: string): { kind: 'events' | 'comments'; uuid: string } | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.origin !== new URL(publicUrl).origin) return undefined;
    const match = UUID_PATH.exec(parsed.pathname);
    return match ? { kind: match[1] as 'events' | 'comments', uuid: match[2]!.toLowerCase() } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a comment answers, by the id it gives: one of the comments under an event, or an event.
 * Ours are also found by their page URL (a Mastodon reply may give the event's `url`). Private
 * conversations (announcements) are not answered this way.
 */
export async function findReplyTarget(db: Database, publicUrl: string, apId: string): Promise<ReplyTarget | undefined> {
  const ours = ownUuid(apId, publicUrl);
  const [parent] = await db
    .select()
    .from(comments)
    .where(ours?.kind === 'comments' ? eq(comments.uuid, ours.uuid) : eq(comments.apId, apId))
    .limit(1);
  if (parent) {
    if (parent.eventId === null || parent.conversationId !== null) return undefined;
    const [event] = await db.select().from(events).where(eq(events.id, parent.eventId));
    return event ? { event, parent } : undefined;
  }
  if (ours?.kind === 'comments') return undefined;
  const [event] = await db
    .select()
    .from(events)
    .where(ours?.kind === 'events' ? eq(events.uuid, ours.uuid) : eq(events.apId, apId))
    .limit(1);
  return event ? { event, parent: null } : undefined;
}

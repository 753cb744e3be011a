import type { Flag } from '@fedify/vocab';
import type { ActivityJson } from '../delivery/types.ts';
import { activityToAp } from './activity.ts';

export interface FlagData {
  /** `<our origin>/report/<uuid>` */
  id: string;
  /** The instance actor's URL: the reporter stays anonymous, as with Mobilizon. */
  actor: string;
  content: string | null;
  reported: string;
  comments: readonly string[];
  events: readonly string[];
}

/**
 * A report as Mobilizon federates it: objects are the reported actor, then its comments, then its
 * events; addressed to nobody but copied to the reported actor.
 */
export function flagToAp(flag: FlagData): ActivityJson {
  return activityToAp(
    'Flag',
    flag.id,
    flag.actor,
    [flag.reported, ...flag.comments, ...flag.events],
    { to: [], cc: [flag.reported] },
    { content: flag.content ?? '', mediaType: 'text/plain' }
  );
}

/** What a received Flag says: its id, sender, text and the URLs it points at (unresolved). */
export function flagFromAp(
  flag: Flag
): { id: string; actor: string; content: string | null; objects: string[] } | null {
  if (!flag.id || !flag.actorId) return null;
  const objects = flag.objectIds.map((url) => url.href);
  // Mobilizon's context gives `content` a language, which Fedify reads as a LanguageString.
  const content = flag.content === null ? null : String(flag.content);
  return { id: flag.id.href, actor: flag.actorId.href, content, objects };
}

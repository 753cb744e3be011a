import type { Activity } from '@fedify/vocab';
import { idsOf, isObject, type Json } from '../converters/json.ts';

/**
 * The activity's JSON as it was received (Fedify keeps it), and its verified actor. Null when the
 * JSON's own `actor` is not the one Fedify verified the signature for (a remapped @context, say):
 * what we read must be what was signed.
 */
export async function receivedJson(activity: Activity): Promise<{ json: Json; actorApId: string } | null> {
  const actorApId = activity.actorId?.href;
  if (!actorApId) return null;
  const json = await activity.toJsonLd();
  if (!isObject(json) || idsOf(json.actor)[0] !== actorApId) return null;
  return { json, actorApId };
}

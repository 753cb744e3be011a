import type { ActivityJson } from '../delivery/types.ts';
import { MOBILIZON_CONTEXT } from './context.ts';

/** The addressing of an activity: who it is to, who is copied. */
export interface Audience {
  to?: readonly string[];
  cc?: readonly string[];
}

/**
 * An activity in Mobilizon's shape: the context at its top only, the actor as its URL, the object
 * embedded or as its URL.
 */
export function activityToAp(
  type: string,
  id: string,
  actor: string,
  object: string | readonly string[] | Record<string, unknown>,
  audience: Audience = {},
  extra: Record<string, unknown> = {}
): ActivityJson {
  return {
    '@context': MOBILIZON_CONTEXT,
    id,
    type,
    actor,
    object: Array.isArray(object) ? [...object] : object,
    to: [...(audience.to ?? [])],
    cc: [...(audience.cc ?? [])],
    ...extra
  };
}

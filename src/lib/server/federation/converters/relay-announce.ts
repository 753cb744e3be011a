import type { Actor } from '../../db/schema/actors.ts';
import type { ActivityJson } from '../delivery/types.ts';
import { activityToAp } from './activity.ts';
import { PUBLIC_COLLECTION } from './context.ts';

/**
 * The relay sharing a public object (Mobilizon: `{object id}/announces/{relay actor id}`), to the
 * relay's followers and the object's author, copied to the public.
 */
export function relayAnnounceToAp(
  relay: Pick<Actor, 'id' | 'apId' | 'followersUrl'>,
  object: { apId: string; authorApId: string },
  withContext = true
): ActivityJson {
  const announce = activityToAp('Announce', `${object.apId}/announces/${relay.id}`, relay.apId, object.apId, {
    to: [relay.followersUrl ?? `${relay.apId}/followers`, object.authorApId],
    cc: [PUBLIC_COLLECTION]
  });
  if (!withContext) delete announce['@context'];
  return announce;
}

import type { Actor } from '../../db/schema/actors.ts';
import { INSTANCE_ACTOR_USERNAME } from './actors.service.ts';

/** Why a follow of a local actor is refused (Mobilizon's reasons), or null when it may be asked. */
export type FollowRefusal = 'person_no_follow' | 'group_follow_unsupported' | null;

export const isInstanceActor = (actor: Pick<Actor, 'type' | 'domain' | 'preferredUsername'>) =>
  actor.type === 'Application' && actor.domain === null && actor.preferredUsername === INSTANCE_ACTOR_USERNAME;

/**
 * Only groups and the instance actor (the relay) can be followed: profiles never are (Mobilizon's
 * `person_no_follow`, and DESIGN §4's "no following of individual profiles"). A deleted group
 * (a tombstone) takes no followers.
 */
export function followRefusal(
  target: Pick<Actor, 'type' | 'domain' | 'preferredUsername'> & { deletedAt?: Date | null }
): FollowRefusal {
  if (isInstanceActor(target)) return null;
  if (target.type === 'Group') return target.deletedAt ? 'group_follow_unsupported' : null;
  return 'person_no_follow';
}

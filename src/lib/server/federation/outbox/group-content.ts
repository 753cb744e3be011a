import type { Actor } from '../../db/schema/actors.ts';
import type { ActivityJson } from '../delivery/types.ts';
import type { FederationModuleContext } from '../module-context.ts';
import { deliverFromGroup, sendToRemoteGroup, type GroupAudience } from './group-audience.ts';

/**
 * Sends an activity on a group's content where it must go: from a local group to its remote
 * members (and followers for public content), announced by the group when a member acted; from a
 * local member of a remote group to that group's inbox (its server announces it). A remote member's
 * activity on a remote group is not ours to send. Returns the number of inboxes queued.
 */
export async function publishGroupContent(
  fed: FederationModuleContext,
  input: {
    group: Actor;
    /** Who acted (signs when the group is remote); null or the group itself: the group acted. */
    actor: Actor | null;
    activity: ActivityJson;
    audience: GroupAudience;
    /** The content's id: its Create, Updates and Delete reach each inbox in order. */
    orderingKey: string;
  }
): Promise<number> {
  const { group, actor, activity, audience, orderingKey } = input;
  if (group.domain === null) return deliverFromGroup(fed, group, activity, { audience, orderingKey });
  if (!actor || actor.domain !== null || actor.deletedAt) return 0;
  return sendToRemoteGroup(fed, group, activity, actor, orderingKey);
}

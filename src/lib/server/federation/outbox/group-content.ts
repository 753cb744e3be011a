import type { Actor } from '../../db/schema/actors.ts';
import { activityToAp } from '../converters/activity.ts';
import type { Json } from '../converters/json.ts';
import type { ActivityJson } from '../delivery/types.ts';
import { groupCollectionUrlsOf } from '../group-document.ts';
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

/** The group a content row belongs to (if it still stands) and who acted (null: the group's word). */
export async function contentParties(
  fed: FederationModuleContext,
  groupId: number,
  byActorId: number | null
): Promise<{ group: Actor; actor: Actor | null } | undefined> {
  const { actors } = fed.services.queries;
  const [group, actor] = await Promise.all([actors.byId(groupId), byActorId ? actors.byId(byActorId) : undefined]);
  return group?.type === 'Group' && !group.deletedAt ? { group, actor: actor ?? null } : undefined;
}

/**
 * Members-only content (resources, todos): the activity, addressed to the group's members and
 * signed by whoever acted (the group when nobody here did), sent by publishGroupContent.
 */
export async function publishToMembers(
  fed: FederationModuleContext,
  input: {
    group: Actor;
    actor: Actor | null;
    type: string;
    id: string;
    object: Json;
    orderingKey: string;
    extra?: Record<string, unknown>;
  }
): Promise<number> {
  const { group, actor, type, id, object, orderingKey, extra } = input;
  const to = [groupCollectionUrlsOf(group).members];
  const activity = activityToAp(type, id, (actor ?? group).apId, object, { to }, extra);
  return publishGroupContent(fed, { group, actor, activity, audience: 'members', orderingKey });
}

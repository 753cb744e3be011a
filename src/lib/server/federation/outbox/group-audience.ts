import { randomUUID } from 'node:crypto';
import type { Actor } from '../../db/schema/actors.ts';
import { activityToAp } from '../converters/activity.ts';
import { PUBLIC_COLLECTION } from '../converters/context.ts';
import type { ActivityJson } from '../delivery/types.ts';
import type { FederationModuleContext } from '../module-context.ts';

/**
 * How group content travels (activitypub.md §9), for every content type to reuse:
 * - from a LOCAL group: `deliverFromGroup` sends to the group's remote members (private content),
 *   or members and followers (public content); an activity by a member is wrapped in the group's
 *   `Announce` (id `/announces/<uuid>`), one by the group itself goes as it is;
 * - to a REMOTE group: `sendToRemoteGroup` sends a local member's activity to the group's inbox,
 *   whose server stores it and announces it to the members.
 */

export type GroupAudience = 'members' | 'public';

/** The group's Announce of an activity of one of its members; public ones are copied to the public. */
export function groupAnnounce(
  publicUrl: string,
  group: Actor,
  activity: ActivityJson,
  audience: GroupAudience
): ActivityJson {
  const { '@context': _context, ...inner } = activity;
  const membersUrl = group.membersUrl ?? `${group.apId}/members`;
  const followersUrl = group.followersUrl ?? `${group.apId}/followers`;
  const to = audience === 'public' ? [followersUrl, membersUrl] : [membersUrl];
  const actorOf = typeof activity.actor === 'string' ? [activity.actor] : [];
  return activityToAp('Announce', `${publicUrl}/announces/${randomUUID()}`, group.apId, inner, {
    to: [...to, ...actorOf],
    cc: audience === 'public' ? [PUBLIC_COLLECTION] : []
  });
}

/**
 * Delivers an activity from a local group to its remote members (and followers for public
 * content). Returns the number of inboxes queued. `orderingKey`: the content's id, so that its
 * Create, Updates and Delete reach each inbox in order.
 */
export async function deliverFromGroup(
  fed: FederationModuleContext,
  group: Actor,
  activity: ActivityJson,
  options: { audience: GroupAudience; orderingKey?: string }
): Promise<number> {
  if (group.domain !== null || group.type !== 'Group') throw new Error('only a local group announces');
  const recipients = await fed.services.queries.groups.remoteAudience(group.id, options.audience === 'public');
  const byGroup = activity.actor === group.apId;
  const json = byGroup ? activity : groupAnnounce(fed.config.publicUrl, group, activity, options.audience);
  const { inboxes } = await fed.sender.send({
    json,
    signer: group,
    recipients,
    orderingKey: options.orderingKey,
    public: options.audience === 'public'
  });
  return inboxes;
}

/** Sends a local member's activity to a remote group's inbox (the group's server announces it). */
export async function sendToRemoteGroup(
  fed: FederationModuleContext,
  group: Actor,
  activity: ActivityJson,
  signer: Actor,
  orderingKey?: string
): Promise<number> {
  if (group.domain === null) throw new Error('the group is local: use deliverFromGroup');
  const { inboxes } = await fed.sender.send({ json: activity, signer, recipients: [group], orderingKey });
  return inboxes;
}

import type { FedContext } from '../context.ts';
import { asArray, idOf, type Json } from '../converters/json.ts';
import { resourceFromAp } from '../converters/resource.ts';
import { takenOrRefused } from './domain-refusal.ts';
import type { GroupAnnounced } from './group-announce.ts';
import { localGroupOf } from './local-group.ts';
import type { MemberContent } from './member-content.ts';

/**
 * A group's resources (Document, ResourceCollection) coming in. From a member on another server to
 * our group (Create or Add, Update, Move, Delete): the domain checks the member's permission. From
 * a remote group, in its Announce or sent by the group itself: a copy of what it says. A Move puts
 * the resource in its `target` folder. What the domain refuses is dropped (and logged).
 */
export async function receiveMemberResource(ctx: FedContext, content: MemberContent): Promise<boolean> {
  const { services } = ctx.data;
  const { sender } = content;
  if (content.verb === 'Delete') {
    const resource = await services.queries.resources.byApId(content.objectId);
    const group = resource && (await services.queries.actors.byId(resource.groupId));
    if (!resource || !group) return false;
    if (group.domain === null) {
      return takenOrRefused(ctx, 'group resource', content.objectId, () =>
        services.remoteResources.receiveRemoteResourceDeletion({ remoteActorId: sender.id }, content.objectId)
      );
    }
    if (sender.id !== group.id) return false;
    return takenOrRefused(ctx, 'group resource', content.objectId, () =>
      services.remoteResources.resourceDeletionForGroupAnnounce(group.id, content.objectId)
    );
  }
  const data = content.object && dataOf(content.object, content.activity);
  if (!data || !content.object) return false;
  const group = await localGroupOf(ctx, content.object);
  if (group) {
    return takenOrRefused(ctx, 'group resource', data.apId, () =>
      services.remoteResources.receiveRemoteResource({ remoteActorId: sender.id }, data)
    );
  }
  // A remote group speaking for itself (not in an Announce).
  if (sender.type !== 'Group' || sender.apId !== data.groupApId) return false;
  return takenOrRefused(ctx, 'group resource', data.apId, () =>
    services.remoteResources.resourceForGroupAnnounce(sender.id, data)
  );
}

export async function receiveAnnouncedResource(ctx: FedContext, announced: GroupAnnounced): Promise<boolean> {
  const { remoteResources } = ctx.data.services;
  const { group, objectId } = announced;
  if (announced.verb === 'Delete') {
    return (await remoteResources.resourceDeletionForGroupAnnounce(group.id, objectId)) !== null;
  }
  const data = announced.object && dataOf(announced.object, announced.activity);
  if (!data) return false;
  return takenOrRefused(ctx, 'group resource', data.apId, () =>
    remoteResources.resourceForGroupAnnounce(group.id, data)
  );
}

/** The resource as described; a Move's `target` says which folder it is in now. */
function dataOf(object: Json, activity: Json | null) {
  const data = resourceFromAp(object);
  const target = activity?.type === 'Move' ? idOf(asArray(activity.target)[0]) : undefined;
  return data && target ? { ...data, contextApId: target } : data;
}

import type { Actor } from '../../db/schema/actors.ts';
import type { DomainEventBus } from '../../jobs/domain-events.ts';
import type { Json } from '../converters/json.ts';
import { resourceTombstoneToAp } from '../converters/resource.ts';
import { groupCollectionUrlsOf } from '../group-document.ts';
import type { FederationModuleContext } from '../module-context.ts';
import { folderApId, resourceDocuments } from '../resource-document.ts';
import { contentParties, publishToMembers } from './group-content.ts';

/**
 * A group's resources leave as Mobilizon's Create, Update, Move (`origin` and `target`: the old
 * and new folder, or the resources collection for the root) and Delete (a Tombstone with its
 * `formerType`), to the group's members only (publishGroupContent: from a local group to its
 * remote members, announced when a member acted; from our member to a remote group's inbox). One
 * ordering key per group's resources, so that a folder reaches each inbox before what goes in it.
 */
export function registerResourceOutbox(bus: DomainEventBus, fed: FederationModuleContext): void {
  const { services } = fed;
  const { queries } = services;
  const partiesOf = (groupId: number, byActorId: number | null) => contentParties(fed, groupId, byActorId);

  async function publish(group: Actor, actor: Actor | null, type: string, id: string, object: Json, extra = {}) {
    const orderingKey = groupCollectionUrlsOf(group).resources;
    await publishToMembers(fed, { group, actor, type, id, object, orderingKey, extra });
  }

  bus.subscribe('ResourceCreated', 'federate', async ({ payload }) => {
    const resource = await queries.resources.byId(payload.resourceId);
    const parties = resource && (await partiesOf(resource.groupId, payload.byActorId));
    if (!resource || !parties) return;
    const [document] = await resourceDocuments(services, parties.group, [resource]);
    await publish(parties.group, parties.actor, 'Create', `${resource.apId}/activity`, document!);
  });

  bus.subscribe('ResourceUpdated', 'federate', async ({ id, payload }) => {
    const resource = await queries.resources.byId(payload.resourceId);
    const parties = resource && (await partiesOf(resource.groupId, payload.byActorId));
    if (!resource || !parties) return;
    const { group, actor } = parties;
    const [document] = await resourceDocuments(services, group, [resource]);
    if (payload.movedFrom === undefined) {
      return publish(group, actor, 'Update', `${resource.apId}/update/${id}`, document!);
    }
    const [origin, target] = await Promise.all([
      folderApId(services, group, payload.movedFrom),
      folderApId(services, group, resource.parentId)
    ]);
    await publish(group, actor, 'Move', `${resource.apId}/move/${id}`, document!, { origin, target });
  });

  bus.subscribe('ResourceDeleted', 'federate', async ({ payload, occurredAt }) => {
    const parties = await partiesOf(payload.groupId, payload.byActorId);
    if (!parties) return;
    const type = payload.type === 'folder' ? 'folder' : 'link';
    const tombstone = resourceTombstoneToAp({ apId: payload.apId, type }, new Date(occurredAt));
    await publish(parties.group, parties.actor, 'Delete', `${payload.apId}/delete`, tombstone);
  });
}

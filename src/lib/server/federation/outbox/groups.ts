import type { DomainEventBus } from '../../jobs/domain-events.ts';
import { activityToAp } from '../converters/activity.ts';
import { PUBLIC_COLLECTION } from '../converters/context.ts';
import { groupToAp } from '../converters/group.ts';
import { groupApInput } from '../group-document.ts';
import type { FederationModuleContext } from '../module-context.ts';
import { deliverFromGroup } from './group-audience.ts';

/**
 * A local group's own changes: an Update of the Group reaches its remote members and followers
 * (who fetch it again); a deleted group's Delete reaches everyone who was a member or follower.
 */
export function registerGroupOutbox(bus: DomainEventBus, fed: FederationModuleContext): void {
  const { services, config } = fed;
  const { queries } = services;

  bus.subscribe('GroupUpdated', 'federate', async ({ id, payload }) => {
    const group = await queries.groups.byId(payload.groupId);
    if (!group || group.domain !== null) return;
    const count = (await queries.groups.memberCounts([group.id])).get(group.id) ?? 0;
    const { '@context': _context, ...object } = groupToAp(await groupApInput(services, config.publicUrl, group, count));
    const update = activityToAp('Update', `${group.apId}/update/${id}`, group.apId, object, {
      to: [PUBLIC_COLLECTION],
      cc: [group.followersUrl ?? `${group.apId}/followers`, group.membersUrl ?? `${group.apId}/members`]
    });
    await deliverFromGroup(fed, group, update, { audience: 'public', orderingKey: group.apId });
  });

  bus.subscribe('GroupDeleted', 'federate', async ({ payload }) => {
    const group = await queries.actors.byId(payload.groupId);
    if (!group || group.domain !== null || !group.deletedAt) return;
    const recipients = await queries.audience.remoteByIds(payload.audienceActorIds);
    const del = activityToAp('Delete', `${group.apId}#delete`, group.apId, group.apId, { to: [PUBLIC_COLLECTION] });
    const { inboxes } = await fed.sender.send({ json: del, signer: group, recipients, orderingKey: group.apId });
    if (inboxes === 0) await fed.forgetDeletedKeys(group.id);
  });
}

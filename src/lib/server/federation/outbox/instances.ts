import type { DomainEventBus } from '../../jobs/domain-events.ts';
import type { InstanceDiscoveryModule } from '../discovery/instance-discovery.ts';
import type { FederationModuleContext } from '../module-context.ts';

/**
 * An instance asked to follow ours: what its NodeInfo says is recorded (software, name), so that
 * administrators see whom they are deciding about. A job of its own: the inbox does not wait on it.
 */
export function registerInstanceRecords(
  bus: DomainEventBus,
  fed: FederationModuleContext,
  discovery: InstanceDiscoveryModule
): void {
  bus.subscribe('InstanceFollowRequested', 'nodeinfo', async ({ payload }) => {
    const found = await fed.services.queries.follows.withActors(payload.followId);
    if (!found || found.follower.domain === null) return;
    const nodeInfo = await discovery.nodeInfoOf(found.follower.apId);
    await fed.services.instances.record({
      domain: found.follower.domain,
      nodeInfo,
      relayActorId: found.follower.type === 'Application' ? found.follower.id : null
    });
  });
}

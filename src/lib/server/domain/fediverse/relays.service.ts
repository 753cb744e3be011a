import { DomainError } from '../../core/errors.ts';
import type { User } from '../../db/schema/accounts.ts';
import type { Actor } from '../../db/schema/actors.ts';
import type { ActorsQueries, FollowsQueries, FollowsService, FollowWithActors } from '../actors/index.ts';
import type { ServiceDeps } from '../deps.ts';
import { parseInstanceDomain, parseRelayAddress } from './address.ts';
import type { InstanceDiscovery } from './discovery.ts';
import { assertAdministrator } from './fediverse.policy.ts';
import type { InstancesService } from './instances.service.ts';
import type { RefusalsQueries } from './refusals.queries.ts';
import type { RelayFollowsQueries } from './relay-follows.queries.ts';

export interface RelaysDeps {
  deps: ServiceDeps;
  follows: FollowsService;
  instances: InstancesService;
  queries: {
    actors: ActorsQueries;
    follows: FollowsQueries;
    relayFollows: RelayFollowsQueries;
    refusals: RefusalsQueries;
  };
}

/**
 * Instance follows through the relay (Mobilizon's instance actor): following other instances,
 * and deciding on those that ask to follow this one. Administrators only.
 */
export class RelaysService {
  private readonly r: RelaysDeps;
  private discovery: InstanceDiscovery | undefined;
  constructor(deps: RelaysDeps) {
    this.r = deps;
  }

  /** The federation module provides the lookups (NodeInfo, WebFinger, actor fetches) when it runs. */
  useDiscovery(discovery: InstanceDiscovery): void {
    this.discovery = discovery;
  }

  /**
   * Follows another instance by its domain: its instance actor is found (NodeInfo's FEP-2677 link,
   * else WebFinger `relay@domain`) and stored, its NodeInfo recorded, and our relay asks to follow
   * it. Asking again refreshes what is known and keeps the follow. Returns the instance's domain.
   */
  async addInstance(caller: User | null, rawDomain: string): Promise<string> {
    assertAdministrator(caller, 'You need to be an administrator to follow an instance');
    const domain = parseInstanceDomain(rawDomain);
    if (domain === this.r.deps.config.domain) {
      throw new DomainError('validation', 'This is this instance', { field: 'domain' });
    }
    if (await this.r.queries.refusals.isHostBlocked(domain)) {
      throw new DomainError('conflict', 'This instance is blocked: unblock it first', { field: 'domain' });
    }
    if (!this.discovery) throw new DomainError('validation', 'Federation is turned off on this instance');
    const found = await this.discovery.discover(domain);
    if (!found.relayActor) {
      throw new DomainError('not_found', 'Unable to find an instance to follow at this address', { field: 'domain' });
    }
    if (found.relayActor.domain !== domain || found.relayActor.suspended) {
      throw new DomainError('validation', 'The actor this instance names is not on it', { field: 'domain' });
    }
    await this.r.instances.record({ domain, nodeInfo: found.nodeInfo, relayActorId: found.relayActor.id });
    const relay = await this.ourRelay();
    if (!(await this.r.queries.follows.isFollowing(relay.id, found.relayActor.id))) {
      await this.r.follows.requestFollow(relay.id, found.relayActor.id).catch((error: unknown) => {
        // Two administrators adding the same instance at once: one follow is enough.
        if (!(error instanceof DomainError && error.code === 'conflict')) throw error;
      });
    }
    return domain;
  }

  /** Approves a pending follow of our relay by the relay (or actor) at this address; the Accept is sent. */
  async acceptRelay(caller: User | null, address: string): Promise<FollowWithActors> {
    assertAdministrator(caller, 'You need to be an administrator to accept an instance follow');
    const follow = await this.followOfUs(address);
    await this.r.follows.approve(follow.follow.id);
    return { ...follow, follow: { ...follow.follow, approved: true } };
  }

  /** Refuses (or ends) a follow of our relay; the Reject is sent and the follow is gone. */
  async rejectRelay(caller: User | null, address: string): Promise<FollowWithActors> {
    assertAdministrator(caller, 'You need to be an administrator to reject an instance follow');
    const follow = await this.followOfUs(address);
    return { ...follow, follow: await this.r.follows.reject(follow.follow.id) };
  }

  /**
   * Stops following that relay (an Undo is sent). When our relay does not follow it but it follows
   * ours, it is removed as a follower instead (a Reject is sent).
   */
  async removeRelay(caller: User | null, address: string): Promise<FollowWithActors> {
    assertAdministrator(caller, 'You need to be an administrator to remove an instance follow');
    const { relay, remote } = await this.pair(address);
    const ours = await this.r.queries.follows.isFollowing(relay.id, remote.id);
    if (ours) return { follow: await this.r.follows.unfollow(ours.id), follower: relay, target: remote };
    const theirs = await this.r.queries.follows.isFollowing(remote.id, relay.id);
    if (theirs) return { follow: await this.r.follows.reject(theirs.id), follower: remote, target: relay };
    throw new DomainError('not_found', 'There is no follow between this instance and that address', {
      field: 'address'
    });
  }

  private async followOfUs(address: string): Promise<FollowWithActors> {
    const { relay, remote } = await this.pair(address);
    const follow = await this.r.queries.follows.isFollowing(remote.id, relay.id);
    if (!follow) throw new DomainError('not_found', 'This address does not follow this instance', { field: 'address' });
    return { follow, follower: remote, target: relay };
  }

  private async pair(address: string): Promise<{ relay: Actor; remote: Actor }> {
    const parsed = parseRelayAddress(address);
    const remote = await this.r.queries.relayFollows.remoteByAddress(parsed);
    if (!remote) throw new DomainError('not_found', 'No known actor has this address', { field: 'address' });
    return { relay: await this.ourRelay(), remote };
  }

  private async ourRelay(): Promise<Actor> {
    const relay = await this.r.queries.actors.instanceActor();
    if (!relay) throw new Error('the instance actor is missing');
    return relay;
  }
}

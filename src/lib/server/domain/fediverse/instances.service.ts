import { eq, sql } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import type { User } from '../../db/schema/accounts.ts';
import type { Actor } from '../../db/schema/actors.ts';
import { instances, type Instance } from '../../db/schema/federation.ts';
import type { ActorsService } from '../actors/index.ts';
import type { ServiceDeps } from '../deps.ts';
import { parseInstanceDomain } from './address.ts';
import type { NodeInfoSummary } from './discovery.ts';
import { assertAdministrator, assertModerator } from './fediverse.policy.ts';

const clip = (text: string | null, max: number) => (text === null ? null : text.slice(0, max));

/** What this instance records about other servers, and what its moderators block. */
export class InstancesService {
  private readonly deps: ServiceDeps;
  private readonly actors: ActorsService;
  constructor(deps: ServiceDeps, actors: ActorsService) {
    this.deps = deps;
    this.actors = actors;
  }

  /**
   * Records a server: what its NodeInfo says (when it answered) and its instance actor (when found).
   * What is not given is left as it was.
   */
  async record(input: {
    domain: string;
    nodeInfo?: NodeInfoSummary | null;
    relayActorId?: number | null;
  }): Promise<Instance> {
    const domain = parseInstanceDomain(input.domain);
    const info = input.nodeInfo
      ? {
          software: clip(input.nodeInfo.software, 100),
          softwareVersion: clip(input.nodeInfo.softwareVersion, 100),
          name: clip(input.nodeInfo.name, 200),
          description: clip(input.nodeInfo.description, 2000),
          nodeinfoFetchedAt: new Date()
        }
      : {};
    const relay = input.relayActorId ? { relayActorId: input.relayActorId } : {};
    const [row] = await this.deps.db
      .insert(instances)
      .values({ domain, ...info, ...relay })
      .onConflictDoUpdate({ target: instances.domain, set: { ...info, ...relay, updatedAt: new Date() } })
      .returning();
    return row!;
  }

  /** Administrators block a server: nothing more is delivered to it, nothing from it is taken. */
  async block(caller: User | null, rawDomain: string): Promise<string> {
    assertAdministrator(caller, 'You need to be an administrator to block an instance');
    const domain = parseInstanceDomain(rawDomain);
    if (domain === this.deps.config.domain) {
      throw new DomainError('validation', 'This instance cannot block itself', { field: 'domain' });
    }
    await this.deps.db
      .insert(instances)
      .values({ domain, blockedAt: new Date() })
      .onConflictDoUpdate({
        target: instances.domain,
        set: { blockedAt: sql`coalesce(${instances.blockedAt}, now())`, updatedAt: new Date() }
      });
    this.deps.logger.info('instance blocked', { domain });
    return domain;
  }

  async unblock(caller: User | null, rawDomain: string): Promise<string> {
    assertAdministrator(caller, 'You need to be an administrator to unblock an instance');
    const domain = parseInstanceDomain(rawDomain);
    const updated = await this.deps.db
      .update(instances)
      .set({ blockedAt: null, updatedAt: new Date() })
      .where(eq(instances.domain, domain))
      .returning({ domain: instances.domain });
    if (updated.length === 0)
      throw new DomainError('not_found', 'This instance is not known here', { field: 'domain' });
    return domain;
  }

  /** Moderators suspend a remote profile (Mobilizon's `suspendProfile`). */
  suspendProfile(caller: User | null, actorId: number | null): Promise<Actor> {
    assertModerator(caller, 'You need to be a moderator or an administrator to suspend a profile');
    if (actorId === null) throw new DomainError('not_found', 'Profile not found', { field: 'id' });
    return this.actors.setRemoteSuspended(actorId, true);
  }

  unsuspendProfile(caller: User | null, actorId: number | null): Promise<Actor> {
    assertModerator(caller, 'You need to be a moderator or an administrator to unsuspend a profile');
    if (actorId === null) throw new DomainError('not_found', 'Profile not found', { field: 'id' });
    return this.actors.setRemoteSuspended(actorId, false);
  }
}

import type { Actor } from '../../db/schema/actors.ts';

/** What an instance says about itself in its NodeInfo document. */
export interface NodeInfoSummary {
  software: string | null;
  softwareVersion: string | null;
  name: string | null;
  description: string | null;
}

export interface DiscoveredInstance {
  /** null when the instance published no NodeInfo. */
  nodeInfo: NodeInfoSummary | null;
  /** Its instance actor, fetched and stored; null when it has none we can follow. */
  relayActor: Actor | null;
}

/**
 * How the domain learns about another server. Implemented by the federation module (NodeInfo,
 * FEP-2677, WebFinger, signed fetches); the domain receives plain data.
 */
export interface InstanceDiscovery {
  /** Throws a not_found DomainError when nothing answers at that domain. */
  discover(domain: string): Promise<DiscoveredInstance>;
}

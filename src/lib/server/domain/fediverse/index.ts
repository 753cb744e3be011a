export { FediverseService } from './fediverse.service.ts';
export { recordTombstone, tombstoneOf, TombstonesQueries } from './tombstones.ts';
export { AudienceQueries } from './audience.queries.ts';
export { InstancesQueries } from './instances.queries.ts';
export { InstancesService } from './instances.service.ts';
export { RelaysService } from './relays.service.ts';
export {
  InstanceListQueries,
  INSTANCE_SORTS,
  MAX_INSTANCES_PAGE,
  type FollowStatus,
  type InstanceListFilter,
  type InstanceSort,
  type InstanceSummary
} from './instance-list.queries.ts';
export { RelayFollowsQueries } from './relay-follows.queries.ts';
export { RefusalsQueries } from './refusals.queries.ts';
export { RelayOutboxQueries, type RelayOutboxItem } from './relay-outbox.queries.ts';
export { parseInstanceDomain, parseRelayAddress, type RelayAddress } from './address.ts';
export type { DiscoveredInstance, InstanceDiscovery, NodeInfoSummary } from './discovery.ts';

export { FediverseService } from './fediverse.service.ts';
export { recordTombstone, tombstoneOf, TombstonesQueries } from './tombstones.ts';
export { AudienceQueries } from './audience.queries.ts';
export { InstancesQueries } from './instances.queries.ts';

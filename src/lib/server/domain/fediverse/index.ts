export { InstancesQueries } from './instances.queries.ts';

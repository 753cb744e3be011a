export { FediverseService } from './fediverse.service.ts';

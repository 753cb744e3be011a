import type { Config } from '../config/index.ts';
import type { Logger } from '../core/logger.ts';
import type { Services } from '../services.ts';
import type { FedContext } from './context.ts';
import type { KeyPairCache } from './keys.ts';

/** What the outbox and our own document routes need from the federation module. */
export interface FederationModuleContext {
  config: Config;
  services: Services;
  logger: Logger;
  keys: KeyPairCache;
  /** A Fedify context for sending and fetching outside a request. */
  context(): FedContext;
}

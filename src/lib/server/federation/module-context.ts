import type { Config } from '../config/index.ts';
import type { Logger } from '../core/logger.ts';
import type { Services } from '../services.ts';
import type { FedContext } from './context.ts';
import type { ActivitySender } from './delivery/index.ts';
import type { KeyPairCache } from './keys.ts';

/** What the outbox and our own document routes need from the federation module. */
export interface FederationModuleContext {
  config: Config;
  services: Services;
  logger: Logger;
  keys: KeyPairCache;
  /** Queues activities for delivery (signed, retried, in order per object). */
  sender: ActivitySender;
  /** Drops a deleted profile's keys once nothing it signed waits for delivery. */
  forgetDeletedKeys(actorId: number): Promise<void>;
  /** A Fedify context for fetching and lookups outside a request. */
  context(): FedContext;
}

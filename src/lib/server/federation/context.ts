import type pg from 'pg';
import type { Context, RequestContext, InboxContext, KvStore } from '@fedify/fedify';
import type { Logger } from '../core/logger.ts';
import type { Services } from '../services.ts';
import type { FederationFetchers } from './fetch/index.ts';
import type { KeyPairCache } from './keys.ts';

/** What Fedify hands to our dispatchers and inbox listeners with every call. */
export interface FederationData {
  services: Services;
  /** For the inbox's own bookkeeping (which activities were applied). */
  pool: pg.Pool;
  keys: KeyPairCache;
  logger: Logger;
  /** Checked fetches of other servers (never a raw `fetch`): see fetch/index.ts. */
  fetchers: FederationFetchers;
  /** Fedify's key–value store (its key cache among the rest): see key-cache.ts. */
  kv: KvStore;
}

export type FedContext = Context<FederationData>;
export type FedRequestContext = RequestContext<FederationData>;
export type FedInboxContext = InboxContext<FederationData>;

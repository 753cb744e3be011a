import type { User } from '../db/schema/accounts.ts';
import type { Actor } from '../db/schema/actors.ts';
import type { Services } from '../services.ts';
import type { LiveUpdates } from './live-updates.ts';
import type { Loaders } from './loaders.ts';

/** Everything a resolver may use: the services, the signed-in user (if any), per-request loaders. */
export interface GraphQLContext {
  services: Services;
  user: User | null;
  loaders: Loaders;
  /** The user's profiles, loaded once per request on first use. */
  identities(): Promise<Actor[]>;
  /** What subscriptions listen to. */
  live: LiveUpdates;
}

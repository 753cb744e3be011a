import type { Config } from './config/index.ts';
import { AccessTokens, AccountsService } from './domain/accounts/index.ts';
import { AccountAdminService } from './domain/accounts/account-admin.service.ts';
import { ActorsQueries, ActorsService, FollowsQueries, FollowsService } from './domain/actors/index.ts';
import type { ServiceDeps } from './domain/deps.ts';
import { EventsQueries, EventsService } from './domain/events/index.ts';
import { InstanceService } from './domain/instance/index.ts';
import { RateLimiter } from './domain/ratelimit/index.ts';
import { SettingsService } from './domain/settings/index.ts';

/** The domain, assembled: write services and read queries, each given its dependencies. */
export function createServices(deps: ServiceDeps, jwtSecret: string) {
  const queries = {
    actors: new ActorsQueries(deps.db),
    events: new EventsQueries(deps.db),
    follows: new FollowsQueries(deps.db)
  };
  return {
    config: deps.config as Config,
    queries,
    accounts: new AccountsService(deps, new AccessTokens(jwtSecret, deps.config.publicUrl)),
    accountAdmin: new AccountAdminService(deps),
    actors: new ActorsService(deps),
    follows: new FollowsService(deps),
    events: new EventsService(deps),
    instance: new InstanceService(deps.config, queries.actors, queries.events),
    rateLimiter: new RateLimiter(deps.db),
    settings: new SettingsService(deps)
  };
}

export type Services = ReturnType<typeof createServices>;

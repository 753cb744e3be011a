import type { Config } from './config/index.ts';
import { AccessTokens, AccountsService, UsersQueries } from './domain/accounts/index.ts';
import { AccountAdminService } from './domain/accounts/account-admin.service.ts';
import { ActorsQueries, ActorsService, FollowsQueries, FollowsService } from './domain/actors/index.ts';
import type { ServiceDeps } from './domain/deps.ts';
import { OfflineCitiesGeocoder, type Geocoder } from './domain/geocoding/index.ts';
import { EventsQueries, EventsService, ParticipationService, ParticipationsQueries } from './domain/events/index.ts';
import { FeedTokensQueries, FeedTokensService } from './domain/feeds/index.ts';
import { InstanceService, InstanceSettings } from './domain/instance/index.ts';
import { MediaQueries, MediaService } from './domain/media/index.ts';
import { RateLimiter } from './domain/ratelimit/index.ts';
import { ActivitySettingsService, SettingsService } from './domain/settings/index.ts';

/** The domain, assembled: write services and read queries, each given its dependencies. */
export function createServices(deps: ServiceDeps, jwtSecret: string) {
  const queries = {
    actors: new ActorsQueries(deps.db),
    events: new EventsQueries(deps.db),
    feedTokens: new FeedTokensQueries(deps.db),
    follows: new FollowsQueries(deps.db),
    media: new MediaQueries(deps.db),
    participations: new ParticipationsQueries(deps.db),
    users: new UsersQueries(deps.db)
  };
  const instanceSettings = new InstanceSettings(deps.config, deps.db);
  return {
    config: deps.config as Config,
    geocoder: new OfflineCitiesGeocoder() as Geocoder,
    queries,
    accounts: new AccountsService(deps, new AccessTokens(jwtSecret, deps.config.publicUrl)),
    accountAdmin: new AccountAdminService(deps),
    actors: new ActorsService(deps),
    follows: new FollowsService(deps),
    media: new MediaService(deps),
    events: new EventsService(deps),
    participation: new ParticipationService(deps),
    feedTokens: new FeedTokensService(deps),
    instance: new InstanceService(deps.config, queries.actors, queries.events, instanceSettings),
    instanceSettings,
    rateLimiter: new RateLimiter(deps.db),
    settings: new SettingsService(deps),
    activitySettings: new ActivitySettingsService(deps.db)
  };
}

export type Services = ReturnType<typeof createServices>;

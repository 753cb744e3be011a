import type { Config } from './config/index.ts';
import { AccessTokens, AccountsService, UsersQueries } from './domain/accounts/index.ts';
import { AccountAdminService } from './domain/accounts/account-admin.service.ts';
import { ActorsQueries, ActorsService, FollowsQueries, FollowsService } from './domain/actors/index.ts';
import type { ServiceDeps } from './domain/deps.ts';
import { createGeocoder } from './domain/geocoding/index.ts';
import { CommentsQueries, CommentsService } from './domain/comments/index.ts';
import { DiscussionsQueries, DiscussionsService, deleteDiscussionsOfGroup } from './domain/discussions/index.ts';
import {
  EventsQueries,
  EventsService,
  ParticipationService,
  ParticipationsQueries,
  RemoteEventsService,
  TagsQueries,
  deleteEventsOfGroup
} from './domain/events/index.ts';
import { MyEventsQueries } from './domain/events/my-events.queries.ts';
import { FeedTokensQueries, FeedTokensService } from './domain/feeds/index.ts';
import { GroupActivityQueries } from './domain/groups/group-activity.queries.ts';
import {
  GroupFollowsQueries,
  GroupFollowsService,
  GroupsQueries,
  GroupsService,
  MembersService,
  type GroupContentRemover
} from './domain/groups/index.ts';
import {
  AudienceQueries,
  FediverseService,
  InstancesQueries,
  TombstonesQueries,
  InstanceListQueries,
  InstancesService,
  RefusalsQueries,
  RelayFollowsQueries,
  RelayOutboxQueries,
  RelaysService
} from './domain/fediverse/index.ts';
import { ParticipantExportsQueries, ParticipantExportsService } from './domain/exports/index.ts';
import { ConversationsQueries, ConversationsService } from './domain/conversations/index.ts';
import { InstanceService, InstanceSettings } from './domain/instance/index.ts';
import { MediaQueries, MediaService, RemoteMediaService } from './domain/media/index.ts';
import { PostsQueries, PostsService, RemotePostsService, deletePostsOfGroup } from './domain/posts/index.ts';
import { RateLimiter } from './domain/ratelimit/index.ts';
import { ReportsQueries, ReportsService } from './domain/reports/index.ts';
import {
  RemoteResourcesService,
  ResourcesQueries,
  ResourcesService,
  deleteResourcesOfGroup
} from './domain/resources/index.ts';
import { SearchQueries, SearchService } from './domain/search/index.ts';
import { ActivitySettingsService, SettingsService } from './domain/settings/index.ts';
import { TodosQueries, TodosService, deleteTodosOfGroup } from './domain/todos/index.ts';

/** The domain, assembled: write services and read queries, each given its dependencies. */
/** What a deleted group's contexts remove, each its own tables, in the deletion's transaction. */
const groupContentRemovers: readonly GroupContentRemover[] = [
  deleteEventsOfGroup,
  (tx, _events, groupId) => deletePostsOfGroup(tx, groupId),
  (tx, _events, groupId) => deleteDiscussionsOfGroup(tx, groupId),
  (tx, _events, groupId) => deleteResourcesOfGroup(tx, groupId),
  (tx, _events, groupId) => deleteTodosOfGroup(tx, groupId)
];

export function createServices(deps: ServiceDeps, jwtSecret: string) {
  const queries = {
    actors: new ActorsQueries(deps.db),
    audience: new AudienceQueries(deps.db),
    tombstones: new TombstonesQueries(deps.db),
    comments: new CommentsQueries(deps.db, deps.config.publicUrl),
    discussions: new DiscussionsQueries(deps.db),
    events: new EventsQueries(deps.db),
    tags: new TagsQueries(deps.db),
    participantExports: new ParticipantExportsQueries(deps.db, deps.config.dataDir),
    conversations: new ConversationsQueries(deps.db),
    feedTokens: new FeedTokensQueries(deps.db),
    follows: new FollowsQueries(deps.db),
    groups: new GroupsQueries(deps.db),
    groupActivity: new GroupActivityQueries(deps.db),
    groupFollows: new GroupFollowsQueries(deps.db),
    instances: new InstancesQueries(deps.db),
    instanceList: new InstanceListQueries(deps.db),
    relayFollows: new RelayFollowsQueries(deps.db),
    relayOutbox: new RelayOutboxQueries(deps.db),
    refusals: new RefusalsQueries(deps.db),
    media: new MediaQueries(deps.db),
    myEvents: new MyEventsQueries(deps.db),
    participations: new ParticipationsQueries(deps.db),
    posts: new PostsQueries(deps.db),
    reports: new ReportsQueries(deps.db, deps.config.domain),
    resources: new ResourcesQueries(deps.db),
    search: new SearchQueries(deps.db, deps.config.domain),
    todos: new TodosQueries(deps.db),
    users: new UsersQueries(deps.db)
  };
  const instanceSettings = new InstanceSettings(deps.config, deps.db);
  const geocoder = createGeocoder(deps.config.geocoder, deps.logger);
  const follows = new FollowsService(deps);
  const participation = new ParticipationService(deps);
  const actors = new ActorsService(deps);
  const instances = new InstancesService(deps, actors);
  const rateLimiter = new RateLimiter(deps.db);
  /** Link previews come through `usePreviewer` (app.ts plugs in the checked page fetch). */
  const resources = new ResourcesService(deps, rateLimiter);
  return {
    config: deps.config as Config,
    geocoder,
    queries,
    accounts: new AccountsService(deps, new AccessTokens(jwtSecret, deps.config.publicUrl)),
    accountAdmin: new AccountAdminService(deps),
    actors,
    follows,
    groups: new GroupsService(deps, groupContentRemovers),
    members: new MembersService(deps),
    posts: new PostsService(deps),
    /** Posts from other servers: remote moderators of local groups, and remote groups' announced posts. */
    remotePosts: new RemotePostsService(deps),
    todos: new TodosService(deps),
    resources,
    remoteResources: new RemoteResourcesService(deps, resources),
    groupFollows: new GroupFollowsService(deps, follows),
    media: new MediaService(deps),
    /** Copies of remote pictures; the federation module plugs in its fetcher (`useFetcher`). */
    remoteMedia: new RemoteMediaService(deps),
    events: new EventsService(deps, geocoder),
    remoteEvents: new RemoteEventsService(deps),
    participation,
    fediverse: new FediverseService(deps, follows, participation),
    instances,
    relays: new RelaysService({ deps, follows, instances, queries }),
    comments: new CommentsService(deps),
    discussions: new DiscussionsService(deps),
    reports: new ReportsService(deps),
    feedTokens: new FeedTokensService(deps),
    participantExports: new ParticipantExportsService(deps),
    conversations: new ConversationsService(deps),
    instance: new InstanceService(deps.config, queries.actors, queries.events, instanceSettings),
    instanceSettings,
    rateLimiter,
    search: new SearchService({
      queries: queries.search,
      rateLimiter,
      publicUrl: deps.config.publicUrl,
      domain: deps.config.domain,
      longEventDays: deps.config.longEventDays,
      eventById: (id) => queries.events.byId(id)
    }),
    settings: new SettingsService(deps),
    activitySettings: new ActivitySettingsService(deps.db)
  };
}

export type Services = ReturnType<typeof createServices>;

import { createFederation, type Federation } from '@fedify/fedify';
import type pg from 'pg';
import type { Config } from '../config/index.ts';
import type { Logger } from '../core/logger.ts';
import type { DomainEventBus } from '../jobs/domain-events.ts';
import type { Jobs } from '../jobs/queue.ts';
import type { Services } from '../services.ts';
import type { FederationData } from './context.ts';
import { registerActorDispatcher } from './dispatchers/actors.ts';
import { registerCollectionDispatchers } from './dispatchers/collections.ts';
import { createDocumentRoutes } from './dispatchers/documents.ts';
import { createGroupDocumentRoutes } from './dispatchers/group-documents.ts';
import { createFederationFetchers, fedifyLoaderOptions } from './fetch/index.ts';
import { createInboxGuard } from './inbox-guard/inbox-guard.ts';
import { registerInboxListeners } from './inbox/index.ts';
import {
  type ActivitySender,
  DeliveryEnqueuer,
  DeliveryWorker,
  sweepDeliveries,
  tombstonesDoneDelivering
} from './delivery/index.ts';
import { KeyPairCache } from './keys.ts';
import { PostgresKvStore } from './kv-store.ts';
import { PgBossMessageQueue } from './message-queue.ts';
import type { FederationModuleContext } from './module-context.ts';
import { wantsActivityJson, activityJson } from './negotiation.ts';
import { createInstanceDiscovery } from './discovery/instance-discovery.ts';
import { createRemoteLookup } from './lookup/remote-lookup.ts';
import { registerCommentOutbox } from './outbox/comments.ts';
import { registerDeleteOutbox } from './outbox/deletes.ts';
import { registerEventOutbox } from './outbox/events.ts';
import { registerRemoteGroupEventOutbox } from './outbox/remote-group-events.ts';
import { registerParticipationOutbox } from './outbox/participations.ts';
import { registerFollowOutbox } from './outbox/follows.ts';
import { registerInstanceRecords } from './outbox/instances.ts';
import { registerReportOutbox } from './outbox/reports.ts';
import { registerGroupOutbox } from './outbox/groups.ts';
import { registerMemberOutbox } from './outbox/members.ts';
import { registerResourceOutbox } from './outbox/group-resources.ts';
import { registerTodoOutbox } from './outbox/group-todos.ts';
import { registerGroupPostOutbox } from './outbox/group-posts.ts';
import { registerGroupDiscussionOutbox } from './outbox/group-discussions.ts';
import { resolveActor } from './remote-actors.ts';
import { refreshStaleActors } from './actor-refresh.ts';
import { KEY_CACHE_LIFETIME } from './key-cache.ts';
import { createPictureFetcher } from './remote-pictures.ts';
import { SerializedCache } from './serialized-cache.ts';
import { SIGNATURE_TIME_WINDOW } from './signature-policy.ts';
import { tombstoneOf } from './tombstones.ts';

export interface FederationModule {
  federation: Federation<FederationData>;
  /** Answers federation routes; undefined lets the pages answer. */
  handle(request: Request): Promise<Response | undefined>;
  /** Queues outgoing activities (see delivery/). */
  sender: ActivitySender;
  /** Processes the inbox queue and sends deliveries until the signal aborts (worker role). */
  startQueue(signal: AbortSignal): void;
  /** Fetches (or finds) an actor by its URL and stores it; a copy older than 48 h is fetched again. */
  resolveActor(url: string, options?: { refresh?: boolean }): ReturnType<typeof resolveActor>;
  /** The daily refresh of stale actors of upcoming events, run now (tests, the CLI). */
  refreshStaleActors(options?: { limit?: number; now?: Date }): Promise<number>;
  stop(): Promise<void>;
}

interface Deps {
  config: Config;
  services: Services;
  jobs: Jobs;
  bus: DomainEventBus;
  pool: pg.Pool;
  logger: Logger;
  /** How often an idle delivery worker looks for due deliveries (a NOTIFY wakes it sooner). */
  deliveryPollMs?: number;
}

const PROFILE_PATH = /^\/@([a-z0-9_]+)\/?$/i;

export async function createFederationModule(deps: Deps): Promise<FederationModule> {
  const { config, services, logger } = deps;
  const keys = new KeyPairCache();
  const fetchers = createFederationFetchers(config);
  const queue = new PgBossMessageQueue(deps.jobs.boss, 'fedify');
  const kv = new PostgresKvStore(deps.pool, { lifetimes: [KEY_CACHE_LIFETIME] });
  const data: FederationData = { services, pool: deps.pool, keys, logger, fetchers, kv };
  services.remoteMedia.useFetcher(createPictureFetcher(config));
  deps.jobs.define({
    name: 'federation.kv-sweep',
    cron: '17 * * * *',
    retryLimit: 1,
    handle: () => kv.sweepExpired().then(() => {})
  });
  const sender = new DeliveryEnqueuer(deps.pool);
  async function forgetDeletedKeys(actorId: number): Promise<void> {
    for (const id of await tombstonesDoneDelivering(deps.pool, actorId)) {
      keys.forget(`actor:${id}`);
      await services.actors.forgetTombstone(id);
    }
  }
  const worker = new DeliveryWorker({
    pool: deps.pool,
    config,
    logger,
    keys,
    onInboxGone: (inboxUrl) => services.fediverse.pruneUnreachableInbox(inboxUrl).then(() => {}),
    onSettled: async (delivery) => {
      if (delivery.activityType === 'Delete') await forgetDeletedKeys(Number(delivery.signerId));
    },
    pollMs: deps.deliveryPollMs
  });
  deps.jobs.define({
    name: 'federation.deliveries-sweep',
    cron: '41 * * * *',
    retryLimit: 1,
    handle: () => sweepDeliveries(deps.pool)
  });
  deps.jobs.define({
    name: 'federation.forget-deleted-keys',
    cron: '*/10 * * * *',
    retryLimit: 1,
    handle: async () => {
      for (const id of await tombstonesDoneDelivering(deps.pool)) await forgetDeletedKeys(id);
    }
  });
  const federation = createFederation<FederationData>({
    kv,
    queue,
    manuallyStartQueue: true,
    origin: config.publicUrl,
    // Every fetch goes through our checked loaders (fetch/), which also decide on private addresses.
    ...fedifyLoaderOptions(fetchers, kv),
    signatureTimeWindow: SIGNATURE_TIME_WINDOW,
    // Mobilizon verifies draft-cavage signatures; start with those rather than RFC 9421.
    firstKnock: 'draft-cavage-http-signatures-12'
  });
  registerActorDispatcher(federation);
  registerCollectionDispatchers(federation);
  registerInboxListeners(federation);

  const moduleContext: FederationModuleContext = {
    config,
    services,
    logger,
    keys,
    sender,
    forgetDeletedKeys,
    context: () => federation.createContext(new URL(config.publicUrl), data)
  };
  registerFollowOutbox(deps.bus, moduleContext);
  registerDeleteOutbox(deps.bus, moduleContext);
  registerEventOutbox(deps.bus, moduleContext);
  registerRemoteGroupEventOutbox(deps.bus, moduleContext);
  registerCommentOutbox(deps.bus, moduleContext);
  registerParticipationOutbox(deps.bus, moduleContext, deps.jobs);
  registerMemberOutbox(deps.bus, moduleContext);
  registerResourceOutbox(deps.bus, moduleContext);
  registerTodoOutbox(deps.bus, moduleContext);
  registerGroupPostOutbox(deps.bus, moduleContext);
  registerGroupDiscussionOutbox(deps.bus, moduleContext);
  registerGroupOutbox(deps.bus, moduleContext);
  const discovery = createInstanceDiscovery(moduleContext);
  services.relays.useDiscovery(discovery.discovery);
  services.search.useLookup(createRemoteLookup(moduleContext));
  registerInstanceRecords(deps.bus, moduleContext, discovery);
  registerReportOutbox(deps.bus, moduleContext);
  deps.jobs.define({
    name: 'federation.refresh-stale-actors',
    cron: '23 4 * * *',
    retryLimit: 1,
    handle: () => refreshStaleActors(moduleContext).then(() => {})
  });
  const documents = createDocumentRoutes(moduleContext);
  const groupDocuments = createGroupDocumentRoutes(moduleContext, async (request) => {
    const owner = await federation
      .createContext(request, data)
      .getSignedKeyOwner()
      .catch(() => null);
    return owner?.id?.href ?? null;
  });
  const guardInbox = createInboxGuard({ config, services, logger });
  const actorCache = new SerializedCache();

  const notHandled = () => new Response(null, { status: 499 });
  const fedifyFetch = async (request: Request) => {
    let response: Response;
    try {
      response = await federation.fetch(request, {
        contextData: data,
        onNotFound: notHandled,
        onNotAcceptable: notHandled
      });
    } catch (error) {
      // Fedify lets some malformed payloads escape as errors (a broken key PEM inside an embedded
      // actor, say): the sender's mistake, answered 400 so that it does not retry; ours stay 500.
      if (request.method === 'POST' && isMalformedPayload(error)) {
        logger.debug('malformed activity', { error: String(error) });
        return new Response('Invalid activity.', { status: 400 });
      }
      throw error;
    }
    return response.status === 499 ? undefined : response;
  };

  /** Profile documents cost JSON-LD work each time; serve them from a cache checked against the row. */
  async function cachedProfile(request: Request, username: string): Promise<Response | undefined> {
    const actor = await services.queries.actors.localByUsername(username);
    if (!actor) return undefined;
    let uncacheable: Response | undefined;
    const body = await actorCache
      .get(`actor:${actor.id}`, actor.updatedAt.toISOString(), async () => {
        const response = await fedifyFetch(request);
        if (!response || response.status !== 200) {
          uncacheable = response;
          throw new Error('not cacheable');
        }
        return response.text();
      })
      .catch((error: unknown) => {
        if (uncacheable !== undefined || (error as Error).message === 'not cacheable') return undefined;
        throw error;
      });
    return body === undefined ? uncacheable : activityJson(body);
  }

  let queueStarted: Promise<void> | undefined;

  return {
    federation,
    async handle(incoming) {
      // Pages' forms (SvelteKit actions on /@group and others) are never ActivityPub: they go on to
      // the pages even where the same address is also an actor.
      if (incoming.method === 'POST' && FORM_TYPES.test(incoming.headers.get('content-type') ?? '')) return undefined;
      const guarded = await guardInbox(incoming);
      if (guarded && 'response' in guarded) return guarded.response;
      const request = guarded?.request ?? incoming;
      const own = (await groupDocuments(request)) ?? (await documents(request));
      if (own) return own;
      const url = new URL(request.url);
      const profile = PROFILE_PATH.exec(url.pathname);
      if (request.method === 'GET' && profile?.[1] && wantsActivityJson(request))
        return (await cachedProfile(request, profile[1])) ?? (await tombstoneOf(services, profile[1]));
      const response = await fedifyFetch(request);
      // An unknown account is a WebFinger answer too, not a page.
      if (!response && url.pathname === '/.well-known/webfinger') return new Response('Not found', { status: 404 });
      return response;
    },
    sender,
    startQueue(signal) {
      worker.start(signal);
      queueStarted = federation.startQueue(data, { signal }).catch((error: unknown) => {
        if (!signal.aborted) logger.error('federation queue stopped', { error: String(error) });
      });
    },
    resolveActor: (url, options) => resolveActor(moduleContext.context(), url, options),
    refreshStaleActors: (options) => refreshStaleActors(moduleContext, options),
    async stop() {
      await Promise.all([queueStarted, worker.stopped()]);
    }
  };
}

const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)/i;

/** Errors of parsing what a remote sent, as opposed to our own failures (database, network). */
const MALFORMED = new Set(['TypeError', 'SyntaxError', 'RangeError', 'AsnError', 'jsonld.SyntaxError']);
const isMalformedPayload = (error: unknown) => error instanceof Error && MALFORMED.has(error.name);

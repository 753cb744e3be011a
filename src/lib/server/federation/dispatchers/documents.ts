import { Application, CryptographicKey, Endpoints } from '@fedify/vocab';
import type { Actor } from '../../db/schema/actors.ts';
import { anonymousViewer, canSeeEvent } from '../../domain/events/index.ts';
import type { FederationModuleContext } from '../module-context.ts';
import { COLLECTION_PAGE_SIZE, orderedCollection, orderedCollectionPage } from '../converters/collection.ts';
import { commentToAp, commentTombstoneToAp } from '../converters/comment.ts';
import { eventToAp } from '../converters/event.ts';
import { commentApInput } from '../comment-document.ts';
import { eventApInput } from '../event-document.ts';
import type { Tombstone } from '../../db/schema/federation.ts';
import { relayAnnounceToAp } from '../converters/relay-announce.ts';
import { activityJson, wantsActivityJson } from '../negotiation.ts';
import { SerializedCache } from '../serialized-cache.ts';

const EVENT_PATH = /^\/events\/([0-9a-f-]{36})\/?$/i;
const COMMENT_PATH = /^\/comments\/([0-9a-f-]{36})\/?$/i;

/**
 * Documents served outside Fedify's routing: events and comments in Mobilizon's exact shape, the
 * instance actor at /relay, its outbox and its WebFinger entry, all cached serialized.
 */
export function createDocumentRoutes(fed: FederationModuleContext) {
  const cache = new SerializedCache();

  async function relayDocument(relay: Actor): Promise<string> {
    return cache.get(`relay:${relay.id}`, relay.updatedAt.toISOString(), async () => {
      const ctx = fed.context();
      const keys = await fed.keys.get(`actor:${relay.id}`, relay.publicKeyPem!, relay.privateKeyPem!);
      const application = new Application({
        id: new URL(relay.apId),
        preferredUsername: relay.preferredUsername,
        name: relay.name,
        summary: relay.summary,
        url: new URL(relay.apId),
        inbox: new URL(relay.inboxUrl!),
        outbox: new URL(relay.outboxUrl!),
        followers: new URL(relay.followersUrl!),
        following: new URL(relay.followingUrl!),
        endpoints: new Endpoints({ sharedInbox: new URL(relay.sharedInboxUrl!) }),
        manuallyApprovesFollowers: true,
        publicKey: new CryptographicKey({
          id: new URL(`${relay.apId}#main-key`),
          owner: new URL(relay.apId),
          publicKey: keys.publicKey
        })
      });
      return JSON.stringify(await application.toJsonLd({ contextLoader: ctx.contextLoader, format: 'compact' }));
    });
  }

  /**
   * The relay's outbox: each public upcoming local event as the relay's Announce of it, soonest
   * first, 10 a page. Cached per page, checked against the number of events and the newest change.
   */
  async function relayOutbox(relay: Actor, url: URL): Promise<Response> {
    const { queries } = fed.services;
    const id = relay.outboxUrl ?? `${relay.apId}/outbox`;
    const requested = url.searchParams.get('page');
    const page = requested === null ? 1 : Math.max(1, Math.min(100_000, Math.trunc(Number(requested)) || 1));
    const version = await queries.relayOutbox.version();
    const build = async () => {
      const items = await queries.relayOutbox.page((page - 1) * COLLECTION_PAGE_SIZE, COLLECTION_PAGE_SIZE);
      const input = {
        id,
        attributedTo: relay.apId,
        page,
        totalItems: version.total,
        items: items.map((item) =>
          relayAnnounceToAp(relay, { apId: item.eventApId, authorApId: item.organizerApId }, false)
        )
      };
      return JSON.stringify(requested === null ? orderedCollection(input) : orderedCollectionPage(input));
    };
    // Pages past the end are empty and not worth a cache entry each.
    const pastEnd = page > 1 && (page - 1) * COLLECTION_PAGE_SIZE >= version.total;
    const body = pastEnd
      ? await build()
      : await cache.get(
          `relay-outbox:${requested === null ? 'root' : page}`,
          `${version.total}:${version.newest}:${relay.updatedAt.toISOString()}`,
          build
        );
    return activityJson(body);
  }

  async function eventDocument(uuid: string): Promise<Response | undefined> {
    const { queries } = fed.services;
    const event = await queries.events.byUuid(uuid, anonymousViewer);
    if (!event) {
      const gone = await queries.tombstones.byApId(`${fed.config.publicUrl}/events/${uuid}`);
      return gone ? tombstoneResponse(gone) : undefined;
    }
    if (event.visibility === 'private' || event.draft) return undefined;
    // Another server's event: its own server answers for it (Mobilizon redirects the same way).
    if (!event.local) return new Response(null, { status: 302, headers: { location: event.apId, vary: 'Accept' } });
    const body = await cache.get(
      `event:${event.id}`,
      `${event.updatedAt.toISOString()}:${event.participantCount}`,
      async () => JSON.stringify(eventToAp(await eventApInput(fed.services, fed.config.publicUrl, event)))
    );
    return activityJson(body);
  }

  /**
   * A comment as a Note, to whoever may see the event it is under; a removed one as a Tombstone
   * (410); one held for moderation or addressed to a few, not at all; another server's, by a
   * redirect to its server.
   */
  async function commentDocument(uuid: string): Promise<Response | undefined> {
    const { queries } = fed.services;
    const comment = await queries.comments.byUuid(uuid);
    if (!comment) {
      const gone = await queries.tombstones.byApId(`${fed.config.publicUrl}/comments/${uuid}`);
      return gone ? tombstoneResponse(gone) : undefined;
    }
    if (!comment.local) return new Response(null, { status: 302, headers: { location: comment.apId, vary: 'Accept' } });
    if (comment.deletedAt)
      return activityJson(JSON.stringify({ '@context': AS_CONTEXT, ...commentTombstoneToAp(comment) }), 410);
    if (comment.visibility !== 'public' && comment.visibility !== 'unlisted') return undefined;
    if (comment.eventId === null || comment.conversationId !== null) return undefined;
    const event = await queries.events.byId(comment.eventId);
    if (!event || !canSeeEvent(anonymousViewer, event)) return undefined;
    const body = await cache.get(`comment:${comment.id}`, comment.updatedAt.toISOString(), async () => {
      const input = await commentApInput(fed.services, comment, event);
      if (!input) throw new Error(`comment ${comment.id} has no author`);
      return JSON.stringify(commentToAp(input));
    });
    return activityJson(body);
  }

  function relayWebFinger(relay: Actor): Response {
    const body = {
      subject: `acct:${relay.preferredUsername}@${fed.config.domain}`,
      aliases: [relay.apId],
      links: [
        { rel: 'self', type: 'application/activity+json', href: relay.apId },
        { rel: 'http://webfinger.net/rel/profile-page', type: 'text/html', href: fed.config.publicUrl }
      ]
    };
    return new Response(JSON.stringify(body), {
      headers: { 'content-type': 'application/jrd+json; charset=utf-8', 'access-control-allow-origin': '*' }
    });
  }

  return async function handleDocuments(request: Request): Promise<Response | undefined> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const url = new URL(request.url);
    if (url.pathname === '/.well-known/webfinger') {
      const resource = url.searchParams.get('resource') ?? '';
      const relayUrl = `${fed.config.publicUrl}/relay`;
      if (
        resource === `acct:relay@${fed.config.domain}` ||
        resource === `relay@${fed.config.domain}` ||
        resource === relayUrl
      ) {
        const relay = await fed.services.queries.actors.instanceActor();
        return relay ? relayWebFinger(relay) : undefined;
      }
      return undefined;
    }
    if (!wantsActivityJson(request)) return undefined;
    if (url.pathname === '/relay') {
      const relay = await fed.services.queries.actors.instanceActor();
      return relay ? activityJson(await relayDocument(relay)) : undefined;
    }
    if (url.pathname === '/relay/outbox') {
      const relay = await fed.services.queries.actors.instanceActor();
      return relay ? relayOutbox(relay, url) : undefined;
    }
    const match = EVENT_PATH.exec(url.pathname);
    if (match?.[1]) return eventDocument(match[1].toLowerCase());
    const comment = COMMENT_PATH.exec(url.pathname);
    if (comment?.[1]) return commentDocument(comment[1].toLowerCase());
    return undefined;
  };
}

const AS_CONTEXT = 'https://www.w3.org/ns/activitystreams';

/** A deleted object's id answers 410 Gone with a Tombstone, so that other servers forget it too. */
function tombstoneResponse(gone: Tombstone): Response {
  return activityJson(
    JSON.stringify({
      '@context': AS_CONTEXT,
      id: gone.apId,
      type: 'Tombstone',
      formerType: gone.formerType,
      deleted: gone.deletedAt.toISOString()
    }),
    410
  );
}

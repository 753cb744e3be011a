import { isDomainError } from '../../core/errors.ts';
import type { LookupAddress, LookupResult, RemoteLookup } from '../../domain/search/index.ts';
import type { FedContext } from '../context.ts';
import { commentFromAp } from '../converters/comment.ts';
import { eventFromAp } from '../converters/event.ts';
import { idOf, isObject, sameOrigin, typeOf, type Json } from '../converters/json.ts';
import { SafeFetchError } from '../fetch/index.ts';
import { receiveComment } from '../inbox/receive-comment.ts';
import { receiveEvent } from '../inbox/receive-event.ts';
import type { FederationModuleContext } from '../module-context.ts';
import { resolveActor } from '../remote-actors.ts';
import { webFingerActor } from './webfinger.ts';

const ACTOR_TYPES = new Set(['Person', 'Group', 'Application', 'Service', 'Organization']);
const refused = { kind: 'nothing', reason: 'refused' } as const satisfies LookupResult;
const unsupported = { kind: 'nothing', reason: 'unsupported' } as const satisfies LookupResult;

async function actorAt(ctx: FedContext, url: string): Promise<LookupResult> {
  try {
    return { kind: 'actor', actor: await resolveActor(ctx, url) };
  } catch (error) {
    ctx.data.logger.debug('looked-up actor refused', { url, error: String(error) });
    return isDomainError(error) ? refused : { kind: 'nothing', reason: 'not_activitypub' };
  }
}

/** An Event read from its own server, stored as if its organizer (or its group) had sent it. */
async function eventFrom(ctx: FedContext, document: Json): Promise<LookupResult> {
  const data = eventFromAp(document);
  if (!data) return unsupported;
  const writer = [data.organizerApId, data.attributedToApId].find(
    (owner): owner is string => typeof owner === 'string' && sameOrigin(data.apId, owner)
  );
  if (!writer || !(await receiveEvent(ctx, document, writer))) return refused;
  const event = await ctx.data.services.queries.events.byApId(data.apId);
  return event ? { kind: 'event', event } : refused;
}

/** A Note read from its own server: kept only as a comment answering something here. */
async function commentFrom(ctx: FedContext, document: Json): Promise<LookupResult> {
  const data = commentFromAp(document);
  if (!data || !sameOrigin(data.apId, data.authorApId)) return unsupported;
  await receiveComment(ctx, document, data.authorApId);
  const comment = await ctx.data.services.queries.comments.byApId(data.apId);
  return comment ? { kind: 'comment', comment } : unsupported;
}

async function objectAt(ctx: FedContext, url: string): Promise<LookupResult> {
  let document: unknown;
  try {
    // Uncached and checked: an ActivityPub content type, and the document's id is the address asked.
    ({ document } = await ctx.data.fetchers.objectLoader(url));
  } catch (error) {
    ctx.data.logger.debug('looked-up address unusable', { url, error: String(error) });
    if (error instanceof SafeFetchError && error.reason === 'http-status') {
      const status = error.response?.status;
      if (status === 404 || status === 410) return { kind: 'nothing', reason: 'not_found' };
    }
    return { kind: 'nothing', reason: 'not_activitypub' };
  }
  const id = isObject(document) ? idOf(document) : undefined;
  if (!isObject(document) || !id) return { kind: 'nothing', reason: 'not_activitypub' };
  const type = typeOf(document) ?? '';
  if (ACTOR_TYPES.has(type)) return actorAt(ctx, id);
  if (type === 'Event') return eventFrom(ctx, document);
  if (type === 'Note') return commentFrom(ctx, document);
  return unsupported;
}

/**
 * What a person pasted in search, read from its server: a handle through WebFinger, an address
 * through the checked object loader; an actor, event or comment is then stored by the same code
 * as when its server sends it (remote-actors.ts, inbox/receive-event.ts, inbox/receive-comment.ts).
 */
export function createRemoteLookup(fed: FederationModuleContext): RemoteLookup {
  return {
    async lookup(address: LookupAddress): Promise<LookupResult> {
      const ctx = fed.context();
      if (address.kind === 'url') return objectAt(ctx, address.url);
      const actorUrl = await webFingerActor(
        ctx.data.fetchers.safeFetch,
        { allowPrivateAddresses: fed.config.allowPrivateAddresses },
        address.username,
        address.host
      );
      return actorUrl ? actorAt(ctx, actorUrl) : { kind: 'nothing', reason: 'not_found' };
    },
    async refreshActor(apId: string) {
      return resolveActor(fed.context(), apId, { refresh: true }).catch((error: unknown) => {
        fed.logger.debug('actor not refreshed', { actor: apId, error: String(error) });
        return null;
      });
    }
  };
}

import { isActor, type Actor as ApActor } from '@fedify/vocab';
import { DomainError } from '../core/errors.ts';
import type { Actor } from '../db/schema/actors.ts';
import type { FedContext } from './context.ts';
import { remoteActorFromAp } from './converters/actor.ts';
import { exportPublicKeyPem } from './keys.ts';

/** Stores (or refreshes) a remote actor Fedify fetched, with the PEM of its public key. */
export async function storeRemoteActor(ctx: FedContext, actor: ApActor): Promise<Actor | null> {
  const key = await actor.getPublicKey({ documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader });
  const pem = key?.publicKey ? await exportPublicKeyPem(key.publicKey) : null;
  const data = remoteActorFromAp(actor, pem);
  return data ? ctx.data.services.actors.upsertRemoteActor(data) : null;
}

/** Fetches an actor by URL (or returns ours); refuses what is not an actor. */
export async function resolveActor(ctx: FedContext, url: string): Promise<Actor> {
  const known = await ctx.data.services.queries.actors.byApId(url);
  if (
    known &&
    (known.domain === null || (known.lastRefreshedAt && Date.now() - known.lastRefreshedAt.getTime() < 48 * 3600_000))
  ) {
    return known;
  }
  const object = await ctx.lookupObject(url);
  if (!isActor(object)) throw new DomainError('not_found', 'No actor found at this address');
  const stored = await storeRemoteActor(ctx, object);
  if (!stored) throw new DomainError('not_found', 'No usable actor found at this address');
  return stored;
}

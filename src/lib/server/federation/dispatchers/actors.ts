import type { Federation } from '@fedify/fedify';
import { Endpoints, Person } from '@fedify/vocab';
import type { FederationData } from '../context.ts';

export const ACTOR_PATH = '/@{identifier}';

/** Profiles at Mobilizon's `/@username`, with their RSA keys. The instance actor lives at /relay. */
export function registerActorDispatcher(federation: Federation<FederationData>): void {
  federation
    .setActorDispatcher(ACTOR_PATH, async (ctx, identifier) => {
      const actor = await ctx.data.services.queries.actors.localByUsername(identifier);
      if (!actor || actor.type !== 'Person' || actor.suspended) return null;
      const keys = await ctx.getActorKeyPairs(identifier);
      return new Person({
        id: ctx.getActorUri(identifier),
        preferredUsername: actor.preferredUsername,
        name: actor.name ?? actor.preferredUsername,
        summary: actor.summary,
        url: new URL(actor.url ?? actor.apId),
        inbox: ctx.getInboxUri(identifier),
        outbox: ctx.getOutboxUri(identifier),
        followers: ctx.getFollowersUri(identifier),
        following: ctx.getFollowingUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        manuallyApprovesFollowers: actor.manuallyApprovesFollowers,
        discoverable: actor.visibility === 'public',
        publicKey: keys[0]?.cryptographicKey,
        assertionMethods: keys.map((k) => k.multikey)
      });
    })
    .setKeyPairsDispatcher(async (ctx, identifier) => {
      const actor = await ctx.data.services.queries.actors.localByUsername(identifier);
      if (!actor?.publicKeyPem || !actor.privateKeyPem) return [];
      return [await ctx.data.keys.get(`actor:${actor.id}`, actor.publicKeyPem, actor.privateKeyPem)];
    })
    .mapHandle(async (ctx, username) => {
      const actor = await ctx.data.services.queries.actors.localByUsername(username);
      return actor && actor.type === 'Person' ? actor.preferredUsername : null;
    });
}

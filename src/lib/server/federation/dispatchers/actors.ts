import type { Federation } from '@fedify/fedify';
import { Endpoints, Group, Image, Person } from '@fedify/vocab';
import type { Media } from '../../db/schema/media.ts';
import type { FederationData } from '../context.ts';

export const ACTOR_PATH = '/@{identifier}';

/**
 * Profiles and groups at Mobilizon's `/@username`, with their RSA keys. The instance actor lives at
 * /relay. A group's document as served is Mobilizon's (group-documents.ts); this one lets Fedify
 * know the group for its inbox, its keys and WebFinger.
 */
export function registerActorDispatcher(federation: Federation<FederationData>): void {
  federation
    .setActorDispatcher(ACTOR_PATH, async (ctx, identifier) => {
      const actor = await ctx.data.services.queries.actors.localByUsername(identifier);
      if (!actor || actor.type === 'Application' || actor.suspended) return null;
      const keys = await ctx.getActorKeyPairs(identifier);
      const pictureIds = [actor.avatarId, actor.bannerId].filter((id): id is number => id !== null);
      const pictures = await ctx.data.services.queries.media.byIds(pictureIds);
      const picture = (id: number | null) => {
        const found = id === null ? undefined : pictures.find((m: Media) => m.id === id);
        return found ? new Image({ url: new URL(found.url), mediaType: found.contentType }) : null;
      };
      const Type = actor.type === 'Group' ? Group : Person;
      return new Type({
        id: ctx.getActorUri(identifier),
        preferredUsername: actor.preferredUsername,
        name: actor.name ?? actor.preferredUsername,
        summary: actor.summary,
        url: new URL(actor.url ?? actor.apId),
        // Mobilizon's shape: the avatar as `icon`, the banner as `image`, each an Image with its type
        icon: picture(actor.avatarId),
        image: picture(actor.bannerId),
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
      return actor && actor.type !== 'Application' && !actor.suspended ? actor.preferredUsername : null;
    });
}

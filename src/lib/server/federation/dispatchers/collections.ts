import type { Federation } from '@fedify/fedify';
import type { FederationData } from '../context.ts';

const PAGE_SIZE = 10;
const pageOf = (cursor: string | null) => Math.max(0, Number(cursor ?? 0) || 0);

/** followers and following of profiles, paged by 10 as Mobilizon does; outbox is filled as activities are stored. */
export function registerCollectionDispatchers(federation: Federation<FederationData>): void {
  federation
    .setFollowersDispatcher('/@{identifier}/followers', async (ctx, identifier, cursor) => {
      const actor = await ctx.data.services.queries.actors.localByUsername(identifier);
      if (!actor || cursor === null) return null;
      const page = pageOf(cursor);
      const items = await ctx.data.services.queries.follows.followersOf(actor.id, {
        limit: PAGE_SIZE + 1,
        offset: page * PAGE_SIZE
      });
      return {
        items: items.slice(0, PAGE_SIZE).map((a) => ({
          id: new URL(a.apId),
          inboxId: new URL(a.inboxUrl ?? a.apId),
          endpoints: a.sharedInboxUrl ? { sharedInbox: new URL(a.sharedInboxUrl) } : null
        })),
        nextCursor: items.length > PAGE_SIZE ? String(page + 1) : null
      };
    })
    .setFirstCursor(() => '0')
    .setCounter(async (ctx, identifier) => {
      const actor = await ctx.data.services.queries.actors.localByUsername(identifier);
      return actor ? ctx.data.services.queries.follows.countFollowers(actor.id) : null;
    });

  federation
    .setFollowingDispatcher('/@{identifier}/following', async (ctx, identifier, cursor) => {
      const actor = await ctx.data.services.queries.actors.localByUsername(identifier);
      if (!actor || cursor === null) return null;
      const page = pageOf(cursor);
      const items = await ctx.data.services.queries.follows.followingOf(actor.id, {
        limit: PAGE_SIZE + 1,
        offset: page * PAGE_SIZE
      });
      return {
        items: items.slice(0, PAGE_SIZE).map((a) => new URL(a.apId)),
        nextCursor: items.length > PAGE_SIZE ? String(page + 1) : null
      };
    })
    .setFirstCursor(() => '0')
    .setCounter(async (ctx, identifier) => {
      const actor = await ctx.data.services.queries.actors.localByUsername(identifier);
      return actor ? ctx.data.services.queries.follows.countFollowing(actor.id) : null;
    });

  federation
    .setOutboxDispatcher('/@{identifier}/outbox', async (ctx, identifier) => {
      const actor = await ctx.data.services.queries.actors.localByUsername(identifier);
      if (!actor) return null;
      // Sent activities are not stored yet (the federation issue adds an activity log); the
      // collection exists so that remote servers find it, and says honestly that it is empty.
      return { items: [] };
    })
    .setCounter(() => 0);
}

import type { FedContext } from '../context.ts';
import { sameOrigin } from '../converters/json.ts';
import { postFromAp } from '../converters/post.ts';
import { resolveActor } from '../remote-actors.ts';
import type { GroupAnnouncedHandler } from './group-announce.ts';
import { takenOrRefused } from './domain-refusal.ts';
import { localGroupOf } from './local-group.ts';
import type { MemberContentHandler } from './member-content.ts';

/**
 * Group posts (`Article`) from other servers (activitypub.md §7 Post, §9):
 * - a remote moderator's Create, Update or Delete of a post in one of our groups: its author must
 *   be the sender, and the domain checks the sender's role (moderators write posts, not members);
 * - a remote group's Announce of its posts: stored as the group's copy.
 * A refusal is dropped (logged), never retried.
 */

const ours = (ctx: FedContext, url: string) => sameOrigin(url, ctx.data.services.config.publicUrl);

export const receiveMemberPost: MemberContentHandler = async (ctx, { verb, sender, objectId, object }) => {
  const { services } = ctx.data;
  const acting = { remoteActorId: sender.id };
  if (verb === 'Delete') {
    const post = await services.queries.posts.byApId(objectId);
    const group = post ? await services.queries.actors.byId(post.groupId) : undefined;
    if (!post || !group || group.domain !== null) return false;
    return takenOrRefused(ctx, 'post delete', objectId, () =>
      services.remotePosts.receiveRemotePostDelete(acting, objectId)
    );
  }
  if ((verb !== 'Create' && verb !== 'Update') || !object) return false;
  const group = await localGroupOf(ctx, object);
  if (!group) return false;
  const data = postFromAp(object, { groupFollowersUrl: group.followersUrl });
  if (!data || data.groupApId !== group.apId) return false;
  // Nobody writes for someone else, nor for another server.
  if (data.authorApId !== sender.apId || !sameOrigin(data.apId, sender.apId)) {
    ctx.data.logger.debug('post not written by its sender');
    return true;
  }
  return takenOrRefused(ctx, 'post', data.apId, () =>
    services.remotePosts.receiveRemotePost(acting, { ...data, groupId: group.id, authorId: sender.id })
  );
};

export const receiveAnnouncedPost: GroupAnnouncedHandler = async (ctx, { group, verb, objectId, object }) => {
  const { services } = ctx.data;
  // The group's word, even for a post written here (false when it is none of the group's posts).
  if (verb === 'Delete') return services.remotePosts.postDeletedForGroupAnnounce(group.id, objectId);
  // Our own post, announced back to us: we have it already.
  if (ours(ctx, objectId)) return true;
  if (!object) return false;
  const data = postFromAp(object, { groupFollowersUrl: group.followersUrl });
  if (!data || data.groupApId !== group.apId) return false;
  const author = await resolveActor(ctx, data.authorApId).catch(() => undefined);
  return takenOrRefused(ctx, 'announced post', data.apId, () =>
    services.remotePosts.postForGroupAnnounce({ ...data, groupId: group.id, authorId: author?.id ?? null })
  );
};

import type { Actor } from '../../db/schema/actors.ts';
import type { FedContext } from '../context.ts';
import { discussionMessageFromAp, discussionTitleFromAp } from '../converters/discussion.ts';
import { sameOrigin } from '../converters/json.ts';
import { resolveActor } from '../remote-actors.ts';
import type { GroupAnnouncedHandler } from './group-announce.ts';
import { takenOrRefused } from './domain-refusal.ts';
import { localGroupOf } from './local-group.ts';
import type { MemberContentHandler } from './member-content.ts';

/**
 * Group discussions from other servers (activitypub.md §7 Discussion, §9), Notes whose `context`
 * is a discussion:
 * - a remote member's message (a new discussion when its first message has a `name`), its edit
 *   or removal, a discussion's new title or its deletion, in one of our groups: the author must be
 *   the sender, the domain checks the role (members write, moderators and the creator rename,
 *   moderators delete, authors edit their own);
 * - a remote group's Announce of the same: stored as the group's own.
 * A Note that belongs to no discussion of ours is not taken here: it may be an event's comment.
 */

/** The group (any server's) whose discussion this id is, or whose discussion holds this message. */
async function groupHolding(ctx: FedContext, apId: string): Promise<Actor | undefined> {
  const { queries } = ctx.data.services;
  let discussion = await queries.discussions.byApId(apId);
  if (!discussion) {
    const comment = await queries.comments.byApId(apId);
    if (comment?.discussionId) discussion = await queries.discussions.byId(comment.discussionId);
  }
  return discussion ? queries.actors.byId(discussion.groupId) : undefined;
}

const isLocalGroup = (group: Actor | undefined): group is Actor =>
  group?.type === 'Group' && group.domain === null && !group.deletedAt;

export const receiveMemberDiscussion: MemberContentHandler = async (ctx, { verb, sender, objectId, object }) => {
  const { services, logger } = ctx.data;
  const { discussions } = services;
  const acting = { remoteActorId: sender.id };
  if (verb === 'Delete') {
    if (!isLocalGroup(await groupHolding(ctx, objectId))) return false;
    return takenOrRefused(ctx, 'discussion delete', objectId, () => discussions.receiveRemoteDelete(acting, objectId));
  }
  if ((verb !== 'Create' && verb !== 'Update') || !object) return false;
  const renamed = discussionTitleFromAp(object);
  const parsed = renamed ? null : discussionMessageFromAp(object);
  const contextId = renamed?.apId ?? parsed?.discussionApId;
  if (!contextId) return false;
  const group = (await groupHolding(ctx, contextId)) ?? (await localGroupOf(ctx, object));
  if (!isLocalGroup(group)) return false;
  if (renamed) {
    // Creating the discussion is its first message's job; an Update of it is a new title.
    if (verb !== 'Update') return true;
    return takenOrRefused(ctx, 'discussion rename', renamed.apId, () =>
      discussions.receiveRemoteRename(acting, renamed)
    );
  }
  if (!parsed || parsed.authorApId !== sender.apId) {
    logger.debug('discussion message not written by its sender');
    return true;
  }
  return takenOrRefused(ctx, 'discussion message', parsed.apId, () =>
    discussions.receiveRemoteMessage(acting, { ...parsed, groupId: group.id })
  );
};

export const receiveAnnouncedDiscussion: GroupAnnouncedHandler = async (ctx, { group, verb, objectId, object }) => {
  const { services } = ctx.data;
  const { discussions } = services;
  const ours = sameOrigin(objectId, services.config.publicUrl);
  if (verb === 'Delete') {
    // The group's word, even for what was written here.
    let removed: unknown;
    await takenOrRefused(ctx, 'announced discussion delete', objectId, async () => {
      removed = await discussions.deletionForGroupAnnounce({ groupId: group.id, apId: objectId });
    });
    return removed !== undefined || ours;
  }
  // Our own message, announced back to us: we have it already.
  if (ours) return true;
  if (!object) return false;
  const renamed = discussionTitleFromAp(object);
  if (renamed) {
    if (renamed.groupApId && renamed.groupApId !== group.apId) return false;
    return takenOrRefused(ctx, 'announced rename', renamed.apId, () =>
      discussions.renameForGroupAnnounce({ groupId: group.id, apId: renamed.apId, title: renamed.title })
    );
  }
  const parsed = discussionMessageFromAp(object);
  if (!parsed || (parsed.groupApId && parsed.groupApId !== group.apId)) return false;
  const author = await resolveActor(ctx, parsed.authorApId).catch(() => undefined);
  if (!author) return true;
  return takenOrRefused(ctx, 'announced discussion message', parsed.apId, () =>
    discussions.messageForGroupAnnounce({ ...parsed, groupId: group.id, authorId: author.id })
  );
};

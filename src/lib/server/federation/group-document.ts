import type { Actor } from '../db/schema/actors.ts';
import type { Services } from '../services.ts';
import type { GroupCollectionUrls, GroupDocumentInput } from './converters/group.ts';
import { placeToAp } from './converters/place.ts';

/** A group's collection URLs: as stored, or in Mobilizon's scheme under its id. */
export function groupCollectionUrlsOf(group: Actor): GroupCollectionUrls {
  const id = group.apId;
  return {
    members: group.membersUrl ?? `${id}/members`,
    resources: group.resourcesUrl ?? `${id}/resources`,
    todos: group.todosUrl ?? `${id}/todos`,
    posts: group.postsUrl ?? `${id}/posts`,
    events: group.eventsUrl ?? `${id}/events`,
    discussions: group.discussionsUrl ?? `${id}/discussions`
  };
}

/** What the Group document of a local group is made from (its pictures and address read here). */
export async function groupApInput(
  services: Services,
  publicUrl: string,
  group: Actor,
  memberCount: number
): Promise<GroupDocumentInput> {
  const { queries } = services;
  const pictureIds = [group.avatarId, group.bannerId].filter((id): id is number => id !== null);
  const [pictures, addresses] = await Promise.all([
    queries.media.byIds(pictureIds),
    group.physicalAddressId ? queries.events.addressesByIds([group.physicalAddressId]) : []
  ]);
  const picture = (id: number | null) => {
    const found = id === null ? undefined : pictures.find((m) => m.id === id);
    return found ? { url: found.url, mediaType: found.contentType } : null;
  };
  const address = addresses[0];
  return {
    apId: group.apId,
    url: group.url ?? group.apId,
    preferredUsername: group.preferredUsername,
    name: group.name,
    summary: group.summary,
    inbox: group.inboxUrl ?? `${group.apId}/inbox`,
    sharedInbox: group.sharedInboxUrl ?? `${publicUrl}/inbox`,
    outbox: group.outboxUrl ?? `${group.apId}/outbox`,
    followers: group.followersUrl ?? `${group.apId}/followers`,
    following: group.followingUrl ?? `${group.apId}/following`,
    collections: groupCollectionUrlsOf(group),
    discoverable: group.visibility === 'public',
    openness: group.openness,
    manuallyApprovesFollowers: group.manuallyApprovesFollowers,
    memberCount,
    publicKeyPem: group.publicKeyPem,
    icon: picture(group.avatarId),
    image: picture(group.bannerId),
    location: address ? placeToAp(address) : null
  };
}

import DataLoader from 'dataloader';
import type { Actor } from '../db/schema/actors.ts';
import type { Comment } from '../db/schema/comments.ts';
import type { Address, Event, Tag } from '../db/schema/events.ts';
import type { UserSettings } from '../db/schema/settings.ts';
import type { Media } from '../db/schema/media.ts';
import type { ParticipantRole } from '../db/schema/participants.ts';
import type { MemberRole } from '../db/schema/groups.ts';
import type { Services } from '../services.ts';

const byId = <T extends { id: number }>(fetch: (ids: readonly number[]) => Promise<T[]>) =>
  new DataLoader<number, T | undefined>(async (ids) => {
    const rows = new Map((await fetch(ids)).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id));
  });

/** Batches look-ups made while resolving one request (no N+1 queries). */
export function createLoaders(services: Services, viewerActorIds?: () => Promise<number[]>) {
  return {
    actor: byId<Actor>((ids) => services.queries.actors.byIds(ids)),
    event: byId<Event>((ids) => services.queries.events.byIds(ids)),
    address: byId<Address>((ids) => services.queries.events.addressesByIds(ids)),
    media: byId<Media>((ids) => services.queries.media.byIds(ids)),
    comment: byId<Comment>((ids) => services.queries.comments.byIds(ids)),
    /** Every reply of a thread, by the thread's first comment (visibility is filtered by resolvers). */
    threadReplies: new DataLoader<number, Comment[]>(async (originIds) => {
      const byOrigin = await services.queries.comments.repliesOfThreads(originIds);
      return originIds.map((id) => byOrigin.get(id) ?? []);
    }),
    /** The profiles running each event, by event id. */
    eventOrganizers: new DataLoader<number, number[]>(async (eventIds) => {
      const byEvent = await services.queries.comments.organizerActorIds(eventIds);
      return eventIds.map((id) => byEvent.get(id) ?? []);
    }),
    /** The live local profiles of an account, by user id (a page of users in one query). */
    profilesOfUser: new DataLoader<number, Actor[]>(async (userIds) => {
      const byUser = await services.queries.users.profilesOfUsers(userIds);
      return userIds.map((id) => byUser.get(id) ?? []);
    }),
    /** Participations per role, by event id (a page of events in one query). */
    /** Tags of each event, by event id. */
    tagsOfEvent: new DataLoader<number, Tag[]>(async (eventIds) => {
      const byEvent = await services.queries.tags.byEventIds(eventIds);
      return eventIds.map((id) => byEvent.get(id) ?? []);
    }),
    /** Tags found with each tag on the same events, by tag id. */
    relatedTags: new DataLoader<number, Tag[]>(async (tagIds) => {
      const byTag = await services.queries.tags.relatedTo(tagIds);
      return tagIds.map((id) => byTag.get(id) ?? []);
    }),
    /** Contacts of each event, by event id. */
    contactsOfEvent: new DataLoader<number, Actor[]>(async (eventIds) => {
      const byEvent = await services.queries.events.contactsByEventIds(eventIds);
      return eventIds.map((id) => byEvent.get(id) ?? []);
    }),
    participantStats: new DataLoader<number, Partial<Record<ParticipantRole, number>>>(async (eventIds) => {
      const stats = await services.queries.participations.statsByEventIds(eventIds);
      return eventIds.map((id) => stats.get(id) ?? {});
    }),
    /** Full members of each group, by group id. */
    memberCount: new DataLoader<number, number>(async (groupIds) => {
      const counts = await services.queries.groups.memberCounts(groupIds);
      return groupIds.map((id) => counts.get(id) ?? 0);
    }),
    /** Approved followers of each actor, by actor id. */
    followerCount: new DataLoader<number, number>(async (actorIds) => {
      const counts = await services.queries.groups.followerCounts(actorIds);
      return actorIds.map((id) => counts.get(id) ?? 0);
    }),
    /** The best role the viewer's profiles hold in each group, by group id (set per request). */
    viewerRole: new DataLoader<number, MemberRole | null>(async (groupIds) => {
      const profiles = viewerActorIds ? await viewerActorIds() : [];
      const roles = await services.queries.groups.bestRolesOf(groupIds, profiles);
      return groupIds.map((id) => roles.get(id) ?? null);
    }),
    /** Users' settings by user id (a page of users in one query). */
    settingsOfUser: new DataLoader<number, UserSettings | undefined>(async (userIds) => {
      const byUser = await services.settings.ofUsers(userIds);
      return userIds.map((id) => byUser.get(id));
    })
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

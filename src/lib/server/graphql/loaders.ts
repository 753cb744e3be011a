import DataLoader from 'dataloader';
import type { Actor } from '../db/schema/actors.ts';
import type { Address, Event } from '../db/schema/events.ts';
import type { UserSettings } from '../db/schema/settings.ts';
import type { Media } from '../db/schema/media.ts';
import type { ParticipantRole } from '../db/schema/participants.ts';
import type { Services } from '../services.ts';

const byId = <T extends { id: number }>(fetch: (ids: readonly number[]) => Promise<T[]>) =>
  new DataLoader<number, T | undefined>(async (ids) => {
    const rows = new Map((await fetch(ids)).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id));
  });

/** Batches look-ups made while resolving one request (no N+1 queries). */
export function createLoaders(services: Services) {
  return {
    actor: byId<Actor>((ids) => services.queries.actors.byIds(ids)),
    event: byId<Event>((ids) => services.queries.events.byIds(ids)),
    address: byId<Address>((ids) => services.queries.events.addressesByIds(ids)),
    media: byId<Media>((ids) => services.queries.media.byIds(ids)),
    /** The live local profiles of an account, by user id (a page of users in one query). */
    profilesOfUser: new DataLoader<number, Actor[]>(async (userIds) => {
      const byUser = await services.queries.users.profilesOfUsers(userIds);
      return userIds.map((id) => byUser.get(id) ?? []);
    }),
    /** Participations per role, by event id (a page of events in one query). */
    participantStats: new DataLoader<number, Partial<Record<ParticipantRole, number>>>(async (eventIds) => {
      const stats = await services.queries.participations.statsByEventIds(eventIds);
      return eventIds.map((id) => stats.get(id) ?? {});
    }),
    /** Users' settings by user id (a page of users in one query). */
    settingsOfUser: new DataLoader<number, UserSettings | undefined>(async (userIds) => {
      const byUser = await services.settings.ofUsers(userIds);
      return userIds.map((id) => byUser.get(id));
    })
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

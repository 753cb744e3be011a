import DataLoader from 'dataloader';
import type { Actor } from '../db/schema/actors.ts';
import type { Address } from '../db/schema/events.ts';
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
    address: byId<Address>((ids) => services.queries.events.addressesByIds(ids))
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

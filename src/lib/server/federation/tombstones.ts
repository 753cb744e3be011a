import type { Services } from '../services.ts';
import { activityJson } from './negotiation.ts';

/** A deleted profile's id answers 410 Gone with a Tombstone, so remote servers forget it too. */
export async function tombstoneOf(services: Services, username: string): Promise<Response | undefined> {
  const actor = await services.queries.actors.localTombstoneByUsername(username);
  if (!actor?.deletedAt) return undefined;
  const body = {
    '@context': 'https://www.w3.org/ns/activitystreams',
    id: actor.apId,
    type: 'Tombstone',
    formerType: actor.type,
    deleted: actor.deletedAt.toISOString()
  };
  return activityJson(JSON.stringify(body), 410);
}

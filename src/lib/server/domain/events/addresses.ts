import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { addresses } from '../../db/schema/events.ts';
import type { Transaction } from '../../db/transaction.ts';
import type { addressInput } from './events.inputs.ts';

/** Stores an event's place and returns its id; an empty or missing place stores nothing (null). */
export async function storeAddress(
  tx: Transaction,
  publicUrl: string,
  place: z.output<typeof addressInput> | null | undefined
): Promise<number | null> {
  if (!place || !Object.values(place).some((v) => v)) return null;
  const [lon, lat] = place.geom ? place.geom.split(';').map(Number) : [null, null];
  const [address] = await tx.db
    .insert(addresses)
    .values({
      description: place.description ?? null,
      street: place.street ?? null,
      locality: place.locality ?? null,
      postalCode: place.postalCode ?? null,
      region: place.region ?? null,
      country: place.country ?? null,
      latitude: lat ?? null,
      longitude: lon ?? null,
      timezone: place.timezone ?? null,
      originId: place.originId ?? null,
      url: `${publicUrl}/address/${randomUUID()}`
    })
    .returning();
  return address?.id ?? null;
}

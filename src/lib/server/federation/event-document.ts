import type { Event } from '../db/schema/events.ts';
import type { Services } from '../services.ts';
import type { EventApInput } from './converters/event.ts';

/** Everything an event's ActivityPub document shows, read in one round of parallel queries. */
export async function eventApInput(services: Services, publicUrl: string, event: Event): Promise<EventApInput> {
  const { queries } = services;
  const [organizer, attributedTo, address, tags, contacts, pictures] = await Promise.all([
    queries.actors.byId(event.organizerActorId),
    event.attributedToId ? queries.actors.byId(event.attributedToId) : undefined,
    event.physicalAddressId ? queries.events.addressesByIds([event.physicalAddressId]).then((r) => r[0]) : undefined,
    queries.tags.byEventIds([event.id]),
    queries.events.contactsByEventIds([event.id]),
    event.pictureId ? queries.media.byIds([event.pictureId]) : []
  ]);
  if (!organizer) throw new Error(`event ${event.id} has no organizer`);
  return {
    event,
    organizer,
    attributedTo: attributedTo ?? null,
    address: address ?? null,
    tags: tags.get(event.id) ?? [],
    contacts: contacts.get(event.id) ?? [],
    picture: pictures[0] ?? null,
    publicUrl
  };
}

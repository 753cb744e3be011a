import type { Actor } from '../../db/schema/actors.ts';
import type { Event } from '../../db/schema/events.ts';
import type { DomainEventBus } from '../../jobs/domain-events.ts';
import { activityToAp } from '../converters/activity.ts';
import { PUBLIC_COLLECTION } from '../converters/context.ts';
import { eventToAp } from '../converters/event.ts';
import { eventApInput } from '../event-document.ts';
import type { FederationModuleContext } from '../module-context.ts';

/**
 * A local event's life leaves as Create, Update and Delete, signed by its organizer, to everyone on
 * other servers who follows, takes part or commented, and to the servers following this instance;
 * the instance actor also announces each new public event to them (Mobilizon lists in search what a
 * followed relay announced). One ordering key per event: Create, Update and Delete arrive in order.
 */
export function registerEventOutbox(bus: DomainEventBus, fed: FederationModuleContext): void {
  const { services, sender } = fed;

  async function shareable(eventId: number): Promise<Event | undefined> {
    const event = await services.queries.events.byId(eventId);
    return event && event.local && !event.draft && event.visibility !== 'private' ? event : undefined;
  }

  async function publish(event: Event, type: 'Create' | 'Update') {
    const id = type === 'Create' ? `${event.apId}/activity` : `${event.apId}/update/${event.updatedAt.getTime()}`;
    const organizer = await sendEvent(fed, event, type, id);
    if (type === 'Create' && organizer && event.visibility === 'public') await announce(event, organizer);
  }

  async function announce(event: Event, organizer: Actor) {
    const relay = await services.queries.actors.instanceActor();
    if (!relay) return;
    const recipients = await services.queries.audience.relayFollowers();
    if (recipients.length === 0) return;
    await sender.send({
      json: activityToAp('Announce', `${event.apId}/announces/${relay.id}`, relay.apId, event.apId, {
        to: [relay.followersUrl, organizer.apId].filter((u): u is string => Boolean(u)),
        cc: [PUBLIC_COLLECTION]
      }),
      signer: relay,
      recipients,
      orderingKey: event.apId,
      public: true
    });
  }

  bus.subscribe('EventCreated', 'federate', async ({ payload }) => {
    const event = await shareable(payload.eventId);
    if (event) await publish(event, 'Create');
  });

  bus.subscribe('EventUpdated', 'federate', async ({ payload }) => {
    const event = await shareable(payload.eventId);
    if (event) await publish(event, payload.published ? 'Create' : 'Update');
  });

  bus.subscribe('EventDeleted', 'federate', async ({ payload }) => {
    const organizer = await services.queries.actors.byId(payload.organizerActorId);
    if (!organizer || organizer.domain !== null) return;
    const [taking, following] = await Promise.all([
      services.queries.audience.remoteByIds(payload.participantActorIds ?? []),
      services.queries.audience.ofEvent({ id: -1, organizerActorId: organizer.id, attributedToId: null }, true)
    ]);
    const tombstone = { type: 'Tombstone', formerType: 'Event', id: payload.apId, deleted: new Date().toISOString() };
    await sender.send({
      json: activityToAp('Delete', `${payload.apId}/delete`, organizer.apId, tombstone, { to: [PUBLIC_COLLECTION] }),
      signer: organizer,
      recipients: [...taking, ...following],
      orderingKey: payload.apId,
      public: true
    });
  });
}

/**
 * Sends the event as it is now, in a Create or an Update with this id, signed by its organizer, to
 * its remote audience; returns the organizer.
 */
async function sendEvent(
  fed: FederationModuleContext,
  event: Event,
  type: 'Create' | 'Update',
  id: string
): Promise<Actor> {
  const input = await eventApInput(fed.services, fed.config.publicUrl, event);
  const object = eventToAp(input);
  const isPublic = event.visibility === 'public';
  const recipients = await fed.services.queries.audience.ofEvent(event, isPublic);
  const { '@context': _context, ...embedded } = object;
  await fed.sender.send({
    json: activityToAp(type, id, input.organizer.apId, embedded, { to: asList(object.to), cc: asList(object.cc) }),
    signer: input.organizer,
    recipients,
    orderingKey: event.apId,
    public: isPublic
  });
  return input.organizer;
}

/** An Update of a local event that only its participant count changed (the id says which window). */
export async function publishEventUpdate(fed: FederationModuleContext, event: Event, id: string): Promise<void> {
  await sendEvent(fed, event, 'Update', id);
}

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../core/errors.ts';
import { sanitizeRichText } from '../../core/sanitize.ts';
import { parseInput } from '../../core/validation.ts';
import { actors } from '../../db/schema/actors.ts';
import { addresses, events, type Event, type EventOptionsData } from '../../db/schema/events.ts';
import { participants } from '../../db/schema/participants.ts';
import { transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { newEventInput, type NewEventInput } from './events.inputs.ts';

const dropNullish = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;

export class EventsService {
  private readonly deps: ServiceDeps;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  /** A user creates an event as one of their profiles. */
  async createEvent(userId: number, raw: NewEventInput): Promise<Event> {
    const input = parseInput(newEventInput, raw);
    return transaction(this.deps.pool, async (tx) => {
      const [organizer] = await tx.db.select().from(actors).where(eq(actors.id, input.organizerActorId));
      if (!organizer || organizer.userId !== userId || organizer.domain !== null) {
        throw new DomainError('forbidden', 'Organizer profile is not owned by the user', { field: 'organizerActorId' });
      }
      let physicalAddressId: number | null = null;
      const place = input.physicalAddress;
      if (place && Object.values(place).some((v) => v)) {
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
            url: `${this.deps.config.publicUrl}/address/${randomUUID()}`
          })
          .returning();
        physicalAddressId = address?.id ?? null;
      }
      const options: EventOptionsData = dropNullish(input.options ?? {}) as EventOptionsData;
      const timezone = options.timezone ?? place?.timezone ?? null;
      const uuid = randomUUID();
      const url = `${this.deps.config.publicUrl}/events/${uuid}`;
      const [event] = await tx.db
        .insert(events)
        .values({
          uuid,
          apId: url,
          url,
          local: true,
          title: input.title,
          description: input.description ? sanitizeRichText(input.description) : null,
          beginsOn: input.beginsOn,
          endsOn: input.endsOn ?? null,
          timezone,
          status: input.status,
          visibility: input.visibility,
          joinOptions: input.joinOptions,
          externalParticipationUrl: input.externalParticipationUrl ?? null,
          draft: input.draft,
          category: input.category,
          language: input.language ?? 'und',
          onlineAddress: input.onlineAddress ?? null,
          phoneAddress: input.phoneAddress ?? null,
          physicalAddressId,
          organizerActorId: organizer.id,
          options: { ...options, ...(timezone ? { timezone } : {}) },
          publishedAt: input.draft ? null : new Date()
        })
        .returning();
      if (!event) throw new Error('event not stored');
      // The organizer takes part in their own event (Mobilizon's `creator` participation); the id
      // follows Mobilizon's scheme for participations, `/join/event/<uuid of the participation>`.
      await tx.db.insert(participants).values({
        eventId: event.id,
        actorId: organizer.id,
        role: 'creator',
        apId: `${this.deps.config.publicUrl}/join/event/${randomUUID()}`
      });
      await this.deps.events.record(tx, 'EventCreated', { eventId: event.id });
      return event;
    });
  }
}

import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { sanitizeRichText } from '../../core/sanitize.ts';
import type { Actor } from '../../db/schema/actors.ts';
import { addresses, events, type Event } from '../../db/schema/events.ts';
import { participants } from '../../db/schema/participants.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { recordTombstone, tombstoneOf } from '../fediverse/index.ts';
import { deleteIfUnused, deletePictureFiles, remotePictureChange } from '../media/index.ts';
import { metadataInput } from './metadata.ts';
import { samePlace, type RemoteEventData, type RemotePlace } from './remote-event.ts';
import { canDeleteRemoteEvent, canWriteRemoteEvent } from './remote-events.policy.ts';
import { setEventTags, tagsInput } from './tags.ts';
import { timeZoneAt } from './timezone.ts';

export interface RemoteEventWriters {
  /** The actor whose signature carried the activity. */
  sender: Actor;
  organizer: Actor;
  attributedTo: Actor | null;
}

export type RemoteEventResult =
  { outcome: 'created' | 'updated'; event: Event } | { outcome: 'unchanged'; event: Event } | { outcome: 'gone' };

/** Metadata entries we can show: each checked on its own, the invalid ones left out. */
function acceptedMetadata(entries: RemoteEventData['metadata']) {
  return entries.flatMap((entry) => {
    const parsed = metadataInput.safeParse([entry]);
    return parsed.success ? parsed.data : [];
  });
}

/**
 * Events that live on other servers, as their organizers publish, change and delete them. The
 * same checks apply whatever server sent them: only the organizer (or the group it is attributed
 * to) writes an event, an older version never replaces a newer one, and a deleted event never
 * comes back.
 */
export class RemoteEventsService {
  private readonly deps: ServiceDeps;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  async receive(data: RemoteEventData, writers: RemoteEventWriters): Promise<RemoteEventResult> {
    if (data.draft) throw new DomainError('validation', 'Drafts are not shared');
    if (await tombstoneOf(this.deps.db, data.apId)) return { outcome: 'gone' };
    const replaced: string[] = [];
    const result = await transaction(this.deps.pool, async (tx): Promise<RemoteEventResult> => {
      const [existing] = await tx.db.select().from(events).where(eq(events.apId, data.apId)).for('update');
      if (!canWriteRemoteEvent(writers.sender, data.apId, writers.organizer, writers.attributedTo, existing)) {
        throw new DomainError('forbidden', 'Only its organizer may publish or change this event');
      }
      if (existing && data.updatedAt && existing.updatedAt.getTime() >= data.updatedAt.getTime()) {
        // The same version with another participant count: its server counted joins since.
        if (existing.updatedAt.getTime() === data.updatedAt.getTime()) return this.recount(tx, existing, data);
        return { outcome: 'unchanged', event: existing };
      }
      const stored = existing ? await this.change(tx, existing, data, writers) : await this.insert(tx, data, writers);
      if (stored.outcome === 'gone') return stored;
      const picture = await this.showPicture(tx, stored.event, data.pictureUrl);
      replaced.push(...picture.replaced);
      return { ...stored, event: picture.event };
    });
    await deletePictureFiles(this.deps.config, replaced).catch((error: unknown) =>
      this.deps.logger.warn('could not delete media files', { error: String(error) })
    );
    return result;
  }

  /**
   * The event's picture is a copy stored here (fetched by a job when new), never a link to its
   * server. Returns the event as it now is and the files of a copy nothing shows any more.
   */
  private async showPicture(tx: Transaction, event: Event, url: string | null) {
    const currentId = event.pictureId;
    const shown = await remotePictureChange(tx, this.deps.events, { target: 'event', id: event.id, url, currentId });
    if (shown === undefined || shown === currentId) return { event, replaced: [] };
    const [changed] = await tx.db.update(events).set({ pictureId: shown }).where(eq(events.id, event.id)).returning();
    return { event: changed ?? event, replaced: currentId === null ? [] : await deleteIfUnused(tx, [currentId]) };
  }

  private async recount(tx: Transaction, existing: Event, data: RemoteEventData): Promise<RemoteEventResult> {
    if (existing.participantCount === data.participantCount) return { outcome: 'unchanged', event: existing };
    const [event] = await tx.db
      .update(events)
      .set({ participantCount: data.participantCount })
      .where(eq(events.id, existing.id))
      .returning();
    return { outcome: 'updated', event: event ?? existing };
  }

  private async fields(tx: Transaction, data: RemoteEventData, writers: RemoteEventWriters, current?: Event) {
    const currentAddress = current?.physicalAddressId
      ? (await tx.db.select().from(addresses).where(eq(addresses.id, current.physicalAddressId)))[0]
      : undefined;
    const physicalAddressId = samePlace(currentAddress, data.physicalAddress)
      ? (current?.physicalAddressId ?? null)
      : await this.storePlace(tx, data.physicalAddress);
    const place = data.physicalAddress;
    const timezone =
      data.timezone ??
      (place?.latitude != null && place.longitude != null ? timeZoneAt(place.latitude, place.longitude) : null);
    const capacity = data.maximumAttendeeCapacity;
    return {
      url: data.url,
      local: false,
      title: data.title,
      description: data.description ? sanitizeRichText(data.description, this.deps.config.publicUrl) : null,
      beginsOn: data.beginsOn,
      endsOn: data.endsOn,
      timezone,
      status: data.status,
      visibility: data.visibility,
      joinOptions: data.joinOptions,
      externalParticipationUrl: data.externalParticipationUrl,
      draft: false,
      category: data.category,
      language: data.language,
      onlineAddress: data.onlineAddress,
      physicalAddressId,
      organizerActorId: writers.organizer.id,
      attributedToId: writers.attributedTo?.id ?? null,
      options: {
        ...(capacity ? { maximumAttendeeCapacity: capacity } : {}),
        anonymousParticipation: data.anonymousParticipation,
        commentModeration: data.commentModeration,
        isOnline: data.isOnline,
        ...(timezone ? { timezone } : {})
      },
      metadata: acceptedMetadata(data.metadata),
      participantCount: data.participantCount,
      publishedAt: data.publishedAt ?? new Date(),
      updatedAt: data.updatedAt ?? new Date()
    };
  }

  private async storePlace(tx: Transaction, place: RemotePlace | null): Promise<number | null> {
    if (!place) return null;
    const [row] = await tx.db
      .insert(addresses)
      .values({ ...place, url: `${this.deps.config.publicUrl}/address/${randomUUID()}` })
      .returning({ id: addresses.id });
    return row?.id ?? null;
  }

  private async freeUuid(tx: Transaction, wanted: string | null): Promise<string> {
    if (wanted) {
      const [taken] = await tx.db.select({ id: events.id }).from(events).where(eq(events.uuid, wanted));
      if (!taken) return wanted;
    }
    return randomUUID();
  }

  private async setTags(tx: Transaction, eventId: number, titles: string[]) {
    const parsed = tagsInput.safeParse(titles.slice(0, 10));
    await setEventTags(tx, eventId, parsed.success ? parsed.data : []);
  }

  private async insert(
    tx: Transaction,
    data: RemoteEventData,
    writers: RemoteEventWriters
  ): Promise<RemoteEventResult> {
    const values = await this.fields(tx, data, writers);
    const [event] = await tx.db
      .insert(events)
      .values({ ...values, uuid: await this.freeUuid(tx, data.uuid), apId: data.apId, createdAt: values.publishedAt })
      .returning();
    if (!event) throw new Error('remote event not stored');
    await this.setTags(tx, event.id, data.tags);
    await this.deps.events.record(tx, 'EventCreated', { eventId: event.id });
    return { outcome: 'created', event };
  }

  private async change(
    tx: Transaction,
    current: Event,
    data: RemoteEventData,
    writers: RemoteEventWriters
  ): Promise<RemoteEventResult> {
    const values = await this.fields(tx, data, writers, current);
    const [event] = await tx.db.update(events).set(values).where(eq(events.id, current.id)).returning();
    if (!event) throw new Error('remote event not updated');
    await this.setTags(tx, event.id, data.tags);
    await this.deps.events.record(tx, 'EventUpdated', {
      eventId: event.id,
      published: false,
      timeChanged:
        event.beginsOn.getTime() !== current.beginsOn.getTime() ||
        (event.endsOn?.getTime() ?? null) !== (current.endsOn?.getTime() ?? null),
      placeChanged:
        event.physicalAddressId !== current.physicalAddressId || event.onlineAddress !== current.onlineAddress,
      cancelled: current.status !== 'cancelled' && event.status === 'cancelled'
    });
    return { outcome: 'updated', event };
  }

  /**
   * Its organizer deleted an event on its server. Undefined when no event here has this id (an
   * object unknown here is remembered as gone by FediverseService.rememberDeleted).
   */
  async remove(apId: string, sender: Actor): Promise<Event | undefined> {
    const unused: string[] = [];
    const removed = await transaction(this.deps.pool, async (tx) => {
      const [event] = await tx.db.select().from(events).where(eq(events.apId, apId)).for('update');
      if (!event) return undefined;
      if (!canDeleteRemoteEvent(sender, event)) {
        throw new DomainError('forbidden', 'Only its organizer may delete this event');
      }
      const taking = await tx.db
        .select({ actorId: participants.actorId })
        .from(participants)
        .where(eq(participants.eventId, event.id));
      await tx.db.delete(events).where(eq(events.id, event.id));
      if (event.pictureId !== null) unused.push(...(await deleteIfUnused(tx, [event.pictureId])));
      await recordTombstone(tx, apId, 'Event', sender.id);
      await this.deps.events.record(tx, 'EventDeleted', {
        eventId: event.id,
        apId: event.apId,
        organizerActorId: event.organizerActorId,
        participantActorIds: taking.map((p) => p.actorId)
      });
      return event;
    });
    await deletePictureFiles(this.deps.config, unused).catch((error: unknown) =>
      this.deps.logger.warn('could not delete media files', { error: String(error) })
    );
    return removed;
  }
}

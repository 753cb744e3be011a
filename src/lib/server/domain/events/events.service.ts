import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../core/errors.ts';
import { sanitizeRichText } from '../../core/sanitize.ts';
import { parseInput } from '../../core/validation.ts';
import { actors } from '../../db/schema/actors.ts';
import { addresses, events, type Event, type EventOptionsData } from '../../db/schema/events.ts';
import { participants } from '../../db/schema/participants.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { storeAddress } from './addresses.ts';
import { setEventContacts } from './contacts.ts';
import { eventChangesInput, newEventInput, type EventChanges, type NewEventInput } from './events.inputs.ts';
import { detectLanguage, normalizeLanguage } from './language.ts';
import { applyPicture, discardPicture, preparePicture } from './picture.ts';
import { setEventTags } from './tags.ts';
import { coordinatesOf, defaultTimeZone, timeZoneAt } from './timezone.ts';
import { locatePlace } from './locate-place.ts';
import type { Geocoder } from '../geocoding/index.ts';
import { recordTombstone } from '../fediverse/index.ts';
import { requireGroupPermission } from '../groups/membership.ts';
import { manageableEvent, recordGroupEventActivity, type EventEditor } from './event-management.ts';
import { changesFromRemoteEvent, forRemoteCopy, requireSameGroup } from './remote-group-edits.ts';
import type { RemoteEventData } from './remote-event.ts';
import { organizingGroup } from './group-access.ts';

/** A place with its time zone: its own, else the one at its coordinates (if any). */
function withZone<P extends { timezone?: string | null; geom?: string | null }>(place: P | null | undefined) {
  if (!place || place.timezone) return place;
  const at = coordinatesOf(place.geom);
  return { ...place, timezone: at ? timeZoneAt(at.latitude, at.longitude) : null };
}

const dropNullish = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;

export class EventsService {
  private readonly deps: ServiceDeps;
  private readonly geocoder: Geocoder | undefined;
  constructor(deps: ServiceDeps, geocoder?: Geocoder) {
    this.deps = deps;
    this.geocoder = geocoder;
  }

  /** A user creates an event as one of their profiles. */
  async createEvent(userId: number, raw: NewEventInput): Promise<Event> {
    const parsed = parseInput(newEventInput, raw);
    // Before the transaction: a remote geocoder may take a moment.
    const input = { ...parsed, physicalAddress: await locatePlace(this.geocoder, parsed.physicalAddress) };
    const prepared = await preparePicture(this.deps, input.picture);
    try {
      return await this.insertEvent(userId, input, prepared);
    } catch (error) {
      await discardPicture(this.deps, prepared);
      throw error;
    }
  }

  private insertEvent(
    userId: number,
    input: ReturnType<typeof newEventInput.parse>,
    prepared: Awaited<ReturnType<typeof preparePicture>>
  ): Promise<Event> {
    return transaction(this.deps.pool, async (tx) => {
      const [organizer] = await tx.db.select().from(actors).where(eq(actors.id, input.organizerActorId));
      if (!organizer || organizer.userId !== userId || organizer.domain !== null) {
        throw new DomainError('forbidden', 'Organizer profile is not owned by the user', { field: 'organizerActorId' });
      }
      const group = input.attributedToId ? await organizingGroup(tx, input.attributedToId) : null;
      if (group) await requireGroupPermission(tx.db, group.id, organizer.id, 'event.create');
      const place = withZone(input.physicalAddress);
      const physicalAddressId = await storeAddress(tx, this.deps.config.publicUrl, place);
      const options: EventOptionsData = dropNullish(input.options ?? {}) as EventOptionsData;
      const timezone = options.timezone ?? (await defaultTimeZone(tx, userId, place));
      const description = input.description ? sanitizeRichText(input.description, this.deps.config.publicUrl) : null;
      const language = normalizeLanguage(input.language) ?? detectLanguage(input.title, description);
      const pictureId = await applyPicture(tx, userId, organizer.id, input.picture, prepared);
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
          description,
          beginsOn: input.beginsOn,
          endsOn: input.endsOn ?? null,
          timezone,
          status: input.status,
          visibility: input.visibility,
          joinOptions: input.joinOptions,
          externalParticipationUrl: input.externalParticipationUrl ?? null,
          draft: input.draft,
          category: input.category,
          language,
          onlineAddress: input.onlineAddress ?? null,
          phoneAddress: input.phoneAddress ?? null,
          physicalAddressId,
          organizerActorId: organizer.id,
          attributedToId: group?.id ?? null,
          options: { ...options, timezone },
          metadata: input.metadata ?? [],
          pictureId: pictureId ?? null,
          publishedAt: input.draft ? null : new Date()
        })
        .returning();
      if (!event) throw new Error('event not stored');
      if (input.tags?.length) await setEventTags(tx, event.id, input.tags);
      if (input.contactActorIds?.length) await setEventContacts(tx, event.id, input.contactActorIds);
      // The organizer takes part in their own event (Mobilizon's `creator` participation); the id
      // follows Mobilizon's scheme for participations, `/join/event/<uuid of the participation>`.
      await tx.db.insert(participants).values({
        eventId: event.id,
        actorId: organizer.id,
        role: 'creator',
        apId: `${this.deps.config.publicUrl}/join/event/${randomUUID()}`
      });
      await this.deps.events.record(tx, 'EventCreated', { eventId: event.id });
      await recordGroupEventActivity(tx, event, organizer.id, 'event_created');
      await this.toldToFollowers(tx, event, true);
      return event;
    });
  }

  /**
   * The organizer (or a moderator of the organizing group) changes some fields; a draft may be
   * published, a published event stays published. For an event of a group on another server, the
   * change is shown here at once and proposed to the group's server (see remote-group-edits.ts).
   */
  async updateEvent(userId: number, eventId: number, raw: EventChanges): Promise<Event> {
    const parsed = parseInput(eventChangesInput, raw);
    const input = { ...parsed, physicalAddress: await locatePlace(this.geocoder, parsed.physicalAddress) };
    const prepared = await preparePicture(this.deps, input.picture);
    try {
      return await this.changeEvent({ userId }, eventId, input, prepared);
    } catch (error) {
      await discardPicture(this.deps, prepared);
      throw error;
    }
  }

  /**
   * A remote actor's Update of one of our groups' events (activitypub.md §8: a moderator of the
   * group on another server): applied when the actor holds `event.update` in the group, as the same
   * change by a local moderator would be, then federated as any change of the event.
   */
  async changeFromGroupModerator(remoteActorId: number, data: RemoteEventData): Promise<Event> {
    const current = await this.deps.db.query.events.findFirst({ where: eq(events.apId, data.apId) });
    if (!current?.local) throw new DomainError('not_found', 'Event not found', { field: 'eventId' });
    const currentPlace = current.physicalAddressId
      ? await this.deps.db.query.addresses.findFirst({ where: eq(addresses.id, current.physicalAddressId) })
      : undefined;
    const input = parseInput(eventChangesInput, changesFromRemoteEvent(data, current, currentPlace));
    return this.changeEvent({ remoteActorId }, current.id, input, undefined, data.attributedToApId);
  }

  private changeEvent(
    editor: EventEditor,
    eventId: number,
    requested: ReturnType<typeof eventChangesInput.parse>,
    prepared: Awaited<ReturnType<typeof preparePicture>>,
    /** For a remote editor: the group its document names, which must be the event's. */
    claimedGroupApId?: string | null
  ): Promise<Event> {
    return transaction(this.deps.pool, async (tx) => {
      const { event: current, actorId } = await manageableEvent(tx, editor, eventId, 'event.update');
      if ('remoteActorId' in editor) await requireSameGroup(tx, current, claimedGroupApId ?? null);
      const input = current.local ? requested : forRemoteCopy(requested, current);
      const beginsOn = input.beginsOn ?? current.beginsOn;
      const endsOn = input.endsOn === undefined ? current.endsOn : input.endsOn;
      if (endsOn && endsOn < beginsOn) {
        throw new DomainError('validation', 'The event must end after it begins', { field: 'endsOn' });
      }
      if (input.draft === true && !current.draft) {
        throw new DomainError('validation', 'A published event cannot become a draft again', { field: 'draft' });
      }
      const changes: Partial<typeof events.$inferInsert> = { updatedAt: new Date() };
      if (input.title !== undefined) changes.title = input.title;
      if (input.description !== undefined) {
        changes.description = input.description
          ? sanitizeRichText(input.description, this.deps.config.publicUrl)
          : null;
      }
      if (input.beginsOn !== undefined) changes.beginsOn = input.beginsOn;
      if (input.endsOn !== undefined) changes.endsOn = input.endsOn;
      for (const key of ['status', 'visibility', 'joinOptions', 'category'] as const) {
        if (input[key] !== undefined) Object.assign(changes, { [key]: input[key] });
      }
      if (input.externalParticipationUrl !== undefined)
        changes.externalParticipationUrl = input.externalParticipationUrl;
      if (input.onlineAddress !== undefined) changes.onlineAddress = input.onlineAddress || null;
      if (input.phoneAddress !== undefined) changes.phoneAddress = input.phoneAddress || null;
      const language = normalizeLanguage(input.language);
      if (language) changes.language = language;
      else if (input.title !== undefined || input.description !== undefined) {
        changes.language = detectLanguage(
          changes.title ?? current.title,
          changes.description === undefined ? current.description : changes.description
        );
      }
      if (input.metadata != null) changes.metadata = input.metadata;
      if ('userId' in editor) {
        const pictureId = await applyPicture(tx, editor.userId, actorId, input.picture, prepared, current.pictureId);
        if (pictureId !== undefined) changes.pictureId = pictureId;
      }
      if (input.draft === false && current.draft) {
        changes.draft = false;
        changes.publishedAt = new Date();
      }
      if ('userId' in editor) {
        const movedTo = await this.groupChange(tx, editor.userId, current, actorId, input.attributedToId);
        if (movedTo !== undefined) changes.attributedToId = movedTo;
      }
      // A copy keeps its server's version stamp: the server's own next version always replaces it.
      if (!current.local) changes.updatedAt = current.updatedAt;
      if (input.physicalAddress !== undefined) {
        changes.physicalAddressId = await storeAddress(tx, this.deps.config.publicUrl, withZone(input.physicalAddress));
      }
      const timezone = input.options?.timezone ?? withZone(input.physicalAddress)?.timezone ?? undefined;
      if (input.options || timezone) {
        const options = { ...current.options, ...(dropNullish(input.options ?? {}) as EventOptionsData) };
        if (timezone) {
          options.timezone = timezone;
          changes.timezone = timezone;
        }
        changes.options = options;
      }
      const [event] = await tx.db.update(events).set(changes).where(eq(events.id, current.id)).returning();
      if (!event) throw new Error('event not updated');
      if (input.tags != null) await setEventTags(tx, event.id, input.tags);
      if (input.contactActorIds != null) await setEventContacts(tx, event.id, input.contactActorIds);
      const moved =
        event.beginsOn.getTime() !== current.beginsOn.getTime() ||
        (event.endsOn?.getTime() ?? null) !== (current.endsOn?.getTime() ?? null);
      await this.deps.events.record(tx, 'EventUpdated', {
        eventId: event.id,
        published: current.draft && !event.draft,
        timeChanged: moved,
        placeChanged:
          event.physicalAddressId !== current.physicalAddressId || event.onlineAddress !== current.onlineAddress,
        cancelled: current.status !== 'cancelled' && event.status === 'cancelled'
      });
      if (!current.local) {
        // The group's server decides and keeps the group's history: the change is proposed to it.
        await this.deps.events.record(tx, 'RemoteGroupEventChanged', { eventId: event.id, actorId });
        return event;
      }
      if (current.attributedToId !== event.attributedToId) {
        await recordGroupEventActivity(tx, current, actorId, 'event_deleted');
        await recordGroupEventActivity(tx, event, actorId, 'event_created');
      } else await recordGroupEventActivity(tx, event, actorId, 'event_updated');
      await this.toldToFollowers(tx, event, current.draft || current.attributedToId !== event.attributedToId);
      return event;
    });
  }

  /** The organizer deletes an event; its participations go with it. */
  async deleteEvent(userId: number, eventId: number): Promise<Event> {
    return transaction(this.deps.pool, async (tx) => {
      const { event, actorId } = await manageableEvent(tx, { userId }, eventId, 'event.delete');
      // Who took part must still be told once the rows are gone: their ids travel with the fact.
      const taking = await tx.db
        .select({ actorId: participants.actorId })
        .from(participants)
        .where(eq(participants.eventId, event.id));
      await tx.db.delete(events).where(eq(events.id, event.id));
      if (!event.draft) await recordTombstone(tx, event.apId, 'Event', event.organizerActorId);
      await this.deps.events.record(tx, 'EventDeleted', {
        eventId: event.id,
        apId: event.apId,
        organizerActorId: event.organizerActorId,
        participantActorIds: taking.map((p) => p.actorId)
      });
      await recordGroupEventActivity(tx, event, actorId, 'event_deleted');
      return event;
    });
  }

  /**
   * The organizing group an update asks for, when it differs (undefined: unchanged). Moving to a
   * group needs the right to create its events; making a group's event personal again is for the
   * organizer's own user only.
   */
  private async groupChange(
    tx: Transaction,
    userId: number,
    current: Event,
    actorId: number,
    wanted: number | null | undefined
  ): Promise<number | null | undefined> {
    if (wanted === undefined || (wanted ?? null) === current.attributedToId) return undefined;
    if (wanted === null) {
      const [organizer] = await tx.db.select().from(actors).where(eq(actors.id, current.organizerActorId));
      if (organizer?.userId !== userId) {
        throw new DomainError('forbidden', 'Only the organizer may take the event away from its group', {
          field: 'attributedToId'
        });
      }
      return null;
    }
    const group = await organizingGroup(tx, wanted);
    await requireGroupPermission(tx.db, group.id, actorId, 'event.create');
    return group.id;
  }

  /** A group's event just published in public: its followers are to be told (a job mails them). */
  private async toldToFollowers(tx: Transaction, event: Event, newlyPublished: boolean): Promise<void> {
    if (!newlyPublished || event.draft || event.visibility !== 'public' || event.attributedToId === null) return;
    await this.deps.events.record(tx, 'GroupEventPublished', { eventId: event.id, groupId: event.attributedToId });
  }
}

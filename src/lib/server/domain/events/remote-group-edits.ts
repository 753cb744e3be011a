import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { DomainError } from '../../core/errors.ts';
import { actors } from '../../db/schema/actors.ts';
import type { Address, Event } from '../../db/schema/events.ts';
import type { Transaction } from '../../db/transaction.ts';
import { EVENT_CATEGORIES, timeZoneSchema, type EventChanges, type eventChangesInput } from './events.inputs.ts';
import { metadataInput } from './metadata.ts';
import { samePlace, type RemoteEventData, type RemotePlace } from './remote-event.ts';
import { tagsInput } from './tags.ts';

/**
 * Editing the event of a group hosted elsewhere (ADR 0023). Here, a moderator's change of our copy
 * is shown at once and proposed to the group's server, which decides and sends its version to
 * everyone; that version replaces ours. There, a remote moderator's proposal is turned into the
 * changes a local moderator would make.
 */

type ParsedChanges = z.output<typeof eventChangesInput>;

/**
 * What of a change applies to our copy of a remote group's event: what the event's document
 * carries. A new picture and another organizing group cannot travel yet; contacts and a phone
 * number are not in the document, so they stay as the group's server has them.
 */
export function forRemoteCopy(input: ParsedChanges, current: Event): ParsedChanges {
  const picture = input.picture;
  if (picture !== undefined && !(picture && 'mediaId' in picture && picture.mediaId === current.pictureId)) {
    throw new DomainError('validation', "The picture of another server's group event cannot be changed here yet", {
      field: 'picture'
    });
  }
  if (input.attributedToId !== undefined && input.attributedToId !== current.attributedToId) {
    throw new DomainError('validation', "Another server's group event stays with its group", {
      field: 'attributedToId'
    });
  }
  const {
    picture: _picture,
    attributedToId: _group,
    contactActorIds: _contacts,
    phoneAddress: _phone,
    ...rest
  } = input;
  return rest;
}

/** A remote editor's document must name the event's own group: nobody moves an event by editing it. */
export async function requireSameGroup(tx: Transaction, event: Event, claimedGroupApId: string | null) {
  const [group] = event.attributedToId
    ? await tx.db.select({ apId: actors.apId }).from(actors).where(eq(actors.id, event.attributedToId))
    : [];
  if (!group || group.apId !== claimedGroupApId) {
    throw new DomainError('forbidden', 'The event belongs to another group', { field: 'attributedToId' });
  }
}

function placeChange(place: RemotePlace | null, current: Address | undefined): EventChanges['physicalAddress'] {
  if (samePlace(current, place)) return undefined;
  if (!place) return null;
  const geom = place.latitude != null && place.longitude != null ? `${place.longitude};${place.latitude}` : null;
  return {
    description: place.description,
    street: place.street,
    locality: place.locality,
    postalCode: place.postalCode,
    region: place.region,
    country: place.country,
    geom,
    originId: place.originId
  };
}

const valid = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, v: unknown) => {
  const parsed = schema.safeParse(v);
  return parsed.success ? parsed.data : undefined;
};

/**
 * The changes a remote moderator's version of our event asks for, in the terms of `updateEvent`.
 * What the document cannot say well is left as it is: a `restricted` or `private` visibility
 * (documents only tell public from not), an unknown category or time zone, invalid tags or
 * metadata entries; drafts, pictures, contacts and the organizing group are not changed this way.
 */
export function changesFromRemoteEvent(
  data: RemoteEventData,
  current: Pick<Event, 'visibility'>,
  currentPlace: Address | undefined
): EventChanges {
  const becomesPublic = data.visibility === 'public' && current.visibility !== 'public';
  const stopsPublic = data.visibility === 'unlisted' && current.visibility === 'public';
  const category = (EVENT_CATEGORIES as readonly string[]).includes(data.category)
    ? (data.category as (typeof EVENT_CATEGORIES)[number])
    : undefined;
  return {
    title: data.title,
    description: data.description,
    beginsOn: data.beginsOn,
    endsOn: data.endsOn,
    status: data.status,
    ...(becomesPublic || stopsPublic ? { visibility: data.visibility } : {}),
    joinOptions: data.joinOptions,
    externalParticipationUrl: data.externalParticipationUrl,
    ...(category ? { category } : {}),
    language: data.language,
    onlineAddress: data.onlineAddress,
    physicalAddress: placeChange(data.physicalAddress, currentPlace),
    options: {
      maximumAttendeeCapacity: data.maximumAttendeeCapacity,
      anonymousParticipation: data.anonymousParticipation,
      commentModeration: data.commentModeration,
      isOnline: data.isOnline,
      timezone: valid(timeZoneSchema, data.timezone)
    },
    tags: tagsInput.safeParse(data.tags.slice(0, 10)).success ? data.tags.slice(0, 10) : undefined,
    metadata: data.metadata.flatMap((entry) => valid(metadataInput, [entry]) ?? [])
  };
}

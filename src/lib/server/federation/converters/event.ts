import type { Actor } from '../../db/schema/actors.ts';
import type { Address, Event, EventMetadataEntry, Tag } from '../../db/schema/events.ts';
import type { Media } from '../../db/schema/media.ts';
import { EVENT_CATEGORIES } from '../../../events/categories.ts';
import { isTimeZone, toZonedIsoString } from '../../../time/zoned-time.ts';
import { MOBILIZON_CONTEXT, PUBLIC_COLLECTION } from './context.ts';
import {
  asArray,
  booleanOf,
  dateOf,
  httpUrlOf,
  idOf,
  idsOf,
  isObject,
  isPublicInTo,
  numberOf,
  stringOf,
  textOf,
  typeOf,
  type Json
} from './json.ts';
import type { RemoteEventData, RemotePlace } from '../../domain/events/index.ts';
import { placeFromAp, placeToAp } from './place.ts';

/** In the event's zone with its offset, as Mobilizon sends it; in UTC when the event has no zone. */
const zoned = (instant: Date, zone: string | null) =>
  zone ? toZonedIsoString(instant, zone) : instant.toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface EventApInput {
  event: Event;
  organizer: Actor;
  attributedTo: Actor | null;
  address: Address | null;
  tags?: readonly Tag[];
  picture?: Media | null;
  contacts?: readonly Actor[];
  /** This instance's origin, for tag pages. */
  publicUrl?: string;
}

/** One line for microblogs (Mastodon shows `summary`): when and where. */
export function eventSummary({ event, address }: Pick<EventApInput, 'event' | 'address'>): string {
  const when = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: event.timezone ?? 'UTC'
  }).format(event.beginsOn);
  const zone = event.timezone ?? 'UTC';
  const where = address
    ? [address.description, address.locality, address.country].filter(Boolean).join(', ')
    : event.onlineAddress
      ? 'Online'
      : '';
  return [`${when} (${zone})`, where].filter(Boolean).join(' · ');
}

function metadataToAp(entry: EventMetadataEntry): Json {
  const value =
    entry.type === 'BOOLEAN' ? entry.value === 'true' : entry.type === 'INTEGER' ? Number(entry.value) : entry.value;
  return { type: 'PropertyValue', propertyID: entry.key, value, ...(entry.title ? { name: entry.title } : {}) };
}

/** The Event as Mobilizon publishes it (activitypub.md §7), with the context at the top. */
export function eventToAp(input: EventApInput): Json & { id: string } {
  const { event, organizer, attributedTo, address } = input;
  const owner = attributedTo ?? organizer;
  const isPublic = event.visibility === 'public';
  const capacity = event.options.maximumAttendeeCapacity;
  const moderation = event.options.commentModeration ?? 'allow_all';
  const attachment: Json[] = event.metadata.map(metadataToAp);
  if (input.picture) {
    attachment.push({
      type: 'Document',
      mediaType: input.picture.contentType,
      url: input.picture.url,
      name: 'Banner',
      ...(input.picture.blurhash ? { blurhash: input.picture.blurhash } : {})
    });
  }
  if (event.onlineAddress) {
    attachment.push({ type: 'Link', href: event.onlineAddress, mediaType: 'text/html', name: 'Website' });
  }
  const base = input.publicUrl ?? new URL(event.apId).origin;
  return {
    '@context': MOBILIZON_CONTEXT,
    type: 'Event',
    id: event.apId,
    url: event.url,
    uuid: event.uuid,
    name: event.title,
    content: event.description ?? '',
    mediaType: 'text/html',
    summary: eventSummary(input),
    actor: organizer.apId,
    attributedTo: owner.apId,
    to: isPublic ? [PUBLIC_COLLECTION] : [owner.followersUrl].filter(Boolean),
    // A group's event also reaches the group's followers (Mastodon-compatible addressing).
    cc: isPublic
      ? [...new Set([organizer.followersUrl, attributedTo?.followersUrl])].filter(Boolean)
      : [PUBLIC_COLLECTION],
    published: (event.publishedAt ?? event.createdAt).toISOString(),
    updated: event.updatedAt.toISOString(),
    startTime: zoned(event.beginsOn, event.timezone),
    endTime: event.endsOn ? zoned(event.endsOn, event.timezone) : null,
    timezone: event.timezone,
    category: event.category,
    joinMode: event.joinOptions,
    externalParticipationUrl: event.externalParticipationUrl,
    status: event.status.toUpperCase(),
    'ical:status': event.status.toUpperCase(),
    draft: event.draft,
    inLanguage: event.language,
    isOnline: event.options.isOnline ?? (Boolean(event.onlineAddress) && !address),
    maximumAttendeeCapacity: capacity ?? 0,
    remainingAttendeeCapacity: capacity ? Math.max(0, capacity - event.participantCount) : null,
    participantCount: event.participantCount,
    repliesModerationOption: moderation,
    commentsEnabled: moderation === 'allow_all',
    anonymousParticipationEnabled: event.options.anonymousParticipation ?? false,
    tag: (input.tags ?? []).map((t) => ({ type: 'Hashtag', name: `#${t.slug}`, href: `${base}/tags/${t.slug}` })),
    contacts: (input.contacts ?? []).map((c) => c.apId),
    attachment,
    ...(address ? { location: placeToAp(address) } : {})
  };
}

const JOIN_MODES = ['free', 'restricted', 'invite', 'external'] as const;
const MODERATION = ['allow_all', 'moderated', 'closed'] as const;
const STATUSES = ['tentative', 'confirmed', 'cancelled'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined =>
  typeof value === 'string' && (values as readonly string[]).includes(value.toLowerCase())
    ? (value.toLowerCase() as T)
    : undefined;

function metadataFromAp(value: unknown): EventMetadataEntry | null {
  if (!isObject(value) || value.type !== 'PropertyValue') return null;
  const key = stringOf(value.propertyID);
  const raw = value.value;
  if (!key || key.length > 100 || raw === undefined || raw === null) return null;
  const type =
    typeof raw === 'boolean' ? 'BOOLEAN' : typeof raw === 'number' && Number.isInteger(raw) ? 'INTEGER' : 'STRING';
  return { key, title: stringOf(value.name)?.slice(0, 200) ?? null, value: String(raw).slice(0, 1000), type };
}

/** Mobilizon's banner: the attachment named "Banner", else `image`, else the first picture attached. */
function pictureFromAp(object: Json): string | null {
  const pictures = asArray(object.attachment).filter(
    (a): a is Json =>
      isObject(a) && (a.type === 'Document' || a.type === 'Image') && /^image\//.test(stringOf(a.mediaType) ?? 'image/')
  );
  const banner =
    pictures.find((a) => a.name === 'Banner') ?? (isObject(object.image) ? object.image : undefined) ?? pictures[0];
  const url = banner ? (httpUrlOf(banner.url) ?? httpUrlOf(idOf(banner.url))) : httpUrlOf(object.image);
  return url ?? null;
}

/** The online address: Mobilizon's "Website" link, or FEP-8a8e's VirtualLocation. */
function onlineAddressFromAp(object: Json): string | null {
  const links = asArray(object.attachment).filter((a): a is Json => isObject(a) && a.type === 'Link');
  const website = links.find((l) => l.name === 'Website');
  const fromLink = website ? httpUrlOf(website.href) : undefined;
  if (fromLink) return fromLink;
  const virtual = asArray(object.location).find((l): l is Json => isObject(l) && l.type === 'VirtualLocation');
  return (virtual && (httpUrlOf(virtual.url) ?? httpUrlOf(virtual.href))) ?? null;
}

export type { RemoteEventData };

/**
 * An `Event` object from Mobilizon, Gancio, WordPress or another Convene, as data. Null when it is
 * not an event we can show (no id, no name, no start time, no organizer).
 */
export function eventFromAp(object: Json): RemoteEventData | null {
  if (typeOf(object) !== 'Event') return null;
  const apId = httpUrlOf(object.id);
  const title = textOf(object, 'name')?.trim();
  const beginsOn = dateOf(object.startTime);
  const organizerApId = idsOf(object.actor)[0] ?? idsOf(object.attributedTo)[0];
  if (!apId || !title || !beginsOn || !organizerApId) return null;
  const attributedTo = idsOf(object.attributedTo)[0];
  const endsOn = dateOf(object.endTime) ?? null;
  const zone = stringOf(object.timezone);
  const places = asArray(object.location)
    .map(placeFromAp)
    .filter((p): p is RemotePlace => p !== null);
  const capacity = numberOf(object.maximumAttendeeCapacity);
  const moderation =
    oneOf(MODERATION, object.repliesModerationOption) ??
    (booleanOf(object.commentsEnabled) === false ? 'closed' : 'allow_all');
  const onlineAddress = onlineAddressFromAp(object);
  const category = stringOf(object.category)?.toUpperCase();
  const language =
    stringOf(object.inLanguage) ?? (isObject(object.contentMap) ? Object.keys(object.contentMap)[0] : undefined);
  const uuid = stringOf(object.uuid);
  return {
    apId,
    url: httpUrlOf(idOf(asArray(object.url)[0])) ?? apId,
    uuid: uuid && UUID.test(uuid) ? uuid.toLowerCase() : null,
    title: title.slice(0, 500),
    description: textOf(object, 'content') ?? null,
    beginsOn,
    endsOn: endsOn && endsOn >= beginsOn ? endsOn : null,
    timezone: zone && isTimeZone(zone) ? zone : null,
    status: oneOf(STATUSES, object.status) ?? oneOf(STATUSES, object['ical:status']) ?? 'confirmed',
    visibility: isPublicInTo(object) ? 'public' : 'unlisted',
    joinOptions: oneOf(JOIN_MODES, object.joinMode) ?? 'free',
    externalParticipationUrl: httpUrlOf(object.externalParticipationUrl) ?? null,
    draft: booleanOf(object.draft) === true,
    category: category && (EVENT_CATEGORIES as readonly string[]).includes(category) ? category : 'MEETING',
    language: language && /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(language) ? language.split('-')[0]! : 'und',
    onlineAddress,
    physicalAddress: places[0] ?? null,
    organizerApId,
    attributedToApId: attributedTo && attributedTo !== organizerApId ? attributedTo : null,
    maximumAttendeeCapacity: capacity !== undefined && capacity > 0 ? Math.floor(capacity) : null,
    participantCount: Math.max(0, Math.floor(numberOf(object.participantCount) ?? 0)),
    commentModeration: moderation,
    anonymousParticipation: booleanOf(object.anonymousParticipationEnabled) === true,
    isOnline: booleanOf(object.isOnline) ?? (Boolean(onlineAddress) && places.length === 0),
    tags: asArray(object.tag)
      .filter((t): t is Json => isObject(t) && t.type === 'Hashtag')
      .map((t) => (stringOf(t.name) ?? '').replace(/^#/, ''))
      .filter(Boolean),
    pictureUrl: pictureFromAp(object),
    metadata: asArray(object.attachment)
      .map(metadataFromAp)
      .filter((m): m is EventMetadataEntry => m !== null)
      .slice(0, 20),
    contactApIds: idsOf(object.contacts).slice(0, 20),
    publishedAt: dateOf(object.published) ?? null,
    updatedAt: dateOf(object.updated) ?? dateOf(object.published) ?? null
  };
}

import type { Actor } from '../../db/schema/actors.ts';
import type { Address, Event } from '../../db/schema/events.ts';
import { toZonedIsoString } from '../../../time/zoned-time.ts';
import { MOBILIZON_CONTEXT, PUBLIC_COLLECTION } from './context.ts';

/** In the event's zone with its offset, as Mobilizon sends it; in UTC when the event has no zone. */
const zoned = (instant: Date, zone: string | null) =>
  zone ? toZonedIsoString(instant, zone) : instant.toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface EventApInput {
  event: Event;
  organizer: Actor;
  attributedTo: Actor | null;
  address: Address | null;
}

function placeToAp(address: Address) {
  return {
    type: 'Place',
    id: address.url,
    name: address.description,
    address: {
      type: 'PostalAddress',
      streetAddress: address.street,
      postalCode: address.postalCode,
      addressLocality: address.locality,
      addressRegion: address.region,
      addressCountry: address.country
    },
    ...(address.latitude !== null && address.longitude !== null
      ? { latitude: address.latitude, longitude: address.longitude }
      : {})
  };
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

/** The Event as Mobilizon publishes it (activitypub.md §7), with the context at the top. */
export function eventToAp(input: EventApInput): Record<string, unknown> {
  const { event, organizer, attributedTo, address } = input;
  const owner = attributedTo ?? organizer;
  const isPublic = event.visibility === 'public';
  const capacity = event.options.maximumAttendeeCapacity;
  const moderation = event.options.commentModeration ?? 'allow_all';
  const attachment: Record<string, unknown>[] = [];
  if (event.onlineAddress) {
    attachment.push({ type: 'Link', href: event.onlineAddress, mediaType: 'text/html', name: 'Website' });
  }
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
    cc: isPublic ? [organizer.followersUrl].filter(Boolean) : [PUBLIC_COLLECTION],
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
    commentsEnabled: moderation !== 'closed',
    anonymousParticipationEnabled: event.options.anonymousParticipation ?? false,
    tag: [],
    contacts: [],
    attachment,
    ...(address ? { location: placeToAp(address) } : {})
  };
}

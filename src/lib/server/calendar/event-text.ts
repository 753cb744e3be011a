import type { Address, Event } from '../db/schema/events.ts';

/** One event of a calendar or a feed, with its place when it has one. */
export interface CalendarEntry {
  event: Event;
  address: Address | null;
}

/** An address on one line: place name, street, postal code and town, region, country. */
export function addressLine(address: Address | null | undefined): string {
  if (!address) return '';
  const town = [address.postalCode, address.locality].filter(Boolean).join(' ');
  const parts = [address.description, address.street, town, address.region, address.country]
    .map((part) => part?.trim())
    .filter((part): part is string => Boolean(part));
  return [...new Set(parts)].join(', ');
}

/** Where the event happens: its address, else its online address. */
export const locationOf = ({ event, address }: CalendarEntry) => addressLine(address) || event.onlineAddress || '';

/** The zone an event's times are written in (the event's, else its place's), or null for UTC. */
export const timeZoneOf = ({ event, address }: CalendarEntry) => event.timezone || address?.timezone || null;

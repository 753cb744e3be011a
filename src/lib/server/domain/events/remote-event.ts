import type { Address, EventMetadataEntry } from '../../db/schema/events.ts';

/** A place received from another server. */
export interface RemotePlace {
  description: string | null;
  street: string | null;
  locality: string | null;
  postalCode: string | null;
  region: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  /** The place's id on its server. */
  originId: string | null;
}

/** An event received from another server, as the federation converter read it (nothing checked yet). */
export interface RemoteEventData {
  apId: string;
  url: string;
  /** The uuid it has on its server, reused locally when free. */
  uuid: string | null;
  title: string;
  description: string | null;
  beginsOn: Date;
  endsOn: Date | null;
  timezone: string | null;
  status: 'tentative' | 'confirmed' | 'cancelled';
  visibility: 'public' | 'unlisted';
  joinOptions: 'free' | 'restricted' | 'invite' | 'external';
  externalParticipationUrl: string | null;
  draft: boolean;
  category: string;
  language: string;
  onlineAddress: string | null;
  physicalAddress: RemotePlace | null;
  organizerApId: string;
  attributedToApId: string | null;
  maximumAttendeeCapacity: number | null;
  participantCount: number;
  commentModeration: 'allow_all' | 'moderated' | 'closed';
  anonymousParticipation: boolean;
  isOnline: boolean;
  tags: string[];
  pictureUrl: string | null;
  metadata: EventMetadataEntry[];
  contactApIds: string[];
  publishedAt: Date | null;
  updatedAt: Date | null;
}

/** Whether a stored address already says what a received place says (nothing to change). */
export const samePlace = (a: Address | undefined, b: RemotePlace | null): boolean =>
  (!a && !b) ||
  (a !== undefined &&
    b !== null &&
    a.description === b.description &&
    a.street === b.street &&
    a.locality === b.locality &&
    a.postalCode === b.postalCode &&
    a.region === b.region &&
    a.country === b.country &&
    a.latitude === b.latitude &&
    a.longitude === b.longitude);

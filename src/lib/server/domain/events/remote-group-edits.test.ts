import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../core/errors.ts';
import type { Address, Event } from '../../db/schema/events.ts';
import type { RemoteEventData, RemotePlace } from './remote-event.ts';
import { changesFromRemoteEvent, forRemoteCopy } from './remote-group-edits.ts';

const place: RemotePlace = {
  description: 'Town hall',
  street: '1 Main St',
  locality: 'Lyon',
  postalCode: '69001',
  region: null,
  country: 'France',
  latitude: 45.76,
  longitude: 4.83,
  originId: 'https://a.example/address/1'
};
const stored = { ...place, id: 3 } as unknown as Address;

const data = (overrides: Partial<RemoteEventData> = {}): RemoteEventData => ({
  apId: 'https://a.example/events/1',
  url: 'https://a.example/events/1',
  uuid: null,
  title: 'Spring clean-up',
  description: '<p>Gloves</p>',
  beginsOn: new Date('2036-05-01T10:00:00Z'),
  endsOn: null,
  timezone: 'Europe/Paris',
  status: 'confirmed',
  visibility: 'public',
  joinOptions: 'free',
  externalParticipationUrl: null,
  draft: false,
  category: 'MEETING',
  language: 'en',
  onlineAddress: null,
  physicalAddress: place,
  organizerApId: 'https://a.example/@rose',
  attributedToApId: 'https://a.example/@group',
  maximumAttendeeCapacity: null,
  participantCount: 1,
  commentModeration: 'allow_all',
  anonymousParticipation: false,
  isOnline: false,
  tags: ['garden'],
  pictureUrl: null,
  metadata: [],
  contactApIds: [],
  publishedAt: null,
  updatedAt: null,
  ...overrides
});

describe('a remote moderator’s version of our event, as changes', () => {
  it('keeps a restricted or private visibility, and follows a change between public and unlisted', () => {
    expect(
      changesFromRemoteEvent(data({ visibility: 'unlisted' }), { visibility: 'private' }, stored)
    ).not.toHaveProperty('visibility');
    expect(
      changesFromRemoteEvent(data({ visibility: 'unlisted' }), { visibility: 'restricted' }, stored)
    ).not.toHaveProperty('visibility');
    expect(changesFromRemoteEvent(data({ visibility: 'unlisted' }), { visibility: 'public' }, stored).visibility).toBe(
      'unlisted'
    );
    expect(changesFromRemoteEvent(data(), { visibility: 'unlisted' }, stored).visibility).toBe('public');
  });

  it('leaves the place alone when it is the same, removes it when gone, and drops what we cannot take', () => {
    const same = changesFromRemoteEvent(
      data({ category: 'NOT_A_CATEGORY', timezone: 'Mars/Olympus' }),
      { visibility: 'public' },
      stored
    );
    expect(same.physicalAddress).toBeUndefined();
    expect(same).not.toHaveProperty('category');
    expect(same.options?.timezone).toBeUndefined();
    expect(
      changesFromRemoteEvent(data({ physicalAddress: null }), { visibility: 'public' }, stored).physicalAddress
    ).toBeNull();
    const moved = changesFromRemoteEvent(
      data({ physicalAddress: { ...place, locality: 'Paris' } }),
      { visibility: 'public' },
      stored
    );
    expect(moved.physicalAddress).toMatchObject({ locality: 'Paris', geom: '4.83;45.76' });
  });
});

describe('a change of our copy of a remote group’s event', () => {
  const current = { pictureId: 5, attributedToId: 9 } as Event;
  const refused = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return isDomainError(error) ? error.field : 'not a domain error';
    }
    return null;
  };

  it('refuses a new picture and another group, keeps the same picture, and leaves contacts and phone alone', () => {
    expect(refused(() => forRemoteCopy({ picture: null }, current))).toBe('picture');
    expect(refused(() => forRemoteCopy({ picture: { mediaId: 6 } }, current))).toBe('picture');
    expect(refused(() => forRemoteCopy({ attributedToId: 10 }, current))).toBe('attributedToId');
    expect(
      forRemoteCopy(
        { title: 'New', picture: { mediaId: 5 }, attributedToId: 9, contactActorIds: [1], phoneAddress: '1' },
        current
      )
    ).toEqual({ title: 'New' });
  });
});

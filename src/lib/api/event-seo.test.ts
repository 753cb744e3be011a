import { describe, expect, it } from 'vitest';
import { attendanceMode, eventJsonLd, eventMetaTags, htmlToText, parsePoint, serializeJsonLd } from './event-seo.ts';
import type { EventDetails } from './events.ts';

const base: EventDetails = {
  id: '1',
  uuid: '0b6f5a52-8c1e-4f7e-9f52-1f7b1d0c2a11',
  url: 'https://convene.example/events/0b6f5a52-8c1e-4f7e-9f52-1f7b1d0c2a11',
  title: 'Climate march',
  description: '<p>Bring <strong>signs</strong> &amp; water.</p><p>Meet&nbsp;at noon.</p>',
  beginsOn: '2026-03-14T13:00:00Z',
  endsOn: '2026-03-14T16:00:00Z',
  status: 'CONFIRMED',
  visibility: 'PUBLIC',
  draft: false,
  onlineAddress: null,
  language: 'fr',
  picture: null,
  tags: [{ id: '1', slug: 'climate', title: 'climate' }],
  options: {
    timezone: 'Europe/Paris',
    maximumAttendeeCapacity: 0,
    remainingAttendeeCapacity: 0,
    showRemainingAttendeeCapacity: false,
    hideNumberOfParticipants: false
  },
  joinOptions: 'FREE',
  externalParticipationUrl: null,
  participantStats: null,
  physicalAddress: {
    geom: '2.3635;48.8674',
    description: 'Place de la République',
    street: '1 place de la République',
    locality: 'Paris',
    postalCode: '75003',
    country: 'France'
  },
  organizerActor: {
    id: '7',
    preferredUsername: 'alix',
    name: 'Alix',
    domain: null,
    url: 'https://convene.example/@alix'
  }
};
const pageUrl = 'https://convene.example/events/0b6f5a52-8c1e-4f7e-9f52-1f7b1d0c2a11';

describe('eventJsonLd', () => {
  it('describes a place with its address, coordinates and times at the event’s offset', () => {
    const ld = eventJsonLd(base, pageUrl);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: 'Climate march',
      description: 'Bring signs & water. Meet at noon.',
      startDate: '2026-03-14T14:00:00+01:00',
      endDate: '2026-03-14T17:00:00+01:00',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: {
        '@type': 'Place',
        name: 'Place de la République',
        address: {
          '@type': 'PostalAddress',
          streetAddress: '1 place de la République',
          addressLocality: 'Paris',
          postalCode: '75003',
          addressCountry: 'France'
        },
        geo: { '@type': 'GeoCoordinates', latitude: 48.8674, longitude: 2.3635 }
      },
      organizer: { '@type': 'Person', name: 'Alix', url: 'https://convene.example/@alix' },
      inLanguage: 'fr',
      keywords: 'climate',
      url: pageUrl
    });
    expect(ld).not.toHaveProperty('image');
  });

  it('uses the summer offset in summer and UTC without a valid zone', () => {
    const summer = eventJsonLd({ ...base, beginsOn: '2026-07-01T08:00:00Z', endsOn: null }, pageUrl);
    expect(summer.startDate).toBe('2026-07-01T10:00:00+02:00');
    expect(summer).not.toHaveProperty('endDate');
    const noZone = eventJsonLd({ ...base, options: { ...base.options!, timezone: 'Mars/Olympus' } }, pageUrl);
    expect(noZone.startDate).toBe('2026-03-14T13:00:00Z'.replace('Z', '+00:00'));
  });

  it('is online with a VirtualLocation, mixed with both, cancelled when cancelled', () => {
    const online = { ...base, physicalAddress: null, onlineAddress: 'https://meet.example/room' };
    expect(attendanceMode(online)).toBe('Online');
    expect(eventJsonLd(online, pageUrl).location).toEqual({
      '@type': 'VirtualLocation',
      url: 'https://meet.example/room'
    });
    const mixed = { ...base, onlineAddress: 'https://meet.example/room', status: 'CANCELLED' as const };
    const ld = eventJsonLd(mixed, pageUrl);
    expect(ld.eventAttendanceMode).toBe('https://schema.org/MixedEventAttendanceMode');
    expect(ld.eventStatus).toBe('https://schema.org/EventCancelled');
    expect(Array.isArray(ld.location) && ld.location.map((l) => (l as { '@type': string })['@type'])).toEqual([
      'Place',
      'VirtualLocation'
    ]);
    expect(attendanceMode({ ...base, onlineAddress: 'javascript:alert(1)' })).toBe('Offline');
  });

  it('carries the picture only when it is a web URL', () => {
    const withPicture = { ...base, picture: { id: '3', url: 'https://convene.example/media/a.webp', alt: 'A crowd' } };
    expect(eventJsonLd(withPicture, pageUrl).image).toEqual(['https://convene.example/media/a.webp']);
    const bad = { ...base, picture: { id: '3', url: 'data:image/png;base64,AAAA', alt: null } };
    expect(eventJsonLd(bad, pageUrl)).not.toHaveProperty('image');
  });
});

describe('serializeJsonLd', () => {
  it('cannot be broken out of by a title closing the script element', () => {
    const title = '</script><script>alert(1)</script><!-- & \u2028';
    const json = serializeJsonLd(eventJsonLd({ ...base, title }, pageUrl));
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect((JSON.parse(json) as { name: string }).name).toBe(title);
  });
});

describe('eventMetaTags', () => {
  it('gives the Open Graph title, description, url and image', () => {
    const tags = eventMetaTags(
      { ...base, picture: { id: '3', url: 'https://convene.example/media/a.webp', alt: 'A crowd' } },
      pageUrl,
      'Convene'
    );
    const get = (key: string) => tags.find((t) => t.property === key || t.name === key)?.content;
    expect(get('og:title')).toBe('Climate march');
    expect(get('og:type')).toBe('website');
    expect(get('og:url')).toBe(pageUrl);
    expect(get('og:description')).toBe('Bring signs & water. Meet at noon.');
    expect(get('description')).toBe('Bring signs & water. Meet at noon.');
    expect(get('og:image')).toBe('https://convene.example/media/a.webp');
    expect(get('og:image:alt')).toBe('A crowd');
  });

  it('leaves out the image and the description when there are none', () => {
    const tags = eventMetaTags({ ...base, description: null }, pageUrl, 'Convene');
    expect(tags.map((t) => t.property ?? t.name)).toEqual([
      'og:type',
      'og:title',
      'og:url',
      'og:site_name',
      'twitter:card'
    ]);
  });
});

describe('htmlToText and parsePoint', () => {
  it('cuts long text on a word boundary and decodes entities', () => {
    expect(htmlToText('<p>one two three four five six</p>', 16)).toBe('one two three…');
    expect(htmlToText('&#x41;&#66;&lt;&unknown;')).toBe('AB<&unknown;');
  });
  it('reads "longitude;latitude" and refuses nonsense', () => {
    expect(parsePoint('2.35;48.85')).toEqual({ latitude: 48.85, longitude: 2.35 });
    expect(parsePoint('200;10')).toBeNull();
    expect(parsePoint('a;b')).toBeNull();
    expect(parsePoint(null)).toBeNull();
  });
});

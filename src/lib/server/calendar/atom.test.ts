import { describe, expect, it } from 'vitest';
import type { Event } from '../db/schema/events.ts';
import { childNamed, childrenNamed, parseXml } from '../../../../tests/helpers/xml.ts';
import { escapeXml, eventsToAtom } from './atom.ts';

const event = (over: Partial<Event>): Event =>
  ({
    url: 'https://convene.example/events/1',
    title: 'Title',
    description: null,
    beginsOn: new Date('2026-06-20T17:00:00Z'),
    endsOn: null,
    timezone: 'Europe/Paris',
    status: 'confirmed',
    onlineAddress: null,
    publishedAt: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-02T00:00:00Z'),
    ...over
  }) as Event;

const options = {
  id: 'https://convene.example/events/going/abc/atom',
  title: 'Mine <&> "all"',
  selfUrl: 'https://convene.example/events/going/abc/atom?a=1&b=2',
  author: "O'Brien & co",
  emptyUpdated: new Date('2025-05-05T00:00:00Z')
};

describe('escapeXml', () => {
  it('escapes markup and quotes, and drops characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">&'\u0000\u0008\uFFFF\uD800ok`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;ok');
    expect(escapeXml('emoji 🎉 stays')).toBe('emoji 🎉 stays');
  });
});

describe('eventsToAtom', () => {
  it('is well-formed XML whatever the titles and texts hold', () => {
    const xml = eventsToAtom(
      [
        {
          event: event({
            title: '<script>alert("x")</script> & </title><evil/>',
            description: '<p>Fish &amp; chips <em>&lt;tonight&gt;</em></p>\u0007'
          }),
          address: null
        },
        {
          event: event({
            url: 'https://convene.example/events/2?x=1&y=<2>',
            title: 'Second',
            status: 'cancelled',
            updatedAt: new Date('2026-03-01T00:00:00Z')
          }),
          address: null
        }
      ],
      options
    );
    const feed = parseXml(xml);
    expect(feed.name).toBe('feed');
    expect(childNamed(feed, 'title')?.text).toBe('Mine <&> "all"');
    expect(childNamed(feed, 'author')?.children[0]?.text).toBe("O'Brien & co");
    expect(childNamed(feed, 'updated')?.text).toBe('2026-03-01T00:00:00.000Z');
    expect(childrenNamed(feed, 'link')[0]?.attributes).toEqual({
      rel: 'self',
      type: 'application/atom+xml',
      href: options.selfUrl
    });
    const [first, second] = childrenNamed(feed, 'entry');
    expect(childNamed(first!, 'title')?.text).toBe('<script>alert("x")</script> & </title><evil/>');
    expect(childNamed(first!, 'summary')?.text).toBe('2026-06-20 19:00 (Europe/Paris)\n\nFish & chips <tonight>');
    expect(childNamed(first!, 'content')?.text).toBe('<p>Fish &amp; chips <em>&lt;tonight&gt;</em></p>');
    expect(childNamed(second!, 'link')?.attributes.href).toBe('https://convene.example/events/2?x=1&y=<2>');
    expect(childNamed(second!, 'summary')?.text).toContain('(cancelled)');
  });

  it('is a valid empty feed when there are no events', () => {
    const feed = parseXml(eventsToAtom([], options));
    expect(childrenNamed(feed, 'entry')).toEqual([]);
    expect(childNamed(feed, 'updated')?.text).toBe('2025-05-05T00:00:00.000Z');
  });

  it('the test reader refuses what is not well-formed', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a>fish & chips</a>')).toThrow();
    expect(() => parseXml('<a x=1/>')).toThrow();
    expect(() => parseXml('<a>x</a><b/>')).toThrow();
  });
});

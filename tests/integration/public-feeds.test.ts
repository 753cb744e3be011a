import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { childNamed, childrenNamed, parseXml } from '../helpers/xml.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(async () => t?.stop());

const nextYear = new Date().getUTCFullYear() + 1;
const get = (path: string, init: RequestInit = {}) =>
  t.app.handle(new Request(`${t.baseUrl}${path}`, init)) as Promise<Response>;

/** Summary and start instant of each VEVENT, parsed by an iCalendar library. */
function parsedEvents(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return { summary: event.summary, start: event.startDate.toJSDate().toISOString() };
  });
}

async function organizer() {
  const made = await createUserWithProfile(t.app);
  const event = (
    title: string,
    beginsOn: Date,
    extra: Partial<Parameters<typeof t.app.services.events.createEvent>[1]> = {}
  ) =>
    t.app.services.events.createEvent(made.user.id, { organizerActorId: made.profile.id, title, beginsOn, ...extra });
  return { ...made, event };
}

describe('public calendar feeds', () => {
  it("lists the instance's upcoming public events, zoned, and never drafts, unlisted, private or past ones", async () => {
    const rose = await organizer();
    const tag = `${Date.now()}`;
    await rose.event(`Choir ${tag}`, new Date(Date.UTC(nextYear, 2, 14, 17, 30)), {
      options: { timezone: 'Europe/Paris' }
    });
    await rose.event(`Draft ${tag}`, new Date(Date.UTC(nextYear, 2, 15, 10)), { draft: true });
    await rose.event(`Unlisted ${tag}`, new Date(Date.UTC(nextYear, 2, 16, 10)), { visibility: 'unlisted' });
    await rose.event(`Private ${tag}`, new Date(Date.UTC(nextYear, 2, 17, 10)), { visibility: 'private' });
    await rose.event(`Past ${tag}`, new Date(Date.UTC(2020, 2, 17, 10)));

    const ics = await get('/feed/instance/ics');
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const mine = parsedEvents(await ics.text()).filter((e) => e.summary.endsWith(tag));
    expect(mine).toEqual([{ summary: `Choir ${tag}`, start: `${nextYear}-03-14T17:30:00.000Z` }]);

    const atom = await get('/feed/instance/atom');
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const titles = childrenNamed(parseXml(await atom.text()), 'entry').map((entry) => childNamed(entry, 'title')?.text);
    expect(titles).toContain(`Choir ${tag}`);
    expect(titles.filter((title) => title?.endsWith(tag))).toHaveLength(1);
  });

  it("gives each local profile's public events, 404 for unknown profiles, and 304 when unchanged", async () => {
    const rose = await organizer();
    const other = await organizer();
    await rose.event('Rose’s workshop', new Date(Date.UTC(nextYear, 4, 1, 9)));
    await other.event('Someone else’s talk', new Date(Date.UTC(nextYear, 4, 2, 9)));

    const response = await get(`/@${rose.profile.preferredUsername}/feed/ics`);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(parsedEvents(body).map((e) => e.summary)).toEqual(['Rose’s workshop']);
    const etag = response.headers.get('etag')!;
    expect(
      (await get(`/@${rose.profile.preferredUsername}/feed/ics`, { headers: { 'if-none-match': etag } })).status
    ).toBe(304);
    expect((await get('/@nobody_here_at_all/feed/ics')).status).toBe(404);
    // Another format is not a feed: the request goes on to the pages.
    expect(await get(`/@${rose.profile.preferredUsername}/feed/rss`)).toBeUndefined();
  });
});

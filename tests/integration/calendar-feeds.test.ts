import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Event } from '#lib/server/db/schema/events.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { childNamed, childrenNamed, parseXml } from '../helpers/xml.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(async () => t?.stop());

const DAY = 24 * 3600 * 1000;
const nextYear = new Date().getUTCFullYear() + 1;

const feed = (token: string, format: 'ics' | 'atom', init: RequestInit = {}) =>
  t.app.handle(new Request(`${t.baseUrl}/events/going/${token}/${format}`, init)) as Promise<Response>;

/** The VEVENTs of an iCalendar text, folded lines joined, each as its property lines. */
function vevents(ics: string): string[][] {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const out: string[][] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = [];
    else if (line === 'END:VEVENT' && current) {
      out.push(current);
      current = null;
    } else current?.push(line);
  }
  return out;
}
const prop = (event: string[], name: string) => event.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));

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

async function takePart(event: Event, actorId: number, role: string) {
  await t.app.database.pool.query(
    'insert into participants (event_id, actor_id, role, ap_id) values ($1, $2, $3, $4)',
    [event.id, actorId, role, `${t.baseUrl}/join/event/${randomUUID()}`]
  );
}

describe('event creation', () => {
  it("records the organizer's participation as creator, with a participation URL", async () => {
    const alice = await organizer();
    const event = await alice.event('Picnic', new Date(Date.UTC(nextYear, 5, 20, 10)));
    const { rows } = await t.app.database.pool.query(
      'select actor_id, role, ap_id from participants where event_id = $1',
      [event.id]
    );
    expect(rows).toEqual([
      {
        actor_id: String(alice.profile.id),
        role: 'creator',
        ap_id: expect.stringMatching(/\/join\/event\/[0-9a-f-]{36}$/)
      }
    ]);
    expect(rows[0].ap_id.startsWith(`${t.baseUrl}/`)).toBe(true);
  });
});

describe('private calendar feeds', () => {
  it("lists the events one takes part in, zoned, and nobody else's, no drafts, nothing long past", async () => {
    const alice = await organizer();
    const concert = await alice.event('Concert, jazz; and \\ more', new Date(Date.UTC(nextYear, 5, 20, 17)), {
      endsOn: new Date(Date.UTC(nextYear, 5, 20, 19)),
      description: '<p>Bring <b>friends</b> &amp; snacks</p>',
      physicalAddress: { description: 'Le Club', street: '1 rue de la Paix', locality: 'Paris', postalCode: '75002' },
      options: { timezone: 'Europe/Paris' }
    });
    const utcEvent = await alice.event('Online meeting', new Date(Date.now() + 3 * DAY), {
      onlineAddress: 'https://meet.example.org/room'
    });
    const recent = await alice.event('Last week', new Date(Date.now() - 7 * DAY));
    await alice.event('Long ago', new Date(Date.now() - 60 * DAY));
    await alice.event('Secret draft', new Date(Date.now() + 5 * DAY), { draft: true });

    const bob = await organizer();
    const bobs = await bob.event('Bob only', new Date(Date.now() + 4 * DAY));
    const joined = await bob.event('Bob with Alice', new Date(Date.now() + 6 * DAY));
    await takePart(joined, alice.profile.id, 'participant');
    const pending = await bob.event('Alice pending', new Date(Date.now() + 7 * DAY));
    await takePart(pending, alice.profile.id, 'not_approved');

    const token = (await t.app.services.feedTokens.create(alice.user.id)).token;
    const response = await feed(token, 'ics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');
    const ics = await response.text();
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);

    const events = vevents(ics);
    expect(events.map((e) => prop(e, 'UID'))).toEqual([recent, utcEvent, joined, concert].map((e) => `UID:${e.url}`));
    const paris = events[3]!;
    expect(prop(paris, 'DTSTART')).toBe(`DTSTART;TZID=Europe/Paris:${nextYear}0620T190000`);
    expect(prop(paris, 'DTEND')).toBe(`DTEND;TZID=Europe/Paris:${nextYear}0620T210000`);
    expect(prop(paris, 'SUMMARY')).toBe('SUMMARY:Concert\\, jazz\\; and \\\\ more');
    expect(prop(paris, 'DESCRIPTION')).toBe('DESCRIPTION:Bring friends & snacks');
    // The town typed was found: its country joins the address.
    expect(prop(paris, 'LOCATION')).toBe('LOCATION:Le Club\\, 1 rue de la Paix\\, 75002 Paris\\, France');
    expect(prop(paris, 'STATUS')).toBe('STATUS:CONFIRMED');
    expect(prop(paris, 'URL')).toBe(`URL;VALUE=URI:${concert.url}`);
    expect(ics).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris\r\n[\s\S]*?TZOFFSETTO:\+0200[\s\S]*?END:VTIMEZONE/);
    const online = events[1]!;
    expect(prop(online, 'DTSTART')).toMatch(/^DTSTART:\d{8}T\d{6}Z$/);
    expect(prop(online, 'LOCATION')).toBe('LOCATION:https://meet.example.org/room');
    expect(ics).not.toMatch(/Bob only|Alice pending|Long ago|Secret draft/);
    expect(ics).not.toContain(bobs.url);

    const atom = await feed(token, 'atom');
    expect(atom.status).toBe(200);
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const root = parseXml(await atom.text());
    expect(root.name).toBe('feed');
    expect(root.attributes.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(childNamed(root, 'id')?.text).toBe(`${t.baseUrl}/events/going/${token}/atom`);
    expect(childNamed(root, 'title')?.text).toContain('My events');
    expect(childNamed(root, 'updated')?.text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    expect(childrenNamed(root, 'link').find((l) => l.attributes.rel === 'self')?.attributes.href).toBe(
      `${t.baseUrl}/events/going/${token}/atom`
    );
    const entries = childrenNamed(root, 'entry');
    expect(entries.map((e) => childNamed(e, 'title')?.text)).toEqual([
      'Last week',
      'Online meeting',
      'Bob with Alice',
      'Concert, jazz; and \\ more'
    ]);
    const concertEntry = entries[3]!;
    expect(childNamed(concertEntry, 'id')?.text).toBe(concert.url);
    expect(childNamed(concertEntry, 'link')?.attributes.href).toBe(concert.url);
    expect(childNamed(concertEntry, 'summary')?.text).toContain(`${nextYear}-06-20 19:00 (Europe/Paris)`);
    expect(childNamed(concertEntry, 'summary')?.text).toContain('Bring friends & snacks');
  });

  it("a profile's feed lists only that profile's events", async () => {
    const alice = await organizer();
    const other = await t.app.services.actors.createPerson(alice.user.id, {
      preferredUsername: `alice_other_${alice.user.id}`,
      name: 'Other me'
    });
    await alice.event('As first profile', new Date(Date.now() + DAY));
    await t.app.services.events.createEvent(alice.user.id, {
      organizerActorId: other.id,
      title: 'As second profile',
      beginsOn: new Date(Date.now() + 2 * DAY)
    });
    const account = await (await feed((await t.app.services.feedTokens.create(alice.user.id)).token, 'ics')).text();
    expect(vevents(account)).toHaveLength(2);
    const profileToken = (await t.app.services.feedTokens.create(alice.user.id, other.id)).token;
    const own = vevents(await (await feed(profileToken, 'ics')).text());
    expect(own.map((e) => prop(e, 'SUMMARY'))).toEqual(['SUMMARY:As second profile']);
    const atom = parseXml(await (await feed(profileToken, 'atom')).text());
    expect(childNamed(atom, 'title')?.text).toContain('Other me');

    // A deleted profile's feed is gone.
    await t.app.services.actors.deletePerson(alice.user.id, other.id);
    expect((await feed(profileToken, 'ics')).status).toBe(404);
  });

  it('answers unknown, deleted and disabled-account tokens with the same bare 404', async () => {
    const alice = await organizer();
    await alice.event('Something', new Date(Date.now() + DAY));
    const unknown = await feed('7cYmK3NpQr8sTuVwXyZa2b', 'ics');
    expect(unknown.status).toBe(404);
    const unknownBody = await unknown.text();
    expect((await feed('not a token!', 'atom')).status).toBe(404);

    const token = (await t.app.services.feedTokens.create(alice.user.id)).token;
    expect((await feed(token, 'ics')).status).toBe(200);
    await t.app.services.feedTokens.delete(alice.user.id, token);
    const deleted = await feed(token, 'ics');
    expect(deleted.status).toBe(404);
    expect(await deleted.text()).toBe(unknownBody);

    const kept = (await t.app.services.feedTokens.create(alice.user.id)).token;
    await t.app.database.pool.query('update users set disabled = true where id = $1', [alice.user.id]);
    const disabled = await feed(kept, 'atom');
    expect(disabled.status).toBe(404);
    expect(await disabled.text()).toBe(unknownBody);
  });

  it('answers a repeated request with 304 when nothing changed, and HEAD without a body', async () => {
    const alice = await organizer();
    await alice.event('Cached', new Date(Date.now() + DAY));
    const token = (await t.app.services.feedTokens.create(alice.user.id)).token;
    const first = await feed(token, 'ics');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await feed(token, 'ics', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    await alice.event('New one', new Date(Date.now() + 2 * DAY));
    const changed = await feed(token, 'ics', { headers: { 'if-none-match': etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const head = await feed(token, 'atom', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(() => t?.stop());

const exportOf = (uuid: string) => t.app.handle(new Request(`${t.baseUrl}/events/${uuid}/export/ics`));

describe('one event as an iCalendar file', () => {
  it('parses back with an ICS parser to the same instants, in the event’s zone', async () => {
    const rose = await createUserWithProfile(t.app);
    const event = await t.app.services.events.createEvent(rose.user.id, {
      organizerActorId: rose.profile.id,
      title: 'Marche pour le climat, Lyon',
      description: '<p>Départ <strong>place Bellecour</strong>; bring signs</p>',
      // 14:00 in Lyon on a summer day is 12:00 UTC.
      beginsOn: new Date('2026-06-20T12:00:00Z'),
      endsOn: new Date('2026-06-20T15:30:00Z'),
      physicalAddress: { description: 'Place Bellecour', locality: 'Lyon', country: 'France' },
      options: { timezone: 'Europe/Paris' }
    });
    const response = await exportOf(event.uuid);
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response?.headers.get('content-disposition')).toContain('Marche-pour-le-climat-Lyon.ics');
    const text = await response!.text();
    expect(text).toContain('DTSTART;TZID=Europe/Paris:20260620T140000');

    const calendar = new ICAL.Component(ICAL.parse(text));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const vevent = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(vevent.summary).toBe('Marche pour le climat, Lyon');
    expect(vevent.startDate.toJSDate().toISOString()).toBe('2026-06-20T12:00:00.000Z');
    expect(vevent.endDate.toJSDate().toISOString()).toBe('2026-06-20T15:30:00.000Z');
    expect(vevent.location).toContain('Place Bellecour');
    expect(vevent.description).toContain('Départ place Bellecour; bring signs');
    expect(vevent.uid).toBe(event.url);
  });

  it('gives nothing for drafts, private events and unknown ids', async () => {
    const rose = await createUserWithProfile(t.app);
    const draft = await t.app.services.events.createEvent(rose.user.id, {
      organizerActorId: rose.profile.id,
      title: 'Not yet',
      beginsOn: new Date('2026-07-01T10:00:00Z'),
      draft: true
    });
    const hidden = await t.app.services.events.createEvent(rose.user.id, {
      organizerActorId: rose.profile.id,
      title: 'Family only',
      beginsOn: new Date('2026-07-01T10:00:00Z'),
      visibility: 'private'
    });
    for (const uuid of [draft.uuid, hidden.uuid, '00000000-0000-4000-8000-000000000000']) {
      expect((await exportOf(uuid))?.status).toBe(404);
    }
  });
});

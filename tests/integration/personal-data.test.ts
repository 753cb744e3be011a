import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs } from '../helpers/graphql.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(async () => t?.stop());

const download = (token?: string) =>
  t.app.handle(
    new Request(`${t.baseUrl}/export/personal-data.json`, {
      headers: token ? { authorization: `Bearer ${token}` } : {}
    })
  );

describe('personal data export', () => {
  it("gives a signed-in person everything about them, and nothing secret or someone else's", async () => {
    const rose = await createUserWithProfile(t.app, { username: 'rose_export' });
    await t.app.services.actors.createPerson(rose.user.id, {
      preferredUsername: 'rose_activist',
      name: 'Rose (activism)'
    });
    await t.app.services.events.createEvent(rose.user.id, {
      organizerActorId: rose.profile.id,
      title: 'Birthday picnic',
      beginsOn: new Date('2026-06-20T10:00:00Z'),
      physicalAddress: { description: 'The park', locality: 'Lyon' },
      options: { timezone: 'Europe/Paris' }
    });
    const other = await createUserWithProfile(t.app, { username: 'leo_export' });
    await t.app.services.events.createEvent(other.user.id, {
      organizerActorId: other.profile.id,
      title: 'Not Rose’s',
      beginsOn: new Date('2026-06-21T10:00:00Z')
    });

    const session = await clientAs(t.app, rose.email, rose.password);
    const response = await download(session.accessToken);
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-disposition')).toMatch(
      /attachment; filename="convene-personal-data-\d{4}-\d{2}-\d{2}\.json"/
    );
    const text = await response!.text();
    const data = JSON.parse(text);
    expect(data.account).toMatchObject({ email: rose.email, role: 'user' });
    expect(data.profiles.map((p: { username: string }) => p.username)).toEqual(['rose_export', 'rose_activist']);
    expect(data.organizedEvents).toEqual([
      expect.objectContaining({
        organizer: 'rose_export',
        title: 'Birthday picnic',
        timezone: 'Europe/Paris',
        place: expect.objectContaining({ locality: 'Lyon' })
      })
    ]);
    expect(text).not.toMatch(/argon2|PRIVATE KEY|passwordHash|leo_export|Not Rose/);
  });

  it('includes participations and calendar feed tokens', async () => {
    const mia = await createUserWithProfile(t.app, { username: 'mia_export' });
    const event = await t.app.services.events.createEvent(mia.user.id, {
      organizerActorId: mia.profile.id,
      title: 'Choir rehearsal',
      beginsOn: new Date('2026-09-01T18:00:00Z')
    });
    const accountFeed = await t.app.services.feedTokens.create(mia.user.id);
    const profileFeed = await t.app.services.feedTokens.create(mia.user.id, mia.profile.id);
    const other = await createUserWithProfile(t.app, { username: 'noa_export' });
    const othersFeed = await t.app.services.feedTokens.create(other.user.id);

    const session = await clientAs(t.app, mia.email, mia.password);
    const text = await (await download(session.accessToken))!.text();
    const data = JSON.parse(text);
    expect(data.participations).toEqual([
      expect.objectContaining({
        profile: 'mia_export',
        role: 'creator',
        event: expect.objectContaining({ title: 'Choir rehearsal', url: event.url })
      })
    ]);
    expect(data.feedTokens).toEqual([
      expect.objectContaining({ token: accountFeed.token, profile: null }),
      expect.objectContaining({ token: profileFeed.token, profile: 'mia_export' })
    ]);
    expect(text).not.toContain(othersFeed.token);
  });

  it('includes the settings and the pictures', async () => {
    const ada = await createUserWithProfile(t.app, { username: 'ada_export' });
    await t.app.services.settings.update(ada.user.id, {
      timezone: 'Europe/Lisbon',
      notificationEachWeek: true,
      location: { name: 'Porto', range: 25, geohash: 'ez3f' }
    });
    await t.app.services.activitySettings.update(ada.user.id, {
      key: 'participation_event_updated',
      method: 'email',
      enabled: false
    });
    const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#c33' } })
      .png()
      .toBuffer();
    const picture = await t.app.services.media.upload(ada.user.id, {
      name: 'me.png',
      alt: 'A red square',
      actorId: ada.profile.id,
      file: new File([png], 'me.png', { type: 'image/png' })
    });

    const session = await clientAs(t.app, ada.email, ada.password);
    const data = JSON.parse(await (await download(session.accessToken))!.text());
    expect(data.settings).toEqual({
      timezone: 'Europe/Lisbon',
      notifications: expect.objectContaining({ eachWeek: true, onDay: true }),
      location: { name: 'Porto', range: 25, geohash: 'ez3f' },
      activityNotifications: [{ key: 'participation_event_updated', method: 'email', enabled: false }]
    });
    expect(data.pictures).toEqual([
      expect.objectContaining({
        profile: 'ada_export',
        url: picture.url,
        alt: 'A red square',
        contentType: 'image/png'
      })
    ]);
  });

  it('refuses anonymous and invalid tokens', async () => {
    expect((await download())?.status).toBe(401);
    expect((await download('forged'))?.status).toBe(401);
  });
});

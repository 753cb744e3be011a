import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, gql } from '../helpers/graphql.ts';
import { startTestServer } from '../helpers/server.ts';
import {
  accessibilityViolations,
  browserAvailable,
  launchBrowser,
  recordForeignRequests,
  screenshotBothWidths as shots,
  signedInPerson,
  submitSignIn,
  VIEWPORTS,
  visit
} from './harness.ts';

const chromiumAvailable = browserAvailable();
const PASSWORD = 'event pages 12345';
// A 1×1 transparent PNG stands in for the tile server: nothing leaves the machine.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64'
);
const HOSTILE_TITLE = 'Picnic </script><script>window.__pwned = 1</script>';

describe.skipIf(!chromiumAvailable)('event pages in a browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token: string;
  let organizerId: string;
  let mappedEvent: string;
  let createdEvent: string;

  async function apiEvent(variables: Record<string, unknown>) {
    const created = await gql<{ createEvent: { uuid: string } }>(
      server.baseUrl,
      `mutation($o: ID!, $title: String!, $draft: Boolean, $address: AddressInput, $options: EventOptionsInput) {
        createEvent(organizerActorId: $o, title: $title, description: "<p>Bring a blanket &amp; food.</p>",
          beginsOn: "2030-06-20T10:00:00Z", endsOn: "2030-06-20T14:00:00Z", draft: $draft,
          physicalAddress: $address, options: $options) { uuid } }`,
      { o: organizerId, ...variables },
      { token }
    );
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    return created.data.createEvent.uuid;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await server.createUser('organizer@example.org', PASSWORD, 'organizer');
    const organizer = await clientAs(server.baseUrl, 'organizer@example.org', PASSWORD);
    token = organizer.accessToken;
    organizerId = organizer.defaultActorId!;
    mappedEvent = await apiEvent({
      title: HOSTILE_TITLE,
      address: {
        description: 'Parc des Buttes-Chaumont',
        locality: 'Paris',
        country: 'France',
        geom: '2.3826;48.8809'
      },
      options: { timezone: 'Europe/Paris' }
    });
    await apiEvent({ title: 'Unfinished plans', draft: true, options: { timezone: 'Europe/Paris' } });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function signIn(javaScriptEnabled = true) {
    ({ context, page } = await signedInPerson(browser, server.baseUrl, 'organizer@example.org', PASSWORD, {
      javaScriptEnabled
    }));
  }

  it('creates an event with the short form and one advanced option', async () => {
    await signIn();
    await visit(page, `${server.baseUrl}/events/create`);
    await page.getByLabel('Title').fill('Choir rehearsal');
    await page.getByLabel('Starts').fill('2030-05-04T14:00');
    await page.getByLabel('Ends').fill('2030-05-04T16:00');
    await page.getByLabel('Time zone').selectOption('Europe/Paris');
    await page.getByLabel('Town or city', { exact: true }).fill('Lyon');
    await page.getByLabel('Description', { exact: true }).fill('Bring your voice.');
    await page.getByText('More options', { exact: false }).click();
    await page.getByLabel('Number of places', { exact: true }).fill('20');
    await page.getByLabel('Show how many places are left', { exact: true }).check();
    await page.getByLabel('Tags', { exact: true }).fill('music, singing');
    await shots(page, 'event-form-create');
    await page.getByRole('button', { name: 'Create the event', exact: true }).click();
    await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    createdEvent = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 1, name: 'Choir rehearsal' }).waitFor();
    await page.getByText(/\d+ seats left\./).waitFor();
    expect(await page.locator('[data-fact="when"] time').first().getAttribute('datetime')).toMatch(
      /^2030-05-04T12:00:00(\.000)?Z$/
    );
    await page.getByRole('link', { name: 'Edit', exact: true }).waitFor();
    await shots(page, 'event-page-organizer');
  });

  it('edits the title and the start time', async () => {
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.waitForURL(`${server.baseUrl}/events/${createdEvent}/edit`);
    await page.waitForLoadState('networkidle');
    expect(await page.getByLabel('Starts').inputValue()).toBe('2030-05-04T14:00');
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Paris');
    await page.getByLabel('Title').fill('Choir rehearsal (new time)');
    await page.getByLabel('Starts').fill('2030-05-04T15:30');
    await shots(page, 'event-form-edit');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.waitForURL(`${server.baseUrl}/events/${createdEvent}`);
    await page.getByRole('heading', { level: 1, name: 'Choir rehearsal (new time)' }).waitFor();
    expect(await page.locator('[data-fact="when"] time').first().getAttribute('datetime')).toMatch(
      /^2030-05-04T13:30:00(\.000)?Z$/
    );
    await context.close();
  });

  it('serves the page to visitors with Open Graph tags and JSON-LD that a title cannot break', async () => {
    context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB', javaScriptEnabled: false });
    page = await context.newPage();
    await visit(page, `${server.baseUrl}/events/${mappedEvent}`);
    await page.getByRole('heading', { level: 1, name: HOSTILE_TITLE }).waitFor();
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe(HOSTILE_TITLE);
    expect(await page.locator('meta[property="og:url"]').getAttribute('content')).toBe(
      `${server.baseUrl}/events/${mappedEvent}`
    );
    const scripts = page.locator('script[type="application/ld+json"]');
    expect(await scripts.count()).toBe(1);
    const ld = JSON.parse((await scripts.textContent())!) as Record<string, unknown>;
    expect(ld).toMatchObject({
      '@type': 'Event',
      name: HOSTILE_TITLE,
      startDate: '2030-06-20T12:00:00+02:00',
      endDate: '2030-06-20T16:00:00+02:00',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      description: 'Bring a blanket & food.',
      location: { '@type': 'Place', geo: { latitude: 48.8809, longitude: 2.3826 } }
    });
    // Without JavaScript there is no map button, only the link.
    expect(await page.getByRole('button', { name: 'Show the map' }).count()).toBe(0);
    await page.getByRole('link', { name: 'View on OpenStreetMap' }).waitFor();
    await context.close();
  });

  it('loads map tiles only after "Show the map" is clicked', async () => {
    context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB', timezoneId: 'Asia/Tokyo' });
    page = await context.newPage();
    await page.route('https://tile.openstreetmap.org/**', (route) =>
      route.fulfill({ status: 200, contentType: 'image/png', body: PNG })
    );
    const foreign = recordForeignRequests(page, server.baseUrl);
    await visit(page, `${server.baseUrl}/events/${mappedEvent}`);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.getByText('In your time zone:').waitFor();
    expect(foreign).toEqual([]);
    await page.getByRole('button', { name: 'Show the map' }).click();
    await page.locator('.event-map__tile').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(foreign.length).toBeGreaterThanOrEqual(9);
    expect(foreign.every((url) => url.startsWith('https://tile.openstreetmap.org/15/'))).toBe(true);
    const attribution = page.getByRole('link', { name: '© OpenStreetMap contributors' });
    expect(await attribution.getAttribute('href')).toBe('https://www.openstreetmap.org/copyright');
    await shots(page, 'event-page-map');
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('lists upcoming, organized and draft events in "My events", with page links per section', async () => {
    await signIn();
    await page.getByRole('link', { name: 'My events' }).click();
    await page.waitForURL(`${server.baseUrl}/events/me`);
    const list = page.getByRole('region', { name: 'Upcoming' });
    await list.getByRole('link', { name: 'Choir rehearsal (new time)' }).waitFor();
    await list.getByRole('link', { name: HOSTILE_TITLE }).waitFor();
    expect(await list.getByRole('link', { name: 'Unfinished plans' }).count()).toBe(0);
    await shots(page, 'my-events-upcoming');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Organized' }).click();
    await page
      .getByRole('region', { name: 'Organized' })
      .getByRole('link', { name: 'Choir rehearsal (new time)' })
      .waitFor();
    await page.getByRole('link', { name: 'Drafts' }).click();
    const drafts = page.getByRole('region', { name: 'Drafts' });
    await drafts.getByRole('link', { name: 'Unfinished plans' }).waitFor();
    expect(await drafts.getByRole('link', { name: 'Choir rehearsal (new time)' }).count()).toBe(0);
    await shots(page, 'my-events-drafts');
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('deletes an event after a confirmation, without JavaScript', async () => {
    await signIn(false);
    await visit(page, `${server.baseUrl}/events/${createdEvent}/edit`);
    await page.getByRole('link', { name: 'Delete this event…' }).click();
    await page.getByRole('heading', { name: 'Delete the event' }).waitFor();
    await shots(page, 'event-delete-confirm');
    await page.getByRole('button', { name: 'Yes, delete the event' }).click();
    await page.waitForURL(`${server.baseUrl}/events/me?notice=deleted`);
    await page.getByText('The event was deleted.').waitFor();
    expect(await page.getByRole('link', { name: 'Choir rehearsal (new time)' }).count()).toBe(0);
    const gone = await page.request.get(`${server.baseUrl}/events/${createdEvent}`);
    expect(gone.status()).toBe(404);
    await context.close();
  });

  it('refuses the edit page to visitors and to other people', async () => {
    context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB' });
    page = await context.newPage();
    await visit(page, `${server.baseUrl}/events/${mappedEvent}/edit`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
    await server.createUser('someone@example.org', PASSWORD, 'someone');
    context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB' });
    page = await context.newPage();
    await submitSignIn(page, `${server.baseUrl}/login`, 'someone@example.org', PASSWORD);
    await page.waitForURL(`${server.baseUrl}/`);
    const response = await page.goto(`${server.baseUrl}/events/${mappedEvent}/edit`);
    expect(response?.status()).toBe(403);
    await context.close();
  });
});

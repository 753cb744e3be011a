import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.ts';
import { browserAvailable, launchBrowser, recordForeignRequests, screenshot, VIEWPORTS } from './harness.ts';

const chromiumAvailable = browserAvailable();

const EMAIL = 'organizer@example.org';
const PASSWORD = 'correct horse battery staple';
const USERNAME = 'organizer';

const normalize = (text: string | null) => (text ?? '').replace(/[\s\u2009\u202f\u00a0]+/g, ' ').trim();

describe.skipIf(!chromiumAvailable)('the first slice in a browser: sign in, create an event, read it', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let foreign: string[];

  beforeAll(async () => {
    server = await startTestServer();
    await server.createUser(EMAIL, PASSWORD, USERNAME);
    browser = await launchBrowser();
    // The browser's own zone differs from the event's, to prove the page shows the event's.
    context = await browser.newContext({
      viewport: VIEWPORTS.desktop,
      locale: 'en-GB',
      timezoneId: 'America/New_York'
    });
    page = await context.newPage();
    foreign = recordForeignRequests(page, server.baseUrl);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('offers a skip link as the first keyboard stop', async () => {
    await page.goto(server.baseUrl);
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toBe('Skip to main content');
    expect(await focused.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('contentinfo').count()).toBe(1);
    expect(await page.getByRole('navigation').count()).toBe(1);
  });

  it('refuses a wrong password with a translated message and keeps the email', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Your email or your password is incorrect.');
    expect(await page.getByLabel('Email').inputValue()).toBe(EMAIL);
    expect(await page.getByLabel('Email').getAttribute('aria-describedby')).toBe('login-error');
    await screenshot(page, 'login-error-1280');
  });

  it('sends a signed-out visitor from /events/create to the sign-in form and back', async () => {
    await page.goto(`${server.baseUrl}/events/create`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/events/create');

    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.baseUrl}/events/create`);

    const cookies = await context.cookies(server.baseUrl);
    const access = cookies.find((c) => c.name === 'convene_access');
    expect(access).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookies.some((c) => c.name === 'convene_refresh' && c.httpOnly)).toBe(true);
    await page.getByRole('link', { name: 'Create an event', exact: true }).waitFor();
  });

  let eventUrl = '';

  it('shows a mistake next to its field and keeps what was typed', async () => {
    await page.getByLabel('Title').fill('Climate march');
    await page.getByLabel('Starts').fill('2026-03-14T14:00');
    await page.getByLabel('Ends').fill('2026-03-14T13:00');
    await page.getByRole('button', { name: 'Create the event' }).click();
    await page.locator('#endsOn-error').waitFor();
    expect(await page.locator('#endsOn-error').textContent()).toBe('The event must end after it starts.');
    expect(await page.getByLabel('Ends').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Ends').getAttribute('aria-describedby')).toContain('endsOn-error');
    expect(await page.getByLabel('Title').inputValue()).toBe('Climate march');
    expect(new URL(page.url()).pathname).toBe('/events/create');
    await screenshot(page, 'event-create-error-1280');
    await page.setViewportSize(VIEWPORTS.mobile);
    await screenshot(page, 'event-create-error-375');
    await page.setViewportSize(VIEWPORTS.desktop);
  });

  it('creates an event in Europe/Paris and lands on its page', async () => {
    await page.getByLabel('Title').fill('Climate march');
    await page.getByLabel('Description').fill('Bring signs and water.\n\nWe walk to the town hall.');
    await page.getByLabel('Starts').fill('2026-03-14T14:00');
    await page.getByLabel('Ends').fill('2026-03-14T17:00');
    await page.getByLabel('Time zone').selectOption('Europe/Paris');
    await page.getByLabel('Name of the place').fill('Place de la République');
    await page.getByLabel('Town or city').fill('Paris');
    await page.getByLabel('Country').fill('France');
    await screenshot(page, 'event-create-1280');
    await page.getByRole('button', { name: 'Create the event' }).click();

    await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    eventUrl = page.url();

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Climate march');
    const when = normalize(await page.locator('[data-fact="when"] dd').textContent());
    // 14:00–17:00 in Paris, although the browser is in New York; the zone is named.
    expect(when).toMatch(/Saturday,? 14 March 2026/);
    expect(when).toMatch(/14:00 ?– ?17:00/);
    expect(when).toContain('(Europe/Paris)');
    expect(await page.locator('[data-fact="when"] time').getAttribute('datetime')).toMatch(
      /^2026-03-14T13:00:00(\.000)?Z$/
    );

    const where = normalize(await page.locator('[data-fact="where"] dd').textContent());
    expect(where).toContain('Place de la République');
    expect(where).toContain('Paris');
    expect(where).toContain('France');

    const organizer = normalize(await page.locator('[data-fact="organizer"] dd').textContent());
    expect(organizer).toContain(`@${USERNAME}`);

    expect(await page.locator('.prose p').allTextContents()).toEqual([
      'Bring signs and water.',
      'We walk to the town hall.'
    ]);
    await screenshot(page, 'event-page-1280');
  });

  it('lays the event page out at 375 px without horizontal scrolling', async () => {
    await page.setViewportSize(VIEWPORTS.mobile);
    await page.goto(eventUrl);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'event-page-375');
    await page.setViewportSize(VIEWPORTS.desktop);
  });

  it('switches to Arabic: right to left, translated, dates in Arabic, still the Paris time', async () => {
    await page.goto(eventUrl);
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.waitForURL(eventUrl);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(normalize(await page.locator('[data-fact="when"] dt').textContent())).toBe('متى');
    const when = normalize(await page.locator('[data-fact="when"] dd').textContent());
    expect(when).toContain('Europe/Paris');
    expect(when).toMatch(/مارس/);
    await screenshot(page, 'event-page-ar-1280');
    await page.setViewportSize(VIEWPORTS.mobile);
    await screenshot(page, 'event-page-ar-375');
    await page.setViewportSize(VIEWPORTS.desktop);

    // Back to English for whoever runs next in this context.
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForURL(eventUrl);
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
  });

  it('answers an unknown event with a 404 page', async () => {
    const response = await page.goto(`${server.baseUrl}/events/00000000-0000-4000-8000-000000000000`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
  });

  it("downloads the signed-in person's data from the home page link", async () => {
    await page.goto(server.baseUrl);
    const link = page.getByRole('link', { name: 'Download my data' });
    expect(await link.getAttribute('href')).toMatch(/\/settings\/export$/);
    const response = await page.request.get(`${server.baseUrl}/settings/export`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toContain('attachment');
    const data = await response.json();
    expect(data.account.email).toBe(EMAIL);
    expect(data.organizedEvents.map((e: { title: string }) => e.title)).toContain('Climate march');
  });

  it('signs out', async () => {
    await page.goto(server.baseUrl);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    const cookies = await context.cookies(server.baseUrl);
    expect(cookies.some((c) => c.name === 'convene_access')).toBe(false);
    const anonymous = await page.request.get(`${server.baseUrl}/settings/export`, { maxRedirects: 0 });
    expect(anonymous.status()).toBe(303);
  });

  it('works without JavaScript: sign in, create an event, switch language', async () => {
    const plain = await browser.newContext({ viewport: VIEWPORTS.mobile, javaScriptEnabled: false });
    try {
      const p = await plain.newPage();
      await p.goto(`${server.baseUrl}/login?redirect=%2Fevents%2Fcreate`);
      await p.getByLabel('Email').fill(EMAIL);
      await p.getByLabel('Password').fill(PASSWORD);
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.waitForURL(`${server.baseUrl}/events/create`);
      await screenshot(p, 'event-create-375');
      // No script preselects the browser's zone: the form starts on UTC.
      expect(await p.getByLabel('Time zone').inputValue()).toBe('UTC');
      await p.getByLabel('Title').fill('Picnic without scripts');
      await p.getByLabel('Starts').fill('2026-07-04T12:30');
      await p.getByLabel('Time zone').selectOption('Europe/Paris');
      await p.getByLabel('Online link').fill('https://meet.example/picnic');
      await p.getByRole('button', { name: 'Create the event' }).click();
      await p.waitForURL(/\/events\/[0-9a-f-]{36}$/);
      const when = normalize(await p.locator('[data-fact="when"] dd').textContent());
      expect(when).toMatch(/12:30/);
      expect(when).toContain('(Europe/Paris)');
      expect(await p.locator('[data-fact="where"] a').getAttribute('href')).toBe('https://meet.example/picnic');

      await p.getByRole('button', { name: 'Français' }).click();
      await p.waitForURL(/\/events\//);
      expect(await p.locator('html').getAttribute('lang')).toBe('fr');
      expect(normalize(await p.locator('[data-fact="when"] dd').textContent())).toMatch(/samedi 4 juillet 2026/);
      await screenshot(p, 'event-page-fr-375');
    } finally {
      await plain.close();
    }
  });

  it('made no request to another origin', () => {
    expect(foreign).toEqual([]);
  });
});

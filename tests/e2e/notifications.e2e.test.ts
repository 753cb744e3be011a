import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.ts';
import { parseXml } from '../helpers/xml.ts';
import {
  browserAvailable,
  launchBrowser,
  recordForeignRequests,
  screenshotBothWidths as shots,
  VIEWPORTS,
  visit,
  submitSignIn
} from './harness.ts';

const chromiumAvailable = browserAvailable();

const PASSWORD = 'notified password 123';
type Server = Awaited<ReturnType<typeof startTestServer>>;

async function signIn(page: Page, server: Server, email: string) {
  await submitSignIn(page, `${server.baseUrl}/login`, email, PASSWORD);
  await page.waitForURL((url) => url.pathname !== '/login');
}

describe.skipIf(!chromiumAvailable)('notification settings and calendar feeds in a browser', () => {
  let server: Server;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await server.createUser('notified@example.org', PASSWORD, 'notified');
    await server.createUser('nojs@example.org', PASSWORD, 'nojs');
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  async function newPage(javaScriptEnabled: boolean) {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB', javaScriptEnabled });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return context.newPage();
  }

  it('saves the notification preferences, creates a feed that serves iCalendar and Atom, and deletes it', async () => {
    const page = await newPage(true);
    const foreign = recordForeignRequests(page, server.baseUrl);
    await signIn(page, server, 'notified@example.org');
    await visit(page, `${server.baseUrl}/settings/notifications`);
    await page.getByRole('heading', { name: 'Notifications and calendar feeds', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Notifications and feeds' }).getAttribute('aria-current')).toBe('page');

    expect(await page.getByLabel('On the morning of each event').isChecked()).toBe(true);
    await page.getByLabel('One hour before each event').check();
    await page.getByLabel('Activity in my groups').selectOption('ONE_WEEK');
    await page.getByRole('button', { name: 'Save my notification settings' }).click();
    await page.getByText('Your notification settings were saved.').waitFor();
    await visit(page, `${server.baseUrl}/settings/notifications`);
    expect(await page.getByLabel('One hour before each event').isChecked()).toBe(true);
    expect(await page.getByLabel('Activity in my groups').inputValue()).toBe('ONE_WEEK');

    await page.getByText('You have no calendar feed yet.').waitFor();
    // The first option is every profile; the second, the account's one profile.
    await page.getByLabel('Events to include').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Create the feed' }).click();
    await page.getByText('The feed was created').waitFor();
    const ics = await page.getByLabel('Calendar address (iCalendar)').inputValue();
    const atom = await page.getByLabel('Feed reader address (Atom)').inputValue();
    expect(ics).toMatch(new RegExp(`^${server.baseUrl}/events/going/[2-9A-HJ-NP-Za-km-z]{22}/ics$`));
    expect(atom).toBe(ics.replace(/\/ics$/, '/atom'));
    expect(await page.getByRole('link', { name: 'Subscribe in my calendar app' }).getAttribute('href')).toBe(
      ics.replace(/^http:/, 'webcal:')
    );
    await shots(page, 'settings-notifications');

    const calendar = await fetch(ics);
    expect(calendar.status).toBe(200);
    expect(await calendar.text()).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR$/);
    const feed = await fetch(atom);
    expect(parseXml(await feed.text()).name).toBe('feed');

    await page.getByRole('button', { name: /Delete this feed/ }).click();
    await page.getByText('The feed was deleted').waitFor();
    await page.getByText('You have no calendar feed yet.').waitFor();
    expect((await fetch(ics)).status).toBe(404);
    expect(foreign).toEqual([]);
  });

  it('works without JavaScript', async () => {
    const page = await newPage(false);
    await signIn(page, server, 'nojs@example.org');
    await page.goto(`${server.baseUrl}/settings/notifications`);
    await page.getByLabel('On Mondays, a summary of the week’s events').check();
    await page.getByRole('button', { name: 'Save my notification settings' }).click();
    await page.getByText('Your notification settings were saved.').waitFor();
    expect(await page.getByLabel('On Mondays, a summary of the week’s events').isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Create the feed' }).click();
    await page.getByText('The feed was created').waitFor();
    const ics = await page.getByLabel('Calendar address (iCalendar)').inputValue();
    expect((await fetch(ics)).status).toBe(200);
    await page.getByRole('button', { name: /Delete this feed/ }).click();
    await page.getByText('The feed was deleted').waitFor();
    expect((await fetch(ics)).status).toBe(404);
  });
});

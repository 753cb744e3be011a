import ICAL from 'ical.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs } from '../helpers/graphql.ts';
import { linkToken, mailTo } from '../helpers/mail.ts';
import { startTestServer } from '../helpers/server.ts';
import {
  accessibilityViolations,
  browserAvailable,
  launchBrowser,
  recordForeignRequests,
  screenshotBothWidths as shots,
  signedInPerson,
  VIEWPORTS,
  visit
} from './harness.ts';

const chromiumAvailable = browserAvailable();
const PASSWORD = 'journey of events 123';
const VISITOR = 'visitor@example.org';

/**
 * Issue 4's journey: an organizer creates an event with an address and a capacity in the form, a
 * visitor without an account takes part through the emailed link, a signed-in guest asks to join an
 * approval event, the organizer approves and exports the list, and the calendar file holds the
 * right instant.
 */
describe.skipIf(!chromiumAvailable)('an event from creation to the participant list', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let openEvent: string;
  let approvalEvent: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await server.createUser('organizer@example.org', PASSWORD, 'organizer');
    await server.createUser('guest@example.org', PASSWORD, 'guest');
    const organizer = await clientAs(server.baseUrl, 'organizer@example.org', PASSWORD);
    const created = await organizer.query<{ createEvent: { uuid: string } }>(
      `mutation($o: ID!) { createEvent(organizerActorId: $o, title: "Seed swap", beginsOn: "2030-04-11T16:00:00Z",
        description: "<p>Bring seeds, take seeds.</p>", joinOptions: RESTRICTED, options: { timezone: "Europe/Paris" }) { uuid } }`,
      { o: organizer.defaultActorId }
    );
    approvalEvent = created.data!.createEvent.uuid;
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function signIn(email: string) {
    ({ context, page } = await signedInPerson(browser, server.baseUrl, email, PASSWORD, { timeout: 15_000 }));
  }

  it('has an accessibility audit that finds what it should', async () => {
    context = await browser.newContext();
    page = await context.newPage();
    await page.setContent(
      '<html lang="en"><title>Audit</title><main><img src="data:,"><button></button></main></html>'
    );
    const found = await accessibilityViolations(page);
    expect(found.some((v) => v.startsWith('image-alt'))).toBe(true);
    expect(found.some((v) => v.startsWith('button-name'))).toBe(true);
    await context.close();
  });

  it('creates an event with an address, a capacity and participation without an account', async () => {
    await signIn('organizer@example.org');
    await visit(page, `${server.baseUrl}/events/create`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Title').fill('Bike repair workshop');
    await page.getByLabel('Starts').fill('2030-03-14T18:30');
    await page.getByLabel('Ends').fill('2030-03-14T21:00');
    await page.getByLabel('Time zone').selectOption('Europe/Paris');
    await page.getByLabel('Town or city', { exact: true }).fill('Lyon');
    await page.getByLabel('Description', { exact: true }).fill('Bring your bike; we have the tools.');
    await page.getByText('More options', { exact: false }).click();
    await page.getByLabel('Number of places', { exact: true }).fill('10');
    await page.getByLabel('Show how many places are left', { exact: true }).check();
    await page.getByLabel('Let people take part without an account', { exact: true }).check();
    await page.getByRole('button', { name: 'Create the event', exact: true }).click();
    await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    openEvent = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 1, name: 'Bike repair workshop' }).waitFor();
    await page.getByText('10 seats left.').waitFor();
    await shots(page, 'journey-1-created');
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows the event to a visitor, who takes part without an account through the emailed link', async () => {
    context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    const foreign = recordForeignRequests(page, server.baseUrl);
    await visit(page, `${server.baseUrl}/events/${openEvent}`);
    await page.getByRole('heading', { level: 1, name: 'Bike repair workshop' }).waitFor();
    await page.getByText('Lyon', { exact: false }).first().waitFor();
    await shots(page, 'journey-2-visitor');
    expect(await accessibilityViolations(page)).toEqual([]);

    const form = page.getByRole('region', { name: 'Take part without an account' });
    await form.getByLabel('Your email address').fill(VISITOR);
    await form.getByLabel('A message to the organizers').fill('I can bring a pump.');
    await form.getByLabel(/I agree that this instance keeps my email address/).check();
    await form.getByRole('button', { name: 'Take part' }).click();
    await form.getByText('Check your email').waitFor();

    const mail = await mailTo(server.dataDir, VISITOR);
    const token = linkToken(mail, '/participation/email/confirm');
    await visit(page, `${server.baseUrl}/participation/email/confirm/${token}`);
    await page.getByRole('button', { name: 'Confirm my participation' }).click();
    await page.getByText('Your participation in', { exact: false }).waitFor();
    await shots(page, 'journey-3-confirmed');
    await visit(page, `${server.baseUrl}/events/${openEvent}`);
    await page.getByText('9 seats left.').waitFor();
    expect(await page.content()).not.toContain(VISITOR);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('lets a signed-in guest ask to join the approval event', async () => {
    await signIn('guest@example.org');
    await visit(page, `${server.baseUrl}/events/${approvalEvent}`);
    const part = page.getByRole('region', { name: 'Taking part' });
    await part.getByLabel('A message to the organizers').fill('First time here!');
    await part.getByRole('button', { name: 'Ask to take part' }).click();
    await part.getByText(/awaits the organizers’ approval/).waitFor();
    await context.close();
  });

  it('lets the organizer approve the request and export the participants as CSV', async () => {
    await signIn('organizer@example.org');
    await visit(page, `${server.baseUrl}/events/${approvalEvent}`);
    await page.getByRole('link', { name: 'Manage participants' }).click();
    await page.waitForURL(`${server.baseUrl}/events/${approvalEvent}/participations`);
    await page.waitForLoadState('networkidle');
    await page.getByText('First time here!').waitFor();
    await shots(page, 'journey-4-participants');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /Approve \W*guest/ }).click();
    await expect.poll(async () => page.getByRole('button', { name: /Approve \W*guest/ }).count()).toBe(0);

    await page.getByRole('button', { name: 'Export as CSV' }).click();
    const download = page.getByRole('link', { name: 'Download the CSV file' });
    for (let attempt = 0; attempt < 20 && (await download.count()) === 0; attempt++) {
      const refresh = page.getByRole('link', { name: 'Refresh' });
      if ((await refresh.count()) > 0) await refresh.click();
      await page.waitForTimeout(500);
    }
    const href = await download.getAttribute('href');
    const file = await page.request.get(new URL(href!, server.baseUrl).href);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('text/csv');
    const rows = (await file.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(rows).toHaveLength(3); // the heading, the organizer and the approved guest
    expect(rows.some((row) => row.includes('guest') && row.includes('First time here!'))).toBe(true);
    await shots(page, 'journey-5-exported');
    // Someone else, signed in or not, gets nothing.
    const stranger = await browser.newContext();
    expect((await stranger.request.get(new URL(href!, server.baseUrl).href)).status()).toBe(404);
    await stranger.close();
  });

  it('gives a calendar file with the event at the right instant', async () => {
    await visit(page, `${server.baseUrl}/events/${openEvent}`);
    const link = page.getByRole('link', { name: 'Add to my calendar (.ics file)' });
    const file = await page.request.get(new URL((await link.getAttribute('href'))!, server.baseUrl).href);
    expect(file.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(await file.text()));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('Bike repair workshop');
    // 18:30 in Paris on 14 March 2030 (winter time, UTC+1).
    expect(event.startDate.toJSDate().toISOString()).toBe('2030-03-14T17:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2030-03-14T20:00:00.000Z');
    await context.close();
  });
});

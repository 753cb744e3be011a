import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, gql } from '../helpers/graphql.ts';
import { startTestServer } from '../helpers/server.ts';
import {
  browserAvailable,
  launchBrowser,
  screenshotBothWidths as shots,
  signedInPerson,
  VIEWPORTS,
  visit
} from './harness.ts';

const chromiumAvailable = browserAvailable();
const PASSWORD = 'taking part 12345';

describe.skipIf(!chromiumAvailable)('taking part in an event in a browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let freeEvent: string;
  let approvalEvent: string;

  async function createEvent(token: string, organizer: string, extra: string) {
    const created = await gql<{ createEvent: { uuid: string } }>(
      server.baseUrl,
      `mutation($o: ID!) { createEvent(organizerActorId: $o, title: "Repair café", description: "<p>Bring what is broken.</p>", beginsOn: "2030-05-04T09:00:00Z",
        ${extra}) { uuid } }`,
      { o: organizer },
      { token }
    );
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    return created.data.createEvent.uuid;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await server.createUser('host@example.org', PASSWORD, 'host');
    await server.createUser('guest@example.org', PASSWORD, 'guest');
    const host = await clientAs(server.baseUrl, 'host@example.org', PASSWORD);
    freeEvent = await createEvent(
      host.accessToken,
      host.defaultActorId!,
      'options: { maximumAttendeeCapacity: 1, showRemainingAttendeeCapacity: true }'
    );
    approvalEvent = await createEvent(host.accessToken, host.defaultActorId!, 'joinOptions: RESTRICTED');
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function signIn(javaScriptEnabled: boolean, email = 'guest@example.org') {
    ({ context, page } = await signedInPerson(browser, server.baseUrl, email, PASSWORD, { javaScriptEnabled }));
  }

  it('shows the seats to visitors and asks them to sign in', async () => {
    context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB' });
    page = await context.newPage();
    await visit(page, `${server.baseUrl}/events/${freeEvent}`);
    const part = page.getByRole('region', { name: 'Taking part' });
    await part.getByText('1 person is going. 1 seat left.').waitFor();
    await part.getByRole('link', { name: 'Sign in to take part' }).waitFor();
    const calendar = page.getByRole('link', { name: 'Add to my calendar (.ics file)' });
    const file = await page.request.get(new URL((await calendar.getAttribute('href'))!, server.baseUrl).href);
    expect(file.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    expect(await file.text()).toContain('SUMMARY:Repair café');
    await context.close();
  });

  it('takes the last seat, then gives it back', async () => {
    await signIn(true);
    await visit(page, `${server.baseUrl}/events/${freeEvent}`);
    const part = page.getByRole('region', { name: 'Taking part' });
    await part.getByRole('button', { name: 'Take part' }).click();
    await part.getByText(/guest\W* takes part\./).waitFor();
    await part.getByText('This event is full.').waitFor();
    expect(await part.getByText('2 people are going.').count()).toBe(1);
    await shots(page, 'event-taking-part');
    await part.getByRole('button', { name: 'Leave' }).click();
    await part.getByText('1 seat left.', { exact: false }).waitFor();
    expect(await part.getByRole('button', { name: 'Take part' }).count()).toBe(1);
    await context.close();
  });

  it('works without JavaScript: asks to take part with a message, and waits for approval', async () => {
    await signIn(false);
    await visit(page, `${server.baseUrl}/events/${approvalEvent}`);
    const part = page.getByRole('region', { name: 'Taking part' });
    await part.getByLabel('A message to the organizers').fill('I can fix bicycles.');
    await part.getByRole('button', { name: 'Ask to take part' }).click();
    await part.getByText(/The request of \W*guest\W* awaits the organizers’ approval\./).waitFor();
    await shots(page, 'event-request-pending');
    await context.close();
  });

  it('lets the organizer read the message and approve the request from the event page', async () => {
    await signIn(true, 'host@example.org');
    await visit(page, `${server.baseUrl}/events/${approvalEvent}`);
    const requests = page.getByRole('region', { name: 'Requests to take part' });
    await requests.getByText('I can fix bicycles.').waitFor();
    await shots(page, 'event-requests');
    await requests.getByRole('button', { name: /Approve \W*guest/ }).click();
    await requests.getByText('No request is waiting.').waitFor();
    await page.getByRole('region', { name: 'Taking part' }).getByText('2 people are going.').waitFor();
    await context.close();
  });
});

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs } from '../helpers/graphql.ts';
import { startTestServer } from '../helpers/server.ts';
import {
  accessibilityViolations,
  browserAvailable,
  launchBrowser,
  openPerson,
  recordForeignRequests,
  screenshotBothWidths as shots,
  signedInPerson,
  visit
} from './harness.ts';

const chromiumAvailable = browserAvailable();
const PASSWORD = 'group events 12345';

describe.skipIf(!chromiumAvailable)("a group's events and followers in a browser", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let groupId: string;
  let publicEvent: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await server.createUser('moderator@example.org', PASSWORD, 'moderator');
    await server.createUser('fan@example.org', PASSWORD, 'fan');
    const moderator = await clientAs(server.baseUrl, 'moderator@example.org', PASSWORD);
    const created = await moderator.query<{ createGroup: { id: string } }>(
      `mutation { createGroup(preferredUsername: "gardeners", name: "Community gardeners",
        manuallyApprovesFollowers: true) { id } }`
    );
    groupId = created.data!.createGroup.id;
    const event = (title: string, draft: boolean) =>
      moderator.query<{ createEvent: { uuid: string } }>(
        `mutation($o: ID!, $g: ID, $title: String!, $draft: Boolean) {
          createEvent(organizerActorId: $o, attributedToId: $g, title: $title, draft: $draft,
            description: "<p>Gloves provided.</p>", beginsOn: "2031-04-12T09:00:00Z") { uuid } }`,
        { o: moderator.defaultActorId, g: groupId, title, draft }
      );
    publicEvent = (await event('Spring planting', false)).data!.createEvent.uuid;
    await event('Seed swap (to be confirmed)', true);
    const fan = await clientAs(server.baseUrl, 'fan@example.org', PASSWORD);
    await fan.query(`mutation($g: ID!) { followGroup(groupId: $g) { id } }`, { g: groupId });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function open(email: string | null, javaScriptEnabled = true) {
    await context?.close();
    ({ context, page } = email
      ? await signedInPerson(browser, server.baseUrl, email, PASSWORD, { javaScriptEnabled })
      : await openPerson(browser, { javaScriptEnabled }));
  }

  it('lists the public events to anyone, and the drafts, marked, to the moderator', async () => {
    await open(null);
    const foreign = recordForeignRequests(page, server.baseUrl);
    await visit(page, `${server.baseUrl}/@gardeners/events`);
    await page.getByRole('heading', { level: 1, name: /Events of .*Community gardeners/ }).waitFor();
    await page.getByRole('link', { name: 'Spring planting' }).waitFor();
    expect(await page.getByText('Seed swap').count()).toBe(0);
    expect(foreign).toEqual([]);

    await open('moderator@example.org');
    await visit(page, `${server.baseUrl}/@gardeners/events`);
    await page.getByRole('link', { name: 'Seed swap (to be confirmed)' }).waitFor();
    await page.getByText('Draft', { exact: true }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await shots(page, 'group-events-moderator');
  });

  it('shows the group as the organizer of its event', async () => {
    await visit(page, `${server.baseUrl}/events/${publicEvent}`);
    const organizer = page.locator('[data-fact="organizer"]');
    await organizer.getByRole('link', { name: 'Community gardeners' }).waitFor();
    await page.getByRole('link', { name: 'Edit', exact: true }).waitFor();
    await shots(page, 'group-event-page');
  });

  it('offers to organize as the group in the event form', async () => {
    await visit(page, `${server.baseUrl}/events/create?group=${groupId}`);
    const select = page.getByLabel('Organize as');
    expect(await select.inputValue()).toBe(groupId);
    await shots(page, 'event-form-organize-as-group');
    await page.getByLabel('Title').fill('Compost workshop');
    await page.getByLabel('Starts').fill('2031-05-04T14:00');
    await page.getByRole('button', { name: 'Create the event', exact: true }).click();
    await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    await page.locator('[data-fact="organizer"]').getByRole('link', { name: 'Community gardeners' }).waitFor();
  });

  it('lets the moderator approve a follower, without JavaScript', async () => {
    await visit(page, `${server.baseUrl}/@gardeners/followers?filter=pending`);
    await page.getByRole('heading', { level: 1, name: /Followers of/ }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await shots(page, 'group-followers-pending');
    await open('moderator@example.org', false);
    await visit(page, `${server.baseUrl}/@gardeners/followers?filter=pending`);
    await page.getByRole('button', { name: /Approve/ }).click();
    await page.waitForURL(/\/@gardeners\/followers\?decided=approved/);
    await page.getByRole('status').getByText('now follows the group').waitFor();
    await visit(page, `${server.baseUrl}/@gardeners/followers?filter=approved`);
    await page.getByRole('cell', { name: 'Approved', exact: true }).waitFor();
    await shots(page, 'group-followers-approved');
  });

  it('refuses the followers page to someone who does not moderate the group', async () => {
    await open('fan@example.org');
    const response = await page.goto(`${server.baseUrl}/@gardeners/followers`);
    expect(response?.status()).toBe(403);
  });

  it("takes the follow button's form, and goes back where it was posted from", async () => {
    const post = (form: Record<string, string>) =>
      page.request.post(`${server.baseUrl}/@gardeners/followers/follow`, {
        form,
        headers: { origin: server.baseUrl },
        maxRedirects: 0
      });
    const left = await post({ groupId, intent: 'unfollow', back: '/@gardeners/events' });
    expect(left.status()).toBe(303);
    expect(left.headers().location).toBe('/@gardeners/events?follow=unfollowed');
    const again = await post({ groupId, intent: 'follow', back: 'https://elsewhere.example/' });
    expect(again.headers().location).toBe('/@gardeners?follow=pending');
    const twice = await post({ groupId, intent: 'follow' });
    expect(twice.headers().location).toBe('/@gardeners?follow=already');
  });
});

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.ts';
import {
  accessibilityViolations,
  browserAvailable,
  launchBrowser,
  recordForeignRequests,
  screenshotBothWidths as shots,
  seedOpenGroup,
  signedInPerson,
  visit
} from './harness.ts';

const chromiumAvailable = browserAvailable();
const PASSWORD = 'discussions e2e 12345';
type Server = Awaited<ReturnType<typeof startTestServer>>;

describe.skipIf(!chromiumAvailable)('discussions in a group’s members’ area', () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const group = 'garden_club';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await Promise.all([
      server.createUser('gardener@example.org', PASSWORD, 'gardener'),
      server.createUser('neighbour@example.org', PASSWORD, 'neighbour'),
      server.createUser('passerby@example.org', PASSWORD, 'passerby')
    ]);
    await seedOpenGroup(server.baseUrl, PASSWORD, {
      username: group,
      name: 'Garden club',
      creator: 'gardener@example.org',
      members: ['neighbour@example.org']
    });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function signIn(email: string, javaScriptEnabled: boolean) {
    await context?.close();
    ({ context, page } = await signedInPerson(browser, server.baseUrl, email, PASSWORD, { javaScriptEnabled }));
  }

  it('a member starts a discussion and another replies, without JavaScript', async () => {
    await signIn('neighbour@example.org', false);
    const foreign = recordForeignRequests(page, server.baseUrl);
    await visit(page, `${server.baseUrl}/@${group}/discussions`);
    await page.getByRole('heading', { level: 1, name: /^Discussions of \W?Garden club\W?$/ }).waitFor();
    await page.getByText('No discussion yet.').waitFor();
    await shots(page, 'discussions-empty');
    await page.getByLabel('Title').fill('Seed swap in April');
    await page.getByLabel('First message').fill('Who has tomato seeds?\n\nI have courgettes.');
    await page.getByRole('button', { name: 'Start the discussion' }).click();
    await page.waitForURL(new RegExp(`/@${group}/c/seed-swap-in-april-[0-9a-f]{8}$`));
    await page.getByRole('heading', { level: 1, name: 'Seed swap in April' }).waitFor();
    await page.locator('article .prose', { hasText: 'Who has tomato seeds?' }).waitFor();
    const threadUrl = page.url();

    await signIn('gardener@example.org', false);
    await visit(page, `${server.baseUrl}/@${group}/discussions`);
    await page.getByRole('link', { name: 'Seed swap in April' }).click();
    await page.waitForURL(threadUrl);
    await page.getByLabel('Your reply').fill('I do, plenty of them.');
    await page.getByRole('button', { name: 'Send the reply' }).click();
    await page.waitForURL(/page=1#message-\d+$/);
    await page.locator('article .prose', { hasText: 'I do, plenty of them.' }).waitFor();
    // The group's creator moderates: rename and delete are offered.
    await page.getByLabel('New title').fill('Seed swap on 12 April');
    await page.getByRole('button', { name: 'Rename the discussion' }).click();
    await page.getByRole('heading', { level: 1, name: 'Seed swap on 12 April' }).waitFor();
    await page.getByRole('button', { name: 'Delete the discussion' }).waitFor();
    await shots(page, 'discussion-thread');
    expect(foreign).toEqual([]);
  });

  it('lets the author edit and delete their message; shows outsiders nothing', async () => {
    await signIn('neighbour@example.org', true);
    await visit(page, `${server.baseUrl}/@${group}/discussions`);
    await page.getByText(/^Last message by \W?gardener\W?, /).waitFor();
    await shots(page, 'discussions-list');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Seed swap on 12 April' }).click();
    await page.getByRole('heading', { level: 1, name: 'Seed swap on 12 April' }).waitFor();
    expect(await page.getByRole('button', { name: 'Delete the discussion' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Rename the discussion' }).count()).toBe(1);
    await page.getByText('Edit', { exact: true }).click();
    await page.getByLabel('Your message').fill('Who has tomato seeds? (Cherry ones.)');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.locator('article .prose', { hasText: '(Cherry ones.)' }).waitFor();
    await page.getByText('(edited)').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /^Delete the message of \W?neighbour/ }).click();
    await page.getByText('This message was deleted.').waitFor();
    // Not someone else's message.
    expect(await page.getByRole('button', { name: /^Delete the message of \W?gardener/ }).count()).toBe(0);

    await signIn('passerby@example.org', false);
    await visit(page, `${server.baseUrl}/@${group}/discussions`);
    await page.getByText('Only members of this group see its discussions.').waitFor();
    expect(await page.getByRole('link', { name: /Seed swap/ }).count()).toBe(0);
    await shots(page, 'discussions-outsider');
  });
});

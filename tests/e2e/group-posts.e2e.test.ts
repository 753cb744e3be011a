import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, gql } from '../helpers/graphql.ts';
import { startTestServer } from '../helpers/server.ts';
import {
  accessibilityViolations,
  browserAvailable,
  launchBrowser,
  openPerson,
  recordForeignRequests,
  screenshotBothWidths as shots,
  submitSignIn,
  visit
} from './harness.ts';

const chromiumAvailable = browserAvailable();
const PASSWORD = 'group posts 12345';
const GROUP = 'garden_friends';

describe.skipIf(!chromiumAvailable)("a group's posts in a browser", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await server.createUser('moderator@example.org', PASSWORD, 'rose');
    const rose = await clientAs(server.baseUrl, 'moderator@example.org', PASSWORD);
    const created = await gql(
      server.baseUrl,
      `mutation($u: String!) { createGroup(preferredUsername: $u, name: "Garden friends", openness: OPEN) { id } }`,
      { u: GROUP },
      { token: rose.accessToken }
    );
    if (created.errors) throw new Error(JSON.stringify(created.errors));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function newPage(javaScriptEnabled: boolean): Promise<Page> {
    await context?.close();
    const person = await openPerson(browser, { javaScriptEnabled });
    context = person.context;
    return person.page;
  }

  it('a moderator writes a post without JavaScript; visitors read it from the list', async () => {
    const page = await newPage(false);
    const foreign = recordForeignRequests(page, server.baseUrl);
    await submitSignIn(page, `${server.baseUrl}/login`, 'moderator@example.org', PASSWORD);
    await page.waitForURL(`${server.baseUrl}/`);

    await visit(page, `${server.baseUrl}/@${GROUP}/p`);
    await page.getByRole('link', { name: 'Write a post' }).click();
    await page.waitForURL(`${server.baseUrl}/@${GROUP}/p/new`);
    await page.getByLabel('Title').fill('Seed swap on Saturday');
    await page
      .getByLabel('Text', { exact: true })
      .fill('Bring the seeds you saved last autumn and leave with new ones.\n\nTea and cake at the shed.');
    await page.getByLabel('Tags').fill('Seeds, Garden');
    await page.getByLabel('Unlisted').check();
    await shots(page, 'group-posts-editor');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/p\/seed-swap-on-saturday-[0-9a-f]{8}\?notice=saved$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Seed swap on Saturday');
    const article = page.locator('article');
    expect(await article.getByText('Unlisted', { exact: true }).count()).toBe(1);
    expect(await article.getByText('Tea and cake at the shed.').count()).toBe(1);
    expect(await article.getByRole('link', { name: 'Garden friends', exact: true }).count()).toBe(1);
    expect(await page.title()).toBe('Seed swap on Saturday · Garden friends · Convene');
    await shots(page, 'group-posts-post');
    const postUrl = page.url().replace(/\?.*$/, '');

    // An anonymous visitor reads the unlisted post by its link, but the list shows public posts only.
    const visitor = await newPage(true);
    await visit(visitor, postUrl);
    expect(await visitor.getByRole('heading', { level: 1 }).textContent()).toBe('Seed swap on Saturday');
    expect(await visitor.getByRole('link', { name: 'Edit this post' }).count()).toBe(0);
    expect(await accessibilityViolations(visitor)).toEqual([]);
    await visit(visitor, `${server.baseUrl}/@${GROUP}/p`);
    expect(await visitor.getByText('No post to show yet.').count()).toBe(1);
    expect(foreign).toEqual([]);
  });

  it('the moderator makes it public and it is listed; the editor and the list pass axe', async () => {
    const page = await newPage(true);
    await submitSignIn(page, `${server.baseUrl}/login`, 'moderator@example.org', PASSWORD);
    await page.waitForURL(`${server.baseUrl}/`);
    await visit(page, `${server.baseUrl}/@${GROUP}/p`);
    await page.getByRole('link', { name: 'Seed swap on Saturday' }).click();
    await page.getByRole('link', { name: 'Edit this post' }).click();
    await page.waitForURL(/\/edit$/);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await page.getByLabel('Text', { exact: true }).inputValue()).toBe(
      'Bring the seeds you saved last autumn and leave with new ones.\n\nTea and cake at the shed.'
    );
    await page.getByLabel('Public', { exact: true }).check();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/notice=saved$/);

    const visitor = await newPage(true);
    await visit(visitor, `${server.baseUrl}/@${GROUP}/p`);
    expect(await visitor.getByRole('link', { name: 'Seed swap on Saturday' }).count()).toBe(1);
    expect(await accessibilityViolations(visitor)).toEqual([]);
    await shots(visitor, 'group-posts-list');
  });
});

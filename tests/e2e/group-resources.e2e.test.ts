import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALE_COOKIE } from '#lib/i18n/locales.ts';
import { clientAs } from '../helpers/graphql.ts';
import { startTestServer } from '../helpers/server.ts';
import {
  accessibilityViolations,
  browserAvailable,
  launchBrowser,
  recordForeignRequests,
  screenshotBothWidths,
  submitSignIn,
  visit,
  VIEWPORTS
} from './harness.ts';

const chromiumAvailable = browserAvailable();
const PASSWORD = 'resources password 1';
const GROUP = 'repair_cafe';

describe.skipIf(!chromiumAvailable)("a group's resources, without JavaScript", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let site: HttpServer;
  let siteUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let foreign: string[];
  const resourcesUrl = () => `${server.baseUrl}/@${GROUP}/resources`;

  beforeAll(async () => {
    site = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<head><title>Tool library</title>
        <meta property="og:description" content="Borrow a drill, a ladder or a sewing machine.">
        <meta property="og:image" content="/drill.jpg"><meta property="og:site_name" content="Tools for all"></head>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/tools`;
    [server, browser] = await Promise.all([
      startTestServer({
        env: {
          RESOURCE_PROVIDERS: JSON.stringify([
            { type: 'pad', endpoint: 'https://pad.example/p/', software: 'etherpad' }
          ])
        }
      }),
      launchBrowser()
    ]);
    await server.createUser('rosa@example.org', PASSWORD, 'rosa');
    await server.createUser('otto@example.org', PASSWORD, 'otto');
    const rosa = await clientAs(server.baseUrl, 'rosa@example.org', PASSWORD);
    const made = await rosa.query(
      `mutation { createGroup(preferredUsername: "${GROUP}", name: "Repair Café") { id } }`
    );
    if (made.errors) throw new Error(JSON.stringify(made.errors));
    context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB', javaScriptEnabled: false });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    foreign = recordForeignRequests(page, server.baseUrl);
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => site?.close(resolve));
  });

  it('a member adds a folder, a link with its preview and a pad', async () => {
    await submitSignIn(page, `${server.baseUrl}/login?redirect=/@${GROUP}/resources`, 'rosa@example.org', PASSWORD);
    await page.waitForURL(resourcesUrl());
    await page.getByRole('heading', { name: 'Resources of Repair Café', level: 1 }).waitFor();
    await page.getByText('This folder is empty.').waitFor();

    await page.getByLabel('Folder name').fill('Meetings');
    await page.getByRole('button', { name: 'Create the folder' }).click();
    await page.getByText('Added.').waitFor();

    // A second folder of the same name is refused, clearly.
    await page.getByLabel('Folder name').fill('Meetings');
    await page.getByRole('button', { name: 'Create the folder' }).click();
    await page.getByText('A folder of this name is already there.').waitFor();

    await page.getByLabel('Address (https://…)').fill(siteUrl);
    await page.getByLabel('Description (optional)').fill('Our neighbours’ tool library');
    await page.getByRole('button', { name: 'Add the link' }).click();
    await page.getByText('Added.').waitFor();
    // Without a title, the page's own; its preview shows, without its picture.
    await page.getByRole('link', { name: 'Tool library' }).waitFor();
    await page.getByText('Borrow a drill, a ladder or a sewing machine.').waitFor();
    await page.getByText('From Tools for all').waitFor();
    expect(await page.locator('img').count()).toBe(0);

    await page.getByRole('link', { name: 'Meetings' }).click();
    await page.waitForURL(`${resourcesUrl()}/Meetings`);
    await page.getByRole('navigation', { name: 'Where you are' }).getByRole('link', { name: 'Meetings' }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Agenda');
    await page.getByRole('button', { name: 'Create the document' }).click();
    await page.getByText('Added.').waitFor();
    const pad = await page.getByRole('link', { name: 'Agenda' }).getAttribute('href');
    expect(pad).toMatch(/^https:\/\/pad\.example\/p\/[a-z0-9]{26}$/);
    await screenshotBothWidths(page, 'group-resources-folder');
  });

  it('moves the link into the folder, renames the folder, and deletes it with its content', async () => {
    await visit(page, resourcesUrl());
    await page.getByText('Rename, move or delete Tool library').click();
    await page.getByLabel('Move to').selectOption({ label: 'Meetings' });
    await page.getByRole('button', { name: 'Move' }).click();
    await page.getByText('Moved.').waitFor();
    expect(await page.getByRole('link', { name: 'Tool library' }).count()).toBe(0);
    await screenshotBothWidths(page, 'group-resources-root');

    await page.getByText('Rename, move or delete Meetings').click();
    await page.getByLabel('New name').fill('Meeting notes');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByText('Renamed.').waitFor();
    await page.getByRole('link', { name: 'Meeting notes' }).click();
    await page.waitForURL(`${resourcesUrl()}/Meeting%20notes`);
    await page.getByRole('link', { name: 'Tool library' }).waitFor();
    await page.getByRole('link', { name: 'Agenda' }).waitFor();

    await visit(page, resourcesUrl());
    await page.getByText('Rename, move or delete Meeting notes').click();
    await page.getByText('Deleting a folder deletes everything in it.').waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Deleted.').waitFor();
    await page.getByText('This folder is empty.').waitFor();
    expect(foreign).toEqual([]);
  });

  it('shows nothing of them to someone outside the group', async () => {
    const other = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB', javaScriptEnabled: false });
    const outsider = await other.newPage();
    await submitSignIn(outsider, `${server.baseUrl}/login?redirect=/@${GROUP}/resources`, 'otto@example.org', PASSWORD);
    await outsider.waitForURL(resourcesUrl());
    await outsider.getByText('Only members of this group can see its resources.').waitFor();
    expect(await outsider.getByRole('button').filter({ hasText: 'Create the folder' }).count()).toBe(0);
    await other.close();
  });

  it('is accessible, in English and in Arabic', async () => {
    const rosa = await clientAs(server.baseUrl, 'rosa@example.org', PASSWORD);
    const group = await rosa.query<{ group: { id: string } }>(`{ group(preferredUsername: "${GROUP}") { id } }`);
    await rosa.query(
      `mutation { createResource(actorId: "${group.data!.group.id}", title: "Archive", type: "folder") { id } }`
    );
    await rosa.query(
      `mutation { createResource(actorId: "${group.data!.group.id}", title: "Tool library", resourceUrl: "${siteUrl}") { id } }`
    );
    const withJs = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB' });
    const checked = await withJs.newPage();
    await submitSignIn(checked, `${server.baseUrl}/login?redirect=/@${GROUP}/resources`, 'rosa@example.org', PASSWORD);
    await checked.waitForURL(resourcesUrl());
    await checked.locator('.resources__item').first().waitFor();
    expect(await accessibilityViolations(checked)).toEqual([]);
    // The same page in Arabic, right to left.
    await withJs.addCookies([{ name: LOCALE_COOKIE, value: 'ar', url: server.baseUrl }]);
    await visit(checked, resourcesUrl());
    await checked.getByRole('heading', { name: 'موارد Repair Café', level: 1 }).waitFor();
    expect(await checked.locator('html').getAttribute('dir')).toBe('rtl');
    await screenshotBothWidths(checked, 'group-resources-ar');
    expect(await accessibilityViolations(checked)).toEqual([]);
    await withJs.close();
  });
});

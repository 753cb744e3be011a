import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startTestServer } from '../helpers/server.ts';
import { browserAvailable, launchBrowser, VIEWPORTS, visit, submitSignIn } from './harness.ts';

const chromiumAvailable = browserAvailable();
const PASSWORD = 'admin password 123';
type Server = Awaited<ReturnType<typeof startTestServer>>;

describe.skipIf(!chromiumAvailable)('the administrator settings page, without JavaScript', () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const signIn = async (email: string) => {
    await submitSignIn(page, `${server.baseUrl}/login?redirect=/admin/settings`, email, PASSWORD);
    await page.waitForLoadState('load');
  };
  const registrationsOpen = async () => {
    const response = await fetch(`${server.baseUrl}/api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ config { registrationsOpen } }' })
    });
    return ((await response.json()) as { data: { config: { registrationsOpen: boolean } } }).data.config
      .registrationsOpen;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ env: { REGISTRATIONS: 'open' } }), launchBrowser()]);
    await server.createUser('boss@example.org', PASSWORD, 'boss');
    const promoted = await runCli(['users', 'modify', 'boss@example.org', '--role', 'administrator'], server.env);
    if (promoted.code !== 0) throw new Error(promoted.stderr);
    await server.createUser('plain@example.org', PASSWORD, 'plain');
  }, 180_000);

  beforeAll(async () => {
    context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB', javaScriptEnabled: false });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('sends anonymous visitors to sign in', async () => {
    await visit(page, `${server.baseUrl}/admin/settings`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('refuses people who are not administrators', async () => {
    await signIn('plain@example.org');
    const response = await page.goto(`${server.baseUrl}/admin/settings`);
    expect(response?.status()).toBe(403);
    await page.getByRole('heading', { name: 'Access denied' }).waitFor();
    expect(await page.getByRole('banner').getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await context.clearCookies();
  });

  it('lets an administrator close registrations with a plain form', async () => {
    await signIn('boss@example.org');
    await page.getByRole('banner').getByRole('link', { name: 'Administration' }).click();
    await page.waitForURL(`${server.baseUrl}/admin/settings`);
    await page.getByRole('heading', { name: 'Instance settings', level: 1 }).waitFor();
    expect(await page.getByLabel('Anyone').isChecked()).toBe(true);
    expect(await registrationsOpen()).toBe(true);
    await page.getByLabel('Nobody: registrations are closed').check();
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await page.getByText('The settings were saved.').waitFor();
    expect(await page.getByLabel('Nobody: registrations are closed').isChecked()).toBe(true);
    expect(await registrationsOpen()).toBe(false);
  });
});

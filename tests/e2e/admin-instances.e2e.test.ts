import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startTestServer } from '../helpers/server.ts';
import {
  accessibilityViolations,
  browserAvailable,
  launchBrowser,
  screenshotBothWidths,
  submitSignIn,
  visit,
  VIEWPORTS
} from './harness.ts';

const chromiumAvailable = browserAvailable();
const PASSWORD = 'admin password 123';
type Server = Awaited<ReturnType<typeof startTestServer>>;

async function startWithAdmin(email: string, name: string): Promise<Server> {
  const server = await startTestServer({ env: { INSTANCE_NAME: name } });
  await server.createUser(email, PASSWORD, email.split('@')[0]!.replace(/\W/g, '_'));
  const promoted = await runCli(['users', 'modify', email, '--role', 'administrator'], server.env);
  if (promoted.code !== 0) throw new Error(promoted.stderr);
  return server;
}

/** Reloads until the text shows: the other instance's answer travels through its delivery queue. */
async function reloadUntil(page: Page, text: string, tries = 30): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if ((await page.getByText(text, { exact: true }).count()) > 0) return;
    await page.waitForTimeout(500);
    await page.reload();
  }
  throw new Error(`"${text}" never showed on ${page.url()}`);
}

describe.skipIf(!chromiumAvailable)('following another instance from the administration, without JavaScript', () => {
  let a: Server;
  let b: Server;
  let browser: Browser;
  let contextA: BrowserContext;
  let contextB: BrowserContext;
  let pageA: Page;
  let pageB: Page;
  const hostA = () => new URL(a.baseUrl).host;
  const hostB = () => new URL(b.baseUrl).host;

  beforeAll(async () => {
    [a, b, browser] = await Promise.all([
      startWithAdmin('ada@example.org', 'Instance A'),
      startWithAdmin('bo@example.org', 'Instance B'),
      launchBrowser()
    ]);
    contextA = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB', javaScriptEnabled: false });
    contextB = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB', javaScriptEnabled: false });
    contextA.setDefaultTimeout(10_000);
    contextB.setDefaultTimeout(10_000);
    [pageA, pageB] = await Promise.all([contextA.newPage(), contextB.newPage()]);
  }, 240_000);

  afterAll(async () => {
    await contextA?.close();
    await contextB?.close();
    await browser?.close();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it("A's administrator follows B by its domain", async () => {
    await submitSignIn(pageA, `${a.baseUrl}/login?redirect=/admin/settings`, 'ada@example.org', PASSWORD);
    await pageA.waitForURL(`${a.baseUrl}/admin/settings`);
    await pageA.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Instances' }).click();
    await pageA.waitForURL(`${a.baseUrl}/admin/instances`);
    await pageA.getByRole('heading', { name: 'Instances', level: 1 }).waitFor();

    // A typo first: a clear error, the field keeps what was typed.
    await pageA.getByLabel('Domain of the instance').fill('not a domain');
    await pageA.getByRole('button', { name: 'Follow this instance' }).click();
    await pageA.getByText('Enter the domain of another instance, like events.example.org.').waitFor();
    expect(await pageA.getByLabel('Domain of the instance').inputValue()).toBe('not a domain');

    await pageA.getByLabel('Domain of the instance').fill(hostB());
    await pageA.getByRole('button', { name: 'Follow this instance' }).click();
    await pageA.waitForURL((url) => url.pathname === `/admin/instances/${encodeURIComponent(hostB())}`);
    await pageA.getByText(`A follow request went to ${hostB()}.`, { exact: false }).waitFor();
    await pageA.getByText('This instance asked to follow it; waiting for its answer.').waitFor();
    await pageA.getByText('Software: convene 0.1.0').waitFor();
  });

  it("B's administrator accepts A's follow", async () => {
    await submitSignIn(pageB, `${b.baseUrl}/login?redirect=/admin/instances`, 'bo@example.org', PASSWORD);
    await pageB.waitForURL(`${b.baseUrl}/admin/instances`);
    await reloadUntil(pageB, 'It asks to follow this instance.');
    // What A's NodeInfo says is read by a job of its own, soon after the request.
    await reloadUntil(pageB, 'Software: convene 0.1.0');
    await pageB.getByText('Instance A', { exact: true }).waitFor();
    const item = pageB.getByRole('listitem').filter({ has: pageB.getByRole('link', { name: hostA() }) });
    await screenshotBothWidths(pageB, 'admin-instances-request');
    await item.getByRole('button', { name: `Accept its follow — ${hostA()}` }).click();
    await pageB.getByText(`${hostA()} now follows this instance.`).waitFor();
    await pageB.getByText('It follows this instance.').waitFor();
    await screenshotBothWidths(pageB, 'admin-instances-accepted');
  });

  it("A sees B's acceptance and the instance's details", async () => {
    await reloadUntil(pageA, 'This instance follows it.');
    await pageA.getByRole('heading', { name: hostB(), level: 1 }).waitFor();
    await pageA.getByText('Instance B', { exact: true }).waitFor();
    expect(await pageA.getByRole('button', { name: `Stop following — ${hostB()}` }).count()).toBe(1);
    await screenshotBothWidths(pageA, 'admin-instance-detail');
  });

  it('has no accessibility violations on the list and the details', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB' });
    try {
      await context.addCookies(await contextB.cookies());
      const page = await context.newPage();
      await visit(page, `${b.baseUrl}/admin/instances`);
      expect(await accessibilityViolations(page)).toEqual([]);
      await visit(page, `${b.baseUrl}/admin/instances/${encodeURIComponent(hostA())}`);
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

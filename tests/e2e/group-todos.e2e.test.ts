import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALE_COOKIE } from '#lib/i18n/locales.ts';
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
const PASSWORD = 'group todos e2e 12345';
const GROUP = 'garden_club';
type Server = Awaited<ReturnType<typeof startTestServer>>;

describe.skipIf(!chromiumAvailable)("a group's todo lists and activity", () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await Promise.all([
      server.createUser('ann@example.org', PASSWORD, 'ann'),
      server.createUser('bob@example.org', PASSWORD, 'bob'),
      server.createUser('eve@example.org', PASSWORD, 'eve')
    ]);
    await seedOpenGroup(server.baseUrl, PASSWORD, {
      username: GROUP,
      name: 'Garden club',
      creator: 'ann@example.org',
      members: ['bob@example.org']
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

  it('creates a list, adds, assigns, ticks and edits todos with plain forms (no JavaScript)', async () => {
    await signIn('ann@example.org', false);
    const foreign = recordForeignRequests(page, server.baseUrl);
    await visit(page, `${server.baseUrl}/@${GROUP}/todo-lists`);
    await page.getByRole('heading', { level: 1, name: /Todo lists of .Garden club/ }).waitFor();
    await page.getByText('No todo lists yet.').waitFor();
    await page.getByLabel('Title of the list').fill('Spring fair');
    await page.getByRole('button', { name: 'Create the list' }).click();
    await page.getByRole('heading', { level: 1, name: 'Spring fair' }).waitFor();
    expect(page.url()).toMatch(new RegExp(`/@${GROUP}/todo-lists/\\d+$`));

    const add = page.locator('form[action="?/add"]');
    await add.getByLabel('What is to be done').fill('Print posters');
    await add.getByLabel('Due date').fill('2030-05-01');
    await add.getByLabel('Assigned to').selectOption({ label: 'bob (@bob)' });
    await add.getByRole('button', { name: 'Add the todo' }).click();
    await page.getByText(/^Assigned to .?bob.?$/).waitFor();
    await page.getByText('Due 1 May 2030').waitFor();
    await add.getByLabel('What is to be done').fill('Bring chairs');
    await add.getByRole('button', { name: 'Add the todo' }).click();
    await page.getByText('Bring chairs', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Mark “Print posters” as done' }).click();
    const undo = page.getByRole('button', { name: 'Mark “Print posters” as not done' });
    await undo.waitFor();
    expect(await undo.getAttribute('aria-pressed')).toBe('true');

    await page.getByText('Edit “Bring chairs”').click();
    const edit = page.locator('li', { hasText: 'Bring chairs' }).locator('form[action="?/update"]');
    await edit.getByLabel('What is to be done').fill('Bring twenty chairs');
    await edit.getByLabel('Assigned to').selectOption({ label: 'ann (@ann)' });
    await edit.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByText('Bring twenty chairs', { exact: true }).waitFor();
    await page.getByText(/^Assigned to .?ann.?$/).waitFor();

    // A blank title is refused, beside the form, and nothing changes.
    await add.getByLabel('What is to be done').evaluate((input) => input.removeAttribute('required'));
    await add.getByRole('button', { name: 'Add the todo' }).click();
    await page.getByRole('alert').getByText('Give it a title').waitFor();
    expect(await page.locator('ul.todos__items > li').count()).toBe(2);
    await visit(page, page.url().replace(/\?.*$/, ''));
    await shots(page, 'group-todo-list');

    await visit(page, `${server.baseUrl}/@${GROUP}/todo-lists`);
    await page.getByRole('link', { name: 'Spring fair' }).waitFor();
    await page.getByText('Todos: 2').waitFor();
    await shots(page, 'group-todo-lists');
    expect(foreign).toEqual([]);
  });

  it('is accessible with JavaScript, and closed to those who are not members', async () => {
    await signIn('bob@example.org', true);
    await visit(page, `${server.baseUrl}/@${GROUP}/todo-lists`);
    await page.getByRole('link', { name: 'Spring fair' }).click();
    await page.getByRole('heading', { level: 1, name: 'Spring fair' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await signIn('eve@example.org', true);
    await visit(page, `${server.baseUrl}/@${GROUP}/todo-lists`);
    await page.getByText('Only members of this group see its todo lists.').waitFor();
    expect(await page.getByRole('button', { name: 'Create the list' }).count()).toBe(0);
    await visit(page, `${server.baseUrl}/@${GROUP}/timeline`);
    await page.getByText('Only members of this group see its activity.').waitFor();
    await shots(page, 'group-timeline-outsider');
  });

  it("tells the group's history as sentences, filtered by type and translated", async () => {
    await signIn('bob@example.org', false);
    await visit(page, `${server.baseUrl}/@${GROUP}/timeline`);
    const lines = page.locator('.timeline__sentence');
    await lines.first().waitFor();
    const text = (await lines.allTextContents()).map((s) => s.replace(/[\u2068\u2069]/g, ''));
    expect(text).toEqual(['bob joined the group', 'ann created the group Garden club']);
    await page.getByRole('navigation', { name: 'Show' }).getByRole('link', { name: 'Members' }).click();
    await page.waitForURL(/type=member/);
    expect(
      await page
        .getByRole('navigation', { name: 'Show' })
        .getByRole('link', { name: 'Members' })
        .getAttribute('aria-current')
    ).toBe('page');
    expect(await lines.count()).toBe(1);
    await shots(page, 'group-timeline');

    await signIn('bob@example.org', true);
    await context.addCookies([{ name: LOCALE_COOKIE, value: 'ar', url: server.baseUrl }]);
    await visit(page, `${server.baseUrl}/@${GROUP}/timeline`);
    await page.getByRole('heading', { level: 1, name: /نشاط/ }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await accessibilityViolations(page)).toEqual([]);
    await shots(page, 'group-timeline-ar');
  });
});

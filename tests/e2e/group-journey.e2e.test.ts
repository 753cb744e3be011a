import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.ts';
import {
  accessibilityViolations,
  browserAvailable,
  launchBrowser,
  openPerson,
  recordForeignRequests,
  screenshot,
  signedInPerson,
  VIEWPORTS,
  visit
} from './harness.ts';

const chromiumAvailable = browserAvailable();
const PASSWORD = 'group journey 12345';
const GROUP = 'riverside_walkers';

/**
 * One person's way through a new group, page after page as they would go: create it, give it an
 * event (a draft first, then published), a discussion with a reply, a folder and a link; then what a
 * visitor sees of it. Each step leaves a screenshot, `group-journey-NN-step.png`.
 */
describe.skipIf(!chromiumAvailable)(
  'a new group, from its creation to its first event, discussion and resources',
  () => {
    let server: Awaited<ReturnType<typeof startTestServer>>;
    let browser: Browser;
    let organizer: BrowserContext;
    let page: Page;
    let foreign: string[];
    let step = 0;
    const groupUrl = (path = '') => `${server.baseUrl}/@${GROUP}${path}`;
    const shot = (name: string, on = page) =>
      screenshot(on, `group-journey-${String(++step).padStart(2, '0')}-${name}`);
    const sections = () => page.getByRole('navigation', { name: 'Group sections' });

    /** What someone who is not signed in sees of the group's public page. */
    async function asVisitor(look: (visitor: Page) => Promise<void>) {
      const { context, page: visitor } = await openPerson(browser);
      try {
        foreign.push(...recordForeignRequests(visitor, server.baseUrl));
        await visit(visitor, groupUrl());
        await visitor.getByRole('heading', { level: 1, name: 'Riverside walkers' }).waitFor();
        await look(visitor);
      } finally {
        await context.close();
      }
    }

    beforeAll(async () => {
      [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
      await server.createUser('maya@example.org', PASSWORD, 'maya');
      ({ context: organizer, page } = await signedInPerson(browser, server.baseUrl, 'maya@example.org', PASSWORD));
      foreign = recordForeignRequests(page, server.baseUrl);
    }, 180_000);

    afterAll(async () => {
      await organizer?.close();
      await browser?.close();
      await server?.stop();
    });

    it('creates the group from the web form', async () => {
      await visit(page, `${server.baseUrl}/groups/create`);
      await page.getByLabel('Name of the group').fill('Riverside walkers');
      expect(await page.locator('#preferredUsername').inputValue()).toBe(GROUP);
      await page.getByLabel('Description', { exact: true }).fill('Walks along the river, every other Sunday.');
      await page.getByLabel('Anyone can join', { exact: true }).check();
      await shot('create-form');
      await page.getByRole('button', { name: 'Create the group' }).click();
      await page.waitForURL(groupUrl('?created=1'));
      await page.getByRole('heading', { level: 1, name: 'Riverside walkers' }).waitFor();
      await page.getByText('Your group is ready').waitFor();
      await page.getByText('No upcoming event.', { exact: true }).waitFor();
      const create = page.getByRole('link', { name: 'Create an event for this group' });
      expect(await create.getAttribute('href')).toMatch(/^\/events\/create\?group=\d+$/);
      await shot('created');
    });

    it('creates a group event from the members’ area, as a draft, then publishes it', async () => {
      await sections().getByRole('link', { name: 'Events' }).click();
      await page.waitForURL(groupUrl('/events'));
      await page.getByText('No upcoming event for now.').waitFor();
      await page.getByRole('link', { name: 'Create an event for this group' }).click();
      await page.waitForURL(/\/events\/create\?group=\d+$/);
      await page.waitForLoadState('networkidle');
      // The group is chosen as the organizer already.
      expect(await page.getByLabel('Organize as').locator('option:checked').textContent()).toMatch(/Riverside walkers/);
      await page.getByLabel('Title').fill('Sunday walk to the old mill');
      await page.getByLabel('Starts').fill('2031-06-15T10:00');
      await page.getByLabel('Description', { exact: true }).fill('Meet at the footbridge. Good shoes!');
      await shot('event-form');
      await page.getByRole('button', { name: 'Save as draft' }).click();
      await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
      await page.getByText('This is a draft: only its organizers can see it.').waitFor();
      await page.locator('[data-fact="organizer"]').getByRole('link', { name: 'Riverside walkers' }).waitFor();
      const eventUrl = page.url();
      await shot('event-draft');

      // A draft is the members' business: the public page does not list it.
      await asVisitor(async (visitor) => {
        expect(await visitor.getByRole('link', { name: 'Sunday walk to the old mill' }).count()).toBe(0);
      });
      await visit(page, groupUrl('/events'));
      await page.getByRole('link', { name: 'Sunday walk to the old mill' }).waitFor();
      await page.getByText('Draft', { exact: true }).waitFor();
      await page.getByText('Events: 1').waitFor();
      await shot('events-with-draft');

      await page.getByRole('link', { name: 'Sunday walk to the old mill' }).click();
      await page.waitForURL(eventUrl);
      await page.getByRole('link', { name: 'Edit', exact: true }).click();
      await page.waitForURL(`${eventUrl}/edit`);
      await page.waitForLoadState('networkidle');
      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      await page.waitForURL(eventUrl);
      await page.getByRole('heading', { level: 1, name: 'Sunday walk to the old mill' }).waitFor();
      expect(await page.getByText('This is a draft').count()).toBe(0);
      await shot('event-published');
    });

    it('starts a discussion and replies to it', async () => {
      await visit(page, groupUrl());
      await sections().getByRole('link', { name: 'Discussions' }).click();
      await page.waitForURL(groupUrl('/discussions'));
      await page.waitForLoadState('networkidle');
      await page.getByText('No discussion yet.').waitFor();
      await page.getByLabel('Title').fill('Who brings the thermos?');
      await page.getByLabel('First message').fill('Tea or coffee for the first walk?');
      await page.getByRole('button', { name: 'Start the discussion' }).click();
      await page.waitForURL(new RegExp(`/@${GROUP}/c/who-brings-the-thermos-[0-9a-f]{8}$`));
      await page.getByRole('heading', { level: 1, name: 'Who brings the thermos?' }).waitFor();
      await page.waitForLoadState('networkidle');
      await page.getByLabel('Your reply').fill('I will bring both.');
      await page.getByRole('button', { name: 'Send the reply' }).click();
      await page.locator('article .prose', { hasText: 'I will bring both.' }).waitFor();
      await page.locator('article .prose', { hasText: 'Tea or coffee for the first walk?' }).waitFor();
      // A thread is part of the Discussions section.
      expect(await sections().getByRole('link', { name: 'Discussions' }).getAttribute('aria-current')).toBe('page');
      await shot('discussion');
    });

    it('adds a folder and a link to the resources', async () => {
      await sections().getByRole('link', { name: 'Resources' }).click();
      await page.waitForURL(groupUrl('/resources'));
      await page.waitForLoadState('networkidle');
      await page.getByText('This folder is empty.').waitFor();
      await page.getByLabel('Folder name').fill('Route maps');
      await page.getByRole('button', { name: 'Create the folder' }).click();
      await page.getByRole('link', { name: 'Route maps' }).waitFor();
      // A link to a page of this server (the test has no other web to point at).
      await page.getByLabel('Address (https://…)').fill(groupUrl('/events'));
      await page.getByLabel('Title (optional)').fill('Our walks');
      await page.getByRole('button', { name: 'Add the link' }).click();
      await page.getByRole('link', { name: 'Our walks' }).waitFor();
      await shot('resources');
    });

    it('shows the published event on the public page, at both widths', async () => {
      await asVisitor(async (visitor) => {
        await visitor.getByRole('link', { name: 'Sunday walk to the old mill' }).waitFor();
        await visitor.getByText('Walks along the river, every other Sunday.').waitFor();
        expect(await visitor.getByRole('navigation', { name: 'Group sections' }).count()).toBe(0);
        expect(await accessibilityViolations(visitor)).toEqual([]);
        await shot('public-1280', visitor);
        await visitor.setViewportSize(VIEWPORTS.mobile);
        await shot('public-375', visitor);
        // Nothing wider than the phone: no sideways scrolling.
        expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      });
    });

    it('shows the discussion and the resources in the members’ area', async () => {
      await visit(page, groupUrl('/discussions'));
      await page.getByRole('link', { name: 'Who brings the thermos?' }).waitFor();
      await page.getByText(/^Last message by \W?maya\W?, /).waitFor();
      await shot('discussions');
      await visit(page, groupUrl('/resources'));
      await page.getByRole('link', { name: 'Route maps' }).waitFor();
      await page.getByRole('link', { name: 'Our walks' }).waitFor();
      await page.setViewportSize(VIEWPORTS.mobile);
      await shot('resources-375');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await visit(page, groupUrl());
      await shot('members-page-375');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.setViewportSize(VIEWPORTS.desktop);
      expect(foreign).toEqual([]);
    });
  }
);

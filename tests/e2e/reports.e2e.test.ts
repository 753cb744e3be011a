import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, gql } from '../helpers/graphql.ts';
import { capturedMails } from '../helpers/mail.ts';
import { runCli, startTestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import {
  accessibilityViolations,
  browserAvailable,
  launchBrowser,
  recordForeignRequests,
  screenshotBothWidths as shots,
  signedInPerson,
  visit
} from './harness.ts';

const chromiumAvailable = browserAvailable();
const PASSWORD = 'reports e2e 12345';
type Server = Awaited<ReturnType<typeof startTestServer>>;

describe.skipIf(!chromiumAvailable)('reporting an event and handling the report', () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let eventUuid: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await Promise.all([
      server.createUser('organizer@example.org', PASSWORD, 'organizer'),
      server.createUser('witness@example.org', PASSWORD, 'witness'),
      server.createUser('warden@example.org', PASSWORD, 'warden')
    ]);
    const promoted = await runCli(['users', 'modify', 'warden@example.org', '--role', 'moderator'], server.env);
    if (promoted.code !== 0) throw new Error(promoted.stderr);
    const organizer = await clientAs(server.baseUrl, 'organizer@example.org', PASSWORD);
    const created = await gql<{ createEvent: { id: string; uuid: string } }>(
      server.baseUrl,
      `mutation($o: ID!) { createEvent(organizerActorId: $o, title: "Miracle cure fair",
        description: "<p>Buy our water.</p>", beginsOn: "2031-09-12T10:00:00Z") { id uuid } }`,
      { o: organizer.defaultActorId },
      { token: organizer.accessToken }
    );
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    eventUuid = created.data.createEvent.uuid;
    const comment = await organizer.query(
      'mutation($e: ID!) { createComment(eventId: $e, text: "<p>Only 99 € a bottle</p>") { id } }',
      { e: created.data.createEvent.id }
    );
    if (comment.errors) throw new Error(JSON.stringify(comment.errors));
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

  it('reports the event with a plain form (no JavaScript)', async () => {
    await signIn('witness@example.org', false);
    const foreign = recordForeignRequests(page, server.baseUrl);
    await visit(page, `${server.baseUrl}/events/${eventUuid}`);
    await shots(page, 'event-page-report-link');
    // Each comment by someone else can be reported too.
    await page.getByRole('link', { name: /Report the comment of \W?organizer/i }).waitFor();
    expect(await page.getByRole('banner').getByRole('link', { name: 'Moderation' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Report this event' }).click();
    await page.waitForURL(`${server.baseUrl}/events/${eventUuid}/report`);
    await page.getByRole('heading', { level: 1, name: 'Report an event' }).waitFor();
    await page.getByText(/The event “\W?Miracle cure fair\W?” goes with the report/).waitFor();
    // The organizer is on this server: there is no other server to send a copy to.
    expect(await page.getByLabel(/Also send the report to/).count()).toBe(0);
    await page.getByLabel('What is wrong?').fill('They sell tap water as medicine.');
    await shots(page, 'report-form');
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.waitForURL(`${server.baseUrl}/events/${eventUuid}/report?sent=1`);
    await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
    await page.getByText(/Your report was sent to the moderators/).waitFor();
    await shots(page, 'report-sent');
    expect(foreign).toEqual([]);
  });

  it('lets a moderator find the report, write a note and resolve it', async () => {
    await signIn('warden@example.org', true);
    await page.getByRole('banner').getByRole('link', { name: 'Moderation' }).click();
    await page.waitForURL(`${server.baseUrl}/moderation/reports`);
    await page.waitForLoadState('networkidle');
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    const item = page.getByRole('link', { name: /Report #\d+ about \W?organizer/i });
    await item.waitFor();
    await page.getByText('They sell tap water as medicine.').waitFor();
    await page.getByText(/Reported by \W?witness/i).waitFor();
    await shots(page, 'moderation-reports');
    expect(await accessibilityViolations(page)).toEqual([]);

    await item.click();
    await page.waitForURL(/\/moderation\/reports\/\d+$/);
    await page.waitForLoadState('networkidle');
    const reportUrl = page.url();
    await page.getByRole('heading', { level: 1, name: /^Report #\d+$/ }).waitFor();
    await page.getByText('Status: Open').waitFor();
    await page.getByRole('link', { name: 'Miracle cure fair' }).waitFor();

    // The moderators were told by mail, with this page's address.
    await waitFor(
      async () =>
        (await capturedMails(server.dataDir)).find(
          (m) => m.to === 'warden@example.org' && m.raw.replace(/=\r?\n/g, '').includes(reportUrl)
        ),
      { what: 'the moderator’s mail' }
    );

    await page.getByLabel('New note').fill('Asked the organizer for their licence.');
    await page.getByRole('button', { name: 'Add the note' }).click();
    await page.getByText('The note was added.').waitFor();
    await page.getByText('Asked the organizer for their licence.').waitFor();
    await page.getByRole('button', { name: 'Mark as resolved' }).click();
    await page.getByText('Status: Resolved').waitFor();
    await page.getByText('The report’s status was changed.').waitFor();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    await shots(page, 'moderation-report');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'All reports' }).click();
    await page.waitForURL(/\/moderation\/reports\?status=RESOLVED$/);
    await item.waitFor();
    await visit(page, `${server.baseUrl}/moderation/reports`);
    await page.getByText('No reports in this list.').waitFor();
  });

  it('offers to send a copy to the server of a remote organizer', async () => {
    // A remote organizer's event, as this server holds it once it heard of it (written here directly:
    // a second server in this browser test would only slow it down; tests/federation covers the wire).
    const uuid = randomUUID();
    const db = new pg.Client({ connectionString: server.env.DATABASE_URL });
    await db.connect();
    try {
      const actor = await db.query<{ id: string }>(
        `insert into actors (type, preferred_username, domain, name, ap_id, url, inbox_url, shared_inbox_url)
         values ('Person', 'faraway', 'far.example', 'Far Away', 'https://far.example/@faraway',
                 'https://far.example/@faraway', 'https://far.example/@faraway/inbox', 'https://far.example/inbox')
         returning id`
      );
      await db.query(
        `insert into events (uuid, ap_id, url, local, title, begins_on, organizer_actor_id, published_at)
         values ($1, $2, $2, false, 'Distant fair', '2031-10-01T10:00:00Z', $3, now())`,
        [uuid, `https://far.example/events/${uuid}`, actor.rows[0]!.id]
      );
    } finally {
      await db.end();
    }
    await signIn('witness@example.org', false);
    await visit(page, `${server.baseUrl}/events/${uuid}/report`);
    const forward = page.getByLabel(/Also send the report to \W?far\.example/);
    await forward.waitFor();
    expect(await forward.isChecked()).toBe(false);
    await page.getByLabel('What is wrong?').fill('Fake event.');
    await forward.check();
    await shots(page, 'report-form-remote');
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
    const asModerator = await clientAs(server.baseUrl, 'warden@example.org', PASSWORD);
    const listed = await asModerator.query<{ reports: { elements: { content: string; uri: string }[] } }>(
      '{ reports(domain: "far.example") { elements { content uri } } }'
    );
    expect(listed.data?.reports.elements).toEqual([
      { content: 'Fake event.', uri: expect.stringMatching(/\/report\//) }
    ]);
    // The ticked box asked for a copy: a Flag to far.example waits in the outbox.
    const uri = listed.data!.reports.elements[0]!.uri;
    const check = new pg.Client({ connectionString: server.env.DATABASE_URL });
    await check.connect();
    try {
      const queued = await waitFor(
        async () =>
          (
            await check.query<{ type: string; inbox_url: string }>(
              `select a.type, d.inbox_url from outbox_activities a join deliveries d on d.activity_id = a.id
               where a.ap_id = $1`,
              [uri]
            )
          ).rows[0],
        { what: 'the Flag to be queued' }
      );
      expect(queued).toEqual({ type: 'Flag', inbox_url: 'https://far.example/inbox' });
    } finally {
      await check.end();
    }
  });

  it('keeps the moderation pages from everyone else, and the report form accessible', async () => {
    await signIn('witness@example.org', true);
    const response = await page.goto(`${server.baseUrl}/moderation/reports`);
    expect(response?.status()).toBe(403);
    await visit(page, `${server.baseUrl}/events/${eventUuid}`);
    await page.getByRole('link', { name: /Report the comment of \W?organizer/i }).click();
    await page.waitForURL(/\/report\?comment=\d+$/);
    await page.waitForLoadState('networkidle');
    await page.getByRole('heading', { level: 1, name: 'Report a comment' }).waitFor();
    await page.getByText('Only 99 € a bottle').waitFor();
    await shots(page, 'report-form-comment');
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});

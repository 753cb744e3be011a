import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALE_COOKIE } from '#lib/i18n/locales.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { runCli, startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import {
  accessibilityViolations,
  browserAvailable,
  launchBrowser,
  recordForeignRequests,
  screenshotBothWidths as shots,
  submitSignIn,
  VIEWPORTS,
  visit
} from './harness.ts';

const PASSWORD = 'across servers 12345';

/**
 * Taking part in another server's event from the web interface: two servers of ours in their own
 * processes, B following A's relay. A person signed in on B pastes the address of A's event in
 * the search box, opens it, and asks to join (it needs approval); the page says the request went to A; A's organizer approves; B's page says she goes.
 * The page asks nothing of A's server from the browser.
 */
describe.skipIf(!browserAvailable())('joining another server’s event in a browser', () => {
  let a: TestServer;
  let b: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let uuid: string;
  let rose: Awaited<ReturnType<typeof clientAs>>;

  async function admin(server: TestServer, email: string) {
    await server.createUser(email, PASSWORD, email.split('@')[0]!);
    const modified = await runCli(['users', 'modify', email, '--role', 'administrator'], server.env);
    if (modified.code !== 0) throw new Error(modified.stderr);
    return clientAs(server.baseUrl, email, PASSWORD);
  }

  beforeAll(async () => {
    [a, b, browser] = await Promise.all([startTestServer(), startTestServer(), launchBrowser()]);
    const [adminA, adminB] = await Promise.all([admin(a, 'admina@example.org'), admin(b, 'adminb@example.org')]);
    await Promise.all([
      a.createUser('rose@example.org', PASSWORD, 'rose'),
      b.createUser('bea@example.org', PASSWORD, 'bea')
    ]);
    rose = await clientAs(a.baseUrl, 'rose@example.org', PASSWORD);
    const added = await adminB.query(`mutation($d: String!) { addInstance(domain: $d) { domain } }`, {
      d: new URL(a.baseUrl).host
    });
    if (added.errors) throw new Error(JSON.stringify(added.errors));
    await waitFor(
      async () => {
        const accepted = await adminA.query(`mutation($a: String!) { acceptRelay(address: $a) { id } }`, {
          a: `relay@${new URL(b.baseUrl).host}`
        });
        return !accepted.errors;
      },
      { what: 'A to accept B' }
    );
    const created = await rose.query<{ createEvent: { uuid: string } }>(
      `mutation($o: ID!) { createEvent(organizerActorId: $o, title: "Atelier vélo", description: "<p>Bring a bike.</p>",
        beginsOn: "2031-05-04T09:00:00Z", joinOptions: RESTRICTED) { uuid } }`,
      { o: rose.defaultActorId }
    );
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    uuid = created.data.createEvent.uuid;
    await waitFor(
      async () =>
        (
          await gql<{ event: { id: string } | null }>(b.baseUrl, `query($u: UUID!) { event(uuid: $u) { id } }`, {
            u: uuid
          })
        ).data?.event,
      { what: 'the event to reach B' }
    );
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('asks A from B, says so, and says she goes once A’s organizer approved', async () => {
    context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB' });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    const foreign = recordForeignRequests(page, b.baseUrl);
    await submitSignIn(page, `${b.baseUrl}/login`, 'bea@example.org', PASSWORD);
    await page.waitForURL(`${b.baseUrl}/`);
    // She pastes the event's address on A into the search box of B's header.
    const search = page.getByRole('search').first();
    await search.getByLabel('Search events and profiles').fill(`${a.baseUrl}/events/${uuid}`);
    await search.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?/);
    const hit = page.getByRole('listitem').filter({ hasText: 'Atelier vélo' });
    expect(await hit.textContent()).toContain(new URL(a.baseUrl).host);
    expect(await accessibilityViolations(page)).toEqual([]);
    await shots(page, 'federated-participation-found');
    await hit.getByRole('link', { name: 'Atelier vélo' }).click();
    await page.waitForURL(`${b.baseUrl}/events/${uuid}`);
    await page.waitForLoadState('networkidle');
    const part = page.getByRole('region', { name: 'Taking part' });
    await part.getByLabel('A message to the organizers').fill('I can bring tools.');
    await part.getByRole('button', { name: 'Ask to take part' }).click();
    const status = part.getByRole('status').filter({ hasText: 'has gone to' });
    await status.waitFor();
    // The host comes isolated (it may be written right to left around it).
    expect(await status.textContent()).toContain(new URL(a.baseUrl).host);
    expect(await accessibilityViolations(page)).toEqual([]);
    await shots(page, 'federated-participation-asked');

    const requests = await waitFor(
      async () => {
        const found = await rose.query<{
          event: { participants: { elements: { id: string; role: string; actor: { domain: string | null } }[] } };
        }>(`query($u: UUID!) { event(uuid: $u) { participants { elements { id role actor { domain } } } } }`, {
          u: uuid
        });
        return found.data?.event.participants.elements.find((p) => p.actor.domain === new URL(b.baseUrl).host);
      },
      { what: 'the request on A' }
    );
    expect(requests.role).toBe('NOT_APPROVED');
    const approved = await rose.query(
      `mutation($id: ID!) { updateParticipation(id: $id, role: PARTICIPANT) { id role } }`,
      {
        id: requests.id
      }
    );
    expect(approved.errors).toBeUndefined();

    await waitFor(
      async () => {
        await visit(page, `${b.baseUrl}/events/${uuid}`);
        return (
          (await part.getByText('takes part.').count()) > 0 && (await part.getByText('1 person is going.').count()) > 0
        );
      },
      { what: 'B’s page to say she goes' }
    );
    await shots(page, 'federated-participation-going');
    expect(foreign).toEqual([]);
  });

  it('says the same in Arabic, right to left', async () => {
    // The same session, the page in Arabic (as the language menu sets it).
    await context.addCookies([{ name: LOCALE_COOKIE, value: 'ar', url: b.baseUrl }]);
    await visit(page, `${b.baseUrl}/events/${uuid}`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await page.getByRole('region', { name: 'المشاركة' }).waitFor();
    await shots(page, 'federated-participation-going-ar');
  });
});

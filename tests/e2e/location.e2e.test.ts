import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../helpers/graphql.ts';
import { startTestServer } from '../helpers/server.ts';
import { browserAvailable, launchBrowser, screenshotBothWidths as shots, signedInPerson, visit } from './harness.ts';

const chromiumAvailable = browserAvailable();
const EMAIL = 'wanderer@example.org';
const PASSWORD = 'wanderer password 1';

describe.skipIf(!chromiumAvailable)('choosing one’s area in a browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  let apiToken: string | undefined;
  /** What the server stored, read through the API with one sign-in (sign-ins are rate limited). */
  async function storedLocation() {
    if (!apiToken) {
      const login = await gql<{ login: { accessToken: string } }>(
        server.baseUrl,
        'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
        { e: EMAIL, p: PASSWORD }
      );
      apiToken = login.data!.login.accessToken;
    }
    const me = await gql<{
      loggedUser: { settings: { location: { name: string; range: number; geohash: string } | null } };
    }>(server.baseUrl, '{ loggedUser { settings { location { name range geohash } } } }', {}, { token: apiToken });
    return me.data?.loggedUser.settings.location ?? null;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await server.createUser(EMAIL, PASSWORD, 'wanderer');
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function signIn(javaScriptEnabled: boolean) {
    ({ context, page } = await signedInPerson(browser, server.baseUrl, EMAIL, PASSWORD, { javaScriptEnabled }));
  }

  it('offers the towns of an ambiguous name, saves the chosen one with its distance', async () => {
    await signIn(true);
    await visit(page, `${server.baseUrl}/settings/location`);
    await page.getByText('No area chosen yet.').waitFor();
    await page.getByLabel('Town or city').fill('paris');
    await page.getByLabel('Distance').selectOption('10');
    await page.getByRole('button', { name: 'Find this town' }).click();
    const choices = page.getByRole('group', { name: 'Which one do you mean?' });
    await choices.waitFor();
    expect(await choices.getByRole('radio', { name: 'Paris, France' }).isChecked()).toBe(true);
    // Places of one name in one country are told apart by their state where it has a readable code.
    await choices.getByRole('radio', { name: 'Paris, TX, United States' }).waitFor();
    await shots(page, 'settings-location-choices');
    await page.getByRole('button', { name: 'Use this town' }).click();
    await page.getByText('Your area was saved.').waitFor();
    await page.getByText(/Paris, France\W*, within 10 km/).waitFor();
    await shots(page, 'settings-location');
    const stored = await storedLocation();
    expect(stored).toMatchObject({ name: 'Paris, France', range: 10 });
    expect(stored!.geohash).toMatch(/^u09t/);
    await context.close();
  });

  it('works without JavaScript: a mistake, a unique town saved at once, then forgotten', async () => {
    await signIn(false);
    await visit(page, `${server.baseUrl}/settings/location`);
    await page.getByLabel('Town or city').fill('Qqzzxqzz');
    await page.getByRole('button', { name: 'Find this town' }).click();
    await page.locator('#search-place-error').waitFor();
    expect(await page.getByLabel('Town or city').inputValue()).toBe('Qqzzxqzz');
    expect((await storedLocation())?.name).toBe('Paris, France');

    await page.getByLabel('Town or city').fill('Villeurbanne');
    await page.getByRole('button', { name: 'Find this town' }).click();
    await page.getByText(/Villeurbanne, France\W*, within 10 km/).waitFor();
    expect((await storedLocation())?.geohash).toMatch(/^u05k/);

    await page.getByRole('button', { name: 'Forget my area' }).click();
    await page.getByText('Your area was forgotten.').waitFor();
    expect((await storedLocation())?.name ?? null).toBeNull();
  });
});

import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.ts';
import {
  browserAvailable,
  launchBrowser,
  recordForeignRequests,
  screenshotBothWidths as shots,
  VIEWPORTS,
  visit,
  submitSignIn
} from './harness.ts';

const chromiumAvailable = browserAvailable();

const EMAIL = 'settler@example.org';
const PASSWORD = 'first password 123';
const NEW_PASSWORD = 'second password 456';

type Server = Awaited<ReturnType<typeof startTestServer>>;

async function signIn(page: Page, server: Server, password: string) {
  await submitSignIn(page, `${server.baseUrl}/login`, EMAIL, password);
}

describe.skipIf(!chromiumAvailable)('account and profile settings in a browser', () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let foreign: string[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await server.createUser(EMAIL, PASSWORD, 'settler');
    context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB' });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    foreign = recordForeignRequests(page, server.baseUrl);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('asks to sign in first, then opens the account settings', async () => {
    await visit(page, `${server.baseUrl}/settings`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/settings');
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.baseUrl}/settings/account`);
    await page.waitForLoadState('networkidle');
    await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Download my data' }).getAttribute('href')).toBe('/settings/export');
    await shots(page, 'settings-account');
  });

  it('reports a wrong current password on its field', async () => {
    await page.locator('#password-oldPassword').fill('not my password');
    await page.locator('#password-newPassword').fill(NEW_PASSWORD);
    await page.locator('#password-confirmation').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change my password' }).click();
    await page.locator('#password-oldPassword-error').waitFor();
    expect(await page.locator('#password-oldPassword').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password-errors');
  });

  it('creates a second profile, makes it the default from the header, edits and deletes it', async () => {
    await visit(page, `${server.baseUrl}/settings/profiles`);
    await page.getByLabel('Username').fill('Bad name');
    await page.getByRole('button', { name: 'Create the profile' }).click();
    await page.locator('#create-preferredUsername-error').waitFor();
    await page.getByLabel('Username').fill('second_self');
    await page.getByLabel('Display name').fill('Second Self');
    await page.getByLabel('Short bio').fill('Another side of me.');
    await page.getByRole('button', { name: 'Create the profile' }).click();
    await page.getByRole('link', { name: 'Second Self' }).waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: '@settler' }).textContent()).toContain('Default profile');
    await shots(page, 'settings-profiles');

    const header = page.getByRole('banner');
    await header.getByLabel('Current profile').selectOption('second_self');
    await header.getByRole('button', { name: 'Switch' }).click();
    await page.getByRole('listitem').filter({ hasText: '@second_self' }).getByText('Default profile').waitFor();
    expect(await header.getByLabel('Current profile').inputValue()).toBe('second_self');

    await page.getByRole('link', { name: 'Second Self' }).click();
    await page.waitForURL(`${server.baseUrl}/settings/profiles/second_self`);
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Display name').fill('Other Me');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Profile \u2068Other Me\u2069' }).waitFor();
    await page.getByText('The profile was saved.').waitFor();

    // An avatar: uploaded through the form, shown on the page and in the header.
    const png = await sharp({ create: { width: 320, height: 320, channels: 3, background: '#2a7a5f' } })
      .png()
      .toBuffer();
    await page.getByLabel('New avatar').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png });
    await page
      .getByRole('group', { name: 'Avatar' })
      .getByLabel('Description of the new picture')
      .fill('A green square');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The profile was saved.').waitFor();
    const avatar = page.getByRole('group', { name: 'Avatar' }).getByRole('img', { name: 'A green square' });
    await avatar.waitFor();
    // Saved: the fields for a new picture are empty again, so saving twice uploads nothing twice.
    expect(await page.getByLabel('New avatar').inputValue()).toBe('');
    const src = await avatar.getAttribute('src');
    expect(src).toMatch(/\/media\/[0-9a-f-]{36}\.png$/);
    const served = await page.request.get(src!);
    expect(served.headers()['content-type']).toBe('image/png');
    await shots(page, 'settings-profile');

    await page.getByRole('button', { name: 'Delete this profile' }).click();
    await page.locator('#delete-confirm-error').waitFor();
    await page.getByLabel('I understand that this profile will be deleted for good.').check();
    await page.getByRole('button', { name: 'Delete this profile' }).click();
    await page.waitForURL(`${server.baseUrl}/settings/profiles?deleted=1`);
    await page.getByText('The profile was deleted.').waitFor();
    expect(await page.getByRole('link', { name: 'Other Me' }).count()).toBe(0);

    // The only profile left cannot be deleted.
    await visit(page, `${server.baseUrl}/settings/profiles/settler`);
    await page.getByText('This is your only profile: it cannot be deleted.').waitFor();
  });

  it('saves the time zone and the language', async () => {
    await visit(page, `${server.baseUrl}/settings/preferences`);
    await shots(page, 'settings-preferences');
    await page.getByLabel('Time zone').selectOption('Europe/Paris');
    await page.getByLabel('Language', { exact: true }).selectOption('fr');
    await page.getByRole('button', { name: 'Save my preferences' }).click();
    await page.getByRole('heading', { name: 'Préférences', level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByLabel('Fuseau horaire').inputValue()).toBe('Europe/Paris');
    await page.getByText('Vos préférences ont été enregistrées.').waitFor();
    await shots(page, 'settings-preferences-fr');
    // Back to English for the rest.
    await page.getByLabel('Langue', { exact: true }).selectOption('en');
    await page.getByRole('button', { name: 'Enregistrer mes préférences' }).click();
    await page.getByRole('heading', { name: 'Preferences', level: 1 }).waitFor();
  });

  it('works without JavaScript: changing the email and switching profiles', async () => {
    const plain = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB', javaScriptEnabled: false });
    plain.setDefaultTimeout(10_000);
    try {
      const noJs = await plain.newPage();
      await noJs.goto(`${server.baseUrl}/login?redirect=%2Fsettings%2Faccount`);
      await noJs.getByLabel('Email', { exact: true }).fill(EMAIL);
      await noJs.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await noJs.getByRole('button', { name: 'Sign in' }).click();
      await noJs.getByRole('heading', { name: 'Account', level: 1 }).waitFor();

      await noJs.locator('#email-email').fill('moved@example.org');
      await noJs.locator('#email-password').fill('wrong password');
      await noJs.getByRole('button', { name: 'Change my email address' }).click();
      await noJs.locator('#email-password-error').waitFor();
      expect(await noJs.locator('#email-email').inputValue()).toBe('moved@example.org');
      await noJs.locator('#email-password').fill(PASSWORD);
      await noJs.getByRole('button', { name: 'Change my email address' }).click();
      await noJs.getByText('Check the inbox of moved@example.org').waitFor();

      await noJs.goto(`${server.baseUrl}/settings/profiles`);
      await noJs.getByLabel('Username').fill('third_self');
      await noJs.getByRole('button', { name: 'Create the profile' }).click();
      await noJs.getByRole('link', { name: 'third_self' }).waitFor();
      const header = noJs.getByRole('banner');
      await header.getByLabel('Current profile').selectOption('third_self');
      await header.getByRole('button', { name: 'Switch' }).click();
      await noJs.getByRole('listitem').filter({ hasText: '@third_self' }).getByText('Default profile').waitFor();
      expect(new URL(noJs.url()).pathname).toBe('/settings/profiles');
    } finally {
      await plain.close();
    }
  });

  it('changes the password, stays signed in, and signs in with the new one', async () => {
    await visit(page, `${server.baseUrl}/settings/account`);
    await page.locator('#password-oldPassword').fill(PASSWORD);
    await page.locator('#password-newPassword').fill(NEW_PASSWORD);
    await page.locator('#password-confirmation').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change my password' }).click();
    await page.getByText('Your password was changed.').waitFor();
    await visit(page, `${server.baseUrl}/settings/account`);
    await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();

    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    await signIn(page, server, PASSWORD);
    await page.getByRole('alert').waitFor();
    await signIn(page, server, NEW_PASSWORD);
    await page.getByRole('banner').getByRole('link', { name: 'Settings' }).waitFor();
  });

  it('deletes the account after confirmation, then refuses signing in', async () => {
    await visit(page, `${server.baseUrl}/settings/account`);
    await page.locator('#delete-password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.locator('#delete-confirm-error').waitFor();
    await page.locator('#delete-password').fill(NEW_PASSWORD);
    await page.getByLabel('I understand that my account will be deleted for good.').check();
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByText('Your account was deleted.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();

    await signIn(page, server, NEW_PASSWORD);
    await page.getByRole('alert').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(foreign).toEqual([]);
  });
});

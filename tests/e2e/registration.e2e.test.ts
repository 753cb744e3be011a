import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../helpers/graphql.ts';
import { capturedMails } from '../helpers/mail.ts';
import { waitFor } from '../helpers/wait.ts';
import { startTestServer } from '../helpers/server.ts';
import {
  browserAvailable,
  launchBrowser,
  recordForeignRequests,
  screenshotBothWidths as shots,
  VIEWPORTS,
  visit
} from './harness.ts';

const chromiumAvailable = browserAvailable();

const EMAIL = 'newcomer@example.org';
const PASSWORD = 'first password 123';
const NEW_PASSWORD = 'second password 456';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** Undoes quoted-printable soft line breaks and `=3D`, so that links read whole. */
const unfold = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');

/** Waits for a mail to `to` whose body links to `path`, and returns that link. */
async function linkFromMail(server: Server, to: string, path: string, seen: Set<string>): Promise<string> {
  const pattern = new RegExp(`${server.baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${path}[A-Za-z0-9_-]+`);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const mail of await capturedMails(server.dataDir)) {
      if (seen.has(mail.file) || !mail.to.includes(to)) continue;
      const link = pattern.exec(unfold(mail.raw))?.[0];
      if (link) {
        seen.add(mail.file);
        return link;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${to} linking to ${path}`);
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe.skipIf(!chromiumAvailable)('registration and password reset in a browser', () => {
  let open: Server;
  let closed: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let foreign: string[];
  const seenMails = new Set<string>();

  beforeAll(async () => {
    [open, closed, browser] = await Promise.all([
      startTestServer({ env: { REGISTRATIONS: 'open' } }),
      startTestServer({ env: { REGISTRATIONS: 'closed' } }),
      launchBrowser()
    ]);
    context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB', timezoneId: 'Europe/Lisbon' });
    // Shorter than the test's timeout, so that a failure names the step that waited.
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    foreign = recordForeignRequests(page, open.baseUrl);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await Promise.all([open?.stop(), closed?.stop()]);
  });

  it('links to registration and to the password reset from the sign-in page and the header', async () => {
    await visit(page, `${open.baseUrl}/login`);
    expect(await page.getByRole('banner').getByRole('link', { name: 'Create an account' }).count()).toBe(1);
    expect(await page.getByRole('main').getByRole('link', { name: 'Create an account' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Forgot your password?' }).waitFor();
    await shots(page, 'login-links');
    await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL(`${open.baseUrl}/register/user`);
  });

  it('shows mistakes next to their fields, keeps the email, never the password', async () => {
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill('short');
    expect(await page.getByLabel('Language of the emails').inputValue()).toBe('en');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.locator('#password-error').waitFor();
    expect(await page.locator('#password-error').textContent()).toBe(
      'The password must be at least 8 characters long.'
    );
    const password = page.getByLabel('Password', { exact: true });
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await password.getAttribute('aria-describedby')).toContain('password-error');
    expect(await password.inputValue()).toBe('');
    expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe(EMAIL);
    expect(await focusedId(page)).toBe('register-errors');
    await shots(page, 'register-error');
  });

  it('creates the account and asks to check the inbox', async () => {
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await shots(page, 'register-form');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    expect(new URL(page.url()).searchParams.get('sent')).toBe(EMAIL);
    expect(await page.getByRole('main').textContent()).toContain(EMAIL);
    await page.getByRole('button', { name: 'Send the confirmation email again' }).waitFor();
    await shots(page, 'register-sent');
  });

  it('refuses signing in before confirmation and offers to resend the email', async () => {
    await visit(page, `${open.baseUrl}/login`);
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Your account is not confirmed yet.');
    await page.getByRole('button', { name: 'Send the confirmation email again' }).click();
    await page.getByRole('status').waitFor();
    expect(new URL(page.url()).searchParams.get('sent')).toBe(EMAIL);
    await shots(page, 'register-resent');
  });

  it('explains a wrong confirmation link', async () => {
    await visit(page, `${open.baseUrl}/validate/not-a-real-token`);
    await page.getByRole('button', { name: 'Confirm my account' }).click();
    await page.getByRole('heading', { name: 'This link does not work' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('invalid, has expired or was already used');
    await page.getByRole('button', { name: 'Send the confirmation email again' }).waitFor();
    await shots(page, 'validate-invalid');
  });

  it('confirms the account from the emailed link, without using the token on GET', async () => {
    const link = await linkFromMail(open, EMAIL, '/validate/', seenMails);
    await visit(page, link);
    await visit(page, link); // a mail scanner's prefetch, then the person: the token still works
    await page.getByRole('heading', { name: 'Confirm your account' }).waitFor();
    await shots(page, 'validate');
    await page.getByRole('button', { name: 'Confirm my account' }).click();
    await page.waitForURL(`${open.baseUrl}/register/profile`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  it('creates the first profile', async () => {
    await page.getByLabel('Username').fill('New Comer');
    await page.getByLabel('Display name').fill('New Comer');
    await page.getByRole('button', { name: 'Create my profile' }).click();
    await page.locator('#preferredUsername-error').waitFor();
    expect(await page.getByLabel('Username').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Display name').inputValue()).toBe('New Comer');
    await shots(page, 'profile-error');

    await page.getByLabel('Username').fill('newcomer');
    await page.getByLabel('Short bio').fill('I organize picnics.');
    await shots(page, 'profile-form');
    await page.getByRole('button', { name: 'Create my profile' }).click();
    await page.waitForURL(`${open.baseUrl}/`);
    // The profile exists: the page no longer offers to create one.
    await visit(page, `${open.baseUrl}/register/profile`);
    expect(new URL(page.url()).pathname).toBe('/');

    // The browser's time zone became the account's.
    const login = await gql<{ login: { accessToken: string } }>(
      open.baseUrl,
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      { e: EMAIL, p: PASSWORD }
    );
    const zone = await waitFor(
      async () => {
        const me = await gql<{ loggedUser: { settings: { timezone: string | null } } }>(
          open.baseUrl,
          '{ loggedUser { settings { timezone } } }',
          {},
          { token: login.data!.login.accessToken }
        );
        return me.data?.loggedUser.settings.timezone ?? undefined;
      },
      { what: 'the browser time zone to be saved' }
    );
    expect(zone).toBe('Europe/Lisbon');
  });

  it('adds a second profile, switches to it from the header, then signs out', async () => {
    await visit(page, `${open.baseUrl}/settings/profiles`);
    await page.getByLabel('Username').fill('newcomer_activist');
    await page.getByLabel('Display name').fill('Climate Newcomer');
    await page.getByRole('button', { name: 'Create the profile' }).click();
    await page.getByRole('link', { name: 'Climate Newcomer' }).waitFor();

    const header = page.getByRole('banner');
    expect(await header.getByLabel('Current profile').inputValue()).toBe('newcomer');
    await header.getByLabel('Current profile').selectOption('newcomer_activist');
    await header.getByRole('button', { name: 'Switch' }).click();
    await page.getByRole('listitem').filter({ hasText: '@newcomer_activist' }).getByText('Default profile').waitFor();
    expect(await header.getByLabel('Current profile').inputValue()).toBe('newcomer_activist');
    await shots(page, 'journey-second-profile');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
  });

  it('sends a reset link, whatever the address', async () => {
    await visit(page, `${open.baseUrl}/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL(`${open.baseUrl}/password-reset/send`);
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    await shots(page, 'reset-send');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').textContent()).toContain(EMAIL);
    await shots(page, 'reset-sent');
  });

  it('chooses a new password from the emailed link and is signed in', async () => {
    const link = await linkFromMail(open, EMAIL, '/password-reset/', seenMails);
    await visit(page, link);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password, again').fill(NEW_PASSWORD + '!');
    await page.getByRole('button', { name: 'Change my password' }).click();
    await page.locator('#confirmation-error').waitFor();
    expect(await page.locator('#confirmation-error').textContent()).toBe('The two passwords are different.');
    expect(await focusedId(page)).toBe('reset-errors');
    await shots(page, 'reset-error');

    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password, again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change my password' }).click();
    await page.waitForURL(`${open.baseUrl}/`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
  });

  it('signs in with the new password', async () => {
    await visit(page, `${open.baseUrl}/login`);
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${open.baseUrl}/`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // The profile chosen before signing out is still the current one.
    expect(await page.getByRole('banner').getByLabel('Current profile').inputValue()).toBe('newcomer_activist');
    expect(foreign).toEqual([]);
  });

  it('offers the form in Arabic, right to left', async () => {
    const arabic = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'ar' });
    try {
      const p = await arabic.newPage();
      await p.goto(`${open.baseUrl}/register/user`);
      expect(await p.locator('html').getAttribute('dir')).toBe('rtl');
      await p.getByRole('heading', { name: 'إنشاء حساب' }).waitFor();
      expect(await p.getByLabel('لغة الرسائل').inputValue()).toBe('ar');
      await shots(p, 'register-ar');
    } finally {
      await arabic.close();
    }
  });

  it('works without JavaScript: errors, the account, the wrong-link page', async () => {
    const plain = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'fr', javaScriptEnabled: false });
    try {
      const p = await plain.newPage();
      await p.goto(`${open.baseUrl}/register/user`);
      await p.getByLabel('Courriel', { exact: true }).fill('taken@example.org');
      await p.getByLabel('Mot de passe', { exact: true }).fill('tiny');
      await p.getByRole('button', { name: 'Créer mon compte' }).click();
      await p.locator('#password-error').waitFor();
      expect(await p.locator('#password-error').textContent()).toBe(
        'Le mot de passe doit comporter au moins 8 caractères.'
      );
      expect(await p.getByLabel('Mot de passe', { exact: true }).inputValue()).toBe('');
      expect(await p.getByLabel('Courriel', { exact: true }).inputValue()).toBe('taken@example.org');
      expect(await p.getByLabel('Langue des courriels').inputValue()).toBe('fr');
      await shots(p, 'register-error-fr-nojs');

      // An address already in use is reported next to the email field.
      await p.getByLabel('Courriel', { exact: true }).fill(EMAIL);
      await p.getByLabel('Mot de passe', { exact: true }).fill('long enough password');
      await p.getByRole('button', { name: 'Créer mon compte' }).click();
      await p.locator('#email-error').waitFor();
      expect(await p.locator('#email-error').textContent()).toBe('Un compte utilise déjà cette adresse.');

      await p.goto(`${open.baseUrl}/validate/used-or-wrong`);
      await p.getByRole('button', { name: 'Confirmer mon compte' }).click();
      await p.getByRole('heading', { name: 'Ce lien ne fonctionne pas' }).waitFor();
    } finally {
      await plain.close();
    }
  });

  it('shows no form when registrations are closed', async () => {
    await visit(page, `${closed.baseUrl}/register/user`);
    await page.getByText('Registrations are closed').waitFor();
    expect(await page.locator('form input[name="email"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Create my account' }).count()).toBe(0);
    await shots(page, 'register-closed');
    await visit(page, `${closed.baseUrl}/login`);
    expect(await page.getByRole('link', { name: 'Create an account' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Forgot your password?' }).waitFor();
  });
});

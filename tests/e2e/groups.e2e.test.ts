import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.ts';
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

const chromiumAvailable = browserAvailable();
const PASSWORD = 'group password 123';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe.skipIf(!chromiumAvailable)('groups in a browser', () => {
  let server: Server;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const foreign: string[] = [];
  let alice: Page;
  let bob: Page;
  let carol: Page;

  async function personPage(email: string, locale = 'en-GB', javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale, javaScriptEnabled });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    const page = await context.newPage();
    foreign.push(...recordForeignRequests(page, server.baseUrl));
    if (email) {
      await submitSignIn(page, `${server.baseUrl}/login`, email, PASSWORD);
      await page.waitForURL((url) => url.pathname !== '/login');
    }
    return page;
  }

  const groupUrl = (path = '') => `${server.baseUrl}/@climate_lyon${path}`;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await Promise.all([
      server.createUser('alice@example.org', PASSWORD, 'alice'),
      server.createUser('bob@example.org', PASSWORD, 'bob'),
      server.createUser('carol@example.org', PASSWORD, 'carol')
    ]);
    [alice, bob, carol] = await Promise.all([
      personPage('alice@example.org'),
      personPage('bob@example.org'),
      personPage('carol@example.org')
    ]);
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('creates a group from the home page, with clear errors first', async () => {
    await visit(alice, `${server.baseUrl}/`);
    await alice.getByRole('link', { name: 'Create a group' }).click();
    await alice.waitForURL(`${server.baseUrl}/groups/create`);
    await alice.waitForLoadState('networkidle');

    // The username follows the name, and the hint shows the address it gives.
    await alice.getByLabel('Name of the group').fill('Climate Lyon');
    expect(await alice.locator('#preferredUsername').inputValue()).toBe('climate_lyon');
    await alice.locator('#preferredUsername').fill('Climate Lyon!');
    await alice.getByText('Use only lowercase letters', { exact: false }).first().waitFor();
    await alice.getByRole('button', { name: 'Create the group' }).click();
    await alice.locator('#preferredUsername-error').waitFor();
    expect(await alice.locator('#preferredUsername').getAttribute('aria-invalid')).toBe('true');
    expect(await alice.evaluate(() => document.activeElement?.id)).toBe('group-form-errors');
    await shots(alice, 'groups-create-errors');

    await alice.locator('#preferredUsername').fill('climate_lyon');
    await alice
      .getByText(/address will be @climate_lyon@127\.0\.0\.1/)
      .first()
      .waitFor();
    await alice.getByLabel('Description', { exact: true }).fill('We meet every month.\n\nEveryone is welcome.');
    await alice.getByLabel('Anyone can ask to join', { exact: true }).check();
    await alice.getByLabel('Town or city').fill('Lyon');
    await alice.getByRole('button', { name: 'Create the group' }).click();
    await alice.waitForURL(groupUrl('?created=1'));
    await alice.getByRole('heading', { level: 1, name: 'Climate Lyon' }).waitFor();
    await alice.getByText('Your group is ready').waitFor();
    expect(await alice.getByRole('navigation', { name: 'Group sections' }).getByRole('link').allTextContents()).toEqual(
      ['About', 'Events', 'Posts', 'Discussions', 'Resources', 'Todos', 'Members', 'Timeline', 'Settings']
    );
    await alice.getByText('You are in this group as: Creator.').waitFor();
    await shots(alice, 'groups-page-admin');
  });

  it('refuses a username already taken, on its field', async () => {
    await visit(alice, `${server.baseUrl}/groups/create`);
    await alice.getByLabel('Name of the group').fill('Another');
    await alice.locator('#preferredUsername').fill('climate_lyon');
    await alice.getByRole('button', { name: 'Create the group' }).click();
    await alice.locator('#preferredUsername-error').getByText('already taken').waitFor();
  });

  it('shows the public page to a visitor, accessible, with a sign-in link', async () => {
    const visitor = await personPage('');
    await visit(visitor, groupUrl());
    await visitor.getByRole('heading', { level: 1, name: 'Climate Lyon' }).waitFor();
    await visitor.getByText('@climate_lyon', { exact: true }).waitFor();
    await visitor.getByText('Everyone is welcome.').waitFor();
    await visitor.getByText('Lyon', { exact: true }).waitFor();
    await visitor.getByText('Members: 1').first().waitFor();
    expect(await visitor.getByRole('navigation', { name: 'Group sections' }).count()).toBe(0);
    const signIn = visitor.getByRole('link', { name: 'Sign in to join' });
    expect(await signIn.getAttribute('href')).toBe('/login?redirect=%2F%40climate_lyon');
    expect(await accessibilityViolations(visitor)).toEqual([]);
    await shots(visitor, 'groups-page-visitor');

    // Members only: the members page sends a visitor to sign in; an unknown group is a 404.
    await visit(visitor, groupUrl('/members'));
    expect(new URL(visitor.url()).pathname).toBe('/login');
    const missing = await visitor.goto(`${server.baseUrl}/@nobody_here`);
    expect(missing?.status()).toBe(404);
    const remote = await visitor.goto(`${server.baseUrl}/@climate@other.example`);
    expect(remote?.status()).toBe(404);
  });

  it('reads right to left in Arabic', async () => {
    const arabic = await personPage('', 'ar');
    await visit(arabic, groupUrl());
    expect(await arabic.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await arabic.getByRole('link', { name: 'سجّل الدخول للانضمام' }).waitFor();
    await shots(arabic, 'groups-page-ar');
  });

  it('lets a second person ask to join, and the administrator approve on the members page', async () => {
    await visit(bob, groupUrl());
    await bob.getByRole('button', { name: 'Ask to join' }).click();
    await bob.getByText('Your request to join is waiting for a moderator.').waitFor();

    // The request shows on the administrator's "My groups" page too.
    await visit(alice, `${server.baseUrl}/groups`);
    const mine = alice.getByRole('region', { name: 'Requests to join your groups' });
    await mine.getByText('@bob').waitFor();
    await mine.getByRole('link', { name: 'Climate Lyon' }).waitFor();

    await visit(alice, groupUrl('/members'));
    const requests = alice.getByRole('region', { name: 'Requests to join' });
    await requests.getByText('@bob').waitFor();
    await shots(alice, 'groups-members-request');
    await requests.getByRole('button', { name: /Approve/ }).click();
    await alice.getByText('Request approved').waitFor();
    await alice.getByRole('region', { name: 'Members and roles' }).getByText('@bob').waitFor();
    await alice.getByText('Members: 2').first().waitFor();
  });

  it('invites a third person, who accepts from their invitations', async () => {
    await alice.getByLabel('Username of the profile to invite').fill('nobody_known');
    await alice.getByRole('button', { name: 'Invite', exact: true }).click();
    await alice.getByText('No profile has this username').waitFor();
    await alice.getByLabel('Username of the profile to invite').fill('carol');
    await alice.getByRole('button', { name: 'Invite', exact: true }).click();
    await alice.getByText('Invitation sent').waitFor();
    await alice.getByRole('region', { name: 'Invitations waiting for an answer' }).getByText('@carol').waitFor();

    await visit(carol, `${server.baseUrl}/`);
    await carol.getByRole('link', { name: 'My groups' }).click();
    await carol.waitForURL(`${server.baseUrl}/groups`);
    await carol.waitForLoadState('networkidle');
    const invitations = carol.getByRole('region', { name: 'Your invitations' });
    await invitations.getByRole('link', { name: 'Climate Lyon' }).waitFor();
    await invitations.getByText('Invited by alice.').waitFor();
    expect(await accessibilityViolations(carol)).toEqual([]);
    await shots(carol, 'groups-mine-invitation');
    await invitations.getByRole('button', { name: /Accept/ }).click();
    await carol.getByText('Invitation accepted').waitFor();
    await carol.getByRole('region', { name: 'Groups you belong to' }).getByText('Member', { exact: true }).waitFor();
  });

  it('changes a role, shows the last-administrator rule, and lets a member leave', async () => {
    await visit(alice, groupUrl('/members'));
    await alice.getByLabel('Role of bob').selectOption('MODERATOR');
    await alice.getByRole('button', { name: 'Change the role' }).first().click();
    await alice.getByText('Role changed.').waitFor();
    expect(await accessibilityViolations(alice)).toEqual([]);
    await shots(alice, 'groups-members-admin');

    // The creator cannot leave a group nobody else runs.
    await visit(alice, groupUrl());
    await alice.getByRole('button', { name: 'Leave the group' }).click();
    await alice.getByRole('alert').getByText('You are the last administrator of this group').waitFor();

    // Bob, now a moderator, sees the members' tools but not the settings; then leaves.
    await visit(bob, groupUrl());
    await bob.getByText('You are in this group as: Moderator.').waitFor();
    const nav = await bob.getByRole('navigation', { name: 'Group sections' }).getByRole('link').allTextContents();
    expect(nav).not.toContain('Settings');
    await bob.getByRole('button', { name: 'Leave the group' }).click();
    await bob.getByText('You are no longer in this group.').waitFor();
    await bob.getByRole('button', { name: 'Ask to join' }).waitFor();
  });

  it('works without JavaScript: a member leaves with a plain form', async () => {
    const plain = await personPage('carol@example.org', 'en-GB', false);
    await plain.goto(groupUrl());
    await plain.getByText('You are in this group as: Member.').waitFor();
    await plain.getByRole('button', { name: 'Leave the group' }).click();
    await plain.getByText('You are no longer in this group.').waitFor();
    await plain.getByRole('button', { name: 'Ask to join' }).waitFor();
  });

  it('edits the group in its settings and deletes it after confirming', async () => {
    await visit(alice, groupUrl('/settings'));
    expect(await alice.getByLabel('Name of the group').inputValue()).toBe('Climate Lyon');
    await alice.getByLabel('Name of the group').fill('Climate Action Lyon');
    await alice.getByLabel('Anyone can join', { exact: true }).check();
    const logo = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#1f5f5b' } })
      .png()
      .toBuffer();
    await alice.locator('#group-avatar').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logo });
    await alice.locator('#group-avatarAlt').fill('Our green logo');
    await alice.getByRole('button', { name: 'Save the changes' }).click();
    await alice.getByText('Changes saved.').waitFor();
    await alice.locator('.group-header').getByRole('img', { name: 'Our green logo' }).waitFor();
    await alice.getByRole('heading', { level: 1, name: 'Group settings' }).waitFor();
    await shots(alice, 'groups-settings');
    // Only administrators reach the settings.
    expect((await bob.goto(groupUrl('/settings')))?.status()).toBe(403);

    await alice.getByRole('button', { name: 'Delete the group for good' }).click();
    await alice.getByText('Tick the box to confirm the deletion.').waitFor();
    await alice.getByLabel(/I understand: delete/).check();
    await alice.getByRole('button', { name: 'Delete the group for good' }).click();
    await alice.waitForURL(`${server.baseUrl}/groups?deleted=1`);
    await alice.getByText('The group was deleted.').waitFor();
    const gone = await alice.goto(groupUrl());
    expect(gone?.status()).toBe(404);
    expect(foreign).toEqual([]);
  });
});

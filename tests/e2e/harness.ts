import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { clientAs } from '../helpers/graphql.ts';

/** Debian's Chromium: playwright-core never downloads a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

export const hasChromium = () => existsSync(CHROMIUM_PATH);

/** Whether browser tests can run here; says why when they cannot (each spec skips itself then). */
export function browserAvailable(): boolean {
  const available = hasChromium();
  if (!available) console.log(`[e2e] skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  return available;
}

export const VIEWPORTS = {
  mobile: { width: 375, height: 812 },
  desktop: { width: 1280, height: 900 }
} as const;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // playwright-core adds its own headless flags; these keep Chromium quiet and offline.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync'
    ]
  });
}

/** Saves a full-page PNG as test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Fails the test on any request leaving the server under test: pages must not load fonts, scripts
 * or images from elsewhere (DESIGN.md §4).
 */
export function recordForeignRequests(page: Page, baseUrl: string): string[] {
  const origin = new URL(baseUrl).origin;
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) foreign.push(url);
  });
  return foreign;
}

/** Screenshots of the current page at 1280 px and at 375 px (`<name>-1280.png`, `<name>-375.png`). */
export async function screenshotBothWidths(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize(VIEWPORTS.mobile);
  await screenshot(page, `${name}-375`);
  await page.setViewportSize(VIEWPORTS.desktop);
}

/**
 * Opens a page and waits for the network to settle, so that the app is hydrated before the test
 * types: a test should act as a person does, once the page is ready.
 */
export async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
}

/** Opens a sign-in page (`/login`, maybe with a redirect) and submits the English form; callers wait as they need. */
export async function submitSignIn(page: Page, loginUrl: string, email: string, password: string): Promise<void> {
  await visit(page, loginUrl);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in with the English form on `/login` and waits for the home page it leads to. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await submitSignIn(page, `${baseUrl}/login`, email, password);
  await page.waitForURL(`${baseUrl}/`);
}

/** A browser context of its own (cookies, language, JavaScript or not) and the page a spec drives in it. */
export interface BrowserPerson {
  context: BrowserContext;
  page: Page;
}

export interface PersonOptions {
  javaScriptEnabled?: boolean;
  locale?: string;
  /** Milliseconds each action and wait may take. */
  timeout?: number;
}

/** A new context at desktop width, in British English unless told, and a page in it; nobody is signed in. */
export async function openPerson(browser: Browser, options: PersonOptions = {}): Promise<BrowserPerson> {
  const { javaScriptEnabled = true, locale = 'en-GB', timeout = 10_000 } = options;
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale, javaScriptEnabled });
  context.setDefaultTimeout(timeout);
  return { context, page: await context.newPage() };
}

/** `openPerson`, then `signIn` as `email`. */
export async function signedInPerson(
  browser: Browser,
  baseUrl: string,
  email: string,
  password: string,
  options: PersonOptions = {}
): Promise<BrowserPerson> {
  const person = await openPerson(browser, options);
  await signIn(person.page, baseUrl, email, password);
  return person;
}

/**
 * Seeds an open group through the API, created by `creator` and joined by each of `members` (all
 * with `password`), so that a spec starts where its pages do; returns the group's id.
 */
export async function seedOpenGroup(
  baseUrl: string,
  password: string,
  group: { username: string; name: string; creator: string; members?: string[] }
): Promise<string> {
  const creator = await clientAs(baseUrl, group.creator, password);
  const created = await creator.query<{ createGroup: { id: string } }>(
    'mutation($u: String!, $n: String!) { createGroup(preferredUsername: $u, name: $n, openness: OPEN) { id } }',
    { u: group.username, n: group.name }
  );
  if (!created.data) throw new Error(JSON.stringify(created.errors));
  const id = created.data.createGroup.id;
  for (const email of group.members ?? []) {
    const member = await clientAs(baseUrl, email, password);
    const joined = await member.query('mutation($g: ID!) { joinGroup(groupId: $g) { id } }', { g: id });
    if (joined.errors) throw new Error(JSON.stringify(joined.errors));
  }
  return id;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core (served from node_modules, injected into the page) for WCAG 2.1 A and AA, and
 * returns the violations, each as `rule: help (selectors)` so that a failure says what to fix.
 * Needs a context with JavaScript enabled.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }
    })) as { violations: AxeViolation[] };
    return result.violations;
  });
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
  );
}

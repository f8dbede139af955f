import assert from 'node:assert/strict';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import type { TestUser } from './api.ts';
import { ARTIFACTS, sleep } from './product.ts';
import { recordTiming } from './timings.ts';

const VIEWPORT = { width: 1280, height: 800 } as const;

/** Debian's Chromium (apt-get install chromium; E2E_CHROMIUM names another build): nothing is downloaded. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A console message the browser logs that is not the dashboard's fault, with the reason. */
export type Allowed = { text: RegExp; url?: RegExp; why: string };

/** Allowed on every page. Keep this list short: each entry says why the message cannot be avoided. */
const ALWAYS_ALLOWED: Allowed[] = [];

export type Language = 'zh-CN' | 'en';

export type SessionOptions = {
  /** Signed in through the login form as this user; signed out when absent. */
  user?: TestUser;
  /** The dashboard's language (zh-CN, the default, unless the test switches it). */
  language?: Language;
  timeZone?: string;
};

/** One test's browser: its own context (cookies, storage), its page, and a watch on errors. */
export type Session = {
  page: Page;
  context: BrowserContext;
  user: TestUser | undefined;
  /** Console errors and uncaught exceptions seen so far that no allow-list entry covers. */
  errors: string[];
  /** Lets this test log a console error the dashboard cannot avoid (a 4xx it provokes on purpose). */
  allow(entry: Allowed): void;
  /** Opens a path of the dashboard and waits until the page has settled (see `settle`). */
  open(path: string): Promise<void>;
  /** Waits until no request is in flight, no spinner turns and no `[data-state="loading"]` is left. */
  settle(): Promise<void>;
  /** Saves e2e/screenshots/<name>.png and answers its path. */
  screenshot(name: string): Promise<string>;
};

/** What a page shows while it loads. */
const BUSY = '.ant-spin-spinning, .ant-skeleton-active, [data-state="loading"], [aria-busy="true"]';

/** Requests that stay open by design and never make a page busy. */
const isLongLived = (request: Request) =>
  request.resourceType() === 'eventsource' || /\/stream(\?|$)/.test(request.url());

/**
 * A fresh browser context at 1280×800 with the page signed in as `user` (through the login
 * form). When the test ends (`t.after`) the context closes and the test fails on any console
 * error or page error not allowed.
 */
export async function openSession(
  t: { after(fn: () => Promise<void>): void; name: string },
  browser: Browser,
  baseURL: string,
  options: SessionOptions = {},
): Promise<Session> {
  const language = options.language ?? 'zh-CN';
  const context = await browser.newContext({
    baseURL,
    viewport: VIEWPORT,
    locale: language,
    timezoneId: options.timeZone ?? 'Asia/Shanghai',
  });
  // The dashboard keeps the chosen language in localStorage; a test that switches it keeps its choice.
  await context.addInitScript({
    content: `if (location.protocol.startsWith('http') && !localStorage.getItem('serviq.locale')) localStorage.setItem('serviq.locale', ${JSON.stringify(language)});`,
  });
  const allowed = [...ALWAYS_ALLOWED];
  const errors: string[] = [];
  const isAllowed = (text: string, url: string) =>
    allowed.some((a) => a.text.test(text) && (a.url === undefined || a.url.test(url)));
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location().url;
    if (!isAllowed(message.text(), url)) errors.push(`console: ${message.text()} (${url})`);
  });
  context.on('weberror', (error) =>
    errors.push(`page error: ${error.error().stack ?? error.error().message}`),
  );

  const inFlight = new Set<Request>();
  context.on('request', (r) => !isLongLived(r) && inFlight.add(r));
  context.on('requestfinished', (r) => inFlight.delete(r));
  context.on('requestfailed', (r) => inFlight.delete(r));

  // Fail fast: a page that shows nothing in 15 s is broken, whatever the machine.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const settle = async () => {
    const deadline = Date.now() + 20_000;
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      const isBusy = inFlight.size > 0 || (await page.locator(BUSY).count()) > 0;
      if (isBusy) quietSince = Date.now();
      // Quiet for a moment: a page that fetches right after its code loads has started by then.
      else if (Date.now() - quietSince >= 200) return;
      await sleep(25);
    }
    throw new Error(`${page.url()} did not settle in 20 s (${[...inFlight].map((r) => r.url()).join(', ')})`);
  };

  const session: Session = {
    page,
    context,
    user: options.user,
    errors,
    allow: (entry) => allowed.push(entry),
    async open(path) {
      await page.goto(path);
      await settle();
    },
    settle,
    async screenshot(name) {
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
  };
  t.after(async () => {
    await context.close();
    assert.deepEqual(errors, [], `${t.name}: the browser logged errors`);
  });
  if (options.user) await signIn(session, options.user);
  return session;
}

/** Signs in through the login form and waits for the navigation of the role's pages. */
export async function signIn(session: Session, user: TestUser): Promise<void> {
  const { page } = session;
  await page.goto('/login');
  await page.getByLabel(/^(邮箱|Email)$/).fill(user.email);
  await page.getByLabel(/^(密码|Password)$/).fill(user.password);
  const started = performance.now();
  await page.getByRole('button', { name: /^(登\s*录|Sign in)$/ }).click();
  await navigation(page).first().waitFor();
  await page.waitForURL((url) => url.pathname !== '/login');
  recordTiming(`sign-in.${user.role}`, performance.now() - started);
}

/** The links of the main navigation. */
export const navigation = (page: Page) => page.getByRole('navigation', { name: 'Serviq' }).getByRole('link');

/** The paths the navigation links to, in order. */
export async function navigationPaths(page: Page): Promise<string[]> {
  const links = await navigation(page).all();
  return Promise.all(links.map(async (link) => (await link.getAttribute('href')) ?? ''));
}

/** How far the page is wider than the window (0: nothing to scroll sideways at 1280×800). */
export async function horizontalOverflow(page: Page): Promise<number> {
  const [scrollWidth, clientWidth] = (await page.evaluate(
    '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
  )) as [number, number];
  return Math.max(0, scrollWidth - clientWidth);
}

/**
 * Picks an option of an Ant Design select by the select's label and the option's text (its list
 * also holds hidden copies of the options for screen readers, so `getByRole('option')` is ambiguous).
 */
export async function chooseOption(page: Page, selectLabel: string | RegExp, option: string): Promise<void> {
  await page.getByRole('combobox', { name: selectLabel }).click();
  await page.locator('.ant-select-item-option:visible', { hasText: option }).first().click();
}

/**
 * Does `action` and resolves once the API has answered the request it makes to `apiPath` (e.g.
 * '/conversations', '/reports'): time a filter change with it, then wait for the page's ready state.
 */
export async function whenAnswered(
  page: Page,
  apiPath: string,
  action: () => Promise<unknown>,
): Promise<void> {
  const answered = page.waitForResponse(
    (response) => new URL(response.url()).pathname === `/api/v1${apiPath}`,
  );
  await action();
  await answered;
}

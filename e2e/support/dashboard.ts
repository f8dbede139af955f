import { after, before } from 'node:test';
import type { UserRole } from '@serviq/contracts';
import type { Browser } from 'playwright-core';
import { type ApiSession, createRoleUsers, signInApi, type TestUser } from './api.ts';
import { launchBrowser, openSession, type Session, type SessionOptions } from './browser.ts';
import { ADMIN, type Product, startProduct } from './product.ts';
import { recordTiming, reportTimings } from './timings.ts';

type TestContext = Parameters<typeof openSession>[0];

/** What a test file gets from `useDashboard()`, ready once its `before` hook has run. */
export type Dashboard = {
  /** The server's address, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  /** The API signed in as the admin, for arranging data (rule sets, alerts, settings). */
  readonly admin: ApiSession;
  /** One user of every role (the supervisor leads a demo team; the agent user is a demo agent). */
  readonly users: Record<UserRole, TestUser>;
  readonly browser: Browser;
  /** A fresh browser context for this test, signed in as `role` unless `role` is null. */
  session(
    t: TestContext,
    options?: { role?: UserRole | null } & Omit<SessionOptions, 'user'>,
  ): Promise<Session>;
};

/**
 * Starts the product (the built dashboard, the server on a fresh copy of the 10,000-conversation
 * demo database) and Chromium for the test file, and stops both after it, even when tests fail.
 * Call once at the top of a test file.
 */
export function useDashboard(): Dashboard {
  let product: Product | undefined;
  let state: { admin: ApiSession; users: Record<UserRole, TestUser>; browser: Browser } | undefined;
  const ready = () => {
    if (!product || !state) throw new Error('the dashboard is not started (useDashboard before hook)');
    return { product, ...state };
  };

  before(
    async () => {
      product = await startProduct();
      if (product.seedMs > 0) recordTiming('server.seed-demo-data', product.seedMs);
      recordTiming('server.boot', product.bootMs);
      const admin = await signInApi(product.url, ADMIN.email, ADMIN.password);
      state = { admin, users: await createRoleUsers(admin), browser: await launchBrowser() };
    },
    { timeout: 15 * 60_000 },
  );
  after(async () => {
    await state?.browser.close().catch(() => undefined);
    await product?.stop();
    reportTimings();
  });

  return {
    get url() {
      return ready().product.url;
    },
    get admin() {
      return ready().admin;
    },
    get users() {
      return ready().users;
    },
    get browser() {
      return ready().browser;
    },
    session(t, options = {}) {
      const { browser, product, users } = ready();
      const { role = 'admin', ...rest } = options;
      return openSession(t, browser, product.url, { ...rest, ...(role ? { user: users[role] } : {}) });
    },
  };
}

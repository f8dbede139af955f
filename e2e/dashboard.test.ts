// The dashboard in a real browser: Debian's Chromium against `serviq serve --demo` over the
// 10,000 demo conversations. Run with `npm run test:e2e`; see e2e/README.md to add tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { USER_ROLES } from '@serviq/contracts';
import type { Page } from 'playwright-core';
import {
  chooseOption,
  horizontalOverflow,
  navigation,
  navigationPaths,
  whenAnswered,
} from './support/browser.ts';
import { useDashboard } from './support/dashboard.ts';
import { NAV_PAGES, pagesFor } from './support/pages.ts';
import { sleep } from './support/product.ts';
import { recordTiming, timed } from './support/timings.ts';

const dashboard = useDashboard();

const OVERVIEW_READY = '[data-testid="overview"][data-state="ready"]';

describe('sign-in and navigation', () => {
  for (const role of USER_ROLES) {
    it(`${role}: the navigation shows exactly the pages the role may open; other paths lead home`, async (t) => {
      const { page, open, settle, screenshot } = await dashboard.session(t, { role });
      const allowed = pagesFor(role);
      const home = allowed[0]?.path ?? '/';
      assert.equal(new URL(page.url()).pathname, home);
      assert.deepEqual(
        await navigationPaths(page),
        allowed.map((p) => p.path),
      );
      assert.deepEqual(
        await navigation(page).allTextContents(),
        allowed.map((p) => p.title['zh-CN']),
      );
      await settle();
      await screenshot(`home-${role}`);

      const forbidden = NAV_PAGES.filter((p) => !allowed.includes(p)).map((p) => p.path);
      for (const path of [...forbidden, '/no-such-page']) {
        await open(path);
        assert.equal(new URL(page.url()).pathname, home, `${role} opening ${path}`);
      }
    });
  }

  it('a wrong password shows an error and keeps the login form', async (t) => {
    const { page, allow } = await dashboard.session(t, { role: null });
    allow({
      text: /status of 401/,
      url: /\/api\/v1\/auth\/login$/,
      why: 'the wrong password is answered 401',
    });
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(dashboard.users.admin.email);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: /^登\s*录$/ }).click();
    await page.getByTestId('login-error').waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(await navigation(page).count(), 0);
  });

  it('signed out, a page asks to sign in, then opens', async (t) => {
    const { page } = await dashboard.session(t, { role: null });
    await page.goto('/rules');
    await page.waitForURL((url) => url.pathname === '/login');
    assert.equal(new URL(page.url()).searchParams.get('next'), '/rules');
    await page.getByLabel('邮箱').fill(dashboard.users.reviewer.email);
    await page.getByLabel('密码').fill(dashboard.users.reviewer.password);
    await page.getByRole('button', { name: /^登\s*录$/ }).click();
    await page.waitForURL((url) => url.pathname === '/rules');
  });
});

describe('language', () => {
  it('switching to English changes the navigation, and the choice stays after a reload', async (t) => {
    const { page, settle } = await dashboard.session(t);
    const titles = (language: 'zh-CN' | 'en') => pagesFor('admin').map((p) => p.title[language]);
    assert.deepEqual(await navigation(page).allTextContents(), titles('zh-CN'));

    await chooseOption(page, '语言', 'English');
    await page.getByRole('navigation', { name: 'Serviq' }).getByRole('link', { name: 'Overview' }).waitFor();
    assert.deepEqual(await navigation(page).allTextContents(), titles('en'));
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');

    await page.reload();
    await settle();
    assert.deepEqual(await navigation(page).allTextContents(), titles('en'));
  });
});

describe('pages', () => {
  it("the overview's first load is measured (target 2 s over 10,000 conversations)", async (t) => {
    const { page, open } = await dashboard.session(t);
    await open('/conversations');
    const started = performance.now();
    await page.goto('/');
    await page.locator(OVERVIEW_READY).waitFor({ timeout: 30_000 });
    recordTiming('overview.first-load', performance.now() - started, 2000);
  });

  it('admin: every page opens without errors and fits 1280×800; screenshots', async (t) => {
    const { page, open, screenshot } = await dashboard.session(t);
    const { items } = await dashboard.admin.request<{ items: { id: string }[] }>(
      'GET',
      '/conversations?limit=1&sort=score&order=asc',
    );
    const conversation = items[0];
    assert.ok(conversation, 'the demo data has conversations');
    const visits = [
      ...NAV_PAGES.map((p) => ({ name: p.key, path: p.path })),
      { name: 'conversation-detail', path: `/conversations/${conversation.id}` },
    ];
    // Every page is seen (and photographed) before the problems found fail the test.
    const problems: string[] = [];
    for (const { name, path } of visits) {
      const started = performance.now();
      await open(path);
      recordTiming(`page.${name}`, performance.now() - started);
      await screenshot(`admin-${name}`);
      if (new URL(page.url()).pathname !== path) problems.push(`${path} went to ${page.url()}`);
      const overflow = await horizontalOverflow(page);
      if (overflow > 0) problems.push(`${path} scrolls sideways by ${overflow} px`);
    }
    assert.deepEqual(problems, []);
  });
});

describe('keyboard', () => {
  it('Tab from the top of a page reaches the skip link, then every navigation link', async (t) => {
    const { page, open } = await dashboard.session(t);
    await open('/');
    // Evaluated in the page: what has the keyboard focus now.
    const focused = async () =>
      (await page.evaluate(
        '({ text: document.activeElement?.textContent ?? "", href: document.activeElement?.getAttribute("href") ?? null, id: document.activeElement?.id ?? "" })',
      )) as { text: string; href: string | null; id: string };

    await page.keyboard.press('Tab');
    assert.deepEqual(await focused(), { text: '跳到正文', href: '#main', id: '' });
    await page.keyboard.press('Enter');
    assert.equal((await focused()).id, 'main');

    await open('/');
    const expected: string[] = pagesFor('admin').map((p) => p.path);
    const reached: string[] = [];
    for (let i = 0; i < expected.length + 5 && reached.length < expected.length; i++) {
      await page.keyboard.press('Tab');
      const { href } = await focused();
      if (href && expected.includes(href)) reached.push(href);
    }
    assert.deepEqual(reached, expected);
  });
});

describe('live', () => {
  it('an alert raised by a message posted through the API streams in; acknowledge it, then open its conversation', async (t) => {
    const { page, open, screenshot } = await dashboard.session(t);
    await open('/live');
    await page.locator('[data-testid="stream-state"][data-state="open"]').waitFor();
    const agentId = dashboard.users.agent.agentId;
    assert.ok(agentId, 'the agent user is linked to a demo agent');
    const external = `e2e-live-${Date.now()}`;
    const posted = performance.now();
    await dashboard.admin.request('POST', `/conversations/${external}/messages`, {
      conversation: { channel: 'social', agents: [{ id: agentId }] },
      message: {
        id: 'm1',
        at: new Date().toISOString(),
        role: 'agent',
        authorId: agentId,
        text: '催什么催，急什么',
      },
    });
    const item = page.locator('[data-testid="alert-item"][data-rule="impatient-tone"]').first();
    await item.waitFor({ timeout: 10_000 });
    recordTiming('live.alert-shown-after-post', performance.now() - posted, 1000);
    await screenshot('live-alert');

    await item.getByTestId('ack').click();
    await page
      .locator('[data-testid="alert-item"][data-rule="impatient-tone"][data-acknowledged="true"]')
      .first()
      .waitFor();
    const conversation = await item.getAttribute('data-conversation');
    assert.ok(conversation);
    await item.locator(`a[href="/conversations/${conversation}"]`).first().click();
    await page.waitForURL((url) => url.pathname === `/conversations/${conversation}`);
    await page.getByTestId('transcript').getByText('催什么催，急什么').waitFor();
  });
});

describe('settings', () => {
  it('a new API token is shown once, works against the API, and is never shown again', async (t) => {
    const { page, open, screenshot } = await dashboard.session(t);
    await open('/settings?tab=tokens');
    await page.getByTestId('create-token').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('e2e reporting');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    const secret = await page.getByTestId('token-secret').inputValue();
    assert.match(secret, /^sq_/);
    await screenshot('settings-token-once');
    const answer = await fetch(`${dashboard.url}/api/v1/conversations?limit=1`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(answer.status, 200);
    await page.getByTestId('token-secret-done').click();
    await page.getByTestId('tokens-table').getByText('e2e reporting').waitFor();
    // Evaluated in the page: is the secret anywhere in its text or its inputs once the dialog is closed?
    const isSecretShown = `document.body.innerText.includes(${JSON.stringify(secret)}) || [...document.querySelectorAll('input')].some((i) => i.value === ${JSON.stringify(secret)})`;
    // The dialog's closing animation may keep it on screen briefly; it must be gone within 3 s.
    const closing = Date.now();
    while ((await page.evaluate(isSecretShown)) && Date.now() - closing < 3000) await sleep(50);
    assert.equal(await page.evaluate(isSecretShown), false);
    await open('/settings?tab=tokens');
    assert.equal(await page.evaluate(isSecretShown), false);
  });

  it('every settings tab opens; screenshots', async (t) => {
    const { page, open, screenshot } = await dashboard.session(t);
    for (const tab of ['users', 'tokens', 'webhooks', 'business-hours', 'privacy', 'audit']) {
      await open(`/settings?tab=${tab}`);
      await screenshot(`settings-${tab}`);
      assert.equal(new URL(page.url()).searchParams.get('tab'), tab);
    }
  });
});

/** The centre of the largest data element (bar) an ECharts SVG draws inside `chart`. */
async function largestBar(page: Page, testId: string): Promise<{ x: number; y: number }> {
  const chart = page.getByTestId(testId);
  const frame = await chart.boundingBox();
  assert.ok(frame, `${testId} is on the page`);
  let best: { x: number; y: number; area: number } | undefined;
  for (const path of await chart.locator('svg path').all()) {
    const box = await path.boundingBox();
    if (!box || box.width < 4 || box.height < 4) continue;
    // The grid's background and axis lines span the whole chart; bars do not.
    if (box.width > frame.width * 0.9 && box.height > frame.height * 0.5) continue;
    const area = box.width * box.height;
    if (!best || area > best.area) best = { x: box.x + box.width / 2, y: box.y + box.height / 2, area };
  }
  assert.ok(best, `${testId} draws bars`);
  return best;
}

describe('overview into conversations', () => {
  it('a click on a channel bar opens the conversations of that channel and period', async (t) => {
    const { page, open, settle, screenshot } = await dashboard.session(t);
    await open('/');
    await page.locator(OVERVIEW_READY).waitFor();
    await page.getByTestId('chart-channel').scrollIntoViewIfNeeded();
    const bar = await largestBar(page, 'chart-channel');
    await page.mouse.click(bar.x, bar.y);
    await page.waitForURL((url) => url.pathname === '/conversations');
    await settle();
    const query = new URL(page.url()).searchParams;
    assert.ok(query.get('channel'), `the channel filter is set: ${page.url()}`);
    assert.ok(query.get('from') && query.get('to'), 'the period comes along');
    await page.locator('[data-testid="conversation-list"][data-state="ready"]').waitFor();
    const total = await page.getByTestId('conversations-total').textContent();
    assert.match(total ?? '', /\d/);
    await screenshot('conversations-from-chart');
  });
});

describe('conversations', () => {
  it('a filter change shows its rows within the target; the CSV export has one row per conversation', async (t) => {
    const { page, open } = await dashboard.session(t);
    await open('/conversations');
    const list = page.locator('[data-testid="conversation-list"][data-state="ready"]');
    await list.waitFor();
    await page.getByRole('combobox', { name: '渠道' }).click();
    const email = page.locator('.ant-select-item-option:visible', { hasText: /邮件|电子邮件/ }).first();
    await timed(
      'conversations.filter-change',
      async () => {
        await whenAnswered(page, '/conversations', () => email.click());
        await list.waitFor();
      },
      500,
    );
    await page.keyboard.press('Escape');
    assert.match(page.url(), /channel=email/);
    const { total } = await dashboard.admin.request<{ total: number }>(
      'GET',
      '/conversations?channel=email&withTotal=true&limit=1',
    );
    assert.ok(total > 0, 'the demo data has e-mail conversations');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    const path = await download.path();
    const csv = readFileSync(path, 'utf8');
    assert.equal(csv.charCodeAt(0), 0xfeff, 'a BOM, so Excel reads Chinese');
    const lines = csv.slice(1).trimEnd().split(/\r\n/);
    assert.match(lines[0] ?? '', /channel/i);
    // Quoted fields may hold line breaks; the conversation ids count the rows.
    const ids = csv.match(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g) ?? [];
    assert.equal(new Set(ids).size, total);
  });

  it('a transcript shows emotions, emoji and rule hits at their evidence, and the scorecard', async (t) => {
    const { page, open, screenshot } = await dashboard.session(t);
    const { items } = await dashboard.admin.request<{ items: { id: string }[] }>(
      'GET',
      '/conversations?emoji=negative&sort=score&order=asc&limit=1',
    );
    const conversation = items[0];
    assert.ok(conversation, 'the demo data has agents using emoji with negative customers');
    await open(`/conversations/${conversation.id}`);
    const transcript = page.getByTestId('transcript');
    assert.ok((await transcript.getByTestId('message').count()) > 1);
    assert.ok((await transcript.getByTestId('emoji').count()) > 0, 'emoji are highlighted');
    assert.ok((await transcript.getByTestId('message-emotion').count()) > 0, 'messages show their emotion');
    const hits = transcript.getByTestId('hit-span');
    assert.ok((await hits.count()) > 0, 'rule hits are highlighted');
    const rule = await hits.first().getAttribute('data-rule');
    assert.ok(rule);
    const scorecard = page.getByTestId('scorecard');
    assert.ok((await scorecard.locator(`[data-testid="scorecard-rule"][data-rule="${rule}"]`).count()) > 0);
    await screenshot('conversation-transcript');
  });
});

describe('rules', () => {
  const VALID = `scorecard:
  id: e2e-strict
  name: E2E strict
  appliesTo: { channels: [chat] }
  priority: 10
  passScore: 60
rules:
  - id: no-wait
    name: 让客户等
    category: 服务态度
    severity: major
    points: -50
    detect:
      role: agent
      keywords: { any: [等着] }
`;

  it('an error shows at its line; fixed, the draft previews its hits in the browser', async (t) => {
    const { page, open, screenshot } = await dashboard.session(t, { role: 'qa_manager' });
    await dashboard.admin.request('PUT', '/rule-sets/e2e-strict', { name: 'E2E strict', source: VALID });
    await open('/rules?set=e2e-strict&tab=edit');
    const editor = page.getByTestId('rule-editor').locator('.cm-content');
    const errors = page.getByTestId('rule-errors');
    const replaceSource = async (text: string) => {
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(text);
    };

    const broken = VALID.replace('keywords: { any', 'keyword: { any');
    const brokenLine = broken.split('\n').findIndex((l) => l.includes('keyword:')) + 1;
    await replaceSource(broken);
    await page.locator('[data-testid="rule-errors"][data-state="problems"]').waitFor();
    const lines = await errors
      .locator('li[data-line]')
      .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-line'))));
    assert.ok(lines.includes(brokenLine), `an error at line ${brokenLine}; got ${lines.join(', ')}`);
    assert.ok((await page.getByTestId('rule-editor').locator('.cm-lintRange-error').count()) > 0);
    await screenshot('rules-error');

    await replaceSource(VALID);
    await page.locator('[data-testid="rule-errors"][data-state="ok"]').waitFor();
    await page.getByTestId('preview-input').fill('客户: 我的订单三天了还没发货！\n客服: 您先等着吧');
    await page.getByTestId('preview-run').click();
    await page.locator('[data-testid="preview-hits"] li[data-rule="no-wait"]').waitFor();
    await screenshot('rules-preview');

    await page.getByTestId('dry-run').click();
    await page.getByTestId('dry-run-result').waitFor({ timeout: 60_000 });
  });
});

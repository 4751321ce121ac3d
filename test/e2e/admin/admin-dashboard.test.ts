import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { App } from '../../../src/app-types.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { startSandbox, type Sandbox } from '../../../src/platforms/sandbox/index.js';
import { BIN, REPO_ROOT } from '../../helpers/run-cli.js';
import { captureLogger } from '../../helpers/test-app.js';
import { signBody } from '../../../src/webhooks/webhook-signature.js';
import { seedOrders } from '../../integration/daemon/daemon-fixture.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.js';

// Page scripts are given as strings: this file compiles without the DOM library.
// Excluded by vitest.config.ts (with a printed note) where /usr/bin/chromium is missing; CI installs it.
const TOKEN = 'e2e-admin-token-0123456789abcdef0123456789';
const WOO_SECRET = 'e2e-woo-webhook-secret';
export const SCREENSHOTS = path.join(REPO_ROOT, 'docs/admin-screenshots');

async function until<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 1500; i += 1) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the admin dashboard in Chromium against the built daemon and the PrestaShop sandbox', () => {
  let dir: string;
  let sandbox: Sandbox;
  let app: App;
  let child: ChildProcessWithoutNullStreams;
  let stderr = '';
  let url: string;
  let browser: Browser;
  let page: Page;
  const pushesOf = (origin: number, state: number) => sandbox.shop.historiesOf(origin).filter((h) => h.id_order_state === state).length;
  // The daemon's orders pull at start takes the references the platform has: read them, do not assume the seeded ones.
  const referenceOf = async (id: number) => (await app.db.selectFrom('orders').select('reference').where('id_order', '=', id).executeTakeFirstOrThrow()).reference as string;
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    dir = await mkdtemp(path.join(tmpdir(), 'ecom-sync-e2e-admin-'));
    await writeFile(path.join(dir, 'ecom-sync.config.yaml'), 'database: { url: sqlite:./shop.db }\nsync: { backoff_ms: 20, backoff_max_ms: 80 }\ndaemon: { worker_poll_ms: 50 }\n');
    sandbox = await startSandbox({});
    for (const origin of [5, 6, 7, 8, 9]) sandbox.shop.setOrderState(origin, 2);
    const { config } = await loadConfig({ env: {}, cwd: dir });
    app = await createApp(config, captureLogger().logger, { env: {} });
    await app.db.insertInto('stores').values({ id_store: 1, id_platform: 1, name: 'Negozio demo', base_url: sandbox.url, api_key: sandbox.apiKey }).execute();
    // A WooCommerce store that only receives webhooks here (inactive: no pulls, and its address answers nothing).
    await app.db.insertInto('stores').values({ id_store: 2, id_platform: 3, name: 'Negozio Woo', base_url: 'http://127.0.0.1:9', api_key: 'ck_0123456789abcdef', webhook_secret: WOO_SECRET, is_active: 0 }).execute();
    await seedOrders(app, 1, [
      { id_order: 32, id_origin: 5, id_order_state: 2, reference: 'XKBKNABJK' },
      { id_order: 33, id_origin: 6, id_order_state: 2, reference: 'OHSATSERP' },
      { id_order: 34, id_origin: 7, id_order_state: 2, reference: 'WHYQGNRPL' },
      { id_order: 35, id_origin: 8, id_order_state: 2 },
      { id_order: 36, id_origin: 9, id_order_state: 2 },
    ]);
    child = spawn(process.execPath, [BIN, 'daemon', '--port', '0'], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ECOM_SYNC_API_TOKEN: TOKEN },
    });
    child.stdout.resume();
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    url = await until(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1], `the listening line (stderr: ${stderr})`);
    // The states pull at start fills the catalogue the trigger form offers.
    await until(async () => (await app.db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state').where('id_platform_state', '=', 3).executeTakeFirst()) ?? false, 'the states pull');
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, headless: true });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => { console.error('page error:', error.message); });
    // The refused tokens' 401s are expected; any other console error is printed for whoever debugs a failure.
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('status of 401')) console.error('console:', m.text()); });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await app?.close();
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a bad token stays on the sign-in form; the right one, typed with the keyboard, opens the overview', async () => {
    // The first load: every request and its body size, until the sign-in form is usable.
    const loaded: Array<{ url: string; bytes: number; type: string }> = [];
    const record = async (response: Response) => { loaded.push({ url: response.url(), bytes: (await response.body()).length, type: response.headers()['content-type'] ?? '' }); };
    page.on('response', record);
    const document = await page.goto(`${url}/admin/`);
    // The page's security headers, as the browser received them.
    const headers = document?.headers() ?? {};
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['x-content-type-options']).toBe('nosniff');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    page.off('response', record);
    const script = loaded.filter((r) => r.type.includes('javascript'));
    const gzipped = gzipSync(await readFile(path.join(REPO_ROOT, 'dist/admin/app.js'))).length;
    console.log(`admin first load: ${loaded.length} requests, ${loaded.reduce((t, r) => t + r.bytes, 0)} bytes (JavaScript ${script.reduce((t, r) => t + r.bytes, 0)} bytes, ${gzipped} gzipped)`);
    expect(loaded.map((r) => new URL(r.url).pathname).sort()).toEqual(['/admin/', '/admin/app.css', '/admin/app.js']);
    expect(script.reduce((t, r) => t + r.bytes, 0)).toBeLessThanOrEqual(150_000);
    expect(gzipped).toBeLessThanOrEqual(50_000);
    await page.keyboard.type('not-the-token-0123456789');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('refused');
    await page.fill('#token', '');
    await page.keyboard.type(TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('cell', { name: /Negozio demo/ }).waitFor();
    expect(await page.evaluate("sessionStorage.getItem('ecom-sync.admin.token')")).toBe(TOKEN);
    expect(await page.evaluate('document.cookie')).toBe('');
    expect(page.url()).not.toContain(TOKEN);
  });

  it('overview: the last webhook per store — none yet, then the delivery just received; PrestaShop has none (the pull)', async () => {
    const cell = page.getByTestId('last-webhook-2');
    await expect.poll(() => cell.textContent()).toBe('none received yet');
    expect(await page.getByRole('row').filter({ hasText: 'Negozio demo' }).textContent()).toContain('no webhooks (pull)');
    const body = '{"id": 7, "status": "processing", "date_modified_gmt": "2026-12-01T10:00:00"}';
    const res = await fetch(`${url}/webhooks/woocommerce/2`, {
      method: 'POST', body,
      headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'order.updated', 'x-wc-webhook-delivery-id': '901', 'x-wc-webhook-signature': signBody(WOO_SECRET, body) },
    });
    expect(res.status, await res.text()).toBe(200);
    const health = (await (await fetch(`${url}/health`)).json()) as { webhooks: Array<{ id_store: number; last_received_at: string | null }> };
    const received = health.webhooks.find((w) => w.id_store === 2)?.last_received_at;
    expect(received).toEqual(expect.any(String));
    await page.getByRole('button', { name: 'Refresh' }).click();
    // The page shows the time /health reports, in the Italian format of the other columns.
    const shown = await page.evaluate<string>(`new Date(${JSON.stringify(received)}).toLocaleString('it-IT', { dateStyle: 'short', timeStyle: 'medium' })`);
    await expect.poll(() => cell.textContent()).toContain(shown);
    await shot('overview');
  });

  it('creates a trigger through the form, with the push preview; the row exists', async () => {
    await page.getByRole('link', { name: 'Triggers' }).click();
    await page.selectOption('#t-local', '3');
    await page.selectOption('#t-platform', '3');
    await page.selectOption('#t-email', 'no');
    const preview = page.getByRole('figure', { name: 'What a matching change would push' });
    await expect.poll(() => preview.textContent()).toContain('<id_order_state>3</id_order_state>');
    await shot('triggers');
    await page.getByRole('button', { name: 'Create trigger' }).click();
    await page.getByRole('status').filter({ hasText: 'created' }).waitFor();
    const row = page.locator('tr[data-trigger]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('In preparazione');
    const stored = await app.db.selectFrom('platform_state_triggers').selectAll().execute();
    expect(stored).toEqual([expect.objectContaining({ id_store: 1, id_state_local: 3, is_active: 1, send_email: 0 })]);
  });

  it('edits, disables and enables the trigger from its row', async () => {
    const row = page.locator('tr[data-trigger]');
    await row.getByRole('button', { name: 'Edit' }).click();
    await row.getByRole('combobox', { name: /^Platform state of trigger/ }).selectOption('4');
    await row.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'saved' }).waitFor();
    await expect.poll(() => row.textContent()).toContain('(4)');
    await row.getByRole('button', { name: 'Edit' }).click();
    await row.getByRole('combobox', { name: /^Platform state of trigger/ }).selectOption('3');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.textContent()).toContain('(3)');
    await row.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => row.textContent()).toContain('disabled');
    expect((await app.db.selectFrom('platform_state_triggers').select('is_active').executeTakeFirstOrThrow()).is_active).toBe(0);
    await row.getByRole('button', { name: 'Enable' }).click();
    await expect.poll(() => row.textContent()).toContain('active');
    expect(await app.db.selectFrom('platform_state_triggers').select(['is_active', 'id_state_platform']).executeTakeFirstOrThrow()).toMatchObject({ is_active: 1 });
  });

  it("changes an order's state after a dry-run preview: the sandbox receives exactly one push", async () => {
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.fill('#o-search', (await referenceOf(32)).slice(0, 4).toLowerCase());
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: '#32', exact: true }).click();
    await page.selectOption('#o-state', '3');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => page.getByTestId('status-preview').textContent()).toContain('<id_order>5</id_order>');
    expect(pushesOf(5, 3)).toBe(0);
    await page.getByRole('button', { name: 'Apply change' }).click();
    await page.getByRole('status').filter({ hasText: 'done' }).waitFor();
    await expect.poll(() => page.getByTestId('local-state').textContent()).toBe('In preparazione');
    expect(pushesOf(5, 3)).toBe(1);
    expect(sandbox.shop.orders.get(5)?.current_state).toBe(3);
    await shot('order');
  });

  it('a failed push retried from the queue page is delivered, with the progress shown', async () => {
    const before = pushesOf(6, 3);
    sandbox.faults.failNext(1, 400);
    const res = await fetch(`${url}/api/v1/orders/33/status`, { method: 'PUT', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{"id_order_state":3}' });
    expect(((await res.json()) as { sync: { status: string } }).sync.status).toBe('failed');
    await page.getByRole('link', { name: 'Sync queue' }).click();
    await page.selectOption('#q-status', 'failed');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.locator('tr[data-job]').filter({ hasText: await referenceOf(33) }).waitFor();
    await shot('queue');
    await page.getByRole('button', { name: 'Retry all failed' }).click();
    await expect.poll(() => page.getByTestId('retry-progress').textContent()).toContain('Retry finished: 1 delivered, 0 failed');
    expect(pushesOf(6, 3)).toBe(before + 1);
  });

  it('retry all with one push refused again: the count says 1 delivered, 1 failed; the failed one is cancelled', async () => {
    const put = (id: number) => fetch(`${url}/api/v1/orders/${id}/status`, { method: 'PUT', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{"id_order_state":3}' });
    sandbox.faults.failNext(2, 400, { method: 'POST' });
    for (const id of [35, 36]) expect(((await (await put(id)).json()) as { sync: { status: string } }).sync.status).toBe('failed');
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('link', { name: 'Sync queue' }).click();
    await page.selectOption('#q-status', 'failed');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => page.locator('tr[data-job]').count()).toBe(2);
    // Whichever push the worker sends first is refused once more.
    sandbox.faults.failNext(1, 400, { method: 'POST' });
    await page.getByRole('button', { name: 'Retry all failed' }).click();
    await expect.poll(() => page.getByTestId('retry-progress').textContent()).toContain('Retry finished: 1 delivered, 1 failed');
    const delivered = pushesOf(8, 3) + pushesOf(9, 3);
    expect(delivered).toBe(1);
    const row = page.locator('tr[data-job]');
    await expect.poll(() => row.count()).toBe(1);
    const id = Number(await row.getAttribute('data-job'));
    await row.getByRole('button', { name: 'Cancel' }).click();
    await row.getByRole('button', { name: 'Confirm cancel' }).click();
    await page.getByRole('status').filter({ hasText: `Job #${id} cancelled.` }).waitFor();
    expect((await app.db.selectFrom('sync_jobs').select('status').where('id_sync_job', '=', id).executeTakeFirstOrThrow()).status).toBe('cancelled');
    expect(pushesOf(8, 3) + pushesOf(9, 3)).toBe(1);
  });

  it('drift: an order changed on the platform is listed; "push local" restores it', async () => {
    // The shop's back office changed order 34 (local 3 -> platform 3) to "Pagamento accettato" (2) by hand.
    await app.db.updateTable('orders').set({ id_order_state: 3 }).where('id_order', '=', 34).execute();
    const paid = await app.db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state').where('id_platform_state', '=', 2).executeTakeFirstOrThrow();
    await app.db.updateTable('orders').set({ id_ecommerce_state: paid.id_ecommerce_order_state }).where('id_order', '=', 34).execute();
    await page.getByRole('link', { name: 'Drift' }).click();
    const row = page.getByRole('row').filter({ hasText: await referenceOf(34) });
    await row.waitFor();
    await shot('drift');
    const before = pushesOf(7, 3);
    await row.getByRole('button', { name: 'Push local' }).click();
    await page.getByRole('status').filter({ hasText: 'queued' }).waitFor();
    await until(async () => {
      const jobs = await app.db.selectFrom('sync_jobs').select(['status', 'last_error']).where('id_order', '=', 34).execute();
      return jobs.some((j) => j.status === 'done') || (jobs.some((j) => j.status === 'failed') ? (() => { throw new Error(JSON.stringify(jobs)); })() : false);
    }, 'the push of order 34');
    expect(pushesOf(7, 3)).toBe(before + 1);
    expect(sandbox.shop.orders.get(7)?.current_state).toBe(3);
  });

  it('drift: "accept platform" takes the platform\'s state locally without a push; the extra trigger is deleted from its row', async () => {
    // A second trigger (Spedito -> platform 4) lets the platform's "Spedito" be taken back locally.
    const created = await fetch(`${url}/api/v1/triggers`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ id_store: 1, id_state_local: 4, platform_state_id: 4 }) });
    expect(created.status).toBe(201);
    const shipped = await app.db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state').where('id_store', '=', 1).where('id_platform_state', '=', 4).executeTakeFirstOrThrow();
    await app.db.updateTable('orders').set({ id_ecommerce_state: shipped.id_ecommerce_order_state }).where('id_order', '=', 32).execute();
    const pushesBefore = sandbox.shop.historiesOf(5).length;
    await page.getByRole('button', { name: 'Refresh' }).click();
    const row = page.getByRole('row').filter({ hasText: await referenceOf(32) });
    await row.getByRole('button', { name: 'Accept platform' }).click();
    await page.getByRole('status').filter({ hasText: 'local state set to Spedito' }).waitFor();
    expect((await app.db.selectFrom('orders').select('id_order_state').where('id_order', '=', 32).executeTakeFirstOrThrow()).id_order_state).toBe(4);
    await expect.poll(() => row.count()).toBe(0);
    expect(sandbox.shop.historiesOf(5)).toHaveLength(pushesBefore);
    await page.getByRole('link', { name: 'Triggers' }).click();
    const extra = page.locator('tr[data-trigger]').filter({ hasText: 'Spedito' });
    await extra.getByRole('button', { name: 'Delete' }).click();
    await extra.getByRole('button', { name: 'Confirm delete' }).click();
    await page.getByRole('status').filter({ hasText: 'removed' }).waitFor();
    await expect.poll(() => page.locator('tr[data-trigger]').count()).toBe(1);
    expect(await app.db.selectFrom('platform_state_triggers').select('id_state_local').execute()).toEqual([{ id_state_local: 3 }]);
  });

  it('transitions: the graph with Italian names; a rule added with the keyboard and the form, refused and repeated like the CLI, then removed', async () => {
    const rules = async () => ((await (await fetch(`${url}/api/v1/transitions?state_type=order_state`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { transitions: Array<{ id_state_from: number; id_state_to: number }> })
      .transitions.map((r) => `${r.id_state_from}-${r.id_state_to}`);
    // A few rules through the REST API, so that the graph has something to draw.
    for (const [from, to] of [[1, 2], [2, 3], [4, 5], [1, 6], [2, 6], [1, 8], [8, 1], [5, 7]] as const) {
      const res = await fetch(`${url}/api/v1/transitions`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ from, to }) });
      expect(res.status).toBe(201);
    }
    await page.getByRole('link', { name: 'Transitions' }).click();
    await page.getByRole('heading', { name: 'Transitions', exact: true }).waitFor();
    await expect.poll(() => page.locator('svg.graph path.edge').count()).toBe(8);
    expect(await page.getByTestId('transitions-mode').textContent()).toContain('transitions.mode: off');
    // Keyboard: Tab into the graph's first state, arrow down twice to "In preparazione", Enter selects it as FROM.
    await page.locator('svg.graph g.node').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate<string | null>("document.activeElement?.getAttribute('aria-label') ?? null")).toMatch(/^In preparazione \(3\): /);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.inputValue('#tr-from')).toBe('3');
    await expect.poll(() => page.locator('svg.graph path.edge.in').count()).toBe(1);
    // The same state twice: the CLI's refusal, word for word.
    await page.selectOption('#tr-to', '3');
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('FROM and TO are the same state (3 In preparazione); setting a state again never needs a rule');
    await page.selectOption('#tr-to', '4');
    await page.getByRole('button', { name: 'Allow', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Allowed: order_state 3 In preparazione → 4 Spedito' }).waitFor();
    expect(await rules()).toContain('3-4');
    await page.locator('path[data-edge="3-4"]').waitFor();
    await shot('transitions');
    await page.selectOption('#tr-from', '3');
    await page.selectOption('#tr-to', '4');
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Already allowed: order_state 3 In preparazione → 4 Spedito' }).waitFor();
    const row = page.locator('tr[data-rule="3-4"]');
    await row.getByRole('button', { name: 'Remove In preparazione → Spedito' }).click();
    await row.getByRole('button', { name: 'Confirm remove' }).click();
    await page.getByRole('status').filter({ hasText: 'No longer allowed: order_state 3 In preparazione → 4 Spedito' }).waitFor();
    expect(await rules()).not.toContain('3-4');
    await expect.poll(() => page.locator('path[data-edge="3-4"]').count()).toBe(0);
    // Shipping states have their own graph, with their own Italian names.
    await page.selectOption('#tr-type', 'shipping_state');
    await page.locator('svg.graph g.node').filter({ hasText: 'In giacenza' }).waitFor();
    await page.selectOption('#tr-type', 'order_state');
  });

  it('works at phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('overview-phone');
    await page.getByRole('link', { name: 'Transitions' }).click();
    await page.locator('svg.graph g.node').first().waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    // The graph fits the screen and the list beside it stays usable.
    expect(await page.evaluate<number>("document.querySelector('svg.graph').getBoundingClientRect().right - document.documentElement.clientWidth")).toBeLessThanOrEqual(0);
    await page.locator('tr[data-rule="1-2"]').waitFor();
    // The list under the graph wraps its names: its Remove buttons are on screen without scrolling sideways.
    expect(await page.evaluate<number>("(() => { const t = document.querySelector('.rules .table-wrap'); return t.scrollWidth - t.clientWidth; })()")).toBeLessThanOrEqual(0);
    await shot('transitions-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('a token the daemon no longer accepts returns to the sign-in form', async () => {
    await page.evaluate("sessionStorage.setItem('ecom-sync.admin.token', 'revoked-token-0123456789abcdef')");
    await page.getByRole('link', { name: 'Sync queue' }).click();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Signed out');
    expect(await page.evaluate("sessionStorage.getItem('ecom-sync.admin.token')")).toBeNull();
  });

  it('signs in again and signs out: the token leaves the tab', async () => {
    await page.fill('#token', TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate("sessionStorage.getItem('ecom-sync.admin.token')")).toBeNull();
  });
});

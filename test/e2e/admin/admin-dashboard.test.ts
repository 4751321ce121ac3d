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
import { seedOrders } from '../../integration/daemon/daemon-fixture.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.js';

// Page scripts are given as strings: this file compiles without the DOM library.
// Excluded by vitest.config.ts (with a printed note) where /usr/bin/chromium is missing; CI installs it.
const TOKEN = 'e2e-admin-token-0123456789abcdef0123456789';
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
    for (const origin of [5, 6, 7]) sandbox.shop.setOrderState(origin, 2);
    const { config } = await loadConfig({ env: {}, cwd: dir });
    app = await createApp(config, captureLogger().logger, { env: {} });
    await app.db.insertInto('stores').values({ id_store: 1, id_platform: 1, name: 'Negozio demo', base_url: sandbox.url, api_key: sandbox.apiKey }).execute();
    await seedOrders(app, 1, [
      { id_order: 32, id_origin: 5, id_order_state: 2, reference: 'XKBKNABJK' },
      { id_order: 33, id_origin: 6, id_order_state: 2, reference: 'OHSATSERP' },
      { id_order: 34, id_origin: 7, id_order_state: 2, reference: 'WHYQGNRPL' },
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
    await page.goto(`${url}/admin/`);
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

  it('works at phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('overview-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('a token the daemon no longer accepts returns to the sign-in form', async () => {
    await page.evaluate("sessionStorage.setItem('ecom-sync.admin.token', 'revoked-token-0123456789abcdef')");
    await page.getByRole('link', { name: 'Sync queue' }).click();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Signed out');
    expect(await page.evaluate("sessionStorage.getItem('ecom-sync.admin.token')")).toBeNull();
  });
});

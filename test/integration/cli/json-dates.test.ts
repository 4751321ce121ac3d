/**
 * Every date ecom-sync prints in JSON — CLI `--json`, the REST API, the admin API — is ISO 8601
 * with an offset. The walk below visits every value of the main answers after a states pull, an
 * orders pull from a shop in Europe/Rome, a pushed change and a webhook delivery, and fails on
 * any string that starts like a date without being one with an offset.
 */
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../src/daemon/build-server.js';
import { loadDaemonServices } from '../../../src/daemon/load-daemon-services.js';
import { runCli } from '../../helpers/run-cli.js';
import { createCliFixture, type CliFixture } from '../sync/cli-fixture.js';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?[+-]\d{2}:\d{2}$/;
/** Key names that hold a date (or nothing) wherever they appear. */
const DATE_KEY = /(?:_at|_until|^date_add|^date_upd|^platform_date_upd|^orders_watermark|^watermark|^since|^not_before|^wait_until)$/;
const TOKEN = 'json-dates-token-0123456789abcdef0123';

interface Found { path: string; value: unknown }

/** Every date-like value of a JSON document, with where it is. */
function datesIn(value: unknown, at = '$', out: Found[] = []): Found[] {
  if (Array.isArray(value)) value.forEach((v, i) => datesIn(v, `${at}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (DATE_KEY.test(key) && v !== null && (typeof v !== 'object')) out.push({ path: `${at}.${key}`, value: v });
      else datesIn(v, `${at}.${key}`, out);
    }
  } else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) out.push({ path: at, value });
  return out;
}

function expectIsoDates(label: string, document: unknown, atLeast = 1): Found[] {
  const found = datesIn(document);
  const wrong = found.filter((f) => typeof f.value !== 'string' || !ISO_WITH_OFFSET.test(f.value) || Number.isNaN(Date.parse(f.value)));
  expect(wrong, `${label}: dates not in ISO 8601 with an offset`).toEqual([]);
  expect(found.length, `${label}: dates found`).toBeGreaterThanOrEqual(atLeast);
  return found;
}

let f: CliFixture;
const outputs = new Map<string, unknown>();

async function json(args: string[]): Promise<unknown> {
  const run = await runCli(['--json', ...args], { cwd: f.dir });
  expect(run.stderr.includes('Error') && run.stdout === '', `${args.join(' ')}: ${run.stderr}`).toBe(false);
  return JSON.parse(run.stdout) as unknown;
}

beforeAll(async () => {
  f = await createCliFixture({ orders: 5 });
  await appendFile(path.join(f.dir, 'ecom-sync.config.yaml'), `daemon:\n  token: ${TOKEN}\n`);
  // A change the shop makes in summer and one in winter: both offsets of the shop's zone.
  f.sandbox.shop.setNow('2026-07-01 10:00:00');
  f.sandbox.shop.setOrderState(1, 3);
  f.sandbox.shop.setNow('2026-11-30 10:00:00');
  f.sandbox.shop.setOrderState(2, 4);
  // A stored webhook delivery (epoch-ms receipt, the platform's ISO UTC date).
  const app = await f.open();
  await app.db.insertInto('inbound_events').values({
    id_store: f.storeId, platform: 'woocommerce', topic: 'order.updated', dedup_key: 'order:1:2026-11-30T09:00:00.000Z', id_origin: '1',
    received_at: Date.UTC(2026, 10, 30, 9, 0, 1), platform_updated_at: '2026-11-30T09:00:00.000Z', payload: '{}',
  }).execute();
  await app.close();
  for (const args of [['states', 'pull'], ['orders', 'pull'], ['orders', 'set-status', '1003', '3'], ['states', 'list'], ['orders', 'list'], ['orders', 'show', '1001'],
    ['sync', 'list'], ['stores', 'list'], ['triggers', 'list'], ['webhooks', 'status'], ['webhooks', 'events'], ['transitions', 'list']]) {
    outputs.set(args.join(' '), await json(args));
  }
}, 60_000);

afterAll(async () => {
  await f?.cleanup();
});

describe('dates in JSON', () => {
  it('CLI --json of the main commands: ISO 8601 with an offset everywhere', () => {
    for (const [command, document] of outputs) {
      const atLeast = ['states pull', 'webhooks status', 'transitions list', 'orders set-status 1003 3'].includes(command) ? 0 : 1;
      expectIsoDates(command, document, atLeast);
    }
  });

  it("orders show keeps the shop's offset for the platform's own date, summer and winter", () => {
    const summer = outputs.get('orders show 1001') as { platform_date_upd: string; date_add: string };
    expect(summer.platform_date_upd).toBe('2026-07-01T10:00:00+02:00');
    expect(summer.date_add).toMatch(/\+00:00$/);
    const list = outputs.get('orders list') as { orders: Array<{ id_order: number; platform_date_upd: string | null }> };
    expect(list.orders.find((o) => o.id_order === 1002)?.platform_date_upd).toBe('2026-11-30T10:00:00+01:00');
    const pull = outputs.get('orders pull') as { stores: Array<{ watermark: string }> };
    expect(pull.stores[0]!.watermark).toMatch(/\+0[12]:00$/);
  });

  it('demo --json: the shop\'s history with the shop\'s offset', async () => {
    const run = await runCli(['--json', 'demo'], { cwd: f.dir });
    expect(run.code).toBe(0);
    const found = expectIsoDates('demo', JSON.parse(run.stdout));
    expect(found.some((d) => d.path.includes('platform_history'))).toBe(true);
  }, 60_000);

  it('REST and admin answers: ISO 8601 with an offset everywhere', async () => {
    const app = await f.open();
    const server = buildServer(app, { services: await loadDaemonServices() });
    await server.ready();
    try {
      const headers = { authorization: `Bearer ${TOKEN}` };
      for (const url of ['/api/v1/init', '/api/v1/orders', '/api/v1/orders/1001', '/api/v1/triggers', '/api/v1/sync/jobs', '/health',
        '/api/v1/admin/overview', '/api/v1/admin/jobs', '/api/v1/admin/orders?q=', '/api/v1/admin/orders/1001', '/api/v1/admin/drift']) {
        const res = await server.inject({ method: 'GET', url, headers });
        expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
        expectIsoDates(url, res.json(), url.includes('drift') ? 0 : 1);
      }
    } finally {
      await server.close();
      await app.close();
    }
  });
});

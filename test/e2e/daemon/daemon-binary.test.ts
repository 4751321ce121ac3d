import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { App } from '../../../src/app-types.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { startSandbox, type Sandbox } from '../../../src/platforms/sandbox/index.js';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createAnswerChecker, type OpenApiDoc } from '../../helpers/openapi-answers.js';
import { BIN } from '../../helpers/run-cli.js';
import { captureLogger } from '../../helpers/test-app.js';
import { seedOrders } from '../../integration/daemon/daemon-fixture.js';

const TOKEN = 'e2e-token-0123456789abcdef0123456789abcdef';
const AUTH = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

async function until<T>(check: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 1000; i += 1) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the built binary: ecom-sync daemon --port 0', () => {
  let dir: string;
  let sandbox: Sandbox;
  let app: App;
  let child: ChildProcessWithoutNullStreams;
  let stdout = '';
  let stderr = '';
  let url: string;
  let exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ecom-sync-e2e-daemon-'));
    await writeFile(path.join(dir, 'ecom-sync.config.yaml'), 'database: { url: sqlite:./shop.db }\nsync: { backoff_ms: 20, backoff_max_ms: 80 }\n');
    sandbox = await startSandbox({});
    sandbox.shop.setOrderState(5, 2);
    sandbox.shop.setOrderState(6, 2);
    const { config } = await loadConfig({ env: {}, cwd: dir });
    app = await createApp(config, captureLogger().logger, { env: {} });
    await app.db.insertInto('stores').values({ id_store: 1, id_platform: 1, name: 'sandbox', base_url: sandbox.url, api_key: sandbox.apiKey }).execute();
    await seedOrders(app, 1, [{ id_order: 32, id_origin: 5, id_order_state: 1 }, { id_order: 33, id_origin: 6, id_order_state: 1 }]);

    child = spawn(process.execPath, [BIN, 'daemon', '--port', '0'], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ECOM_SYNC_API_TOKEN: TOKEN },
    });
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    url = await until(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1], `the listening line (stderr: ${stderr})`);
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await app?.close();
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('pulls the states at start, changes a status over HTTP, the sandbox gets the order_history; SIGTERM ends it cleanly with nothing lost', async () => {
    // The binary's /openapi.json is valid OpenAPI, and the answers below match what it documents.
    const doc = await fetch(`${url}/openapi.json`, { headers: AUTH }).then((r) => r.json()) as OpenApiDoc;
    await SwaggerParser.validate(structuredClone(doc) as never);
    const checker = createAnswerChecker(doc);
    const documented = async (method: string, path: string, answer: Response) => {
      expect(checker.check(method, path, answer.status, await answer.clone().json())).toBeNull();
      return answer;
    };

    // The states pull runs at start: the catalogue arrives without any request.
    const preparing = await until(async () => {
      const init = await fetch(`${url}/api/v1/init`, { headers: AUTH }).then((r) => r.json()) as { ecommerce_order_states: Array<{ id_ecommerce_order_state: number; id_platform_state: number }> };
      return init.ecommerce_order_states.find((s) => s.id_platform_state === 3);
    }, 'the states pull at start');

    await documented('GET', '/api/v1/init', await fetch(`${url}/api/v1/init`, { headers: AUTH }));
    const trigger = await documented('POST', '/api/v1/triggers', await fetch(`${url}/api/v1/triggers`, {
      method: 'POST', headers: AUTH,
      body: JSON.stringify({ event_type: 'order_status_changed', id_store: 1, id_state_local: 3, id_state_platform: preparing.id_ecommerce_order_state }),
    }));
    expect(trigger.status).toBe(201);
    expect((await documented('GET', '/api/v1/orders', await fetch(`${url}/api/v1/orders`))).status).toBe(401);
    await documented('GET', '/api/v1/orders', await fetch(`${url}/api/v1/orders`, { headers: AUTH }));
    await documented('GET', '/health', await fetch(`${url}/health`));

    const res = await documented('PUT', '/api/v1/orders/32/status', await fetch(`${url}/api/v1/orders/32/status`, { method: 'PUT', headers: AUTH, body: JSON.stringify({ id_order_state: 3 }) }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ message: 'Stato ordine aggiornato con successo', id_order: 32, old_state: 1, new_state: 3, sync: { status: 'done' } });
    expect(sandbox.shop.orders.get(5)?.current_state).toBe(3);
    expect(sandbox.shop.historiesOf(5).filter((h) => h.id_order_state === 3)).toHaveLength(1);

    // A change whose platform push is still in flight when SIGTERM arrives: it is finished, not lost.
    sandbox.faults.setLatency(400);
    const inFlight = fetch(`${url}/api/v1/orders/33/status`, { method: 'PUT', headers: AUTH, body: JSON.stringify({ id_order_state: 3 }) });
    await until(() => app.db.selectFrom('sync_jobs').select('id_sync_job').where('id_order', '=', 33).executeTakeFirst(), 'the second change');
    child.kill('SIGTERM');
    const answer = await documented('PUT', '/api/v1/orders/33/status', await inFlight);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { sync: { status: string } }).sync.status).toBe('done');
    expect(await exit).toEqual({ code: 0, signal: null });
    expect(sandbox.shop.orders.get(6)?.current_state).toBe(3);
    expect(sandbox.shop.historiesOf(6).filter((h) => h.id_order_state === 3)).toHaveLength(1);

    const open = await app.db.selectFrom('sync_jobs').select(['id_sync_job', 'status', 'lease_owner']).where('status', 'in', ['pending', 'running']).execute();
    expect(open).toEqual([]);
    expect(await app.db.selectFrom('app_locks').selectAll().execute()).toEqual([]);

    // Logs: one JSON object a line, with request ids, no secrets.
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.some((l) => l.msg === 'daemon stopped')).toBe(true);
    expect(lines.some((l) => typeof l.reqId === 'string')).toBe(true);
    expect(stdout).not.toContain(TOKEN);
    expect(stdout).not.toContain(sandbox.apiKey);
    expect(stderr).toContain('ecom-sync daemon stopped');
  });
});

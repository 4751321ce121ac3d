import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { App } from '../../../src/app-types.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { buildServer } from '../../../src/daemon/build-server.js';
import { loadDaemonServices } from '../../../src/daemon/load-daemon-services.js';
import { createSerialRunner, type SerialRunner } from '../../../src/daemon/serial-runner.js';
import { ERROR_CATALOGUE } from '../../../src/error-codes.js';
import { runCli } from '../../helpers/run-cli.js';
import { captureLogger, type CapturedLog } from '../../helpers/test-app.js';
import { createCliFixture, type CliFixture } from '../sync/cli-fixture.js';

const TOKEN = 'test-token-0123456789abcdef0123456789';
const AUTH = { authorization: `Bearer ${TOKEN}` };

interface Reported { code: string; message: string; hint: string | null }

/**
 * One database, seen by the CLI (run as the binary would, on the fixture's directory) and by the
 * REST API (the daemon's server on an app opened on the same file): the same problem must come
 * back with the same code, message and hint on both sides.
 */
describe('the same problem has the same code on the CLI and over REST', () => {
  let f: CliFixture;
  let app: App;
  let log: CapturedLog;
  let server: FastifyInstance;
  let statesRunner: SerialRunner;
  let magentoStore: number;

  beforeAll(async () => {
    f = await createCliFixture();
    const { config } = await loadConfig({ env: {}, cwd: f.dir });
    log = captureLogger();
    app = await createApp(config, log.logger, { env: {} });
    statesRunner = createSerialRunner();
    server = buildServer(app, { services: await loadDaemonServices(), token: TOKEN, statesRunner, adminAssetsDir: null });
    await server.ready();
    // A store of a platform ecom-sync has no client for (the spec's INSERTs allow any platforms row).
    await app.db.insertInto('platforms').values({ id_platform: 90, name: 'Magento' }).execute();
    await app.db.insertInto('stores').values({ id_platform: 90, name: 'magento', base_url: 'https://magento.example', api_key: 'K'.repeat(32) }).execute();
    magentoStore = (await app.db.selectFrom('stores').select('id_store').where('name', '=', 'magento').executeTakeFirstOrThrow()).id_store;
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
    await f?.cleanup();
  });

  async function cli(args: string[], exit: number): Promise<Reported> {
    const run = await runCli(['--json', ...args], { cwd: f.dir });
    expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(exit);
    const { error } = JSON.parse(run.stdout) as { error: Reported };
    expect(run.stderr, 'stderr names the code and the hint').toContain(`error[${error.code}]: ${error.message}\nhint: ${error.hint}`);
    return { code: error.code, message: error.message, hint: error.hint };
  }

  async function rest(method: 'GET' | 'PUT' | 'POST', url: string, status: number, payload?: object): Promise<Reported> {
    const res = await server.inject({ method, url, headers: AUTH, ...(payload === undefined ? {} : { payload }) });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    const { error } = res.json() as { error: Reported & { request_id: string } };
    expect(error.request_id).toEqual(expect.any(String));
    return { code: error.code, message: error.message, hint: error.hint };
  }

  it('order not found: ORDER_NOT_FOUND, exit 2 and 404, one message and one hint everywhere', async () => {
    const expected = { code: 'ORDER_NOT_FOUND', message: 'order 999 does not exist', hint: ERROR_CATALOGUE.ORDER_NOT_FOUND.hint };
    const answers = [
      await cli(['orders', 'show', '999'], 2),
      await cli(['orders', 'set-status', '999', '3'], 2),
      await cli(['orders', 'set-status', '999', '3', '--dry-run'], 2),
      await cli(['triggers', 'test', '999', '3'], 2),
      await cli(['transitions', 'check', '999', '3'], 2),
      await rest('GET', '/api/v1/orders/999', 404),
      await rest('PUT', '/api/v1/orders/999/status', 404, { id_order_state: 3 }),
      await rest('GET', '/api/v1/admin/orders/999', 404),
      await rest('POST', '/api/v1/admin/orders/999/status-preview', 404, { id_order_state: 3 }),
    ];
    for (const answer of answers) expect(answer).toEqual(expected);
  });

  it('sync job not found: SYNC_JOB_NOT_FOUND (never JOB_NOT_FOUND), exit 2 and 404', async () => {
    const expected = { code: 'SYNC_JOB_NOT_FOUND', message: 'sync job 999 does not exist', hint: ERROR_CATALOGUE.SYNC_JOB_NOT_FOUND.hint };
    const answers = [
      await cli(['sync', 'retry', '999'], 2),
      await rest('POST', '/api/v1/sync/jobs/999/retry', 404),
      await rest('POST', '/api/v1/admin/jobs/999/cancel', 404),
    ];
    for (const answer of answers) expect(answer).toEqual(expected);
  });

  it('store not found: STORE_NOT_FOUND, exit 2 and 404', async () => {
    const expected = { code: 'STORE_NOT_FOUND', message: 'store 999 does not exist', hint: ERROR_CATALOGUE.STORE_NOT_FOUND.hint };
    expect(await cli(['stores', 'remove', '999'], 2)).toEqual(expected);
    expect(await rest('POST', '/api/v1/sync/prestashop?store_id=999', 404)).toEqual(expected);
  });

  it('unknown platform: UNKNOWN_PLATFORM (never PLATFORM_UNSUPPORTED) from the CLI and from the daemon\'s states pull', async () => {
    const expected = { code: 'UNKNOWN_PLATFORM', message: `unknown platform "Magento" (store magento (#${magentoStore}))`, hint: ERROR_CATALOGUE.UNKNOWN_PLATFORM.hint };
    expect(await cli(['stores', 'check', String(magentoStore)], 2)).toEqual(expected);

    const pull = await runCli(['--json', 'states', 'pull', '--store', String(magentoStore)], { cwd: f.dir });
    expect(pull.code).toBe(4);
    expect(JSON.parse(pull.stdout).stores).toEqual([expect.objectContaining({ id_store: magentoStore, error: expect.objectContaining({ code: 'UNKNOWN_PLATFORM' }) })]);

    // The REST API starts the pull in the background (202); the daemon logs the same problem.
    const res = await server.inject({ method: 'POST', url: `/api/v1/sync/prestashop?store_id=${magentoStore}`, headers: AUTH });
    expect(res.statusCode).toBe(202);
    await statesRunner.idle();
    expect(log.lines.join('\n')).toContain(`Sync stati ordine fallito per store ${magentoStore} (magento): unknown platform "Magento"`);
  });
});

import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { App } from '../../src/app-types.js';
import { createLogger, type Logger } from '../../src/logging/create-logger.js';
import { createBenchApp } from '../bench-app.js';
import type { Task } from '../child-protocol.js';
import { importProductModule } from '../optional-module.js';
import { CONSTANT_ROUTE } from './http-server-task.js';

/** Narrow ports of src/daemon/build-server.ts and load-daemon-services.ts. */
interface BuildServerModule {
  buildServer(app: App, options: { services: unknown; insecureNoAuth?: boolean; logger?: Logger; onWebhookStored?: () => void }): FastifyInstance;
}
interface DaemonServicesModule {
  loadDaemonServices(): Promise<unknown>;
}

export const WEBHOOK_BENCH_SECRET = 'bench-webhook-secret-0123456789';

/**
 * The daemon's REST server with one Shopify store whose webhooks are signed with a known secret,
 * plus the bare route of http-server-task for reference. The inbox worker does not run: this
 * measures receiving (verify, durable insert, answer). At stop it reports what the inbox holds.
 */
export const webhookServerTask: Task = async (_args, control) => {
  const [{ buildServer }, { loadDaemonServices }] = await Promise.all([
    importProductModule<BuildServerModule>('src/daemon/build-server.js'),
    importProductModule<DaemonServicesModule>('src/daemon/load-daemon-services.js'),
  ]);
  const bench = await createBenchApp();
  try {
    const db = bench.app.db;
    await db.insertInto('stores').values({ id_platform: 2, name: 'bench-shopify', base_url: 'http://127.0.0.1:9', api_key: 'shpat_bench', webhook_secret: WEBHOOK_BENCH_SECRET }).execute();
    const { id_store: storeId } = await db.selectFrom('stores').select('id_store').where('name', '=', 'bench-shopify').executeTakeFirstOrThrow();
    const logger = createLogger({ level: 'info', format: 'json', destination: new Writable({ write: (_c, _e, callback) => callback() }) });
    let stored = 0;
    const server = buildServer(bench.app, { services: await loadDaemonServices(), insecureNoAuth: true, logger, onWebhookStored: () => { stored += 1; } });
    server.get(CONSTANT_ROUTE, async () => ({ ok: true }));
    await server.listen({ host: '127.0.0.1', port: 0 });
    const address = server.server.address();
    control.ready({ port: typeof address === 'object' && address ? address.port : 0, storeId });
    await control.stopped;
    await server.close();
    const rows = await db.selectFrom('inbound_events').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('dedup_key').distinct().as('keys')]).executeTakeFirstOrThrow();
    return { stored, rows: Number(rows.n), distinctKeys: Number(rows.keys) };
  } finally {
    await bench.cleanup();
  }
};

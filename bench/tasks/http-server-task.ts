import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { App } from '../../src/app-types.js';
import { createLogger, type Logger } from '../../src/logging/create-logger.js';
import { createBenchApp } from '../bench-app.js';
import type { Task } from '../child-protocol.js';
import { importProductModule } from '../optional-module.js';
import { insertCustomers, insertEcommerceStates, insertStore, seedOrders } from '../seed-orders.js';

/** Narrow ports of src/daemon/build-server.ts and load-daemon-services.ts. */
interface BuildServerModule {
  buildServer(app: App, options: { services: unknown; insecureNoAuth?: boolean; logger?: Logger }): FastifyInstance;
}
interface DaemonServicesModule {
  loadDaemonServices(): Promise<unknown>;
}

export const CONSTANT_ROUTE = '/bench/constant';

/**
 * The daemon's REST server on a seeded database, plus a bare route on the same instance (same hooks,
 * same logger) that returns a constant: the reference its real routes are compared with.
 */
export const httpServerTask: Task = async (args, control) => {
  const [{ buildServer }, { loadDaemonServices }] = await Promise.all([
    importProductModule<BuildServerModule>('src/daemon/build-server.js'),
    importProductModule<DaemonServicesModule>('src/daemon/load-daemon-services.js'),
  ]);
  const bench = await createBenchApp();
  try {
    const storeId = await insertStore(bench.app.db);
    const stateIds = await insertEcommerceStates(bench.app.db, storeId, 12);
    const count = Number(args.orders);
    const customerIds = await insertCustomers(bench.app.db, storeId, Math.ceil(count / 2));
    await seedOrders(bench.app.db, { count, storeId, stateId: 2, ecommerceStateIds: stateIds, customerIds });
    // The daemon's own log format (JSON lines at info, request logging on), written nowhere.
    const logger = createLogger({ level: 'info', format: 'json', destination: new Writable({ write: (_c, _e, callback) => callback() }) });
    const server = buildServer(bench.app, { services: await loadDaemonServices(), insecureNoAuth: true, logger });
    server.get(CONSTANT_ROUTE, async () => ({ ok: true }));
    await server.listen({ host: '127.0.0.1', port: 0 });
    const address = server.server.address();
    control.ready({ port: typeof address === 'object' && address ? address.port : 0 });
    await control.stopped;
    await server.close();
    return {};
  } finally {
    await bench.cleanup();
  }
};

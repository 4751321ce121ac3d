import type { FastifyInstance } from 'fastify';
import { buildServer, type BuildServerOptions } from '../../../src/daemon/build-server.js';
import type { DaemonServices } from '../../../src/daemon/daemon-services.js';
import { loadDaemonServices } from '../../../src/daemon/load-daemon-services.js';
import { createSerialRunner, type SerialRunner } from '../../../src/daemon/serial-runner.js';
import type { App } from '../../../src/app-types.js';
import { createTestApp, type TestApp, type TestAppOptions } from '../../helpers/test-app.js';

export const TOKEN = 'test-token-0123456789abcdef0123456789';
export const AUTH = { authorization: `Bearer ${TOKEN}` };

export interface DaemonFixture {
  t: TestApp;
  app: App;
  server: FastifyInstance;
  services: DaemonServices;
  statesRunner: SerialRunner;
  cleanup(): Promise<void>;
}

export async function createDaemonFixture(options: TestAppOptions & { server?: Partial<BuildServerOptions> } = {}): Promise<DaemonFixture> {
  const t = await createTestApp({ ...options, config: { ...options.config, daemon: { token: TOKEN, ...options.config?.daemon } } });
  const services = options.server?.services ?? (await loadDaemonServices());
  const statesRunner = createSerialRunner();
  const server = buildServer(t.app, { services, statesRunner, ...options.server });
  await server.ready();
  return {
    t, app: t.app, server, services, statesRunner,
    async cleanup() {
      await server.close();
      await t.cleanup();
    },
  };
}

export interface SeedOrder {
  id_order: number;
  id_origin?: number;
  id_order_state?: number;
  id_ecommerce_state?: number | null;
  reference?: string;
  total?: number;
  rows?: number;
}

/** Orders with a customer, a delivery address and rows, written with plain inserts (explicit ids). */
export async function seedOrders(app: App, storeId: number, orders: SeedOrder[]): Promise<void> {
  for (const order of orders) {
    const n = order.id_order;
    await app.db.insertInto('customers').values({ id_customer: n, id_origin: n, id_store: storeId, firstname: 'Mario', lastname: `Rossi ${n}`, email: `mario${n}@example.com` }).execute();
    await app.db.insertInto('addresses').values({ id_address: n, id_origin: n, id_store: storeId, id_customer: n, firstname: 'Mario', lastname: `Rossi ${n}`, address1: `Via Roma ${n}`, postcode: '00100', city: 'Roma', id_country: 10 }).execute();
    await app.db.insertInto('orders').values({
      id_order: n, id_origin: order.id_origin ?? n, id_platform: 1, id_store: storeId, id_order_state: order.id_order_state ?? 1,
      id_ecommerce_state: order.id_ecommerce_state ?? null, id_customer: n, id_address_delivery: n, id_address_invoice: n,
      reference: order.reference ?? `REF${String(n).padStart(5, '0')}`, payment: 'Bonifico bancario',
      total_price_with_tax: order.total ?? 150, total_price_without_tax: (order.total ?? 150) / 1.22, total_products: 140, total_shipping: 10,
    }).execute();
    for (let r = 1; r <= (order.rows ?? 2); r += 1) {
      await app.db.insertInto('order_details').values({ id_order: n, id_origin: n * 10 + r, product_name: `Prodotto ${r}`, product_reference: `P${r}`, product_qty: r, product_price: 70, unit_price_tax_incl: 85.4, unit_price_tax_excl: 70 }).execute();
    }
  }
}

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreRow } from '../../../src/stores/store-repository.js';
import type { InboundDelivery } from '../../../src/webhooks/inbound-delivery.js';
import { insertInboundEvent, listInboundEvents } from '../../../src/webhooks/inbound-event-repository.js';
import { processInboundEvents, type InboxDeps, type OrderRefresher, type OrderRefreshResult } from '../../../src/webhooks/process-inbound-events.js';
import { startInboxWorker } from '../../../src/webhooks/inbox-worker.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialects } from '../../helpers/test-database.js';

/** The platform read behind the inbox: records which orders were read, answers as told. */
class RecordingRefresher implements OrderRefresher {
  reads: number[] = [];
  failuresLeft = 0;
  async refresh(_store: StoreRow, idOrigin: number): Promise<OrderRefreshResult> {
    this.reads.push(idOrigin);
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('HTTP 503 Service Unavailable');
    }
    return { outcome: 'updated', detail: `order ${idOrigin} refreshed` };
  }
}

describe.each(testDialects())('webhook inbox processing on %s', (dialect) => {
  let t: TestApp;
  let storeId: number;
  let now = Date.parse('2026-11-30T12:00:00Z');
  let refresher: RecordingRefresher;
  const deps = (processId = 'host:1:a'): InboxDeps => ({ db: t.app.db, logger: t.log.logger, now: () => now, processId, refresher });
  let seq = 0;
  const deliver = async (idOrigin: number, updatedAt: string) => {
    seq += 1;
    const delivery: InboundDelivery = { topic: 'orders/updated', dedupKey: `event:${seq}`, idOrigin: String(idOrigin), platformUpdatedAt: updatedAt };
    await insertInboundEvent(t.app.db, { storeId, platform: 'shopify', delivery, payload: '{}', receivedAt: now + seq });
  };

  beforeAll(async () => {
    t = await createTestApp({ dialect, sandbox: false });
    await t.app.db.insertInto('stores').values({ id_platform: 2, name: 'negozio-shopify', base_url: 'https://negozio.myshopify.com', api_key: 'shpat_x' }).execute();
    storeId = (await t.app.db.selectFrom('stores').select('id_store').executeTakeFirstOrThrow()).id_store;
    // An order ecom-sync pulled at 11:00 UTC.
    await t.app.db.insertInto('orders').values({ id_origin: 1001, id_store: storeId, id_platform: 2, id_order_state: 1, reference: '#1001', platform_date_upd: '2026-11-30T11:00:00.000Z' }).execute();
  });
  afterAll(async () => { await t?.cleanup(); });
  beforeEach(async () => {
    refresher = new RecordingRefresher();
    await t.app.db.deleteFrom('inbound_events').execute();
  });

  it('never lets an event older than what ecom-sync knows read or change the order', async () => {
    await deliver(1001, '2026-11-30T10:30:00.000Z'); // a retried delivery with its original, older body
    const summary = await processInboundEvents(deps());
    expect(summary.outcomes).toEqual({ stale: 1 });
    expect(refresher.reads).toEqual([]);
    const [event] = await listInboundEvents(t.app.db, { limit: 5 });
    expect(event?.detail).toContain('2026-11-30T11:00:00.000Z');
  });

  it('reads a newer or unknown order once per batch, however many events name it', async () => {
    await deliver(1001, '2026-11-30T11:05:00.000Z');
    await deliver(1001, '2026-11-30T11:06:00.000Z');
    await deliver(4242, '2026-11-30T11:07:00.000Z'); // not imported yet
    const summary = await processInboundEvents(deps());
    expect(refresher.reads.sort()).toEqual([1001, 4242]);
    expect(summary.outcomes).toEqual({ stale: 1, updated: 2 });
    const events = await listInboundEvents(t.app.db, { outcome: 'pending', limit: 5 });
    expect(events).toHaveLength(0);
  });

  it('retries a failed read later, then leaves the event failed and listed', async () => {
    refresher.failuresLeft = 10;
    await deliver(1001, '2026-11-30T11:10:00.000Z');
    await processInboundEvents(deps(), { maxAttempts: 2 });
    expect(refresher.reads).toHaveLength(1);
    // Not again before its retry time...
    await processInboundEvents(deps(), { maxAttempts: 2 });
    expect(refresher.reads).toHaveLength(1);
    now += 31_000;
    const summary = await processInboundEvents(deps(), { maxAttempts: 2 });
    expect(refresher.reads).toHaveLength(2);
    expect(summary.outcomes).toEqual({ failed: 1 });
    const [event] = await listInboundEvents(t.app.db, { outcome: 'failed', limit: 5 });
    expect(event?.detail).toContain('HTTP 503');
  });

  it('picks up events a dead daemon claimed once their lease ran out, and processes each once', async () => {
    for (let i = 0; i < 30; i += 1) await deliver(5000 + i, '2026-11-30T11:20:00.000Z');
    // A daemon claimed them and died (kill -9): its lease is there, its work is not.
    await t.app.db.updateTable('inbound_events').set({ lease_owner: 'dead:99:x', lease_until: now + 60_000 }).execute();
    expect((await processInboundEvents(deps('host:2:b'))).processed).toBe(0);
    now += 61_000;
    const [a, b] = await Promise.all([processInboundEvents(deps('host:2:b'), { batch: 7 }), processInboundEvents(deps('host:3:c'), { batch: 7 })]);
    expect(a.processed + b.processed).toBe(30);
    expect(new Set(refresher.reads).size).toBe(30);
    expect(refresher.reads).toHaveLength(30);
  });

  it('the daemon worker works the inbox when woken and stops with its signal', async () => {
    const controller = new AbortController();
    const summaries: number[] = [];
    let notify: () => void = () => {};
    const done = new Promise<void>((resolve) => { notify = resolve; });
    const worker = startInboxWorker(deps(), { pollMs: 3_600_000, signal: controller.signal, onSummary: (s) => { summaries.push(s.processed); notify(); } });
    await deliver(1001, '2026-11-30T12:30:00.000Z');
    worker.wake();
    await done;
    expect(summaries).toEqual([1]);
    controller.abort();
    await worker.stopped;
  });
});

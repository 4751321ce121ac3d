import autocannon from 'autocannon';
import { createHmac } from 'node:crypto';
import type { ResultRow, Scenario, ScenarioOutcome } from '../bench-types.js';
import { startChild } from '../child-runner.js';
import { processCpuMs } from '../process-cpu.js';
import { unavailableRow } from '../scenario-helpers.js';
import { formatNumber, median, samples } from '../stats.js';
import { CONSTANT_ROUTE } from '../tasks/http-server-task.js';
import { WEBHOOK_BENCH_SECRET } from '../tasks/webhook-server-task.js';

interface Load {
  rps: number;
  p99: number;
  answered: number;
  cpuUsPerRequest: number;
}

/** A Shopify orders/updated body (about 0.8 kB, a trimmed real one), Unicode included. */
function deliveryBody(): string {
  const lines = Array.from({ length: 4 }, (_, i) => ({ id: 1400000 + i, title: `Caffè macinato ${i} — 250 g`, quantity: 2, price: '7.90', sku: `CAF-${i}` }));
  return JSON.stringify({
    id: 5523461234567, name: '#1001', email: 'giulia.rossi@example.it', updated_at: '2026-11-30T11:00:00+01:00', financial_status: 'paid', fulfillment_status: null,
    cancelled_at: null, closed_at: null, currency: 'EUR', total_price: '31.60', line_items: lines,
    shipping_address: { first_name: 'Giulia', last_name: 'Rossi', address1: 'Via Caffè 3', city: 'Forlì', zip: '47121', country_code: 'IT' },
    note: 'Consegna al piano 🚚',
  });
}

async function load(url: string, pid: number, seconds: number, delivery: { body: string; headers: Record<string, string> } | null): Promise<Load> {
  const cpuBefore = await processCpuMs(pid);
  const result = await autocannon({
    url, connections: 10, duration: seconds,
    ...(delivery === null ? {} : { method: 'POST', body: delivery.body, headers: delivery.headers, idReplacement: true }),
  });
  const cpuMs = (await processCpuMs(pid)) - cpuBefore;
  if (result.non2xx > 0 || result.errors > 0 || result['2xx'] === 0) throw new Error(`${url}: ${result['2xx']} answers 2xx, ${result.non2xx} not 2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99, answered: result['2xx'], cpuUsPerRequest: (cpuMs * 1000) / Math.max(1, result.requests.total) };
}

/**
 * Webhook ingest under load: signed Shopify deliveries (10 connections), each with its own event
 * id, so each one is verified over its raw body and inserted into the inbox before its 200. The
 * bare route of the same server is the reference; p99 is compared with Shopify's 5 s timeout.
 */
export const webhookIngestScenario: Scenario = {
  name: 'webhook-ingest',
  async run(options): Promise<ScenarioOutcome> {
    const seconds = options.smoke ? 1 : 5;
    const label = 'webhook ingest, signed Shopify deliveries (durable insert before the answer)';
    let server;
    try {
      server = await startChild<{ port: number; storeId: number }>('webhook-server', {}, { cpuProfDir: options.cpuProfDir });
    } catch (error) {
      return { rows: [unavailableRow(`${label}: events/s`, '≥ 500 events/s', error), unavailableRow(`${label}: p99 answer time`, '≤ 1,000 ms', error)], notes: [] };
    }
    const body = deliveryBody();
    const headers = {
      'content-type': 'application/json', 'x-shopify-topic': 'orders/updated', 'x-shopify-shop-domain': 'bench.myshopify.com',
      'x-shopify-hmac-sha256': createHmac('sha256', WEBHOOK_BENCH_SECRET).update(body).digest('base64'), 'x-shopify-event-id': '[<id>]',
    };
    const base = `http://127.0.0.1:${server.info.port}`;
    const hook = `${base}/webhooks/shopify/${server.info.storeId}`;
    const rows: ResultRow[] = [];
    const notes: string[] = [];
    let stopped = false;
    try {
      const pid = server.pid;
      await load(`${base}${CONSTANT_ROUTE}`, pid, 1, null);
      await load(hook, pid, 1, { body, headers });
      const constant: Load[] = [];
      const hooks: Load[] = [];
      for (let run = 0; run < options.runs; run++) {
        options.log(`webhook ingest: run ${run + 1}/${options.runs}`);
        constant.push(await load(`${base}${CONSTANT_ROUTE}`, pid, seconds, null));
        hooks.push(await load(hook, pid, seconds, { body, headers }));
      }
      const answered = hooks.reduce((sum, l) => sum + l.answered, 0);
      stopped = true;
      const inbox = (await server.stop<{ stored: number; rows: number; distinctKeys: number }>()).value;
      const rps = median(hooks.map((l) => l.rps));
      const p99 = median(hooks.map((l) => l.p99));
      const refRps = median(constant.map((l) => l.rps));
      const reference = `${formatNumber(refRps)} req/s, p99 ${formatNumber(median(constant.map((l) => l.p99)))} ms (bare route)`;
      rows.push({ scenario: `${label}: events/s`, figure: `${formatNumber(rps)} events/s`, reference, ratio: `${(rps / refRps).toFixed(2)}×`, target: '≥ 500 events/s', met: rps >= 500 });
      rows.push({ scenario: `${label}: p99 answer time`, figure: `${formatNumber(p99)} ms`, reference: '5,000 ms (Shopify\'s timeout)', ratio: `${(p99 / 5000).toFixed(3)}×`, target: '≤ 1,000 ms', met: p99 <= 1000 });
      notes.push(
        `events/s ${samples(hooks.map((l) => l.rps))}; p99 ${samples(hooks.map((l) => l.p99))} ms; server CPU ${samples(hooks.map((l) => l.cpuUsPerRequest))} µs per delivery ` +
          `(bare route ${samples(constant.map((l) => l.rps))} req/s, ${samples(constant.map((l) => l.cpuUsPerRequest))} µs). ${seconds} s per load, 10 connections, ` +
          `${formatNumber(Buffer.byteLength(body))}-byte body, SQLite file.`,
        `nothing lost: ${formatNumber(answered)} deliveries answered 200 in the measured loads; the inbox holds ${formatNumber(inbox.rows)} rows (${formatNumber(inbox.distinctKeys)} distinct event ids, warm-up included), ${formatNumber(inbox.stored)} reported stored.`,
        'measured on the shared 2-CPU machine while other work ran: figures vary between runs; the load generator shares the CPUs with the server.',
      );
      return { rows, notes };
    } finally {
      if (!stopped) await server.stop().catch(() => undefined);
    }
  },
};

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { PlatformError } from '../../../src/errors.js';
import { errorFromResponse } from '../../../src/platforms/prestashop/prestashop-errors.js';
import { classifyPrestaShopError } from '../../../src/platforms/prestashop/index.js';
import { isoFromWallTime } from '../../../src/dates/iso-date.js';
import type { CatalogueReadInfo, NeutralOrder, PlatformPort } from '../../../src/platforms/platform-port.js';
import { recordedBody } from '../../helpers/real-recordings.js';
import { startSandbox, type Sandbox } from '../../../src/platforms/sandbox/index.js';
import { createStorePlatforms, type StorePlatforms } from '../../../src/platforms/store-platforms.js';
import type { StoreRow } from '../../../src/stores/store-repository.js';

let sandbox: Sandbox;
let platforms: StorePlatforms;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 10, seed: 3 });
  platforms = await createStorePlatforms(defaultConfig());
});
afterAll(async () => {
  await platforms.close();
  await sandbox.close();
});

function storeRow(patch: Partial<StoreRow> = {}): StoreRow {
  return {
    id_store: 1, id_platform: 1, platform_name: 'PrestaShop', name: 'Bottega IT', base_url: sandbox.url, api_key: sandbox.apiKey, api_key_env: null,
    format: 'xml', shop_id: null, shop_group_id: null, url_rewrite: 1, id_lang: null, send_email: null, is_active: 1, credentials_error: null,
    ...patch,
  } as StoreRow;
}

const ctx = { storeId: 1, storeName: 'Bottega IT', method: 'POST', path: '/api/order_histories', write: true, apiKey: 'K'.repeat(32) };

describe('the PrestaShop PlatformPort', () => {
  it('portForStore gives PrestaShop stores a port', async () => {
    const port = await platforms.portForStore(storeRow());
    expect(port.kind).toBe('prestashop');
    expect(port.capabilities).toEqual({ stateCatalogue: 'pulled', emailPerPush: true, webhooks: false, orderDates: 'shop-zone' });
  });

  it('describePush: the exact POST, the spec XML, sendemail=1 only when asked, never the key; no key needed', async () => {
    // A key read from an unset variable: the preview still works, as a dry run must.
    const port = await platforms.portForStore(storeRow({ api_key: null, api_key_env: 'ECOM_SYNC_UNSET_KEY_FOR_TEST' }), {});
    const order = { idOrigin: 32, reference: 'XKBKNABJK', tracking: null };
    const target = { code: '4', idPlatformState: 4, name: 'Spedito' };
    const silent = port.describePush(order, target, { sendEmail: false });
    expect(silent.requests).toEqual([{
      method: 'POST', url: `${sandbox.url}/api/order_histories`,
      body: '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n  <order_history>\n    <id_order>32</id_order>\n    <id_order_state>4</id_order_state>\n  </order_history>\n</prestashop>\n',
    }]);
    expect(silent.summary).toBe('POST /api/order_histories (order 32 → state 4 "Spedito")');
    expect(silent.customerEmail).toBe(false);
    const mailed = port.describePush(order, target, { sendEmail: true });
    expect(mailed.requests[0]!.url).toBe(`${sandbox.url}/api/order_histories?sendemail=1`);
    expect(JSON.stringify(mailed)).not.toContain(sandbox.apiKey);
  });

  it('describePush follows the store: no URL rewriting, multistore context', async () => {
    const port = await platforms.portForStore(storeRow({ url_rewrite: 0, shop_id: 2 }));
    const preview = port.describePush({ idOrigin: 5, reference: 'R', tracking: null }, { code: '3', idPlatformState: 3, name: 'In lavorazione' }, { sendEmail: true });
    expect(preview.requests[0]!.url).toBe(`${sandbox.url}/webservice/dispatcher.php?url=order_histories&sendemail=1&id_shop=2`);
  });

  describe('against the sandbox', () => {
    let port: PlatformPort;
    beforeAll(async () => {
      port = await platforms.portForStore(storeRow());
    });

    it('push, then readPushState says applied; another state reads as not applied', async () => {
      const order = [...sandbox.shop.orders.values()][0]!;
      const other = [...sandbox.shop.orderStates.values()].find((s) => !s.deleted && s.id !== order.current_state)!;
      const pushOrder = { idOrigin: order.id, reference: order.reference, tracking: null };
      const target = { code: String(other.id), idPlatformState: other.id, name: 'x' };
      expect(await port.readPushState(pushOrder, target)).toEqual({ kind: 'not-applied', currentCode: String(order.current_state) });
      expect(await port.push(pushOrder, target, { sendEmail: false })).toEqual({ evidence: 'answer', alreadyThere: false, warnings: [] });
      expect(await port.readPushState(pushOrder, target)).toEqual({ kind: 'applied' });
      expect(await port.readPushState({ ...pushOrder, idOrigin: 999_999 }, target)).toEqual({ kind: 'order-missing' });
    });

    it('readTargetStatus: active, deleted, missing', async () => {
      const states = [...sandbox.shop.orderStates.values()];
      const live = states.find((s) => !s.deleted)!;
      expect(await port.readTargetStatus({ code: String(live.id), idPlatformState: live.id, name: '' })).toBe('active');
      sandbox.shop.deleteState(live.id);
      expect(await port.readTargetStatus({ code: String(live.id), idPlatformState: live.id, name: '' })).toBe('deleted');
      expect(await port.readTargetStatus({ code: '9999', idPlatformState: 9999, name: '' })).toBe('missing');
    });

    it('pullStateCatalogue: codes are the state ids as text, platformId the id; the shop\'s default language is read once, then remembered', async () => {
      const info: CatalogueReadInfo = {};
      const catalogue = await port.pullStateCatalogue({ info });
      expect(catalogue.length).toBe(sandbox.shop.orderStates.size);
      for (const state of catalogue) expect(state.code).toBe(String(state.platformId));
      expect(info).toEqual({ requests: 2, languageId: 1 });
      const again: CatalogueReadInfo = {};
      await (await platforms.portForStore(storeRow())).pullStateCatalogue({ info: again });
      expect(again).toEqual({ requests: 1, languageId: 1 });
      const named: CatalogueReadInfo = {};
      await (await platforms.portForStore(storeRow({ id_store: 2, id_lang: 2 }))).pullStateCatalogue({ info: named });
      expect(named).toEqual({ requests: 1, languageId: 2 });
    });
  });

  describe('orders through the port', () => {
    let shop: Sandbox;
    beforeAll(async () => {
      shop = await startSandbox({ port: 0, orders: 25, seed: 8, now: '2026-03-01 12:00:00', frozenClock: true });
    });
    afterAll(async () => {
      await shop.close();
    });
    const row = (patch: Partial<StoreRow> = {}) => storeRow({ id_store: 7, base_url: shop.url, api_key: shop.apiKey, ...patch });

    async function walk(port: PlatformPort, since: NeutralOrder['updatedAt'] | null, onPage?: (n: number) => void) {
      const orders: NeutralOrder[] = [];
      let cursor: string | null = null;
      let pages = 0;
      let requests = 0;
      let first: { since?: string | null } | null = null;
      do {
        const page = await port.pullOrdersPage({ since: since === null ? null : { updatedAt: since, idOrigin: 0 }, cursor, limit: 10 });
        first ??= page;
        pages += 1;
        requests += page.requests;
        orders.push(...page.orders);
        cursor = page.nextCursor;
        onPage?.(pages);
      } while (cursor !== null);
      return { orders, pages, requests, since: first?.since };
    }

    it('keyset pages of neutral orders with the shop\'s offset, their customer, addresses and country ISO; an order touched between pages comes back at the end', async () => {
      const port = await platforms.portForStore(row());
      const mark = shop.requests.length;
      const result = await walk(port, null, (n) => {
        if (n !== 1) return;
        shop.shop.advanceClock(60_000);
        shop.shop.setOrderState(2, 6);
      });
      expect(new Set(result.orders.map((o) => o.idOrigin)).size).toBe(25);
      const two = result.orders.filter((o) => o.idOrigin === 2);
      expect(two.at(-1)).toMatchObject({ stateCode: '6', updatedAt: isoFromWallTime(shop.shop.orders.get(2)!.date_upd, 'Europe/Rome') });
      const source = shop.shop.orders.get(5)!;
      const five = result.orders.find((o) => o.idOrigin === 5)!;
      expect(five).toMatchObject({
        reference: source.reference, stateCode: String(source.current_state), createdAt: isoFromWallTime(source.date_add, 'Europe/Rome'),
        customer: { idOrigin: source.id_customer, email: shop.shop.customers.get(source.id_customer)!.email },
        deliveryAddress: { idOrigin: source.id_address_delivery, countryIso: expect.stringMatching(/^[A-Z]{2}$/) },
      });
      expect(five.lines.map((l) => l.idOrigin)).toEqual(source.rows.map((r) => r.id));
      // Keyset, never an offset; one customer and one address request per page; the zone read once.
      const served = shop.requests.slice(mark);
      const pages = served.filter((r) => r.path === '/api/orders').map((r) => decodeURIComponent(r.query));
      expect(pages.every((q) => q.includes('limit=0,10'))).toBe(true);
      expect(pages.slice(1).every((q) => q.includes('filter[date_upd]='))).toBe(true);
      expect(served.filter((r) => r.path === '/api/customers')).toHaveLength(served.filter((r) => r.path === '/api/addresses').length);
      expect(served.filter((r) => r.path === '/api/configurations')).toHaveLength(1);
      expect(result.requests).toBe(served.length);
    });

    it('a since with an offset filters in the shop\'s time and comes back with its offset; a wall time is the shop\'s', async () => {
      const port = await platforms.portForStore(row());
      const latest = [...shop.shop.orders.values()].map((o) => o.date_upd).sort().at(-1)!;
      const mark = shop.requests.length;
      const fromInstant = await walk(port, new Date(Date.parse(isoFromWallTime(latest, 'Europe/Rome')!)).toISOString(), undefined);
      expect(fromInstant.since).toBe(isoFromWallTime(latest, 'Europe/Rome'));
      expect(fromInstant.orders.length).toBeGreaterThanOrEqual(1);
      const query = decodeURIComponent(shop.requests.slice(mark).find((r) => r.path === '/api/orders')!.query);
      expect(query).toContain('filter[date_upd]=>[');
      const fromWall = await walk(port, latest, undefined);
      expect(fromWall.since).toBe(isoFromWallTime(latest, 'Europe/Rome'));
      expect(fromWall.orders.map((o) => o.idOrigin)).toEqual(fromInstant.orders.map((o) => o.idOrigin));
    });

    it('readOrder: the order as it is now, or null; a store --timezone wins over PS_TIMEZONE', async () => {
      const port = await platforms.portForStore(row({ settings: JSON.stringify({ timezone: 'America/New_York' }) }));
      const source = shop.shop.orders.get(3)!;
      const order = await port.readOrder(3);
      expect(order).toMatchObject({ idOrigin: 3, stateCode: String(source.current_state), updatedAt: isoFromWallTime(source.date_upd, 'America/New_York') });
      expect(order!.customer?.idOrigin).toBe(source.id_customer);
      expect(await port.readOrder(999_999)).toBeNull();
    });

    it('parses the orders page a real 8.2.1 shop answered', async () => {
      const port = await platforms.portForStore(row({ id_store: 8, settings: JSON.stringify({ timezone: 'Europe/Rome' }) }));
      shop.faults.answerNext(1, 200, recordedBody('04-orders-date_upd-filter'), { path: '/api/orders' });
      const page = await port.pullOrdersPage({ since: null, cursor: null, limit: 10 });
      expect(page.orders.map((o) => o.idOrigin)).toEqual([1, 2, 3, 4, 5]);
      expect(page.orders[0]).toMatchObject({ stateCode: '6', updatedAt: '2026-12-01T09:32:12+01:00', createdAt: '2026-12-01T09:32:12+01:00' });
      // Five orders, fewer than the page: the last page.
      expect(page.nextCursor).toBeNull();
    });
  });

  describe('classify', () => {
    it('a refused key is credentials; a missing permission or a 4xx is refused, quoting the message', () => {
      expect(classifyPrestaShopError(errorFromResponse(ctx, 401, '', {}))).toMatchObject({ kind: 'credentials' });
      expect(classifyPrestaShopError(errorFromResponse({ ...ctx, method: 'GET', path: '/api/customers', write: false }, 401, '<?xml version="1.0"?><prestashop><errors><error><code><![CDATA[26]]></code><message><![CDATA[Resource of type "customers" is not allowed with this authentication key]]></message></error></errors></prestashop>', {})))
        .toMatchObject({ kind: 'refused', message: expect.stringContaining('no permission to GET customers') });
      expect(classifyPrestaShopError(errorFromResponse(ctx, 400, '', {}))).toMatchObject({ kind: 'refused' });
    });

    it('a 500 of a write is outcome unknown; with code 46 it carries the e-mail warning', () => {
      expect(classifyPrestaShopError(errorFromResponse(ctx, 500, '', {}))).toEqual({ kind: 'outcome-unknown' });
      const code46 = '<?xml version="1.0"?><prestashop><errors><error><code><![CDATA[46]]></code><message><![CDATA[Unable to save resource]]></message></error></errors></prestashop>';
      expect(classifyPrestaShopError(errorFromResponse(ctx, 500, code46, {}))).toEqual({
        kind: 'outcome-unknown', emailWarning: 'the shop saved the state but answered HTTP 500 Internal Server Error (PrestaShop error 46): the customer e-mail was probably not sent',
      });
    });

    it('a PHP error in a 200 fails for good once a read shows it not applied; 429 with Retry-After is throttled', () => {
      const php = new PlatformError('PLATFORM_BAD_RESPONSE', 'php', { status: 200, outcomeUnknown: true, details: { phpError: 'Fatal error: Uncaught PrestaShopException' } });
      expect(classifyPrestaShopError(php)).toEqual({ kind: 'outcome-unknown', failIfNotApplied: 'the shop answered with a PHP error: Fatal error: Uncaught PrestaShopException' });
      expect(classifyPrestaShopError(errorFromResponse(ctx, 429, '', { 'retry-after': '7' }))).toEqual({ kind: 'throttled', retryAfterMs: 7000 });
      expect(classifyPrestaShopError(errorFromResponse(ctx, 503, '', {}))).toEqual({ kind: 'outcome-unknown' });
      expect(classifyPrestaShopError(errorFromResponse({ ...ctx, method: 'GET', write: false }, 503, '', {}))).toEqual({ kind: 'retryable' });
    });
  });
});

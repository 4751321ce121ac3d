import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/config/defaults.js';
import { PlatformError } from '../../../src/errors.js';
import { errorFromResponse } from '../../../src/platforms/prestashop/prestashop-errors.js';
import { classifyPrestaShopError } from '../../../src/platforms/prestashop/index.js';
import type { PlatformPort } from '../../../src/platforms/platform-port.js';
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
    expect(port.capabilities).toEqual({ stateCatalogue: 'pulled', emailPerPush: true, webhooks: false });
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

    it('pullStateCatalogue: codes are the state ids as text, platformId the id', async () => {
      const catalogue = await port.pullStateCatalogue();
      expect(catalogue.length).toBe(sandbox.shop.orderStates.size);
      for (const state of catalogue) expect(state.code).toBe(String(state.platformId));
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

import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/app.js';
import { DEFAULT_LANGUAGE_TTL_MS } from '../../../src/platforms/prestashop/shop-memory.js';
import { pullStates } from '../../../src/pull/states-pull.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

describe('states pull of a store that leaves the language to the shop', () => {
  let t: TestApp;
  afterEach(async () => t?.cleanup());

  it('asks the shop for its default language once a day, so the hourly pull is one request', async () => {
    let now = Date.UTC(2026, 10, 25, 7, 0, 0);
    t = await createTestApp({ overrides: { clock: { now: () => now, sleep: systemClock.sleep } } });
    const requests = () => t.sandbox!.requests.map((r) => r.path.replace(/^\/api\//, ''));

    await pullStates(t.app);
    expect(requests()).toEqual(['configurations', 'order_states']);

    t.sandbox!.requests.length = 0;
    now += 60 * 60 * 1000;
    const hourly = await pullStates(t.app);
    expect(requests()).toEqual(['order_states']);
    expect(hourly.stores[0]).toMatchObject({ ok: true, id_lang: 1 });

    t.sandbox!.requests.length = 0;
    t.sandbox!.shop.setConfiguration('PS_LANG_DEFAULT', '2');
    now += DEFAULT_LANGUAGE_TTL_MS;
    const nextDay = await pullStates(t.app);
    expect(requests()).toEqual(['configurations', 'order_states']);
    expect(nextDay.stores[0]).toMatchObject({ ok: true, id_lang: 2 });
  });
});

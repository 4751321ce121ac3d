import { afterAll, describe, expect, it } from 'vitest';
import { EcomSyncError, ValidationError } from '../../../src/errors.js';
import { createPlatform } from '../../../src/platforms/create-platform.js';
import { createHttpAgent } from '../../../src/platforms/http-agent.js';
import { PrestaShopPlatform } from '../../../src/platforms/prestashop/index.js';

const agent = createHttpAgent({ connectTimeoutMs: 1000, connections: 2 });
afterAll(() => agent.close());
const deps = { dispatcher: agent, totalTimeoutMs: 1000, readRetry: { attempts: 1, minTimeoutMs: 0, factor: 2, maxTimeoutMs: 0 } };
const store = { id_store: 2, name: 'Shop FR', platform_name: 'PrestaShop', base_url: 'https://shop.example', api_key: 'K'.repeat(32) };

describe('createPlatform', () => {
  it('builds the PrestaShop client whatever the case of the platform name', () => {
    const platform = createPlatform(store, deps);
    expect(platform).toBeInstanceOf(PrestaShopPlatform);
    expect(platform.platformName).toBe('prestashop');
  });

  it('refuses an unknown platform with UNKNOWN_PLATFORM naming the store', () => {
    let error: unknown;
    try {
      createPlatform({ ...store, platform_name: 'Shopify' }, deps);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EcomSyncError);
    expect(error).toMatchObject({ code: 'UNKNOWN_PLATFORM', exitCode: 2, httpStatus: 422 });
    expect((error as Error).message).toContain('Shop FR (#2)');
    expect((error as Error).message).toContain('Shopify');
  });

  it('refuses a base URL that is not a URL', () => {
    expect(() => createPlatform({ ...store, base_url: 'shop.example' }, deps)).toThrow(ValidationError);
  });
});

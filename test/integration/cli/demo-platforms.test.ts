import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

describe('demo --platform (in process)', () => {
  it('shopify: prints its steps as they happen and ends with exactly one fulfillmentCreate', async () => {
    const run = await runCli(['demo', '--platform', 'shopify'], { cwd: process.cwd() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^1\. Created a fresh database and started a Shopify sandbox/);
    expect(run.stdout).toContain('Pulled the order states (ecom-sync states pull)');
    expect(run.stdout).toContain('fulfilled');
    expect(run.stdout).toMatch(/exactly 1 mutation \(fulfillmentCreate\)/);
    expect(run.stdout).toContain('Done: the change reached the shop exactly once');
    // The sandbox's access token is shown masked only.
    expect(run.stdout).not.toContain('shpat_ecomsyncsandbox0000000000000001');
  });

  it('woocommerce: one PUT with the status, WooCommerce\'s own note and e-mail shown; the consumer secret never printed', async () => {
    const run = await runCli(['demo', '--platform', 'WooCommerce'], { cwd: process.cwd() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/PUT {2}\/wp-json\/wc\/v3\/orders\/\d+ {2}200 {2}\{"status":"completed"\} {3}← the push/);
    expect(run.stdout).toContain('--no-send-email cannot promise silence');
    expect(run.stdout).toMatch(/exactly 1 PUT, \d+ requests? in all/);
    expect(run.stdout).toContain('customer_completed_order');
    expect(run.stdout).not.toContain('cs_ecomsyncsandbox');
  });

  it('an unknown --platform exits 2 naming the choices, before anything starts', async () => {
    const run = await runCli(['demo', '--platform', 'magento'], { cwd: process.cwd() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--platform must be one of prestashop, shopify, woocommerce, got "magento"');
    expect(run.stderr).toMatch(/hint: .*demo --platform shopify/);
    expect(run.stdout).toBe('');
  });

  it('--help shows the platform option with examples', async () => {
    const run = await runCli(['demo', '--help'], { cwd: process.cwd() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--platform <platform>');
    expect(run.stdout).toContain('ecom-sync demo --platform shopify');
  });
});

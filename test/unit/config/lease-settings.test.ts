import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { ConfigError, ExitCode } from '../../../src/errors.js';

async function load(yaml: string) {
  const cwd = await mkdtemp(path.join(tmpdir(), 'ecom-sync-lease-'));
  await writeFile(path.join(cwd, 'ecom-sync.config.yaml'), yaml);
  return loadConfig({ env: {}, cwd });
}

async function problemsOf(yaml: string): Promise<string[]> {
  const error = await load(yaml).then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).exitCode).toBe(ExitCode.config);
  return (error as ConfigError).problems;
}

describe('sync lease and retry settings', () => {
  it('defaults: a 15 s lease renewed every 5 s, waits over 30 s not slept, a finite number of runs', async () => {
    const { config } = await load('log: { level: info }\n');
    expect(config.sync).toMatchObject({ lease_ms: 15_000, heartbeat_ms: 5_000, max_wait_ms: 30_000, max_runs: 20 });
  });

  it('the heartbeat follows a configured lease unless set', async () => {
    const { config } = await load('sync: { lease_ms: 1500 }\n');
    expect(config.sync.heartbeat_ms).toBe(500);
  });

  it('a heartbeat too slow for the lease is a config error (exit 3) naming both keys', async () => {
    const problems = await problemsOf('sync: { lease_ms: 10000, heartbeat_ms: 6000 }\n');
    expect(problems).toEqual([expect.stringMatching(/^sync\.heartbeat_ms: 6000 ms .*sync\.lease_ms 10000 ms/)]);
  });

  it('a backoff longer than sync.max_wait_ms is a config error', async () => {
    const problems = await problemsOf('sync: { backoff_max_ms: 60000, max_wait_ms: 30000 }\n');
    expect(problems).toEqual([expect.stringMatching(/^sync\.backoff_max_ms: 60000 ms is longer than sync\.max_wait_ms 30000 ms/)]);
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { ConfigError } from '../../../src/errors.js';

async function dirWith(yaml: string | null): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ecom-sync-config-'));
  if (yaml !== null) await writeFile(path.join(dir, 'ecom-sync.config.yaml'), yaml);
  return dir;
}

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems;
}

describe('loadConfig', () => {
  it('needs no file: every key has a default, the SQLite file sits in the working directory', async () => {
    const cwd = await dirWith(null);
    const { config, path: file } = await loadConfig({ env: {}, cwd });
    expect(file).toBeNull();
    expect(config.database.url).toBe(`sqlite:${path.join(cwd, 'ecom-sync.db')}`);
    expect(config.plugins.platform_state_sync.enabled).toBe(true);
    expect(config.sync).toMatchObject({ attempts: 3, backoff_ms: 1000, connect_timeout_ms: 10000, total_timeout_ms: 30000 });
    expect(config.daemon.states_interval_s).toBe(3600);
  });

  it('reports every problem at once, each with its key path, unknown keys included', async () => {
    const cwd = await dirWith(`
database:
  url: oracle://nope
plugins:
  platform_state_sync:
    enabled: "yes"
  stock_sync: {}
sync:
  attempts: 0
  concurency_per_store: 3
daemon:
  port: 70000
log:
  level: loud
`);
    const problems = await problemsOf(loadConfig({ env: {}, cwd }));
    expect(problems).toEqual([
      expect.stringMatching(/^database\.url: expected sqlite:PATH, postgres:\/\/… or mysql:\/\/…/),
      expect.stringMatching(/^plugins\.platform_state_sync\.enabled: expected true or false/),
      'plugins.stock_sync: unknown key',
      'sync.attempts: must be at least 1, got 0',
      'sync.concurency_per_store: unknown key',
      'daemon.port: must be at most 65535, got 70000',
      expect.stringMatching(/^log\.level: expected one of fatal, error/),
    ]);
  });

  it('resolves ${VAR} references and names the key of an unset one', async () => {
    const cwd = await dirWith('daemon:\n  token: ${ECOM_TEST_TOKEN}\ndatabase:\n  url: ${ECOM_TEST_DB}\n');
    const { config } = await loadConfig({ env: { ECOM_TEST_TOKEN: 's3cret', ECOM_TEST_DB: 'sqlite:/tmp/x.db' }, cwd });
    expect(config.daemon.token).toBe('s3cret');
    expect(config.database.url).toBe('sqlite:/tmp/x.db');
    const problems = await problemsOf(loadConfig({ env: { ECOM_TEST_DB: 'sqlite:/tmp/x.db' }, cwd }));
    expect(problems).toEqual(['daemon.token: environment variable ECOM_TEST_TOKEN is not set']);
  });

  it('percent-encodes a ${VAR} inside a URL, and takes a whole URL from one variable as it is', async () => {
    const cwd = await dirWith('database:\n  url: postgres://app:${ECOM_TEST_PASSWORD}@db.example:5432/shop\n');
    const { config } = await loadConfig({ env: { ECOM_TEST_PASSWORD: 'p@ss/w:rd' }, cwd });
    expect(config.database.url).toBe('postgres://app:p%40ss%2Fw%3Ard@db.example:5432/shop');
    expect(decodeURIComponent(new URL(config.database.url).password)).toBe('p@ss/w:rd');
    expect(new URL(config.database.url).hostname).toBe('db.example');
    const whole = await dirWith('database:\n  url: ${ECOM_TEST_DB}\n');
    expect((await loadConfig({ env: { ECOM_TEST_DB: 'postgres://u:p%40@h/db' }, cwd: whole })).config.database.url).toBe('postgres://u:p%40@h/db');
  });

  it('an alias cycle, an alias to nothing or an alias bomb is a configuration problem naming the key (exit 3)', async () => {
    const cycle = await loadConfig({ env: {}, cwd: await dirWith('orders:\n  page_size: 50\nsync:\n  extra: &a [*a]\n') }).then(() => null, (e: unknown) => e);
    expect(cycle).toMatchObject({ code: 'CONFIG_INVALID', exitCode: 3 });
    expect((cycle as ConfigError).problems).toEqual([expect.stringMatching(/: sync\.extra: alias \*a refers to a value that contains it \(a cycle\)$/)]);
    const top = await problemsOf(loadConfig({ env: {}, cwd: await dirWith('a: &a [*a]\n') }));
    expect(top).toEqual([expect.stringMatching(/: a: alias \*a .* \(a cycle\)$/)]);
    const dangling = await problemsOf(loadConfig({ env: {}, cwd: await dirWith('log:\n  level: *nope\n') }));
    expect(dangling).toEqual([expect.stringMatching(/: log\.level: alias \*nope refers to no anchor/)]);
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const name of ['b', 'c', 'd', 'e', 'f']) levels.push(`${name}: &${name} [${Array(9).fill(`*${levels.length === 1 ? 'a' : String.fromCharCode(name.charCodeAt(0) - 1)}`).join(', ')}]`);
    const bomb = await problemsOf(loadConfig({ env: {}, cwd: await dirWith(`sync:\n  bomb:\n${levels.map((l) => `    ${l}`).join('\n')}\n`) }));
    expect(bomb).toEqual([expect.stringMatching(/: sync\.bomb\.\w: its aliases expand to more than 100 copies/)]);
  });

  it('lets the environment override the file, and checks the override', async () => {
    const cwd = await dirWith('database:\n  url: sqlite:./file.db\n');
    const { config } = await loadConfig({ env: { ECOM_SYNC_DATABASE_URL: 'postgres://u@h/db', ECOM_SYNC_API_TOKEN: 'tok' }, cwd });
    expect(config.database.url).toBe('postgres://u@h/db');
    expect(config.daemon.token).toBe('tok');
    const problems = await problemsOf(loadConfig({ env: { ECOM_SYNC_DATABASE_URL: 'ftp://x' }, cwd }));
    expect(problems[0]).toMatch(/^database\.url: .*\(from the environment\)$/);
  });

  it('finds the file through --config, then ECOM_SYNC_CONFIG, and refuses a named file that is missing', async () => {
    const cwd = await dirWith(null);
    const other = await dirWith('orders:\n  page_size: 50\n');
    const named = path.join(other, 'ecom-sync.config.yaml');
    expect((await loadConfig({ env: { ECOM_SYNC_CONFIG: named }, cwd })).config.orders.page_size).toBe(50);
    expect((await loadConfig({ explicitPath: named, env: { ECOM_SYNC_CONFIG: '/nope.yaml' }, cwd })).path).toBe(named);
    await expect(loadConfig({ explicitPath: 'missing.yaml', env: {}, cwd })).rejects.toThrow(/does not exist/);
  });

  it('reports YAML syntax errors as configuration problems', async () => {
    const cwd = await dirWith('database:\n  url: [unclosed\n');
    const problems = await problemsOf(loadConfig({ env: {}, cwd }));
    expect(problems.length).toBeGreaterThan(0);
  });

  it('accepts the commented example file shipped with the project as it is', async () => {
    const example = path.resolve(import.meta.dirname, '../../../ecom-sync.config.yaml');
    const { config } = await loadConfig({ explicitPath: example, env: {}, cwd: await dirWith(null) });
    expect(config.sync.concurrency_per_store).toBe(4);
  });
});

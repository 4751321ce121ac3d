import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createCommandContext, type CommandContext } from '../../../src/cli/context.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

export interface CliFixture {
  t: TestApp;
  /** A directory whose ecom-sync.config.yaml points at the test app's database. */
  cwd: string;
  configPath: string;
  cleanup(): Promise<void>;
}

/** A test app (SQLite + sandbox store #1) and a config file for CLI runs against the same database. */
export async function createCliFixture(options: Parameters<typeof createTestApp>[0] = {}): Promise<CliFixture> {
  const t = await createTestApp(options);
  const cwd = await mkdtemp(path.join(tmpdir(), 'ecom-sync-cli-'));
  const configPath = path.join(cwd, 'ecom-sync.config.yaml');
  await writeFile(configPath, `database:\n  url: ${JSON.stringify(t.database.url)}\nlog:\n  level: warn\n`);
  return {
    t,
    cwd,
    configPath,
    async cleanup() {
      await t.cleanup();
      await rm(cwd, { recursive: true, force: true });
    },
  };
}

/** A command context as on a terminal (TTY streams), for the interactive paths. */
export function terminalContext(fixture: CliFixture): { ctx: CommandContext; stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
  const stderr = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  stdout.on('data', (chunk) => { out += chunk; });
  stderr.on('data', (chunk) => { err += chunk; });
  const ctx = createCommandContext({
    globals: { json: false, quiet: false, verbose: false, config: fixture.configPath },
    streams: { stdout, stderr, stdin },
    env: { NO_COLOR: '1' },
    cwd: fixture.cwd,
  });
  return { ctx, stdout: () => out, stderr: () => err };
}

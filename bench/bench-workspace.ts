import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir } from './bench-app.js';
import { timeSpawn } from './spawn-timing.js';

export interface Workspace {
  dir: string;
  /** Absolute path of the launcher, bin/ecom-sync.js. */
  bin: string;
  /** Environment for the spawned CLI: no ECOM_SYNC_* from the caller's shell. */
  env: NodeJS.ProcessEnv;
}

/** A temp folder with an `ecom-sync.config.yaml` pointing at a SQLite file there, migrated by the CLI itself. */
export async function createWorkspace(repoRoot: string): Promise<Workspace> {
  const dir = await makeTempDir();
  await writeFile(path.join(dir, 'ecom-sync.config.yaml'), 'database:\n  url: sqlite:./bench.db\n');
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('ECOM_SYNC_')));
  const workspace = { dir, bin: path.join(repoRoot, 'bin', 'ecom-sync.js'), env };
  const migrated = await timeSpawn(process.execPath, [workspace.bin, 'db', 'migrate'], { cwd: dir, env });
  if (migrated.exitCode !== 0) throw new Error(`ecom-sync db migrate exited ${migrated.exitCode}: ${migrated.stderr.trim().split('\n')[0] ?? ''}`);
  return workspace;
}

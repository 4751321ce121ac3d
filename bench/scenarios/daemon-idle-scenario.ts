import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import type { Scenario, ScenarioOutcome } from '../bench-types.js';
import { createWorkspace, type Workspace } from '../bench-workspace.js';
import { unavailableRow } from '../scenario-helpers.js';
import { formatNumber, median, samples } from '../stats.js';

const TARGET_MB = 120;
const READY_PATTERN = /daemon listening on/;

/** VmRSS of a live process, MB (Linux). */
export async function readRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the daemon did not report ready within ${timeoutMs} ms: ${output.slice(-300)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (READY_PATTERN.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the daemon exited (${code}) before it was ready: ${output.trim().split('\n').slice(-2).join(' ')}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function idleRss(workspace: Workspace, idleMs: number): Promise<number> {
  const child = spawn(process.execPath, [workspace.bin, 'daemon', '--port', '0', '--insecure-no-auth'], {
    cwd: workspace.dir,
    env: workspace.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await waitForReady(child, 30_000);
    // Drain its output so a full pipe never blocks it.
    child.stdout?.resume();
    child.stderr?.resume();
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    return await readRssMb(child.pid as number);
  } finally {
    await stop(child);
  }
}

/** Resident memory of `ecom-sync daemon` after it has started and idled a few seconds. */
export const daemonIdleScenario: Scenario = {
  name: 'daemon-idle',
  async run(options): Promise<ScenarioOutcome> {
    const label = 'daemon idle: RSS';
    const target = `≤ ${TARGET_MB} MB`;
    const idleMs = options.smoke ? 1000 : 5000;
    let workspace: Workspace | null = null;
    try {
      workspace = await createWorkspace(options.repoRoot);
      const values: number[] = [];
      for (let run = 0; run < options.runs; run++) values.push(await idleRss(workspace, idleMs));
      const rss = median(values);
      return {
        rows: [{ scenario: label, figure: `${formatNumber(rss)} MB`, reference: '—', ratio: '—', target, met: rss <= TARGET_MB }],
        notes: [`VmRSS after ${idleMs / 1000} s idle (no store configured, SQLite): ${samples(values, 1)} MB.`],
      };
    } catch (error) {
      return { rows: [unavailableRow(label, target, error)], notes: [] };
    } finally {
      if (workspace) await rm(workspace.dir, { recursive: true, force: true });
    }
  },
};

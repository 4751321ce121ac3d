import { spawn } from 'node:child_process';

export interface SpawnOutcome {
  exitCode: number | null;
  ms: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end and measures its wall time (spawn to exit), as an operator's shell sees it. */
export function timeSpawn(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<SpawnOutcome> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, ms: performance.now() - started, stdout, stderr }));
  });
}

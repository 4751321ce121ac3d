import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage } from './child-protocol.js';

export interface ChildResult<T> {
  value: T;
  /** Peak resident set size of the child, in MB (process.resourceUsage().maxRSS). */
  peakRssMb: number;
}

export interface ChildRunOptions {
  /** Adds `--cpu-prof` so a missed target can be looked into with a profile. */
  cpuProfDir?: string | null;
  timeoutMs?: number;
}

/** The child's error, with its code kept (a missing module is reported as such, not as a failure). */
function childError(task: string, message: Extract<ChildMessage, { type: 'error' }>): Error {
  return Object.assign(new Error(`bench task ${task}: ${message.message}`), { stack: message.stack, code: message.code });
}

const childPath = () => fileURLToPath(new URL('./child.js', import.meta.url));

function execArgv(options: ChildRunOptions): string[] {
  return options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : [];
}

/** Closes the channel (the child's cue to end), then resolves when the child is gone; kills it if it lingers (a stray handle must not hang the run). */
function reap(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.connected) child.disconnect();
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Runs one task in a fresh Node process, so that each measurement starts from a cold heap and its
 * peak RSS is its own.
 */
export function runInChild<T>(task: string, args: Record<string, unknown>, options: ChildRunOptions = {}): Promise<ChildResult<T>> {
  return new Promise((resolve, reject) => {
    const child = fork(childPath(), [task, JSON.stringify(args)], { execArgv: execArgv(options), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(new Error(`bench task ${task} timed out after ${options.timeoutMs} ms`));
    }, options.timeoutMs ?? 600_000);
    const finish = (error: Error | null, result?: ChildResult<T>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void reap(child).then(() => (error ? reject(error) : resolve(result as ChildResult<T>)));
    };
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'result') finish(null, { value: message.value as T, peakRssMb: message.maxRssKb / 1024 });
      else if (message.type === 'error') finish(childError(task, message));
    });
    child.on('exit', (code, signal) => finish(new Error(`bench task ${task} exited (${signal ?? code}) without a result`)));
  });
}

export interface ServingChild<I> {
  info: I;
  pid: number;
  /** Asks the task to stop and returns its result. */
  stop<T>(): Promise<ChildResult<T>>;
}

/** Starts a serving task (an HTTP server) in its own process; resolves once it reports ready. */
export function startChild<I>(task: string, args: Record<string, unknown>, options: ChildRunOptions = {}): Promise<ServingChild<I>> {
  return new Promise((resolve, reject) => {
    const child = fork(childPath(), [task, JSON.stringify(args)], { execArgv: execArgv(options), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let resultWaiter: ((message: ChildMessage) => void) | null = null;
    let ready = false;
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready' && !ready) {
        ready = true;
        resolve({
          info: message.info as I,
          pid: child.pid as number,
          stop<T>() {
            return new Promise<ChildResult<T>>((resolveStop, rejectStop) => {
              resultWaiter = (reply) => {
                resultWaiter = () => {}; // the first answer counts: the exit that follows a result is expected
                void reap(child).then(() => {
                  if (reply.type === 'result') resolveStop({ value: reply.value as T, peakRssMb: reply.maxRssKb / 1024 });
                  else rejectStop(reply.type === 'error' ? childError(task, reply) : new Error(`bench task ${task}: no result`));
                });
              };
              child.send({ type: 'stop' });
            });
          },
        });
      } else if (message.type === 'result' || message.type === 'error') {
        if (resultWaiter) resultWaiter(message);
        else if (!ready) reject(message.type === 'error' ? childError(task, message) : new Error(`bench task ${task} ended before it was ready`));
      }
    });
    child.on('exit', (code, signal) => {
      if (!ready) reject(new Error(`bench task ${task} exited (${signal ?? code}) before it was ready`));
      else if (resultWaiter) resultWaiter({ type: 'error', message: `exited (${signal ?? code})` });
    });
  });
}

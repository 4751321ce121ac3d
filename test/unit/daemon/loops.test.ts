import { describe, expect, it } from 'vitest';
import { createDaemonStatus } from '../../../src/daemon/daemon-status.js';
import { quietSleep, runPeriodicLoop, runWorkerLoop } from '../../../src/daemon/loops.js';
import { createLogger } from '../../../src/logging/create-logger.js';
import { Writable } from 'node:stream';
import { createFakeClock, settle } from './fake-clock.js';

const HOUR = 3_600_000;
const silent = createLogger({ level: 'silent', format: 'json', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

describe('runPeriodicLoop with fake time', () => {
  it('runs at start, then once an hour', async () => {
    const clock = createFakeClock();
    const controller = new AbortController();
    const starts: number[] = [];
    const status = createDaemonStatus(clock.now());
    const loop = runPeriodicLoop({
      name: 'states_pull', intervalMs: HOUR, followerPollMs: 20_000, mayRun: () => true,
      run: async () => { starts.push(clock.now()); }, logger: silent, status,
      now: clock.now, sleep: quietSleep(clock.sleep), signal: controller.signal,
    });
    await settle();
    const t0 = clock.now();
    expect(starts).toEqual([t0]);
    await clock.advance(HOUR - 1);
    expect(starts).toHaveLength(1);
    await clock.advance(1);
    expect(starts).toEqual([t0, t0 + HOUR]);
    await clock.advance(3 * HOUR);
    expect(starts).toEqual([t0, t0 + HOUR, t0 + 2 * HOUR, t0 + 3 * HOUR, t0 + 4 * HOUR]);
    expect(status.loops.states_pull).toMatchObject({ runs: 5, failures: 0, active: true });
    controller.abort();
    await loop;
  });

  it('never overlaps itself: a slow run delays the next one, a failing run does not stop the loop', async () => {
    const clock = createFakeClock();
    const controller = new AbortController();
    let running = 0;
    let maxRunning = 0;
    let calls = 0;
    const status = createDaemonStatus(clock.now());
    const loop = runPeriodicLoop({
      name: 'orders_pull', intervalMs: 60_000, followerPollMs: 10_000, mayRun: () => true, logger: silent, status,
      now: clock.now, sleep: quietSleep(clock.sleep), signal: controller.signal,
      run: async () => {
        calls += 1;
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await clock.sleep(150_000); // longer than the interval
        running -= 1;
        if (calls === 2) throw new Error('platform unreachable');
      },
    });
    await clock.advance(600_000);
    expect(maxRunning).toBe(1);
    expect(calls).toBe(5); // at 0, 150 s, 300 s, 450 s, 600 s
    expect(status.loops.orders_pull).toMatchObject({ failures: 1 });
    controller.abort();
    await clock.advance(150_000);
    await loop;
  });

  it('a follower does not run; it runs as soon as it becomes leader', async () => {
    const clock = createFakeClock();
    const controller = new AbortController();
    let leader = false;
    const starts: number[] = [];
    const loop = runPeriodicLoop({
      name: 'states_pull', intervalMs: HOUR, followerPollMs: 20_000, mayRun: () => leader, logger: silent, status: createDaemonStatus(0),
      run: async () => { starts.push(clock.now()); }, now: clock.now, sleep: quietSleep(clock.sleep), signal: controller.signal,
    });
    await clock.advance(HOUR * 2);
    expect(starts).toEqual([]);
    leader = true;
    await clock.advance(20_000);
    expect(starts).toHaveLength(1);
    controller.abort();
    await loop;
  });
});

describe('runWorkerLoop with fake time', () => {
  it('keeps delivering while there is work, sleeps poll_ms when idle, stops at the signal', async () => {
    const clock = createFakeClock();
    const controller = new AbortController();
    const queue = [3, 2, 0, 0, 1, 0];
    const calls: number[] = [];
    const worker = runWorkerLoop({
      pollMs: 1000, logger: silent, status: createDaemonStatus(0), now: clock.now, sleep: quietSleep(clock.sleep),
      signal: controller.signal, deliverySignal: new AbortController().signal,
      deliver: async () => { calls.push(clock.now()); return queue.shift() ?? 0; },
    });
    await settle();
    const t0 = clock.now();
    expect(calls).toEqual([t0, t0, t0]); // 3, 2, then 0: now it sleeps
    await clock.advance(1000);
    expect(calls).toEqual([t0, t0, t0, t0 + 1000]);
    await clock.advance(1000);
    expect(calls).toEqual([t0, t0, t0, t0 + 1000, t0 + 2000, t0 + 2000]);
    controller.abort();
    await worker;
    await clock.advance(10_000);
    expect(calls).toHaveLength(6);
  });
});

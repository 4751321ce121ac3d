import { getEventListeners } from 'node:events';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/app.js';
import { createDaemonStatus } from '../../../src/daemon/daemon-status.js';
import { quietSleep, runWorkerLoop } from '../../../src/daemon/loops.js';
import { createLogger } from '../../../src/logging/create-logger.js';
import { createFakeClock } from './fake-clock.js';

const POLLS = 10_000;
/** Real 0 ms timers (about 1 ms each): enough to tell bounded from one listener per sleep. */
const REAL_SLEEPS = 1000;
const silent = createLogger({ level: 'silent', format: 'json', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

describe('sleeping on the daemon signal leaves no listener behind', () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => { warnings.push(warning); };
  beforeEach(() => { warnings.length = 0; process.on('warning', onWarning); });
  afterEach(() => { process.off('warning', onWarning); });

  it(`the system clock: ${REAL_SLEEPS} finished sleeps on one signal, no abort listener left, no MaxListenersExceededWarning`, async () => {
    const controller = new AbortController();
    for (let i = 0; i < REAL_SLEEPS; i += 1) await systemClock.sleep(0, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    // An abort still ends a sleep in progress, and its listener goes with it.
    const sleeping = systemClock.sleep(60_000, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it(`the sync worker: ${POLLS} idle polls with the fake clock keep the abort listeners bounded`, async () => {
    const clock = createFakeClock();
    const controller = new AbortController();
    const status = createDaemonStatus(clock.now());
    let polls = 0;
    let most = 0;
    const loop = runWorkerLoop({
      now: clock.now, sleep: quietSleep(clock.sleep), signal: controller.signal, deliverySignal: controller.signal,
      pollMs: 1000, logger: silent, status,
      deliver: async () => {
        polls += 1;
        most = Math.max(most, getEventListeners(controller.signal, 'abort').length);
        return 0;
      },
    });
    await clock.advance(POLLS * 1000);
    expect(polls).toBeGreaterThanOrEqual(POLLS);
    expect(most).toBeLessThanOrEqual(1);
    expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(1);
    controller.abort();
    await loop;
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  }, 60_000);
});

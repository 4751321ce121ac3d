import type { InboxDeps, InboxSummary } from './process-inbound-events.js';
import { processInboundEvents } from './process-inbound-events.js';

export interface InboxWorker {
  /** A delivery was stored: work the inbox now instead of at the next poll. */
  wake(): void;
  /** Resolves once the worker stopped (after the signal aborted). */
  stopped: Promise<void>;
}

export interface InboxWorkerOptions {
  pollMs: number;
  signal: AbortSignal;
  onSummary?(summary: InboxSummary): void;
}

/**
 * The daemon's inbox loop: processes what is waiting, then sleeps until the next poll or a wake,
 * whichever comes first. Events left by a stopped or crashed daemon are simply still pending (or
 * their lease runs out), so a restart picks them up.
 */
export function startInboxWorker(deps: InboxDeps, options: InboxWorkerOptions): InboxWorker {
  let wakeUp: (() => void) | null = null;
  let woken = false;
  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  const waitForWork = () => new Promise<void>((resolve) => {
    if (woken || options.signal.aborted) return resolve();
    const timer = setTimeout(done, options.pollMs);
    function done() {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', done);
      wakeUp = null;
      resolve();
    }
    wakeUp = done;
    options.signal.addEventListener('abort', done, { once: true });
  });
  const stopped = (async () => {
    while (!options.signal.aborted) {
      woken = false;
      try {
        const summary = await processInboundEvents(deps, { signal: options.signal });
        if (summary.processed > 0) options.onSummary?.(summary);
      } catch (error) {
        if (options.signal.aborted) break;
        deps.logger.error({ err: error }, 'webhook inbox: processing failed; trying again at the next poll');
      }
      await waitForWork();
    }
  })();
  return { wake, stopped };
}

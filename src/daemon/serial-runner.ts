/**
 * Runs tasks one at a time in arrival order: the hourly states loop and the manual sync endpoint
 * share one, so two states pulls of this process never overlap.
 */
export interface SerialRunner {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks queued or running. */
  readonly pending: number;
  /** Resolves once nothing is queued or running (tests, shutdown). */
  idle(): Promise<void>;
}

export function createSerialRunner(): SerialRunner {
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  return {
    run(task) {
      pending += 1;
      const result = tail.then(task, task);
      tail = result.then(() => undefined, () => undefined).finally(() => { pending -= 1; });
      return result;
    },
    get pending() {
      return pending;
    },
    async idle() {
      while (pending > 0) await tail;
    },
  };
}

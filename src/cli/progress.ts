import type { Writable } from 'node:stream';

export interface Progress {
  /** Advance by `count` items. */
  tick(count?: number): void;
  setTotal(total: number): void;
  done(): void;
}

const silent: Progress = { tick() {}, setTotal() {}, done() {} };

/**
 * A one-line progress bar on stderr, redrawn at most ten times a second. Only on a terminal and
 * never with --json or --quiet, so cron logs and pipes stay clean.
 */
export function createProgress(stream: Writable & { isTTY?: boolean; columns?: number }, label: string, total: number, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY) return silent;
  let current = 0;
  let lastDraw = 0;
  const started = Date.now();
  const draw = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const width = 30;
    const ratio = total > 0 ? Math.min(current / total, 1) : 0;
    const filled = Math.round(ratio * width);
    const rate = current / Math.max((now - started) / 1000, 0.001);
    const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${current}/${total || '?'} ${Math.round(rate)}/s`;
    stream.write(`\r${line.slice(0, (stream.columns ?? 100) - 1)}\x1b[K`);
  };
  return {
    tick(count = 1) {
      current += count;
      draw(false);
    },
    setTotal(value) {
      total = value;
      draw(true);
    },
    done() {
      draw(true);
      stream.write('\n');
    },
  };
}

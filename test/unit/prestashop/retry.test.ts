import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/errors.js';
import { backoffDelays, retryPlatformCall, SPEC_RETRY_POLICY, type RetryPolicy } from '../../../src/platforms/retry.js';

const policy: RetryPolicy = { attempts: 3, minTimeoutMs: 1000, factor: 2, maxTimeoutMs: 4000 };

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const serverError = () => new PlatformError('PLATFORM_SERVER_ERROR', 'HTTP 500', { status: 500, retryable: true });

describe('backoffDelays', () => {
  it('3 attempts from 1 s, factor 2: waits of 1 s and 2 s', () => {
    expect(backoffDelays(policy)).toEqual([1000, 2000]);
    expect(backoffDelays(SPEC_RETRY_POLICY)).toEqual([1000, 2000]);
  });

  it('4 attempts give the spec\'s 1 s, 2 s, 4 s', () => {
    expect(backoffDelays({ ...policy, attempts: 4 })).toEqual([1000, 2000, 4000]);
  });

  it('caps each wait at maxTimeoutMs and gives none for one attempt', () => {
    expect(backoffDelays({ attempts: 6, minTimeoutMs: 500, factor: 3, maxTimeoutMs: 5000 })).toEqual([500, 1500, 4500, 5000, 5000]);
    expect(backoffDelays({ ...policy, attempts: 1 })).toEqual([]);
  });
});

describe('retryPlatformCall', () => {
  it('repeats retryable platform errors with the backoff waits and returns the success', async () => {
    const { waits, sleep } = recorder();
    const seen: number[] = [];
    const retries: Array<[number, number]> = [];
    const result = await retryPlatformCall(
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 3) throw serverError();
        return 'ok';
      },
      policy,
      { sleep, onRetry: (_error, attempt, delayMs) => retries.push([attempt, delayMs]) },
    );
    expect(result).toBe('ok');
    expect(seen).toEqual([1, 2, 3]);
    expect(waits).toEqual([1000, 2000]);
    expect(retries).toEqual([[1, 1000], [2, 2000]]);
  });

  it('throws the last error after all attempts', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const failure = retryPlatformCall(
      async () => {
        calls += 1;
        throw new PlatformError('PLATFORM_SERVER_ERROR', `failure ${calls}`, { retryable: true });
      },
      policy,
      { sleep },
    );
    await expect(failure).rejects.toThrow('failure 3');
    expect(calls).toBe(3);
    expect(waits).toEqual([1000, 2000]);
  });

  it('never repeats a non-retryable platform error (4xx) or a bug', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    await expect(
      retryPlatformCall(
        async () => {
          calls += 1;
          throw new PlatformError('PLATFORM_REJECTED', 'HTTP 400', { status: 400 });
        },
        policy,
        { sleep },
      ),
    ).rejects.toMatchObject({ code: 'PLATFORM_REJECTED' });
    await expect(
      retryPlatformCall(
        async () => {
          calls += 1;
          throw new Error('bug');
        },
        policy,
        { sleep },
      ),
    ).rejects.toThrow('bug');
    expect(calls).toBe(2);
    expect(waits).toEqual([]);
  });

  it('waits for Retry-After when it is longer than the backoff, the backoff otherwise', async () => {
    const { waits, sleep } = recorder();
    const errors = [
      new PlatformError('PLATFORM_RATE_LIMITED', 'HTTP 429', { retryable: true, retryAfterMs: 5000 }),
      new PlatformError('PLATFORM_RATE_LIMITED', 'HTTP 429', { retryable: true, retryAfterMs: 10 }),
    ];
    const result = await retryPlatformCall(
      async (attempt) => {
        const error = errors[attempt - 1];
        if (error !== undefined) throw error;
        return attempt;
      },
      policy,
      { sleep },
    );
    expect(result).toBe(3);
    expect(waits).toEqual([5000, 2000]);
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const failure = retryPlatformCall(
      async () => {
        throw serverError();
      },
      { ...policy, minTimeoutMs: 60_000, maxTimeoutMs: 60_000 },
      { signal: controller.signal },
    );
    controller.abort(new Error('shutting down'));
    await expect(failure).rejects.toThrow('shutting down');
  });
});

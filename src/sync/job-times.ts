import { isoFromEpochMs } from '../dates/iso-date.js';

/** The epoch-millisecond columns of sync_jobs. */
const JOB_TIMES = ['next_attempt_at', 'lease_until', 'not_before', 'created_at', 'updated_at', 'done_at'] as const;
type JobTime = (typeof JOB_TIMES)[number];

export type WithIsoTimes<T> = { [K in keyof T]: K extends JobTime ? (null extends T[K] ? string | null : string) : T[K] };

/** A job for output (CLI `--json`, REST): its times as ISO 8601 with an offset instead of epoch milliseconds. */
export function jobWithIsoTimes<T extends Partial<Record<JobTime, number | null>>>(job: T): WithIsoTimes<T> {
  const out: Record<string, unknown> = { ...job };
  for (const key of JOB_TIMES) {
    const value = job[key];
    if (value !== undefined) out[key] = value === null ? null : isoFromEpochMs(Number(value));
  }
  return out as WithIsoTimes<T>;
}

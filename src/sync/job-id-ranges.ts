import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../db/database-types.js';

/** Ranges of job ids, bounds included: [[first, last], …]. */
export type JobRangeList = ReadonlyArray<readonly [number, number]>;

/**
 * `id_sync_job` in one of the ranges: a BETWEEN per range instead of an IN list of every id
 * (binding and searching 500 parameters in every claim cost more than the claim itself).
 */
export function inJobRanges(ranges: JobRangeList) {
  return (eb: ExpressionBuilder<Database, 'sync_jobs'>) => ranges.length === 0
    ? eb('sync_jobs.id_sync_job', '=', -1)
    : eb.or(ranges.map(([first, last]) => first === last ? eb('sync_jobs.id_sync_job', '=', first) : eb.between('sync_jobs.id_sync_job', first, last)));
}

/**
 * A set of sync job ids kept as ranges of consecutive ids. The jobs of one bulk change are
 * inserted batch after batch, so their ids are mostly consecutive: 100,000 jobs usually take a few
 * ranges instead of an array of 100,000 numbers. Ids must be added in increasing order.
 */
export class JobIdRanges {
  /** Flat [first, last, first, last, …]. */
  private readonly bounds: number[] = [];
  private total = 0;

  get size(): number {
    return this.total;
  }

  add(id: number): void {
    const n = this.bounds.length;
    if (n > 0) {
      const last = this.bounds[n - 1]!;
      if (id <= last) throw new RangeError(`job ids must be added in increasing order (${id} after ${last})`);
      if (id === last + 1) {
        this.bounds[n - 1] = id;
        this.total += 1;
        return;
      }
    }
    this.bounds.push(id, id);
    this.total += 1;
  }

  /**
   * The ranges in increasing order, in parts of at most `maxIds` ids and `maxRanges` ranges
   * (bounded statements, bounded outcomes per part).
   */
  *rangeParts(maxIds: number, maxRanges = 50): Generator<Array<[number, number]>> {
    let part: Array<[number, number]> = [];
    let ids = 0;
    for (let i = 0; i < this.bounds.length; i += 2) {
      let first = this.bounds[i]!;
      const last = this.bounds[i + 1]!;
      while (first <= last) {
        const end = Math.min(last, first + (maxIds - ids) - 1);
        part.push([first, end]);
        ids += end - first + 1;
        first = end + 1;
        if (ids === maxIds || part.length === maxRanges) {
          yield part;
          part = [];
          ids = 0;
        }
      }
    }
    if (part.length > 0) yield part;
  }

  /** The ids in increasing order, `size` at a time (bounded IN lists). */
  *parts(size: number): Generator<number[]> {
    let part: number[] = [];
    for (let i = 0; i < this.bounds.length; i += 2) {
      for (let id = this.bounds[i]!; id <= this.bounds[i + 1]!; id += 1) {
        part.push(id);
        if (part.length === size) {
          yield part;
          part = [];
        }
      }
    }
    if (part.length > 0) yield part;
  }
}

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

import { Chalk, type ChalkInstance } from 'chalk';

/** A chalk bound to one stream's colour decision; no global colour state. */
export function createStyle(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

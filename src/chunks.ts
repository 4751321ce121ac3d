/** Splits a list into consecutive parts of at most `size` items (bounded IN lists, batched inserts). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}

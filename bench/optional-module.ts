/**
 * Imports a module of the product by its path relative to this folder (bench/ and dist/bench/ sit
 * at the same depth as src/ and dist/src/). The specifier is not a literal, so the benchmarks build
 * even while a module they measure is still being written; a missing module becomes a "not
 * available" row instead of a broken build.
 */
export async function importProductModule<T>(relativePath: string): Promise<T> {
  const url = new URL(`../${relativePath}`, import.meta.url).href;
  return (await import(url)) as T;
}

export function isModuleMissing(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'ERR_MODULE_NOT_FOUND';
}

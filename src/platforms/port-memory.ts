/**
 * What a platform port may remember between runs (a shop's default language, its time zone), shared
 * by every process of the installation: the composition root keeps it in `app_settings`. Values are
 * the port's own text; names start with `store.<id>.` so that two stores never share one.
 */
export interface PortMemory {
  read(name: string): Promise<string | null>;
  write(name: string, value: string): Promise<void>;
}

/** A memory of this process only (tests and tools that build the registry without a database). */
export function processMemory(): PortMemory {
  const values = new Map<string, string>();
  return {
    read: async (name) => values.get(name) ?? null,
    write: async (name, value) => {
      values.set(name, value);
    },
  };
}

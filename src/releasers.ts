/** A resource's clean-up, registered when the resource is acquired. */
export type Releaser = () => Promise<void> | void;

export interface Releasers {
  add(release: Releaser): void;
  /**
   * Runs every releaser once, last added first, each in its own try: one failing releaser does not
   * keep the ones before it (the database) open. The first error is re-thrown after all ran. A
   * second call waits for the first and runs nothing again.
   */
  releaseAll(): Promise<void>;
}

// As graphile-worker's withReleasers: the list is copied and emptied, never reversed in place.
export function createReleasers(): Releasers {
  const pending: Releaser[] = [];
  let released: Promise<void> | undefined;
  return {
    add(release) {
      pending.push(release);
    },
    releaseAll() {
      released ??= (async () => {
        const toRun = pending.splice(0).reverse();
        let firstError: { error: unknown } | undefined;
        for (const release of toRun) {
          try {
            await release();
          } catch (error) {
            firstError ??= { error };
          }
        }
        if (firstError) throw firstError.error;
      })();
      return released;
    },
  };
}

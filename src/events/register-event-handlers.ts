import type { App } from '../app.js';

/** Registers the handlers enabled under `plugins.<name>.enabled`. */
export function registerEventHandlers(_app: App): void {
  // Handlers are added here by the sync and stock plugins.
}

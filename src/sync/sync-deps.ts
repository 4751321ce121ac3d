import type { App } from '../app-types.js';

/**
 * What the sync layer uses of the application: the database, the clock, the logger, the
 * configuration, the platform registry and the process's name in leases. A full App satisfies it
 * (callers pass theirs); tests and other layers may pass less than an App.
 */
export type SyncDeps = Pick<App, 'db' | 'clock' | 'logger' | 'config' | 'platforms' | 'processId'>;

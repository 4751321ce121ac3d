import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { redactUrl } from '../../db/connect-database.js';

export async function dbMigrate(ctx: CommandContext): Promise<CommandResult> {
  const app = await ctx.openApp({ skipMigrations: true });
  const { migrateToLatest } = await import('../../db/migrate-database.js');
  const report = await migrateToLatest(app.db);
  return {
    json: { database: redactUrl(app.config.database.url), dialect: app.dialect, ...report },
    text: report.applied.length === 0
      ? `Database ${redactUrl(app.config.database.url)} is up to date (${report.current.length} migrations).`
      : `Applied ${report.applied.length} migration(s) to ${redactUrl(app.config.database.url)}: ${report.applied.join(', ')}`,
  };
}

export async function dbStatus(ctx: CommandContext): Promise<CommandResult> {
  const app = await ctx.openApp({ skipMigrations: true });
  const { pendingMigrations } = await import('../../db/migrate-database.js');
  const { migrations } = await import('../../../migrations/index.js');
  const pending = await pendingMigrations(app.db);
  const applied = Object.keys(migrations).filter((name) => !pending.includes(name));
  return {
    json: { database: redactUrl(app.config.database.url), dialect: app.dialect, applied, pending },
    text: `Database: ${redactUrl(app.config.database.url)} (${app.dialect})\nApplied: ${applied.join(', ') || 'none'}\nPending: ${pending.join(', ') || 'none'}`,
  };
}

import { stringify } from 'yaml';
import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { redactUrl } from '../../db/connect-database.js';

export async function configShow(ctx: CommandContext): Promise<CommandResult> {
  const { config, path } = await ctx.loadConfig();
  const shown = structuredClone(config);
  shown.database.url = redactUrl(shown.database.url);
  if (shown.daemon.token) shown.daemon.token = '[set]';
  return {
    json: { source: path, config: shown },
    text: `# ${path ? `from ${path}` : 'no configuration file: defaults'} (with environment overrides)\n${stringify(shown)}`,
  };
}

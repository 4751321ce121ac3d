import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from '../errors.js';
import type { Config } from './config-types.js';
import { defaultConfig } from './defaults.js';
import { validateConfig } from './validate-config.js';
import { yamlToData } from './yaml-aliases.js';

export const CONFIG_FILE_NAME = 'ecom-sync.config.yaml';

export interface LoadConfigOptions {
  /** `--config`; wins over ECOM_SYNC_CONFIG and the working directory. */
  explicitPath?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface LoadedConfig {
  config: Config;
  /** The file read, or null when the defaults were used. */
  path: string | null;
}

/** Environment variables that override a key, whatever the file says. */
const ENV_OVERRIDES: ReadonlyArray<[string, (config: Config, value: string) => void]> = [
  ['ECOM_SYNC_DATABASE_URL', (config, value) => { config.database.url = value; }],
  ['ECOM_SYNC_API_TOKEN', (config, value) => { config.daemon.token = value; }],
  ['ECOM_SYNC_LOG_LEVEL', (config, value) => { config.log.level = value as Config['log']['level']; }],
];

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Replaces `${NAME}` in every string value; a reference to an unset variable is a problem, not an
 * empty string. A reference inside a URL (after its `scheme://`) is percent-encoded, so that a
 * password such as `p@ss/w:rd` stays one part of the URL; a whole URL from one variable is taken as it is.
 */
function interpolate(value: unknown, keyPath: string, env: NodeJS.ProcessEnv, problems: string[]): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string, offset: number) => {
      const resolved = env[name];
      if (resolved === undefined || resolved === '') {
        problems.push(`${keyPath}: environment variable ${name} is not set`);
        return '';
      }
      return /^[a-z][a-z0-9+.-]*:\/\//i.test(value.slice(0, offset)) ? encodeURIComponent(resolved) : resolved;
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => interpolate(item, `${keyPath}[${index}]`, env, problems));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, interpolate(child, keyPath ? `${keyPath}.${key}` : key, env, problems)]),
    );
  }
  return value;
}

function resolveSqlitePath(url: string, baseDir: string): string {
  if (!url.startsWith('sqlite:')) return url;
  const file = url.slice('sqlite:'.length);
  if (file === ':memory:' || path.isAbsolute(file)) return url;
  return `sqlite:${path.resolve(baseDir, file)}`;
}

/**
 * Finds and validates the configuration: `--config`, then ECOM_SYNC_CONFIG, then
 * ./ecom-sync.config.yaml; no file at all means the defaults. Every problem is reported at once.
 * A relative SQLite path is taken relative to the file that names it (or the working directory).
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const named = options.explicitPath ?? options.env.ECOM_SYNC_CONFIG;
  const candidate = path.resolve(options.cwd, named ?? CONFIG_FILE_NAME);
  const text = await readIfExists(candidate);
  if (text === null && named !== undefined) {
    throw new ConfigError(`configuration file ${candidate} does not exist`, {
      hint: 'Check the --config path or ECOM_SYNC_CONFIG, or remove it to use the defaults.',
    });
  }

  const problems: string[] = [];
  let raw: unknown = null;
  if (text !== null) {
    const document = parseDocument(text, { prettyErrors: true });
    for (const error of document.errors) problems.push(`${candidate}: ${error.message.split('\n')[0]}`);
    if (document.errors.length === 0) {
      const { data, problems: aliasProblems } = yamlToData(document, candidate);
      problems.push(...aliasProblems);
      if (aliasProblems.length === 0) raw = interpolate(data, '', options.env, problems);
    }
  }

  const { config, problems: invalid } = problems.length === 0 ? validateConfig(raw, candidate) : { config: defaultConfig(), problems: [] };
  problems.push(...invalid);

  for (const [name, apply] of ENV_OVERRIDES) {
    const value = options.env[name];
    if (value !== undefined && value !== '') apply(config, value);
  }
  // Overrides go through the same checks as the file.
  const overridden = validateConfig(
    { database: { url: config.database.url }, daemon: { token: config.daemon.token }, log: { level: config.log.level } },
    'environment',
  );
  for (const problem of overridden.problems) if (!problems.includes(problem)) problems.push(`${problem} (from the environment)`);

  if (problems.length > 0) {
    throw new ConfigError(`invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`, {
      problems,
      hint: `Fix the keys above in ${text === null ? 'the environment' : candidate}; \`ecom-sync config show\` prints the configuration in effect.`,
    });
  }

  config.database.url = resolveSqlitePath(config.database.url, text === null ? options.cwd : path.dirname(candidate));
  return { config, path: text === null ? null : candidate };
}

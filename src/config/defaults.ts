import { Value } from '@sinclair/typebox/value';
import { ConfigSchema } from './config-schema.js';
import type { Config } from './config-types.js';

/** Every key has a default (in config-schema.ts) so that ecom-sync runs without a configuration file. */
export function defaultConfig(): Config {
  return Value.Default(ConfigSchema, {}) as Config;
}

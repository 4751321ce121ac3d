import type { Static } from '@sinclair/typebox';
import type { ConfigSchema } from './config-schema.js';

/** The validated configuration every part of ecom-sync receives from the composition root (declared in config-schema.ts). */
export type Config = Static<typeof ConfigSchema>;

/** Which local states move stock (plugins.stock_auto_update without its switch). */
export type StockRulesConfig = Omit<Config['plugins']['stock_auto_update'], 'enabled'>;

export type TransitionsConfig = Config['transitions'];

export type TransitionMode = TransitionsConfig['mode'];

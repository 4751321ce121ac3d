import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { ConflictError, ExitCode, fail, isEcomSyncError, UsageError } from '../../errors.js';
import { parseChoice, parseEnvName, parseId, parseNonNegativeInt, parseOptionalId, parseUrl } from '../parse-args.js';
import { renderTable } from '../table.js';
import { checkPrestaShopKey, maskApiKey, resolveStoreApiKey } from '../../stores/store-credentials.js';
import { findPlatformByName, getStoreById, listStores, type StoreRow } from '../../stores/store-repository.js';
import { checkWooCommerceCredential, parseStoreSettings } from '../../stores/store-secret.js';
import { toDbTimestamp } from '../../db/dialect.js';
import { shopifyStoreValues } from '../../stores/shopify-store-options.js';
import { checkApiKeyEnvName, checkStoreName, checkStoreUrl } from '../../stores/store-fields.js';
import { maskUrlCredentials } from '../../logging/redact-url.js';
import { isKnownTimeZone } from '../../dates/time-zone.js';
import { watermarkForOutput } from '../../pull/neutral-orders-pull.js';

/** What any output shows of a store: never the key itself. */
export function publicStore(store: StoreRow) {
  return {
    id_store: store.id_store,
    name: store.name,
    platform: store.platform_name,
    // Refused at input; a URL stored before that still never shows its user info.
    base_url: maskUrlCredentials(store.base_url),
    api_key: store.api_key ? maskApiKey(store.api_key) : null,
    api_key_env: store.api_key_env,
    // Only the variable's name: the secret itself is never shown.
    webhook_secret_env: store.webhook_secret_env,
    id_lang: store.id_lang,
    format: store.format,
    send_email: store.send_email === null ? null : store.send_email === 1,
    is_active: store.is_active === 1,
    is_default: store.is_default === 1,
    shop_id: store.shop_id,
    shop_group_id: store.shop_group_id,
    url_rewrite: Number(store.url_rewrite ?? 1) !== 0,
    credentials_error: store.credentials_error,
    orders_watermark: watermarkForOutput(store.orders_watermark),
    api_secret: store.api_secret ? maskApiKey(store.api_secret) : null,
    api_secret_env: store.api_secret_env,
    settings: safeSettings(store),
  };
}

/** `--shop-id` / `--shop-group-id`: a positive id, or 0 to clear (update only). */
function shopContext(options: Record<string, unknown>, allowClear: boolean): { shop_id?: number | null; shop_group_id?: number | null } {
  const out: { shop_id?: number | null; shop_group_id?: number | null } = {};
  for (const [flag, column, value] of [['--shop-id', 'shop_id', options.shopId], ['--shop-group-id', 'shop_group_id', options.shopGroupId]] as const) {
    if (value === undefined) continue;
    const n = allowClear ? parseNonNegativeInt(value, flag) : parseId(value, flag);
    out[column] = n === 0 ? null : n;
  }
  if (out.shop_id != null && out.shop_group_id != null) {
    throw new UsageError('INVALID_ARGUMENT', 'give either --shop-id or --shop-group-id, not both: a request is made in one shop or in one shop group');
  }
  return out;
}

function safeSettings(store: StoreRow): Record<string, unknown> | null {
  try {
    const settings = parseStoreSettings(store);
    return Object.keys(settings).length === 0 ? null : settings;
  } catch {
    return null;
  }
}

/**
 * `--api-secret` / `--api-secret-env` (WooCommerce consumer secret) and `--auth` / `--rest-route`
 * (stored in `stores.settings`): undefined when none is given.
 */
function secretOptions(options: Record<string, unknown>): { api_secret: string | null; api_secret_env: string | null } | undefined {
  const secret = options.apiSecret as string | undefined;
  const env = options.apiSecretEnv as string | undefined;
  if (secret !== undefined && env !== undefined) throw new UsageError('INVALID_ARGUMENT', 'give either --api-secret or --api-secret-env, not both');
  if (secret === undefined && env === undefined) return undefined;
  if (env !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(env)) {
    throw new UsageError('INVALID_ARGUMENT', `--api-secret-env must be an environment variable name, got ${JSON.stringify(env)}`);
  }
  if (secret !== undefined) checkWooCommerceCredential(secret, 'secret', '--api-secret');
  return secret !== undefined ? { api_secret: secret, api_secret_env: null } : { api_secret: null, api_secret_env: env ?? null };
}

function wooSettingsOptions(options: Record<string, unknown>): Record<string, string> {
  const settings: Record<string, string> = {};
  if (options.auth !== undefined) settings.auth = parseChoice(options.auth, ['basic', 'query', 'oauth'] as const, '--auth');
  if (options.restRoute !== undefined) settings.rest_route = parseChoice(options.restRoute, ['auto', 'pretty', 'plain'] as const, '--rest-route');
  return settings;
}

/**
 * `--timezone`: the zone a PrestaShop shop writes its dates in, when PS_TIMEZONE is missing, wrong
 * or not readable with the key. `shop` (update only) clears it. Undefined when not given.
 */
function timeZoneOption(options: Record<string, unknown>, allowClear: boolean): string | null | undefined {
  if (options.timezone === undefined) return undefined;
  const zone = String(options.timezone).trim();
  if (allowClear && zone === 'shop') return null;
  if (!isKnownTimeZone(zone)) {
    throw new UsageError('INVALID_ARGUMENT', `--timezone must be an IANA time zone such as Europe/Rome, got ${JSON.stringify(options.timezone)}`, {
      hint: `The shop's own is in Advanced Parameters > Information or International > Localization${allowClear ? '; `--timezone shop` reads it from the shop (PS_TIMEZONE) again' : ''}.`,
    });
  }
  return zone;
}

function keyOptions(options: Record<string, unknown>, required: boolean, platform: string | null = 'prestashop'): { api_key: string | null; api_key_env: string | null } | undefined {
  const key = options.apiKey as string | undefined;
  const env = options.apiKeyEnv as string | undefined;
  if (key !== undefined && env !== undefined) {
    throw new UsageError('INVALID_ARGUMENT', 'give either --api-key or --api-key-env, not both');
  }
  if (key === undefined && env === undefined) {
    if (required) throw new UsageError('MISSING_ARGUMENT', 'the store needs an API key: --api-key-env VAR (recommended) or --api-key KEY');
    return undefined;
  }
  if (env !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(env)) {
    throw new UsageError('INVALID_ARGUMENT', `--api-key-env must be an environment variable name, got ${JSON.stringify(env)}`);
  }
  if (env !== undefined) checkApiKeyEnvName(env, '--api-key-env');
  if (key !== undefined && platform === 'prestashop') checkPrestaShopKey(key, '--api-key');
  if (key !== undefined && platform === 'woocommerce') checkWooCommerceCredential(key, 'key', '--api-key');
  return key !== undefined ? { api_key: key, api_key_env: null } : { api_key: null, api_key_env: env ?? null };
}

export async function storesAdd(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const name = checkStoreName(String(options.name ?? '').trim(), '--name');
  const platformName = parseChoice(String(options.platform ?? '').toLowerCase(), ['prestashop', 'shopify', 'woocommerce'] as const, '--platform');
  const baseUrl = checkStoreUrl(parseUrl(options.url, '--url'), '--url');
  const keys = platformName === 'shopify' ? shopifyStoreValues(options) : keyOptions(options, true, platformName)!;
  const secrets = platformName === 'shopify' ? undefined : secretOptions(options);
  const settings: Record<string, string> = wooSettingsOptions(options);
  const zone = timeZoneOption(options, false);
  if (zone !== undefined && platformName !== 'prestashop') {
    throw new UsageError('INVALID_ARGUMENT', '--timezone is for PrestaShop stores: Shopify and WooCommerce give their dates in UTC');
  }
  if (zone) settings.timezone = zone;
  if (platformName === 'woocommerce' && secrets === undefined) {
    throw new UsageError('MISSING_ARGUMENT', 'a WooCommerce store needs its consumer secret: --api-secret-env VAR (recommended) or --api-secret SECRET', {
      hint: 'Create a key with Read/Write permissions in WooCommerce > Settings > Advanced > REST API.',
    });
  }
  if (platformName !== 'woocommerce' && (options.apiSecret !== undefined || options.apiSecretEnv !== undefined || options.auth !== undefined || options.restRoute !== undefined)) {
    throw new UsageError('INVALID_ARGUMENT', '--api-secret, --api-secret-env, --auth and --rest-route are for WooCommerce stores');
  }
  shopContext(options, false);
  const language = parseOptionalId(options.language, '--language');
  const format = parseChoice(options.format ?? 'xml', ['xml', 'json'] as const, '--format');

  const app = await ctx.openApp();
  const platform = await findPlatformByName(app.db, platformName);
  if (!platform) throw fail('UNKNOWN_PLATFORM', { platform: platformName, where: 'no row in the platforms table' });
  const id = await app.db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom('stores').select('id_store').where('name', '=', name).executeTakeFirst();
    if (clash) throw new ConflictError('STORE_EXISTS', `a store named ${JSON.stringify(name)} already exists (#${clash.id_store})`);
    if (options.default) await trx.updateTable('stores').set({ is_default: 0 }).execute();
    await trx.insertInto('stores').values({
      id_platform: platform.id_platform,
      name,
      base_url: baseUrl,
      ...keys,
      ...(secrets ?? {}),
      ...(Object.keys(settings).length > 0 ? { settings: JSON.stringify(settings) } : {}),
      id_lang: language ?? null,
      format,
      send_email: options.sendEmail ? 1 : null,
      is_default: options.default ? 1 : 0,
      ...shopContext(options, false),
      url_rewrite: options.rewrite === false ? 0 : 1,
    }).execute();
    // PostgreSQL does not report insert ids without RETURNING; the unique name finds the row everywhere.
    const row = await trx.selectFrom('stores').select('id_store').where('name', '=', name).executeTakeFirstOrThrow();
    return row.id_store;
  });
  const store = publicStore(await getStoreById(app.db, id));
  const credential = store.api_key ?? (store.api_key_env ? `from $${store.api_key_env}` : `client ${String(store.settings?.client_id)}, secret from $${store.api_secret_env}`);
  return {
    json: store,
    text: `Store #${store.id_store} ${store.name} added (${store.platform}, ${store.base_url}, key ${credential}${
      platformName === 'woocommerce' ? `, secret ${store.api_secret ?? `from $${store.api_secret_env}`}, auth ${String(store.settings?.auth ?? (baseUrl.startsWith('https:') ? 'basic' : 'oauth'))}` : ''
    }).\nNext: ecom-sync stores check ${store.id_store} && ecom-sync states pull --store ${store.id_store}`,
  };
}

export async function storesList(ctx: CommandContext): Promise<CommandResult> {
  const app = await ctx.openApp();
  const stores = (await listStores(app.db)).map(publicStore);
  const text = stores.length === 0
    ? 'No stores yet. Add one: ecom-sync stores add --name NAME --platform prestashop --url URL --api-key-env VAR'
    : renderTable(
        ['id', 'name', 'platform', 'url', 'api key', 'language', 'format', 'active', 'credentials'],
        stores.map((s) => [s.id_store, `${s.name}${s.is_default ? ' (default)' : ''}`, s.platform, s.base_url, s.api_key ?? (s.api_key_env ? `$${s.api_key_env}` : `client ${String(s.settings?.client_id)}, $${s.api_secret_env}`), s.id_lang ?? 'shop default', s.format, s.is_active ? 'yes' : 'no', s.credentials_error ? 'FAILING' : 'ok']),
        { color: ctx.color },
      );
  return { json: { stores }, text };
}

export async function storesUpdate(ctx: CommandContext, args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const id = parseId(args[0], 'store id');
  if (options.active && options.inactive) throw new UsageError('INVALID_ARGUMENT', 'give either --active or --inactive, not both');
  const changes: Record<string, unknown> = {};
  if (options.name !== undefined) changes.name = checkStoreName(String(options.name).trim(), '--name');
  if (options.url !== undefined) changes.base_url = checkStoreUrl(parseUrl(options.url, '--url'), '--url');
  // The key's format depends on the store's platform: checked once the store is read.
  const keys = keyOptions(options, false, null);
  if (keys) Object.assign(changes, keys, { credentials_error: null, credentials_failed_at: null });
  const secrets = secretOptions(options);
  if (secrets) Object.assign(changes, secrets, { credentials_error: null, credentials_failed_at: null });
  const settings = wooSettingsOptions(options);
  const zone = timeZoneOption(options, true);
  if (options.language !== undefined) changes.id_lang = parseId(options.language, '--language');
  if (options.format !== undefined) changes.format = parseChoice(options.format, ['xml', 'json'] as const, '--format');
  if (options.sendEmail !== undefined) changes.send_email = options.sendEmail ? 1 : 0;
  Object.assign(changes, shopContext(options, true));
  if (options.rewrite !== undefined) changes.url_rewrite = options.rewrite ? 1 : 0;
  if (options.active) changes.is_active = 1;
  if (options.inactive) changes.is_active = 0;
  if (options.webhookSecretEnv !== undefined) Object.assign(changes, { webhook_secret_env: parseEnvName(options.webhookSecretEnv, '--webhook-secret-env'), webhook_secret: null });
  if (Object.keys(changes).length === 0 && Object.keys(settings).length === 0 && zone === undefined) {
    throw new UsageError('MISSING_ARGUMENT', 'nothing to change: give at least one option', { hint: 'Run `ecom-sync stores update --help` for the options.' });
  }
  const app = await ctx.openApp();
  const before = await getStoreById(app.db, id);
  const platform = before.platform_name.toLowerCase();
  if (typeof changes.api_key === 'string') {
    if (platform === 'prestashop') checkPrestaShopKey(changes.api_key, '--api-key');
    if (platform === 'woocommerce') checkWooCommerceCredential(changes.api_key, 'key', '--api-key');
  }
  if (platform !== 'woocommerce' && (secrets !== undefined || Object.keys(settings).length > 0)) {
    throw new UsageError('INVALID_ARGUMENT', '--api-secret, --api-secret-env, --auth and --rest-route are for WooCommerce stores');
  }
  if (zone !== undefined && platform !== 'prestashop') {
    throw new UsageError('INVALID_ARGUMENT', '--timezone is for PrestaShop stores: Shopify and WooCommerce give their dates in UTC');
  }
  if (Object.keys(settings).length > 0 || zone !== undefined) {
    const merged: Record<string, unknown> = { ...parseStoreSettings(before), ...settings };
    if (zone === null) delete merged.timezone;
    else if (zone !== undefined) merged.timezone = zone;
    changes.settings = Object.keys(merged).length === 0 ? null : JSON.stringify(merged);
  }
  await app.db.updateTable('stores').set({ ...changes, date_upd: toDbTimestamp(new Date(app.clock.now())) }).where('id_store', '=', id).execute();
  const store = publicStore(await getStoreById(app.db, id));
  return { json: store, text: `Store #${id} ${store.name} updated.` };
}

export async function storesRemove(ctx: CommandContext, args: string[]): Promise<CommandResult> {
  const id = parseId(args[0], 'store id');
  const app = await ctx.openApp();
  const store = await getStoreById(app.db, id);
  const orders = await app.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('count')).where('id_store', '=', id).executeTakeFirstOrThrow();
  if (Number(orders.count) > 0) {
    throw new ConflictError('STORE_IN_USE', `store ${store.name} (#${id}) has ${orders.count} orders and cannot be removed`, {
      hint: `Run \`ecom-sync stores update ${id} --inactive\` to stop syncing it and keep its history.`,
    });
  }
  await app.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sync_jobs').where('id_store', '=', id).execute();
    await trx.deleteFrom('platform_state_triggers').where('id_store', '=', id).execute();
    await trx.deleteFrom('ecommerce_order_states').where('id_store', '=', id).execute();
    await trx.deleteFrom('stores').where('id_store', '=', id).execute();
  });
  return { json: { removed: id, name: store.name }, text: `Store #${id} ${store.name} removed, with its states and triggers.` };
}

/**
 * `stores check ID`: the key and URL (GET /api/, a 401 marks the key failing like everywhere else),
 * then each permission ecom-sync needs, one request each (HEAD where possible), and the shops of a
 * multistore install when the key may read them. Exit 4 when a permission is missing.
 */
export async function storesCheck(ctx: CommandContext, args: string[]): Promise<CommandResult> {
  const id = parseId(args[0], 'store id');
  const app = await ctx.openApp();
  const store = await getStoreById(app.db, id);
  if (store.platform_name.toLowerCase() === 'shopify') {
    const { checkShopifyStore } = await import('./stores-check-shopify.js');
    return checkShopifyStore(app, store);
  }
  resolveStoreApiKey(store, app.env);
  if (store.platform_name.toLowerCase() === 'woocommerce') return checkWooCommerceStore(app, store);
  const platform = await app.platforms.forStore(store, app.env);
  const started = app.clock.now();
  const { markStoreCredentialsFailing, clearStoreCredentialsFailure } = await import('../../stores/store-repository.js');
  let report;
  try {
    report = await platform.checkAccess();
  } catch (error) {
    if (isEcomSyncError(error) && error.code === 'PLATFORM_UNAUTHORIZED') {
      await markStoreCredentialsFailing(app.db, id, error.message, toDbTimestamp(new Date(app.clock.now())));
    }
    throw error;
  }
  const elapsed = app.clock.now() - started;
  if (store.credentials_error) await clearStoreCredentialsFailure(app.db, id);
  const missing = report.permissions.filter((p) => p.ok === false);
  const rows = report.permissions.map((p) => [p.resource, p.method, p.ok === null ? 'unknown' : p.ok ? 'ok' : 'MISSING', p.why]);
  const lines = [
    `Store #${id} ${store.name}: the webservice answered and the key works (${report.requests} requests, ${elapsed} ms).`,
    renderTable(['resource', 'method', 'permission', 'why'], rows, { color: ctx.color }),
  ];
  if (report.shops !== null) {
    lines.push(`Shops: ${report.shops.map((s) => `${s.id}=${s.name}${s.id === store.shop_id ? ' (this store)' : ''}`).join(', ')}${report.shops.length > 1 && store.shop_id === null && store.shop_group_id === null ? ' — a multistore install: set the shop with ecom-sync stores update ' + id + ' --shop-id N' : ''}`);
  }
  if (missing.length > 0) {
    lines.push(`Missing: in PrestaShop, Advanced Parameters > Webservice > edit the key, tick ${missing.map((p) => `${p.method === 'POST' ? 'Add (POST)' : 'View (GET)'} for "${p.resource}"`).join(', ')}, and save.`);
  }
  return {
    json: {
      id_store: id, ok: missing.length === 0, requests: report.requests, elapsed_ms: elapsed,
      permissions: report.permissions.map((p) => ({ resource: p.resource, method: p.method, ok: p.ok, why: p.why, checked_with: p.checkedWith })),
      shops: report.shops === null ? null : report.shops.map((s) => ({ id_shop: s.id, name: s.name, id_shop_group: s.shopGroupId, active: s.active })),
    },
    text: lines.join('\n'),
    exitCode: missing.length === 0 ? ExitCode.ok : ExitCode.platform,
  };
}

/**
 * `stores check` of a WooCommerce store, through the platform port directly: the app's platform
 * registry only builds PrestaShop clients until the core moves to the port.
 */
async function checkWooCommerceStore(app: Awaited<ReturnType<CommandContext['openApp']>>, store: StoreRow): Promise<CommandResult> {
  const { storeConnection } = await import('../../platforms/woocommerce/store-connection.js');
  const { createWooCommercePlatform } = await import('../../platforms/woocommerce/index.js');
  const { createHttpAgent } = await import('../../platforms/http-agent.js');
  const { retryPolicyFromConfig } = await import('../../platforms/retry.js');
  const connection = storeConnection(store, app.env);
  const agent = createHttpAgent({ connectTimeoutMs: app.config.sync.connect_timeout_ms, connections: 2 });
  const started = app.clock.now();
  try {
    const platform = createWooCommercePlatform(connection, { dispatcher: agent, totalTimeoutMs: app.config.sync.total_timeout_ms, readRetry: retryPolicyFromConfig(app.config.sync) });
    const report = await platform.check();
    const elapsed = app.clock.now() - started;
    const ok = report.items.every((item) => item.ok);
    if (store.credentials_error) {
      const { clearStoreCredentialsFailure } = await import('../../stores/store-repository.js');
      await clearStoreCredentialsFailure(app.db, store.id_store);
    }
    const lines = report.items.map((item) => `  ${item.ok ? 'ok  ' : 'FAIL'} ${item.name}: ${item.detail}`);
    return {
      json: { id_store: store.id_store, ok, items: report.items, elapsed_ms: elapsed },
      text: `Store #${store.id_store} ${store.name}: WooCommerce answered in ${elapsed} ms.\n${lines.join('\n')}`,
      ...(ok ? {} : { exitCode: ExitCode.platform }),
    };
  } finally {
    await agent.close();
  }
}

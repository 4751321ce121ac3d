import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { ConflictError, ExitCode, isEcomSyncError, UsageError, ValidationError } from '../../errors.js';
import { parseChoice, parseId, parseNonNegativeInt, parseOptionalId, parseUrl } from '../parse-args.js';
import { renderTable } from '../table.js';
import { checkPrestaShopKey, maskApiKey, resolveStoreApiKey } from '../../stores/store-credentials.js';
import { findPlatformByName, getStoreById, listStores, type StoreRow } from '../../stores/store-repository.js';
import { toDbTimestamp } from '../../db/dialect.js';

/** What any output shows of a store: never the key itself. */
export function publicStore(store: StoreRow) {
  return {
    id_store: store.id_store,
    name: store.name,
    platform: store.platform_name,
    base_url: store.base_url,
    api_key: store.api_key ? maskApiKey(store.api_key) : null,
    api_key_env: store.api_key_env,
    id_lang: store.id_lang,
    format: store.format,
    send_email: store.send_email === null ? null : store.send_email === 1,
    is_active: store.is_active === 1,
    is_default: store.is_default === 1,
    shop_id: store.shop_id,
    shop_group_id: store.shop_group_id,
    url_rewrite: Number(store.url_rewrite ?? 1) !== 0,
    credentials_error: store.credentials_error,
    orders_watermark: store.orders_watermark,
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

function keyOptions(options: Record<string, unknown>, required: boolean): { api_key: string | null; api_key_env: string | null } | undefined {
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
  if (key !== undefined) checkPrestaShopKey(key, '--api-key');
  return key !== undefined ? { api_key: key, api_key_env: null } : { api_key: null, api_key_env: env ?? null };
}

export async function storesAdd(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const name = String(options.name ?? '').trim();
  if (!name) throw new UsageError('INVALID_ARGUMENT', '--name must not be empty');
  const platformName = parseChoice(String(options.platform ?? '').toLowerCase(), ['prestashop'] as const, '--platform');
  const baseUrl = parseUrl(options.url, '--url');
  const keys = keyOptions(options, true)!;
  shopContext(options, false);
  const language = parseOptionalId(options.language, '--language');
  const format = parseChoice(options.format ?? 'xml', ['xml', 'json'] as const, '--format');

  const app = await ctx.openApp();
  const platform = await findPlatformByName(app.db, platformName);
  if (!platform) throw new ValidationError('UNKNOWN_PLATFORM', `platform ${platformName} is not in the platforms table`);
  const id = await app.db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom('stores').select('id_store').where('name', '=', name).executeTakeFirst();
    if (clash) throw new ConflictError('STORE_EXISTS', `a store named ${JSON.stringify(name)} already exists (#${clash.id_store})`, { hint: 'Choose another --name or update that store.' });
    if (options.default) await trx.updateTable('stores').set({ is_default: 0 }).execute();
    await trx.insertInto('stores').values({
      id_platform: platform.id_platform,
      name,
      base_url: baseUrl,
      ...keys,
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
  return {
    json: store,
    text: `Store #${store.id_store} ${store.name} added (${store.platform}, ${store.base_url}, key ${store.api_key ?? `from $${store.api_key_env}`}).\nNext: ecom-sync stores check ${store.id_store} && ecom-sync states pull --store ${store.id_store}`,
  };
}

export async function storesList(ctx: CommandContext): Promise<CommandResult> {
  const app = await ctx.openApp();
  const stores = (await listStores(app.db)).map(publicStore);
  const text = stores.length === 0
    ? 'No stores yet. Add one: ecom-sync stores add --name NAME --platform prestashop --url URL --api-key-env VAR'
    : renderTable(
        ['id', 'name', 'platform', 'url', 'api key', 'language', 'format', 'active', 'credentials'],
        stores.map((s) => [s.id_store, `${s.name}${s.is_default ? ' (default)' : ''}`, s.platform, s.base_url, s.api_key ?? `$${s.api_key_env}`, s.id_lang ?? 'shop default', s.format, s.is_active ? 'yes' : 'no', s.credentials_error ? 'FAILING' : 'ok']),
        { color: ctx.color },
      );
  return { json: { stores }, text };
}

export async function storesUpdate(ctx: CommandContext, args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const id = parseId(args[0], 'store id');
  if (options.active && options.inactive) throw new UsageError('INVALID_ARGUMENT', 'give either --active or --inactive, not both');
  const changes: Record<string, unknown> = {};
  if (options.name !== undefined) changes.name = String(options.name).trim();
  if (options.url !== undefined) changes.base_url = parseUrl(options.url, '--url');
  const keys = keyOptions(options, false);
  if (keys) Object.assign(changes, keys, { credentials_error: null, credentials_failed_at: null });
  if (options.language !== undefined) changes.id_lang = parseId(options.language, '--language');
  if (options.format !== undefined) changes.format = parseChoice(options.format, ['xml', 'json'] as const, '--format');
  if (options.sendEmail !== undefined) changes.send_email = options.sendEmail ? 1 : 0;
  Object.assign(changes, shopContext(options, true));
  if (options.rewrite !== undefined) changes.url_rewrite = options.rewrite ? 1 : 0;
  if (options.active) changes.is_active = 1;
  if (options.inactive) changes.is_active = 0;
  if (Object.keys(changes).length === 0) {
    throw new UsageError('MISSING_ARGUMENT', 'nothing to change: give at least one option', { hint: 'Run `ecom-sync stores update --help` for the options.' });
  }
  const app = await ctx.openApp();
  await getStoreById(app.db, id);
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
  resolveStoreApiKey(store, app.env);
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

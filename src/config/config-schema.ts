import { Type, type TSchema } from '@sinclair/typebox';

/**
 * The one declaration of the configuration: every key with its type, limits, default and meaning.
 * The `Config` type (config-types.ts), the defaults (defaults.ts) and the checks (validate-config.ts)
 * are derived from it, and it is a plain JSON Schema for anything else that speaks one.
 */

/**
 * What a list or patterned string must look like, in words, for the problem messages: kept in
 * `title` (a standard annotation) so that the schema stays valid for strict JSON Schema validators.
 */
interface Expected {
  title?: string;
}

const section = <P extends Record<string, TSchema>>(properties: P) => Type.Object(properties, { additionalProperties: false, default: {} });

const flag = (value: boolean, description: string) => Type.Boolean({ default: value, description });

const wholeNumber = (value: number, limits: { minimum: number; maximum?: number }, description: string) =>
  Type.Integer({ default: value, ...limits, description });

const text = (value: string, description: string, shape: Expected & { pattern?: string } = {}) =>
  Type.String({ default: value, minLength: 1, ...shape, description });

/** A string or null (unset); an empty string is not a value. */
const optionalText = (description: string) => Type.Union([Type.String({ minLength: 1 }), Type.Null()], { default: null, description });

const stateIds = (value: number[], description: string) =>
  Type.Array(Type.Integer({ minimum: 1 }), { default: value, description, title: 'a list of state ids (positive whole numbers)' });

const platformStates = (value: string[], description: string) =>
  Type.Array(Type.String({ pattern: '\\S' }), { default: value, description, title: 'a list of platform state codes or names' });

export const ConfigSchema = section({
  database: section({
    url: text('sqlite:./ecom-sync.db', 'sqlite:PATH (relative to the file that names it), postgres://… or mysql://…', {
      pattern: '^(sqlite:|postgres://|postgresql://|mysql://)',
      title: 'sqlite:PATH, postgres://… or mysql://…',
    }),
  }),
  plugins: section({
    platform_state_sync: section({
      enabled: flag(true, 'Push local state changes to the platform through the triggers.'),
    }),
    stock_auto_update: section({
      enabled: flag(false, 'Move product stock when orders enter some local states.'),
      decrement_on: stateIds([4], 'Local order state ids whose entry takes the ordered quantities out of stock (e.g. shipped).'),
      restock_on: stateIds([6, 7], 'Local order state ids whose entry puts previously taken quantities back (e.g. cancelled, refunded).'),
      allow_negative: flag(false, 'Let stock go below zero instead of stopping at zero.'),
    }),
  }),
  sync: section({
    attempts: wholeNumber(3, { minimum: 1, maximum: 20 }, 'Attempts per delivery run (the spec: 3).'),
    backoff_ms: wholeNumber(1000, { minimum: 0 }, 'First wait between attempts; each next one is multiplied by backoff_factor (the spec: 1 s, 2 s, 4 s).'),
    backoff_factor: Type.Number({ default: 2, minimum: 1, description: 'Multiplier of the wait between attempts.' }),
    backoff_max_ms: wholeNumber(4000, { minimum: 0 }, 'Longest wait between attempts.'),
    connect_timeout_ms: wholeNumber(10_000, { minimum: 1 }, 'Time to connect to a platform (the spec: 10 s).'),
    total_timeout_ms: wholeNumber(30_000, { minimum: 1 }, 'Time in all per platform request (the spec: 30 s).'),
    concurrency_per_store: wholeNumber(4, { minimum: 1, maximum: 64 }, 'Deliveries in flight at once per store.'),
    send_email: flag(false, 'Ask the platform to e-mail the customer when a trigger or store does not say otherwise.'),
    retry_after_failure_ms: wholeNumber(60_000, { minimum: 0 }, 'After a delivery run fails, when to try the job again (then doubling).'),
    retry_after_failure_max_ms: wholeNumber(3_600_000, { minimum: 0 }, 'The cap of that doubling wait.'),
    lease_ms: wholeNumber(15_000, { minimum: 1000 }, 'How long a claimed job stays with its worker without renewal before another may take it over.'),
    heartbeat_ms: wholeNumber(5_000, { minimum: 100 }, 'How often a worker renews the leases of the jobs it works on (default lease_ms / 3).'),
    max_wait_ms: wholeNumber(30_000, { minimum: 0 }, 'The longest wait slept inside a delivery (backoff, Retry-After); a longer one puts the job back to pending for that time.'),
    max_runs: wholeNumber(20, { minimum: 0 }, 'Stop retrying a job automatically after this many failed delivery runs (0 = never stop).'),
  }),
  orders: section({
    initial_state: wholeNumber(1, { minimum: 1 }, 'Local state a newly imported order starts in.'),
    page_size: wholeNumber(100, { minimum: 1, maximum: 1000 }, 'Orders per platform request when pulling (PrestaShop loads each one: keep it at 100 or less).'),
  }),
  daemon: section({
    host: text('127.0.0.1', 'Where the REST API listens.'),
    port: wholeNumber(8080, { minimum: 0, maximum: 65535 }, 'The REST API port.'),
    token: optionalText('Bearer token for the REST API; prefer ${ECOM_SYNC_API_TOKEN}.'),
    states_interval_s: wholeNumber(3600, { minimum: 1 }, 'States pull: at start, then this often.'),
    orders_interval_s: wholeNumber(300, { minimum: 1 }, 'Orders pull interval.'),
    worker_poll_ms: wholeNumber(1000, { minimum: 10 }, 'Sync worker idle poll.'),
    shutdown_timeout_ms: wholeNumber(30_000, { minimum: 0 }, 'On SIGTERM, time left to in-flight deliveries.'),
    body_limit_bytes: wholeNumber(1_048_576, { minimum: 1024 }, 'Largest request body.'),
    webhook_body_limit_bytes: wholeNumber(1_048_576, { minimum: 1024 }, 'Largest webhook delivery accepted (413 beyond).'),
    webhook_check_s: wholeNumber(3600, { minimum: 0 }, 'Asks each webhook store whether its subscriptions are still active (for /health): first after this long, then this often; 0: never.'),
    public_url: optionalText('The daemon\'s address as the shops reach it, for `webhooks setup` (e.g. https://sync.example).'),
    bulk_max_orders: wholeNumber(1000, { minimum: 1, maximum: 100_000 }, 'Largest POST /api/v1/orders/bulk-status.'),
    init_cache_ttl_s: wholeNumber(86_400, { minimum: 0 }, 'GET /api/v1/init cache lifetime.'),
  }),
  transitions: section({
    mode: Type.Union([Type.Literal('off'), Type.Literal('warn'), Type.Literal('enforce')], {
      default: 'off',
      description: 'off: no checks (the spec\'s behaviour); warn: apply and say so; enforce: refuse what the rules do not allow.',
    }),
    /** Per platform (lowercase platforms.name), matched against the state's code or name, case-insensitive. */
    final_platform_states: section({
      prestashop: platformStates([], 'PrestaShop states an order cannot leave there.'),
      shopify: platformStates(['cancelled'], 'Shopify states an order cannot leave there.'),
      woocommerce: platformStates(['refunded'], 'WooCommerce states an order cannot leave there.'),
    }),
  }),
  log: section({
    level: Type.Union(
      [Type.Literal('fatal'), Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'), Type.Literal('debug'), Type.Literal('trace'), Type.Literal('silent')],
      { default: 'info', description: 'The log level.' },
    ),
  }),
});

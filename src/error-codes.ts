/**
 * The error catalogue: every code ecom-sync reports, on the CLI (`error[CODE]`, the exit code) and
 * over REST (`{"error": {"code", …}}`, the HTTP status), declared once. An error is built from its
 * code (`src/errors.ts`), so a code cannot travel with another status or exit code than its entry's,
 * and the same problem has the same code whichever side reports it. The README's "Error codes" and
 * "Exit codes" tables are checked against this file by test/unit/errors/.
 *
 * Data only: no imports, so any module may use it without a cycle.
 */

/** Process exit codes (README "Exit codes"). */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  config: 3,
  platform: 4,
  partial: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * The classes of failure. Each has one exit code and, but for `request`, one HTTP status: a code's
 * status and exit code follow from its class. `request` codes belong to the REST layer (auth, size
 * and media-type limits, routing), each with the 4xx its entry names.
 */
export const ERROR_KINDS = {
  /** A bad flag, argument, file or request body: nothing was changed. */
  usage: { exit: ExitCode.usage, http: 400 },
  /** A well-formed request naming a state, store or value that cannot be used. */
  validation: { exit: ExitCode.usage, http: 422 },
  /** An order, store, trigger, job or rule that does not exist. */
  'not-found': { exit: ExitCode.usage, http: 404 },
  /** The request conflicts with what is stored. */
  conflict: { exit: ExitCode.usage, http: 409 },
  /** Refused by the REST layer before any handler ran. */
  request: { exit: ExitCode.usage, http: null },
  /** The configuration file, an environment variable or a store's key setting is wrong. */
  config: { exit: ExitCode.config, http: 500 },
  /** The database cannot be reached: try again once it is back. */
  unavailable: { exit: ExitCode.config, http: 503 },
  /** The shop refused the call, failed, or could not be reached. */
  platform: { exit: ExitCode.platform, http: 502 },
  /** Some items of a batch failed, the rest were applied. */
  partial: { exit: ExitCode.partial, http: 207 },
  /** A bug, or a failure ecom-sync cannot explain. */
  internal: { exit: ExitCode.internal, http: 500 },
} as const;
export type ErrorKind = keyof typeof ERROR_KINDS;

interface Declared {
  readonly kind: ErrorKind;
  /** Only for `request` codes: their HTTP status. */
  readonly http?: number;
  /** What to do next; used when the place that raises the error has nothing more precise to say. */
  readonly hint: string;
  /**
   * For codes raised in several places: the one wording, `{name}` filled by `fail(code, params)`.
   * Codes without it get their message where they are raised.
   */
  readonly message?: string;
}

const DECLARED = {
  // usage: bad flags, arguments, files and bodies
  USAGE: { kind: 'usage', hint: 'Run the command with --help for its options and an example.' },
  INVALID_ARGUMENT: { kind: 'usage', hint: 'Run the command with --help for the accepted values and an example.' },
  WEBHOOK_URL_MISSING: { kind: 'usage', hint: 'Set daemon.public_url in ecom-sync.config.yaml (the daemon\'s address as the shop reaches it), or pass --url.' },
  WEBHOOK_URL_INVALID: { kind: 'usage', hint: 'Give the daemon\'s public address followed by the store\'s route, /webhooks/<platform>/<store id>.' },
  WEBHOOKS_NOT_SUPPORTED: { kind: 'usage', hint: 'This platform has no webhooks: its orders come in with `ecom-sync orders pull` (the daemon runs it every daemon.orders_interval_s).' },
  WEBHOOK_SECRET_MISSING: { kind: 'usage', hint: 'Name the variable holding the app\'s client secret: `ecom-sync stores update ID --webhook-secret-env VAR` (Shopify signs deliveries with it).' },
  MISSING_ARGUMENT: { kind: 'usage', hint: 'Run the command with --help for what it needs and an example.' },
  INVALID_INPUT: { kind: 'usage', hint: 'Give one complete JSON document ({"orders": [{"id_order": 32, "id_order_state": 3}]}) or a CSV with the header id_order,id_order_state; nothing was changed.' },
  INVALID_FILE: { kind: 'usage', hint: 'Compare with the output of `ecom-sync transitions export`; nothing was changed.' },
  FILE_NOT_FOUND: { kind: 'usage', hint: 'Check the path; use - to read from stdin where the command allows it.' },
  URL_HAS_CREDENTIALS: { kind: 'usage', hint: 'Give the URL without user:password@ and the key with --api-key-env VAR.' },
  REASON_REQUIRED: { kind: 'usage', hint: 'Add --reason "why" (REST: "reason": "…"); it is stored with the order history.' },
  SANDBOX_KEY_INVALID: { kind: 'usage', hint: 'Omit the key to use the default sandbox key, or pass one of 32 characters.' },
  SANDBOX_ORDERS_INVALID: { kind: 'usage', hint: 'Give --orders a whole number, 0 or more.' },
  DUPLICATE_ORDER: { kind: 'usage', hint: 'Give each order once per bulk change; only its first row was applied.' },
  INVALID_ROW: { kind: 'usage', hint: 'Each row needs id_order and id_order_state as positive whole numbers.' },

  // validation: well-formed, but names something that cannot be used
  INVALID_STATE: { kind: 'validation', hint: 'Use the id or the exact name of a local state: `ecom-sync states list --local`.' },
  INVALID_API_KEY: { kind: 'validation', hint: 'Copy the key again from the shop\'s back office (PrestaShop: Advanced Parameters > Webservice; WooCommerce: Settings > Advanced > REST API).' },
  INVALID_SINCE: { kind: 'validation', hint: 'Give a shop-local date or time: 2026-11-30 or "2026-11-30 10:00:00".' },
  INVALID_EVENT_TYPE: { kind: 'validation', hint: 'Use order_status_changed or shipping_status_changed.' },
  STATE_TYPE_MISMATCH: { kind: 'validation', hint: 'Leave the state type out: it follows from the event type.' },
  LOCAL_STATE_NOT_FOUND: { kind: 'validation', hint: 'Run `ecom-sync triggers add` on a terminal to pick it from the list.' },
  PLATFORM_STATE_NOT_FOUND: { kind: 'validation', hint: 'Run `ecom-sync states pull --store ID`, then pick a state from `ecom-sync states list --store ID`.' },
  PLATFORM_STATE_OTHER_STORE: { kind: 'validation', hint: 'A trigger maps states of its own store: pick one from `ecom-sync states list --store ID`.' },
  PLATFORM_STATE_FLAGGED: { kind: 'validation', hint: 'Pick another state: `ecom-sync states list --store ID`.' },
  PLATFORM_ID_INVALID: { kind: 'validation', hint: 'Platform ids are positive whole numbers; check the order and the target state.' },
  PLATFORM_TIME_INVALID: { kind: 'validation', hint: 'Shop times are YYYY-MM-DD HH:MM:SS.' },
  STORE_BASE_URL_INVALID: { kind: 'validation', hint: 'Set it with: ecom-sync stores update ID --url https://shop.example' },
  SHOPIFY_API_VERSION_INVALID: { kind: 'validation', hint: 'Set it with: ecom-sync stores update ID --api-version YYYY-MM (a quarter: 01, 04, 07 or 10).' },
  SHOPIFY_CLIENT_CREDENTIALS_MISSING: { kind: 'validation', hint: 'Set them with: ecom-sync stores update ID --client-id ID --client-secret-env VAR' },
  SHOPIFY_ACCESS_TOKEN_MISSING: { kind: 'validation', hint: 'Set one with: ecom-sync stores update ID --api-key-env VAR' },
  NO_STORES: { kind: 'validation', hint: 'Add one first: ecom-sync stores add --help' },
  NO_PLATFORM_STATES: { kind: 'validation', hint: 'Run `ecom-sync states pull --store ID` first.' },
  UNKNOWN_PLATFORM: {
    kind: 'validation',
    message: 'unknown platform "{platform}" ({where})',
    hint: 'ecom-sync supports prestashop, shopify and woocommerce, each a row of the platforms table (`ecom-sync db migrate` adds them).',
  },

  // not-found
  ORDER_NOT_FOUND: { kind: 'not-found', message: 'order {id} does not exist', hint: 'Run `ecom-sync orders list` to see the orders, or `ecom-sync orders pull` to import the shop\'s new ones.' },
  STORE_NOT_FOUND: { kind: 'not-found', message: 'store {id} does not exist', hint: 'Run `ecom-sync stores list` to see the stores.' },
  TRIGGER_NOT_FOUND: { kind: 'not-found', message: 'trigger {id} does not exist', hint: 'Run `ecom-sync triggers list` to see the triggers.' },
  SYNC_JOB_NOT_FOUND: { kind: 'not-found', message: 'sync job {id} does not exist', hint: 'Run `ecom-sync sync list` (REST: GET /api/v1/sync/jobs) to see the jobs.' },
  TRANSITION_NOT_FOUND: { kind: 'not-found', hint: '`ecom-sync transitions list` shows the rules.' },

  // conflict
  STORE_EXISTS: { kind: 'conflict', hint: 'Choose another --name or update that store.' },
  STORE_IN_USE: { kind: 'conflict', hint: 'Run `ecom-sync stores update ID --inactive` to stop syncing it and keep its history.' },
  TRIGGER_DUPLICATE: { kind: 'conflict', hint: 'Disable or remove the existing trigger first, or add this one with --inactive.' },
  TRANSITIONS_EXIST: { kind: 'conflict', hint: 'Review them with `ecom-sync transitions list`; `--replace` swaps them for the proposal.' },
  INVALID_TRANSITION: { kind: 'conflict', hint: 'Check `ecom-sync transitions list`; an admin may override with --force --reason TEXT ("force": true, "reason": "…").' },
  STATE_ALREADY_SET: { kind: 'conflict', hint: 'The order already is in that state: nothing to change.' },
  SYNC_JOB_NOT_RETRYABLE: { kind: 'conflict', hint: 'Only failed or pending jobs can be retried; `ecom-sync sync list` shows their status.' },
  SYNC_JOB_NOT_CANCELLABLE: { kind: 'conflict', hint: 'Only pending and failed jobs can be cancelled; reload the queue.' },
  ORDER_NOT_IN_DRIFT: { kind: 'conflict', hint: 'Reload the drift list.' },
  NO_LOCAL_STATE_FOR_PLATFORM_STATE: { kind: 'conflict', hint: 'Create a trigger for it on the Triggers page, or push the local state instead.' },
  STATES_REMOVAL_UNCONFIRMED: { kind: 'conflict', hint: 'Check the shop, then run `ecom-sync states pull --store ID --accept-removals`.' },

  // request: the REST layer
  UNAUTHORIZED: { kind: 'request', http: 401, hint: 'Send the token configured as daemon.token (ECOM_SYNC_API_TOKEN) in an `Authorization: Bearer <token>` header; a token in the query string (?token=…) is never accepted, it would end up in logs.' },
  WEBHOOK_SIGNATURE_INVALID: { kind: 'request', http: 401, hint: 'Check the store\'s webhook secret (`ecom-sync stores update ID --webhook-secret-env VAR`) against the one the shop signs with.' },
  ROUTE_NOT_FOUND: { kind: 'request', http: 404, hint: 'GET /openapi.json lists the routes.' },
  ADMIN_NOT_BUILT: { kind: 'request', http: 404, hint: 'Run `npm run build` in the ecom-sync folder.' },
  METHOD_NOT_ALLOWED: { kind: 'request', http: 405, hint: 'GET /openapi.json lists the routes and their methods.' },
  PAYLOAD_TOO_LARGE: { kind: 'request', http: 413, hint: 'Send a smaller body (daemon.body_limit_bytes), or split a bulk change.' },
  BULK_TOO_LARGE: { kind: 'request', http: 413, hint: 'Split the list into several requests (daemon.bulk_max_orders sets the limit).' },
  UNSUPPORTED_MEDIA_TYPE: { kind: 'request', http: 415, hint: 'Send the body as JSON with `Content-Type: application/json`.' },
  INVALID_JSON: { kind: 'request', http: 400, hint: 'The body must be one valid JSON document; check quotes, commas and brackets.' },
  INVALID_CONTENT_LENGTH: { kind: 'request', http: 400, hint: 'Send a Content-Length that matches the body, or let the client set it.' },
  INVALID_URL: { kind: 'request', http: 400, hint: 'Percent-encode the path; GET /openapi.json lists the routes.' },
  BAD_REQUEST: { kind: 'request', http: 400, hint: 'GET /openapi.json describes every route and its request body.' },
  VALIDATION_FAILED: { kind: 'request', http: 400, hint: 'Fix the named field; GET /openapi.json has the schema of every route.' },

  // config and availability
  CONFIG_INVALID: { kind: 'config', hint: 'Fix the configuration file (ecom-sync.config.yaml) or the environment variable named; `ecom-sync config show` prints what is in effect.' },
  DATABASE_UNREACHABLE: { kind: 'unavailable', hint: 'Check database.url (or ECOM_SYNC_DATABASE_URL): host, port, database name, user and password, and that the server runs and the database exists.' },
  DATABASE_UNAVAILABLE: {
    kind: 'unavailable',
    hint: 'The database server restarted, failed over or dropped the connection; ecom-sync reconnects on its own. A change in progress was committed whole (with its sync job) or not at all: look at the order, then retry in a few seconds. If it persists, check that the server runs and database.url.',
  },

  // platform: the shop refused, failed or could not be reached
  PLATFORM_UNAUTHORIZED: { kind: 'platform', hint: 'Check the store\'s key on the shop, then set it: ecom-sync stores update ID --api-key-env VAR' },
  PLATFORM_PERMISSION: { kind: 'platform', hint: 'Give the key the permission or scope named (README: PrestaShop "Key permissions", WooCommerce Read/Write, Shopify scopes), then run the command again.' },
  PLATFORM_NOT_WEBSERVICE: { kind: 'platform', hint: 'Check the store\'s base URL (the shop\'s root), that the webservice is enabled, and --no-rewrite for shops without URL rewriting.' },
  PLATFORM_BAD_RESPONSE: { kind: 'platform', hint: 'The shop answered something ecom-sync cannot read; nothing was changed from it. Try again later, then check the shop.' },
  PLATFORM_SERVER_ERROR: { kind: 'platform', hint: 'The shop failed; a write is never repeated before the order\'s state was read back. Try again later.' },
  PLATFORM_UNREACHABLE: { kind: 'platform', hint: 'Check the store\'s URL and that the shop is reachable from here.' },
  PLATFORM_TIMEOUT: { kind: 'platform', hint: 'The shop did not answer in time (platform.timeout_ms); try again later.' },
  PLATFORM_ABORTED: { kind: 'platform', hint: 'The call was cancelled (shutdown or a lost lease); the work is kept and done later.' },
  PLATFORM_RATE_LIMITED: { kind: 'platform', hint: 'The shop limits the request rate (HTTP 429, an empty Shopify cost bucket); the call is made again after the wait it asks for.' },
  PLATFORM_WAIT_REQUESTED: { kind: 'platform', hint: 'The change is kept and delivered after that time by the daemon or `ecom-sync sync run`.' },
  PLATFORM_UNAVAILABLE: { kind: 'platform', hint: 'The shop is unavailable for now; the job is delivered again later.' },
  PLATFORM_OUTCOME_UNKNOWN: { kind: 'platform', hint: 'The shop may have applied the change: the order is read back before anything is sent again.' },
  PLATFORM_REJECTED: { kind: 'platform', hint: 'The shop refused the request; the message quotes its reason. It is not repeated.' },
  PLATFORM_INVALID_PARAM: { kind: 'platform', hint: 'The shop refused a value ecom-sync sent (often a state the shop does not have): run `ecom-sync states pull --store ID` and check the trigger.' },
  PLATFORM_ORDER_NOT_FOUND: { kind: 'platform', hint: 'The order does not exist on the shop (deleted there?); run `ecom-sync orders pull --store ID`.' },
  PLATFORM_STATUS_OVERRIDDEN: { kind: 'platform', hint: 'Something on the shop (a plugin or a rule) changed the status back; it is not repeated. Check the shop.' },
  PLATFORM_BAD_CURSOR: { kind: 'platform', hint: 'Run the pull again from its watermark: `ecom-sync orders pull --store ID`.' },
  SHOPIFY_SCOPES_MISSING: { kind: 'platform', hint: 'Grant the scopes named to the app (README "Shopify"), then run `ecom-sync stores check ID`.' },
  SHOPIFY_QUERY_TOO_COSTLY: { kind: 'platform', hint: 'Lower orders.page_size so a page costs fewer points than the shop\'s bucket.' },
  SHOPIFY_GRAPHQL_ERROR: { kind: 'platform', hint: 'Shopify refused the query; the message quotes its reason.' },
  SHOPIFY_STATE_UNKNOWN: { kind: 'platform', hint: 'Point the trigger to a Shopify state: open, paid, fulfilled, cancelled or closed.' },
  SHOPIFY_WEBHOOK_REFUSED: { kind: 'platform', hint: 'Shopify refused the subscription; the message quotes its reason (an https address reachable from the internet is required).' },
  SHOPIFY_USER_ERROR: { kind: 'platform', hint: 'Shopify refused the change; the message quotes its reason. It is not repeated.' },
  SHOPIFY_NOTHING_TO_FULFIL: { kind: 'platform', hint: 'The order has nothing left to fulfil on Shopify; check it there.' },
  SHOPIFY_CANCEL_FAILED: { kind: 'platform', hint: 'Shopify did not cancel the order; check it there (a capture or a fulfillment may block it).' },
  SHOPIFY_CANCEL_PENDING: { kind: 'platform', hint: 'Shopify has not applied the cancellation yet: the order is read again before anything is sent.' },

  // the rest
  PARTIAL_FAILURE: { kind: 'partial', hint: 'The failed items are listed above; fix them and run the command again for those only.' },
  INTERNAL: { kind: 'internal', hint: 'This is a bug in ecom-sync; please report it with the command you ran or, for the REST API, the request id (the daemon log has the details under it).' },
  MIGRATION_FAILED: { kind: 'internal', hint: 'The database was left at the last migration that succeeded. Check database.url and the database user\'s rights.' },
} as const satisfies Record<string, Declared>;

export type ErrorCode = keyof typeof DECLARED;

/** The class of a code. */
export type KindOf<C extends ErrorCode> = (typeof DECLARED)[C]['kind'];

/** The codes of one class: `CodeOfKind<'not-found'>` is 'ORDER_NOT_FOUND' | 'STORE_NOT_FOUND' | …. */
export type CodeOfKind<K extends ErrorKind> = { [C in ErrorCode]: (typeof DECLARED)[C]['kind'] extends K ? C : never }[ErrorCode];

/** The codes whose message the catalogue words (raised with `fail`). */
export type TemplatedCode = { [C in ErrorCode]: (typeof DECLARED)[C] extends { message: string } ? C : never }[ErrorCode];

type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The values a templated code's message needs: `ParamsOf<'ORDER_NOT_FOUND'>` is `{ id: … }`. */
export type ParamsOf<C extends TemplatedCode> = { [P in Placeholders<Extract<(typeof DECLARED)[C], { message: string }>['message']>]: string | number };

export interface CatalogueEntry {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly http: number;
  readonly exit: ExitCode;
  readonly hint: string;
  readonly message: string | null;
}

function resolve(code: ErrorCode, declared: Declared): CatalogueEntry {
  const kind = ERROR_KINDS[declared.kind];
  return { code, kind: declared.kind, http: kind.http ?? declared.http ?? 400, exit: kind.exit, hint: declared.hint, message: declared.message ?? null };
}

/** Every code with its class, HTTP status, exit code, hint and (for some) message template. */
export const ERROR_CATALOGUE: Readonly<Record<ErrorCode, CatalogueEntry>> = Object.freeze(
  Object.fromEntries(Object.entries(DECLARED).map(([code, declared]) => [code, resolve(code as ErrorCode, declared)])) as Record<ErrorCode, CatalogueEntry>,
);

export function isErrorCode(value: string): value is ErrorCode {
  return Object.prototype.hasOwnProperty.call(DECLARED, value);
}

/** `order {id} does not exist` with `{ id: 32 }` → `order 32 does not exist`. */
export function renderTemplate(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A templated code's message, for reports that carry a code without throwing (bulk rows). */
export function messageOf<C extends TemplatedCode>(code: C, params: ParamsOf<C>): string {
  return renderTemplate(ERROR_CATALOGUE[code].message ?? code, params as Record<string, string | number>);
}

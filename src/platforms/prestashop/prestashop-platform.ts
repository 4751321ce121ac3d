import type { Dispatcher } from 'undici';
import { chunks } from '../../chunks.js';
import { PlatformError, ValidationError } from '../../errors.js';
import type {
  Platform,
  PlatformAccessReport,
  PlatformAddress,
  PlatformConnection,
  PlatformCountry,
  PlatformCustomer,
  PlatformPermissionCheck,
  PlatformShop,
  PlatformLanguage,
  PlatformOrder,
  PlatformState,
  PlatformStateStatus,
  PullOrdersPage,
  PushStateOptions,
  PushStateResult,
} from '../platform.js';
import { retryPlatformCall, SPEC_RETRY_POLICY, type RetryPolicy } from '../retry.js';
import { jsonCollection, jsonResource, parseJsonBody } from './json-mappers.js';
import { buildOrderHistoryXml } from './order-history-xml.js';
import {
  addressFromRecord,
  configurationValue,
  countryFromRecord,
  customerFromRecord,
  historyIdFromRecord,
  languageFromRecord,
  MalformedRecordError,
  orderFromRecord,
  orderStateFromRecord,
  shopFromRecord,
  stateFromRecord,
} from './resource-mappers.js';
import { oneSecondBefore } from './shop-time.js';
import type { WebserviceRecord } from './webservice-record.js';
import { sendWebserviceRequest, type WebserviceCall, type WebserviceClientConfig, type WebserviceFormat, type WebserviceResponse } from './webservice-request.js';
import { idFilter, type QueryParams } from './webservice-url.js';
import { createXmlParser, parsePrestashopXml } from './xml-parser.js';
import { xmlCollection, xmlResource } from './xml-mappers.js';

export interface PrestaShopPlatformOptions {
  /** The application's shared connection pool (see createHttpAgent). */
  dispatcher: Dispatcher;
  /** Per request, connection to last byte (the spec: 30 s). */
  totalTimeoutMs: number;
  /** Output format asked of the webservice; request bodies are XML either way. Default xml. */
  format?: WebserviceFormat;
  /** Repeats of GETs on retryable failures. Default: the spec's policy. Writes are never repeated here. */
  readRetry?: RetryPolicy;
  /** Ids per `filter[id]=[a|b|...]` request; keeps URLs short. Default 100. */
  idsPerRequest?: number;
  /** Told about each repeated GET (for logs). */
  onReadRetry?(error: PlatformError, attempt: number, delayMs: number): void;
  /** Told about every platform call once it ended (`-v` logs: method, path, status, ms). */
  onCall?(call: WebserviceCall): void;
}

/** What each permission is for: `stores check` and the README's permissions table. */
export const NEEDED_PERMISSIONS: ReadonlyArray<Omit<PlatformPermissionCheck, 'ok' | 'checkedWith'>> = [
  { resource: 'order_states', method: 'GET', why: 'states pull: the state catalogue' },
  { resource: 'orders', method: 'GET', why: 'orders pull, and reading an order back before a push is repeated' },
  { resource: 'order_histories', method: 'POST', why: 'pushing a state change' },
  { resource: 'customers', method: 'GET', why: 'orders pull: the customer of each order' },
  { resource: 'addresses', method: 'GET', why: 'orders pull: delivery and invoice addresses' },
  { resource: 'countries', method: 'GET', why: 'orders pull: the ISO code of each address country' },
  { resource: 'configurations', method: 'GET', why: "the shop's default language (PS_LANG_DEFAULT), unless the store sets --language, and its time zone (PS_TIMEZONE), unless the store sets --timezone" },
  { resource: 'languages', method: 'GET', why: 'stores check: the languages state names can be pulled in' },
];

interface ReadOptions {
  signal?: AbortSignal;
}

function optionalInteger(value: unknown): number | null {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
  return /^\d+$/.test(text) ? Number(text) : null;
}

/** The first line of a non-XML body (HTML tags dropped), e.g. `Fatal error: Uncaught PrestaShopException: …`. */
function firstTextLine(body: string): string | null {
  for (const raw of body.replace(/<[^>]*>/g, '').split(/\r?\n/)) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (line !== '') return line.length > 300 ? `${line.slice(0, 297)}...` : line;
  }
  return null;
}

function uniqueIds(ids: readonly number[]): number[] {
  return [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))];
}

/** The PrestaShop webservice client of one store. */
export class PrestaShopPlatform implements Platform {
  readonly platformName = 'prestashop';
  private readonly config: WebserviceClientConfig;
  private readonly readRetry: RetryPolicy;
  private readonly idsPerRequest: number;
  private readonly onReadRetry: PrestaShopPlatformOptions['onReadRetry'];
  private readonly xmlParser = createXmlParser();

  constructor(connection: PlatformConnection, options: PrestaShopPlatformOptions) {
    try {
      new URL(connection.baseUrl);
    } catch {
      throw new ValidationError('STORE_BASE_URL_INVALID', `store ${connection.storeName} (#${connection.storeId}): base URL ${JSON.stringify(connection.baseUrl)} is not a valid URL`, {
        hint: `Set it with: ecom-sync stores update ${connection.storeId} --url https://shop.example`,
      });
    }
    this.config = {
      baseUrl: connection.baseUrl,
      apiKey: connection.apiKey,
      storeId: connection.storeId,
      storeName: connection.storeName,
      dispatcher: options.dispatcher,
      totalTimeoutMs: options.totalTimeoutMs,
      format: options.format ?? 'xml',
      urlRewrite: connection.urlRewrite ?? true,
      shopId: connection.shopId ?? null,
      shopGroupId: connection.shopGroupId ?? null,
      ...(options.onCall === undefined ? {} : { onCall: options.onCall }),
    };
    this.readRetry = options.readRetry ?? SPEC_RETRY_POLICY;
    this.idsPerRequest = Math.max(1, options.idsPerRequest ?? 100);
    this.onReadRetry = options.onReadRetry;
  }

  async pullStates(options: { languageId?: number; signal?: AbortSignal } = {}): Promise<PlatformState[]> {
    const query: [string, string][] = [
      ['display', 'full'],
      // No default order on the shop (a real list came back 2,3,...,14,1).
      ['sort', '[id_ASC]'],
    ];
    if (options.languageId !== undefined) query.push(['language', String(options.languageId)]);
    // Every state the pull does not see gets flagged: only a complete, non-empty catalogue is accepted.
    const records = await this.getCollection('order_states', 'order_state', query, options, { complete: true });
    const states = this.mapRecords('order_states', records, (record) => stateFromRecord(record, options.languageId));
    // Sorted here too: a proxy cache or an old version may ignore `sort`.
    return states.sort((a, b) => a.id - b.id);
  }

  async pushState(platformOrderId: number, platformStateId: number, options: PushStateOptions): Promise<PushStateResult> {
    const body = buildOrderHistoryXml(platformOrderId, platformStateId);
    // `sendemail=1`, exactly that spelling, and only when asked: without it no e-mail is sent.
    const query: QueryParams = options.sendEmail ? [['sendemail', '1']] : [];
    // Not idempotent (each POST adds a history row and may e-mail the customer): never retried here.
    const response = await sendWebserviceRequest(this.config, {
      method: 'POST',
      resource: 'order_histories',
      query,
      body,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const record = this.parseResource(response, 'order_history');
    if (record === null) {
      const phpError = firstTextLine(response.body);
      if (phpError === null) {
        // An empty 2xx proves nothing: the order is read before anything else is decided.
        throw new PlatformError('PLATFORM_BAD_RESPONSE', `${this.label()}: POST /api/order_histories answered HTTP ${response.status} with an empty body instead of the created history`, {
          status: response.status,
          retryable: true,
          outcomeUnknown: true,
          hint: 'A proxy or module may be swallowing the answer; the order state is read back before any new attempt.',
        });
      }
      // Debug mode prints the PHP error (an unknown order or state) into a 200.
      throw new PlatformError('PLATFORM_BAD_RESPONSE', `${this.label()}: POST /api/order_histories answered HTTP ${response.status} with a PHP error instead of the created history: ${phpError}`, {
        status: response.status,
        outcomeUnknown: true,
        details: { phpError },
        hint: 'Check on the shop that the order and the state exist (run `ecom-sync states pull`, then check the trigger with `ecom-sync triggers list`).',
      });
    }
    // Done needs evidence: the created history must name this order and this state.
    const named = { order: optionalInteger(record.id_order), state: optionalInteger(record.id_order_state) };
    if (named.order !== platformOrderId || named.state !== platformStateId) {
      throw new PlatformError('PLATFORM_BAD_RESPONSE', `${this.label()}: POST /api/order_histories answered HTTP ${response.status} with a history of order ${named.order ?? '?'} state ${named.state ?? '?'}, not order ${platformOrderId} state ${platformStateId}`, {
        status: response.status,
        retryable: true,
        outcomeUnknown: true,
        hint: 'The answer does not prove the change; the order state is read back before any new attempt.',
      });
    }
    return { historyId: historyIdFromRecord(record) };
  }

  async readStateStatus(platformStateId: number, options: ReadOptions = {}): Promise<PlatformStateStatus> {
    try {
      return await retryPlatformCall(async () => {
        const response = await sendWebserviceRequest(this.config, {
          method: 'GET',
          resource: `order_states/${platformStateId}`,
          query: [],
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
        const record = this.parseResource(response, 'order_state');
        if (record === null) throw this.badResponse(response, `order_states/${platformStateId}`);
        return stateFromRecord(record).deleted ? 'deleted' : 'ok';
      }, this.readRetry, {
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(this.onReadRetry === undefined ? {} : { onRetry: this.onReadRetry }),
      });
    } catch (error) {
      if (error instanceof PlatformError && error.status === 404) return 'missing';
      throw error;
    }
  }

  async readOrderState(platformOrderId: number, options: ReadOptions = {}): Promise<number | null> {
    const states = await this.readOrderStates([platformOrderId], options);
    return states.get(platformOrderId) ?? null;
  }

  /** Current states of many orders, `filter[id]=[a|b|c]` per chunk. Orders missing on the shop are absent from the map. */
  async readOrderStates(platformOrderIds: readonly number[], options: ReadOptions = {}): Promise<Map<number, number>> {
    const result = new Map<number, number>();
    for (const ids of chunks(uniqueIds(platformOrderIds), this.idsPerRequest)) {
      const records = await this.getCollection(
        'orders',
        'order',
        [
          ['display', '[id,current_state]'],
          ['filter[id]', idFilter(ids)],
        ],
        options,
      );
      for (const order of this.mapRecords('orders', records, orderStateFromRecord)) result.set(order.id, order.currentState);
    }
    return result;
  }

  async pullOrders(page: PullOrdersPage): Promise<PlatformOrder[]> {
    // Date filters and date sorts need `date=1` (8.2.1: else 500 code 32/38). id breaks ties so paging is stable.
    const query: [string, string][] = [['display', 'full'], ['date', '1']];
    if (page.since !== undefined && page.sameSecondAfterId !== undefined) {
      // The rest of one busy second: `[x,x]` is an inclusive range, `>[id]` strictly greater.
      query.push(['filter[date_upd]', `[${page.since},${page.since}]`], ['filter[id]', `>[${page.sameSecondAfterId}]`], ['sort', '[id_ASC]']);
    } else {
      query.push(['sort', '[date_upd_ASC,id_ASC]']);
      // `>` is strict on PrestaShop: one second earlier makes it "at or after since" (see shop-time.ts).
      if (page.since !== undefined) query.push(['filter[date_upd]', `>[${page.sinceExclusive ? page.since : oneSecondBefore(page.since)}]`]);
    }
    query.push(['limit', `${page.offset ?? 0},${page.limit}`]);
    const records = await this.getCollection('orders', 'order', query, page);
    return this.mapRecords('orders', records, orderFromRecord);
  }

  async getCountries(ids: number[], options: ReadOptions = {}): Promise<PlatformCountry[]> {
    const result: PlatformCountry[] = [];
    for (const part of chunks(uniqueIds(ids), this.idsPerRequest)) {
      const records = await this.getCollection('countries', 'country', [['display', '[id,iso_code,name]'], ['filter[id]', idFilter(part)]], options);
      result.push(...this.mapRecords('countries', records, (record) => countryFromRecord(record)));
    }
    return result;
  }

  /**
   * One request per needed permission: `GET /api/` (the key works; it lists the methods the key has
   * per resource, which is how POST is checked without writing), then `HEAD` of each resource read.
   * 401 code 26 / 405 code 25 of a working key mean "not ticked"; any other 401 is a refused key.
   */
  async checkAccess(options: ReadOptions = {}): Promise<PlatformAccessReport> {
    const signal = options.signal === undefined ? {} : { signal: options.signal };
    const root = await sendWebserviceRequest(this.config, { method: 'GET', resource: '', query: [], ...signal });
    const listed = apiRootPermissions(root.body);
    let requests = 1;
    const permissions: PlatformPermissionCheck[] = [];
    for (const need of NEEDED_PERMISSIONS) {
      if (need.method === 'POST') {
        const methods = listed.get(need.resource);
        permissions.push({ ...need, ok: listed.size === 0 ? null : methods?.has('post') === true, checkedWith: 'GET /api/' });
        continue;
      }
      requests += 1;
      permissions.push({ ...need, ok: await this.canRead(need.resource, signal), checkedWith: `HEAD ${need.resource}` });
    }
    let shops: PlatformShop[] | null = null;
    if (listed.get('shops')?.has('get') === true) {
      requests += 1;
      const records = await this.getCollection('shops', 'shop', [['display', 'full'], ['sort', '[id_ASC]']], options);
      shops = this.mapRecords('shops', records, shopFromRecord);
    }
    return { permissions, shops, requests };
  }

  /** HEAD of a list: 200 allowed; 401 (a working key) or 405 not allowed. */
  private async canRead(resource: string, signal: { signal?: AbortSignal }): Promise<boolean> {
    try {
      await sendWebserviceRequest(this.config, { method: 'HEAD', resource, query: [['limit', '1']], ...signal });
      return true;
    } catch (error) {
      if (error instanceof PlatformError && (error.code === 'PLATFORM_PERMISSION' || error.status === 401 || error.status === 405)) return false;
      throw error;
    }
  }

  async getOrders(ids: number[], options: ReadOptions = {}): Promise<PlatformOrder[]> {
    return this.getByIds('orders', 'order', ids, orderFromRecord, options);
  }

  async getCustomers(ids: number[], options: ReadOptions = {}): Promise<PlatformCustomer[]> {
    return this.getByIds('customers', 'customer', ids, customerFromRecord, options);
  }

  async getAddresses(ids: number[], options: ReadOptions = {}): Promise<PlatformAddress[]> {
    return this.getByIds('addresses', 'address', ids, addressFromRecord, options);
  }

  async getLanguages(options: ReadOptions = {}): Promise<PlatformLanguage[]> {
    const records = await this.getCollection('languages', 'language', [['display', 'full'], ['sort', '[id_ASC]']], options);
    return this.mapRecords('languages', records, languageFromRecord).sort((a, b) => a.id - b.id);
  }

  async getDefaultLanguageId(options: ReadOptions = {}): Promise<number> {
    const records = await this.getCollection(
      'configurations',
      'configuration',
      [
        ['display', 'full'],
        ['filter[name]', '[PS_LANG_DEFAULT]'],
      ],
      options,
    );
    const value = Number(records[0] === undefined ? '' : configurationValue(records[0]));
    // Language 1 is the install language of every shop: the safest guess when the shop does not say.
    return Number.isSafeInteger(value) && value > 0 ? value : 1;
  }

  async getTimeZone(options: ReadOptions = {}): Promise<string | null> {
    const records = await this.getCollection(
      'configurations',
      'configuration',
      [
        ['display', 'full'],
        ['filter[name]', '[PS_TIMEZONE]'],
      ],
      options,
    );
    const value = records[0] === undefined ? '' : String(configurationValue(records[0]) ?? '').trim();
    return value === '' ? null : value;
  }

  private label(): string {
    return `store ${this.config.storeName} (#${this.config.storeId})`;
  }

  private async getByIds<T>(plural: string, singular: string, ids: readonly number[], map: (record: WebserviceRecord) => T, options: ReadOptions): Promise<T[]> {
    const result: T[] = [];
    for (const part of chunks(uniqueIds(ids), this.idsPerRequest)) {
      const records = await this.getCollection(
        plural,
        singular,
        [
          ['display', 'full'],
          ['filter[id]', idFilter(part)],
        ],
        options,
      );
      result.push(...this.mapRecords(plural, records, map));
    }
    return result;
  }

  /** A GET of a list, repeated on retryable failures (reads are idempotent). */
  private async getCollection(plural: string, singular: string, query: QueryParams, options: ReadOptions, parse: { complete?: boolean } = {}): Promise<WebserviceRecord[]> {
    return retryPlatformCall(
      async () => {
        const response = await sendWebserviceRequest(this.config, {
          method: 'GET',
          resource: plural,
          query,
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
        if (parse.complete) this.assertComplete(response, plural);
        return this.parseCollection(response, plural, singular);
      },
      this.readRetry,
      {
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(this.onReadRetry === undefined ? {} : { onRetry: this.onReadRetry }),
      },
    );
  }

  /**
   * A list every entry of which matters (the state catalogue): an empty 200, a document cut short
   * (no closing `</prestashop>`, JSON that does not parse) or one without any entry is refused.
   */
  private assertComplete(response: WebserviceResponse, plural: string): void {
    const body = response.body.trim();
    const refuse = (why: string) =>
      new PlatformError('PLATFORM_BAD_RESPONSE', `${this.label()}: GET /api/${plural} answered HTTP ${response.status} with ${why}; nothing was changed`, {
        status: response.status,
        hint: 'The answer is not a complete list (a proxy, a PHP error or a cut connection); try again later, and check the shop if it persists.',
      });
    if (body === '') throw refuse('an empty body');
    if (body.startsWith('{') || body.startsWith('[')) {
      let document: unknown;
      try {
        document = JSON.parse(body);
      } catch {
        throw refuse('JSON that is cut short');
      }
      if (jsonCollection(document, plural).length === 0) throw refuse('no entries');
      return;
    }
    if (!/<\/prestashop>$/.test(body)) throw refuse('an XML document that is cut short');
    const root = parsePrestashopXml(this.xmlParser, body);
    if (root === null || xmlCollection(root, plural, plural.replace(/s$/, '')).length === 0) throw refuse('no entries');
  }

  private parseCollection(response: WebserviceResponse, plural: string, singular: string): WebserviceRecord[] {
    if (response.body.trim() === '') return [];
    if (this.config.format === 'json' && /^\s*[[{]/.test(response.body)) {
      const document = parseJsonBody(response.body);
      if (document === undefined) throw this.badResponse(response, plural);
      return jsonCollection(document, plural);
    }
    // XML asked, or JSON asked but the shop answered XML (older versions ignore Output-Format).
    const root = parsePrestashopXml(this.xmlParser, response.body);
    if (root === null) {
      const document = parseJsonBody(response.body);
      if (document !== undefined) return jsonCollection(document, plural);
      throw this.badResponse(response, plural);
    }
    return xmlCollection(root, plural, singular);
  }

  private parseResource(response: WebserviceResponse, singular: string): WebserviceRecord | null {
    const root = parsePrestashopXml(this.xmlParser, response.body);
    if (root !== null) return xmlResource(root, singular);
    const document = parseJsonBody(response.body);
    return document === undefined ? null : jsonResource(document, singular);
  }

  private mapRecords<T>(plural: string, records: WebserviceRecord[], map: (record: WebserviceRecord) => T): T[] {
    try {
      return records.map(map);
    } catch (error) {
      if (!(error instanceof MalformedRecordError)) throw error;
      throw new PlatformError('PLATFORM_BAD_RESPONSE', `${this.label()}: GET /api/${plural} returned ${error.message}`, { cause: error });
    }
  }

  private badResponse(response: WebserviceResponse, plural: string): PlatformError {
    return new PlatformError('PLATFORM_BAD_RESPONSE', `${this.label()}: GET /api/${plural} answered HTTP ${response.status} with a body that is neither PrestaShop XML nor JSON`, {
      status: response.status,
      hint: 'A module or PHP warning may be printing into the webservice output; check the shop with its debug mode.',
    });
  }
}

/** `<api><orders get="true" post="false" …>`: the methods the key has per resource (`12d-api-root.body`). */
function apiRootPermissions(body: string): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  const api = /<api[\s>][\s\S]*<\/api>/.exec(body)?.[0] ?? '';
  for (const match of api.matchAll(/<([a-z_]+) xlink:href="[^"]*"((?:\s+[a-z]+="(?:true|false)")+)\s*>/g)) {
    const [, resource = '', attributes = ''] = match;
    if (result.has(resource)) continue;
    const methods = new Set([...attributes.matchAll(/([a-z]+)="true"/g)].map((m) => m[1] ?? ''));
    result.set(resource, methods);
  }
  return result;
}

export function createPrestaShopPlatform(connection: PlatformConnection, options: PrestaShopPlatformOptions): PrestaShopPlatform {
  return new PrestaShopPlatform(connection, options);
}

import type { Dispatcher } from 'undici';
import { chunks } from '../../chunks.js';
import { PlatformError, ValidationError } from '../../errors.js';
import type {
  Platform,
  PlatformAddress,
  PlatformConnection,
  PlatformCustomer,
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
  customerFromRecord,
  historyIdFromRecord,
  languageFromRecord,
  MalformedRecordError,
  orderFromRecord,
  orderStateFromRecord,
  stateFromRecord,
} from './resource-mappers.js';
import { oneSecondBefore } from './shop-time.js';
import type { WebserviceRecord } from './webservice-record.js';
import { sendWebserviceRequest, type WebserviceClientConfig, type WebserviceFormat, type WebserviceResponse } from './webservice-request.js';
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
}

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
        hint: `Set it with: ecom-sync stores update ${connection.storeId} --base-url https://shop.example`,
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
    const records = await this.getCollection('order_states', 'order_state', query, options);
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
    // Date filters and date sorts need `date=1` (else 400 code 32/38). id breaks ties so paging is stable.
    const query: [string, string][] = [
      ['display', 'full'],
      ['date', '1'],
      ['sort', '[date_upd_ASC,id_ASC]'],
      ['limit', `${page.offset},${page.limit}`],
    ];
    // `>` is strict on PrestaShop: one second earlier makes it "at or after since" (see shop-time.ts).
    if (page.since !== undefined) query.push(['filter[date_upd]', `>[${oneSecondBefore(page.since)}]`]);
    const records = await this.getCollection('orders', 'order', query, page);
    return this.mapRecords('orders', records, orderFromRecord);
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
  private async getCollection(plural: string, singular: string, query: QueryParams, options: ReadOptions): Promise<WebserviceRecord[]> {
    return retryPlatformCall(
      async () => {
        const response = await sendWebserviceRequest(this.config, {
          method: 'GET',
          resource: plural,
          query,
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
        return this.parseCollection(response, plural, singular);
      },
      this.readRetry,
      {
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(this.onReadRetry === undefined ? {} : { onRetry: this.onReadRetry }),
      },
    );
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

export function createPrestaShopPlatform(connection: PlatformConnection, options: PrestaShopPlatformOptions): PrestaShopPlatform {
  return new PrestaShopPlatform(connection, options);
}

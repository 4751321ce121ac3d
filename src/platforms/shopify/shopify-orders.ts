import type { NeutralOrder, OrdersPage, OrdersPageRequest, OrdersWatermark } from '../platform-port.js';
import { ORDER_LINE_ITEMS_QUERY, ORDER_QUERY, ORDERS_PAGE_QUERY } from './graphql/index.js';
import type { GraphqlTransport } from './graphql-transport.js';
import { MalformedOrderError, mapOrder, type ShopifyLineItemNode, type ShopifyOrderNode } from './order-mapper.js';
import { orderGid } from './shopify-catalogue.js';
import { ShopifyPlatformError } from './shopify-errors.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 250;
/** Line items per order in the page query; an order with more is completed by ORDER_LINE_ITEMS_QUERY. */
export const LINES_PER_ORDER = 20;

/**
 * Shopify's search is by the second and inclusive (`>=`): the boundary second is read again and
 * the core skips what it already has, so an order updated in the watermark's second is not lost.
 */
export function updatedAtFilter(since: OrdersWatermark | null): string | null {
  if (since === null) return null;
  const seconds = new Date(Math.floor(Date.parse(since.updatedAt) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return `updated_at:>='${seconds}'`;
}

interface PageData {
  orders: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ShopifyOrderNode[] };
}

export class ShopifyOrdersReader {
  /** A page size the shop's cost limits accepted, learnt from a too-costly answer. */
  private fittingPageSize: number | null = null;

  constructor(private readonly transport: GraphqlTransport, private readonly label: string) {}

  async page(request: OrdersPageRequest): Promise<OrdersPage> {
    let first = Math.max(1, Math.min(MAX_PAGE_SIZE, request.limit || DEFAULT_PAGE_SIZE, this.fittingPageSize ?? MAX_PAGE_SIZE));
    let requests = 0;
    const signalOpt = request.signal ? { signal: request.signal } : {};
    let data: PageData;
    for (;;) {
      try {
        requests += 1;
        data = await this.transport.send<PageData>(ORDERS_PAGE_QUERY, {
          variables: { first, after: request.cursor, query: updatedAtFilter(request.since), lines: LINES_PER_ORDER },
          ...signalOpt,
        });
        break;
      } catch (error) {
        // The shop's bucket or single-query limit is smaller than this page: fewer orders per page.
        if (!(error instanceof ShopifyPlatformError) || error.code !== 'SHOPIFY_QUERY_TOO_COSTLY' || first === 1) throw error;
        const requested = Number(error.details?.requestedQueryCost);
        const maximum = Number(error.details?.maximumAvailable ?? 1000);
        first = Number.isFinite(requested) && requested > 0 ? Math.max(1, Math.min(first - 1, Math.floor((first * maximum) / requested * 0.9))) : Math.max(1, Math.floor(first / 2));
        this.fittingPageSize = first;
      }
    }
    const orders: NeutralOrder[] = [];
    for (const node of data.orders.nodes) {
      const mapped = await this.complete(node, request.signal);
      orders.push(mapped.order);
      requests += mapped.requests;
    }
    // Shopify sorts by updated_at; ties are put in id order here, as the port promises.
    orders.sort((a, b) => (a.updatedAt === b.updatedAt ? a.idOrigin - b.idOrigin : a.updatedAt < b.updatedAt ? -1 : 1));
    return { orders, nextCursor: data.orders.pageInfo.hasNextPage ? data.orders.pageInfo.endCursor : null, requests, warnings: [] };
  }

  /** One order as it is now, or null when the shop has none with that id. */
  async one(idOrigin: number, signal?: AbortSignal): Promise<NeutralOrder | null> {
    const data = await this.transport.send<{ order: ShopifyOrderNode | null }>(ORDER_QUERY, { variables: { id: orderGid(idOrigin), lines: LINES_PER_ORDER }, ...(signal ? { signal } : {}) });
    return data.order === null ? null : (await this.complete(data.order, signal)).order;
  }

  private async complete(node: ShopifyOrderNode, signal?: AbortSignal): Promise<{ order: NeutralOrder; requests: number }> {
    let extra: ShopifyLineItemNode[] = [];
    let requests = 0;
    if (node.lineItems.pageInfo.hasNextPage) {
      const more = await this.remainingLines(node, signal);
      extra = more.lines;
      requests = more.requests;
    }
    try {
      return { order: mapOrder(node, extra), requests };
    } catch (error) {
      if (error instanceof MalformedOrderError) {
        throw new ShopifyPlatformError('PLATFORM_BAD_RESPONSE', `${this.label}: a malformed order came back: ${error.message}`, { kind: 'bad-response', message: error.message });
      }
      throw error;
    }
  }

  private async remainingLines(node: ShopifyOrderNode, signal?: AbortSignal): Promise<{ lines: ShopifyLineItemNode[]; requests: number }> {
    const lines: ShopifyLineItemNode[] = [];
    let requests = 0;
    // The first LINES_PER_ORDER came with the page; read the rest from the start of the second page.
    let after: string | null = node.lineItems.pageInfo.endCursor ?? null;
    let skip = after === null ? node.lineItems.nodes.length : 0;
    for (;;) {
      requests += 1;
      const data = await this.transport.send<{ order: { lineItems: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ShopifyLineItemNode[] } } | null }>(
        ORDER_LINE_ITEMS_QUERY, { variables: { id: orderGid(Number(node.legacyResourceId)), after }, ...(signal ? { signal } : {}) },
      );
      if (data.order === null) break;
      const nodes = data.order.lineItems.nodes.slice(skip);
      skip = 0;
      lines.push(...nodes);
      if (!data.order.lineItems.pageInfo.hasNextPage) break;
      after = data.order.lineItems.pageInfo.endCursor;
    }
    return { lines, requests };
  }
}

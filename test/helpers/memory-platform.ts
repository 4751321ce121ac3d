import type { App } from '../../src/app-types.js';
import { PlatformError } from '../../src/errors.js';
import type {
  CatalogueState,
  ErrorClass,
  NeutralOrder,
  OrdersPage,
  OrdersPageRequest,
  PlatformPort,
  PushOptions,
  PushOrder,
  PushPreview,
  PushResult,
  PushState,
  PushTarget,
  StoreCheckReport,
  TargetStatus,
} from '../../src/platforms/platform-port.js';

/**
 * A platform that lives in memory: no HTTP, no platform of its own. The core (orders, sync) is
 * tested against it so that its guarantees are shown without PrestaShop, Shopify or WooCommerce.
 * Every call is recorded in `calls`, in order, so a test can tell a read came before a repeat.
 */
export type MemoryFault =
  /** The write is applied, then the answer is a 500: outcome unknown. */
  | 'apply-then-500'
  /** The write is applied, then the connection drops (no answer at all): outcome unknown. */
  | 'apply-then-drop'
  /** Nothing is applied and the answer is a 500: outcome unknown (the read says not applied). */
  | 'not-applied-500'
  /** Refused before anything happened (a 503 with nothing applied): retryable. */
  | 'unavailable'
  /** The key is refused. */
  | 'credentials'
  /** The platform does not take this target (an unknown code). */
  | 'bad-target';

export interface MemoryCall {
  method: 'push' | 'readPushState' | 'readTargetStatus' | 'pullStateCatalogue' | 'pullOrdersPage' | 'readOrder' | 'check';
  idOrigin?: number;
  code?: string;
  sendEmail?: boolean;
}

/** An error of the memory platform that knows its class, as the real clients' errors do. */
class MemoryPlatformError extends PlatformError {
  constructor(message: string, readonly errorClass: ErrorClass, status?: number) {
    super('PLATFORM_REJECTED', message, {
      retryable: errorClass.kind === 'retryable' || errorClass.kind === 'outcome-unknown',
      outcomeUnknown: errorClass.kind === 'outcome-unknown',
      ...(status === undefined ? {} : { status, details: { statusLine: `HTTP ${status}` } }),
    });
  }
}

export class MemoryPlatform implements PlatformPort {
  readonly kind = 'prestashop' as const;
  readonly capabilities = { stateCatalogue: 'pulled', emailPerPush: true, webhooks: false } as const;
  /** The shop's orders: id → current state code. */
  readonly orders = new Map<number, string>();
  readonly catalogue: CatalogueState[];
  readonly calls: MemoryCall[] = [];
  /** Writes the shop applied (a write whose answer was lost still counts here). */
  readonly applied: Array<{ idOrigin: number; code: string }> = [];
  private readonly faults: MemoryFault[] = [];

  constructor(states: Array<{ code: string; name: string; deleted?: boolean }>, orders: Array<{ idOrigin: number; code: string }>) {
    this.catalogue = states.map((s, i) => ({ code: s.code, platformId: i + 1, name: s.name, deleted: s.deleted === true, sendsEmail: false, final: false }));
    for (const order of orders) this.orders.set(order.idOrigin, order.code);
  }

  /** The next pushes fail this way, one fault each, in order. */
  failNextPush(...faults: MemoryFault[]): void {
    this.faults.push(...faults);
  }

  /** Pushes that reached the shop, applied or not. */
  pushes(): MemoryCall[] {
    return this.calls.filter((c) => c.method === 'push');
  }

  pullStateCatalogue(): Promise<CatalogueState[]> {
    this.calls.push({ method: 'pullStateCatalogue' });
    return Promise.resolve(this.catalogue.map((s) => ({ ...s })));
  }

  pullOrdersPage(_request: OrdersPageRequest): Promise<OrdersPage> {
    this.calls.push({ method: 'pullOrdersPage' });
    return Promise.resolve({ orders: [], nextCursor: null, requests: 1, warnings: [] });
  }

  readOrder(idOrigin: number): Promise<NeutralOrder | null> {
    this.calls.push({ method: 'readOrder', idOrigin });
    return Promise.resolve(null);
  }

  push(order: PushOrder, target: PushTarget, options: PushOptions): Promise<PushResult> {
    this.calls.push({ method: 'push', idOrigin: order.idOrigin, code: target.code, sendEmail: options.sendEmail });
    const fault = this.faults.shift();
    if (!this.orders.has(order.idOrigin)) return Promise.reject(new MemoryPlatformError(`order ${order.idOrigin} does not exist`, { kind: 'bad-target', message: `order ${order.idOrigin} does not exist` }, 404));
    if (fault === 'credentials') return Promise.reject(new MemoryPlatformError('the key is refused', { kind: 'credentials', message: 'the key is refused' }, 401));
    if (fault === 'unavailable') return Promise.reject(new MemoryPlatformError('the shop is unavailable', { kind: 'retryable' }, 503));
    const state = this.catalogue.find((s) => s.code === target.code);
    if (fault === 'bad-target' || state === undefined) {
      return Promise.reject(new MemoryPlatformError(`state ${target.code} is not a state of this shop`, { kind: 'bad-target', message: `state ${target.code} is not a state of this shop` }, 400));
    }
    if (fault === 'not-applied-500') return Promise.reject(new MemoryPlatformError('the shop failed', { kind: 'outcome-unknown' }, 500));
    const alreadyThere = this.orders.get(order.idOrigin) === target.code;
    this.orders.set(order.idOrigin, target.code);
    this.applied.push({ idOrigin: order.idOrigin, code: target.code });
    if (fault === 'apply-then-500') return Promise.reject(new MemoryPlatformError('the shop failed after saving', { kind: 'outcome-unknown' }, 500));
    if (fault === 'apply-then-drop') return Promise.reject(new MemoryPlatformError('the connection dropped', { kind: 'outcome-unknown' }));
    return Promise.resolve({ evidence: 'answer', alreadyThere, warnings: [] });
  }

  readPushState(order: PushOrder, target: PushTarget): Promise<PushState> {
    this.calls.push({ method: 'readPushState', idOrigin: order.idOrigin, code: target.code });
    const current = this.orders.get(order.idOrigin);
    if (current === undefined) return Promise.resolve({ kind: 'order-missing' });
    return Promise.resolve(current === target.code ? { kind: 'applied' } : { kind: 'not-applied', currentCode: current });
  }

  readTargetStatus(target: PushTarget): Promise<TargetStatus> {
    this.calls.push({ method: 'readTargetStatus', code: target.code });
    const state = this.catalogue.find((s) => s.code === target.code);
    return Promise.resolve(state === undefined ? 'missing' : state.deleted ? 'deleted' : 'active');
  }

  describePush(order: PushOrder, target: PushTarget, options: Omit<PushOptions, 'signal'>): PushPreview {
    const body = JSON.stringify({ order: order.idOrigin, state: target.code });
    return { requests: [{ method: 'PUT', url: `memory://orders/${order.idOrigin}`, body }], summary: `order ${order.idOrigin} → ${target.code}`, customerEmail: options.sendEmail, notes: [] };
  }

  classify(error: unknown): ErrorClass {
    if (error instanceof MemoryPlatformError) return error.errorClass;
    return { kind: 'refused', message: error instanceof Error ? error.message : String(error) };
  }

  check(): Promise<StoreCheckReport> {
    this.calls.push({ method: 'check' });
    return Promise.resolve({ shop: 'memory', items: [] });
  }
}

/** Makes every store of the app reach `port` (the app's own registry is kept for closing). */
export function usePlatformPort(app: App, port: PlatformPort): void {
  const registry = app.platforms;
  app.platforms = { ...registry, portForStore: () => Promise.resolve(port), close: () => registry.close() };
}

import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';
import type { SandboxClock } from './sandbox-clock.js';

/**
 * The sandbox's cost model, a simplification of Shopify's: a mutation costs 10; an object field 1;
 * a connection 2 + `first` (nested connections are not multiplied, unlike Shopify's). Enough to
 * exercise throttling; a real shop charges more for nested pages.
 */
export function requestedCost(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const value = (node: ValueNode): number => {
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.VARIABLE) return Number(variables[node.name.value] ?? 0);
    return 0;
  };
  const walk = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    let cost = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.selectionSet === undefined) continue;
        const first = selection.arguments?.find((a) => a.name.value === 'first');
        cost += (first ? 2 + value(first.value) : 1) + walk(selection.selectionSet, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += walk(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        cost += walk(fragments.get(selection.name.value)?.selectionSet, new Set([...seen, selection.name.value]));
      }
    }
    return cost;
  };
  const fields = walk(operation.selectionSet, new Set());
  return operation.operation === 'mutation' ? 10 + Math.max(0, fields - 1) : Math.max(1, fields);
}

export interface BucketOptions {
  /** Points the bucket holds (Shopify Standard: 100 per second restore; the tests use 100). */
  maximum: number;
  /** Points per second it refills. */
  restoreRate: number;
}

/** The leaky bucket of one shop, on the sandbox clock. */
export class SandboxCostBucket {
  private available: number;
  private at: number;

  constructor(private readonly clock: SandboxClock, public options: BucketOptions) {
    this.available = options.maximum;
    this.at = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.available = Math.min(this.options.maximum, this.available + (this.options.restoreRate * Math.max(0, now - this.at)) / 1000);
    this.at = now;
  }

  /** Takes `cost` points when they are there; false (nothing taken) when the request is throttled. */
  take(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  /** Empties the bucket (to script a THROTTLED answer). */
  drain(): void {
    this.refill();
    this.available = 0;
  }

  status() {
    this.refill();
    return { maximumAvailable: this.options.maximum, currentlyAvailable: Math.floor(this.available), restoreRate: this.options.restoreRate };
  }
}

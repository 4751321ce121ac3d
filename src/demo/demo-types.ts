import type { SetOrderStatusResult } from '../orders/status-change-types.js';

/** The platforms `ecom-sync demo --platform` can run against (each has a built-in sandbox). */
export const DEMO_PLATFORMS = ['prestashop', 'shopify', 'woocommerce'] as const;
export type DemoPlatform = (typeof DEMO_PLATFORMS)[number];

export interface DemoStep {
  step: number;
  title: string;
  lines: string[];
}

export interface DemoOptions {
  onStep?(step: DemoStep): void;
  signal?: AbortSignal;
  /** Orders seeded in the sandbox and imported (default 8). */
  orders?: number;
}

/** One write the sandbox received: `POST /api/order_histories`, a GraphQL mutation, a PUT. */
export interface DemoPush {
  request: string;
  /** What it asked for: the mutation and its variables, the body. */
  detail: string;
}

/** What every demo reports (`--json`), whichever the platform. */
export interface DemoReportBase {
  ok: boolean;
  platform: DemoPlatform;
  directory: string;
  sandbox_url: string;
  steps: DemoStep[];
  status_change: SetOrderStatusResult | null;
  /** The writes the sandbox received while the order's state changed: exactly one is the point. */
  pushes: DemoPush[];
  /** Every request the sandbox received meanwhile, the reads before a write included. */
  requests_during_change: number;
}

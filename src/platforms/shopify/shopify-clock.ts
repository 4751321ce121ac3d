/** Time as the client sees it: injected so throttling waits and token expiry are testable without real time. */
export interface ShopifyClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

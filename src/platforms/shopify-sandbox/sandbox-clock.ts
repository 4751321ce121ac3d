/** The sandbox's time: settable in tests so bucket refills and token expiry need no real waiting. */
export interface SandboxClock {
  now(): number;
}

export class SettableClock implements SandboxClock {
  constructor(private current: number | null = null) {}
  now(): number {
    return this.current ?? Date.now();
  }
  set(ms: number): void {
    this.current = ms;
  }
  advance(ms: number): void {
    this.current = this.now() + ms;
  }
}

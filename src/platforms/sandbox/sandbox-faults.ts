/**
 * Scripted misbehaviour of the sandbox: errors, commits followed by a 500 or a dropped socket,
 * dropped connections and latency. Faults are consumed in the order they were armed; each one
 * may be restricted to a method and a path (exact, a sub-path of it, or a RegExp).
 */
export interface FaultMatch {
  method?: string;
  path?: string | RegExp;
}

export interface FailNextOptions extends FaultMatch {
  /** Sent as `Retry-After` (seconds), meaningful for 429 and 503. */
  retryAfterSeconds?: number;
  /** PrestaShop error code and message of the body; sensible defaults per status. */
  code?: number;
  message?: string;
}

export type FaultKind = 'fail' | 'commitThen500' | 'drop' | 'commitThenDrop' | 'answer';

export interface AnswerNextOptions extends FaultMatch {
  /** Apply the request for real before sending the scripted answer (default: apply nothing). */
  commit?: boolean;
  contentType?: string;
}

export interface ArmedFault {
  kind: FaultKind;
  remaining: number;
  match: FaultMatch;
  status?: number;
  retryAfterSeconds?: number;
  code?: number;
  message?: string;
  /** `answer`: the scripted body, content type and whether the request is applied first. */
  body?: string;
  contentType?: string;
  commit?: boolean;
}

export interface SandboxFaults {
  /** Answer the next `count` matching requests with `status` and a PrestaShop error body, applying nothing. */
  failNext(count: number, status: number, options?: FailNextOptions): void;
  /** Apply the next `count` matching requests for real, then answer 500 code 46 "Unable to save resource". */
  commitThen500(count: number, options?: FaultMatch): void;
  /** Destroy the socket of the next `count` matching requests before applying them. */
  dropConnection(count: number, options?: FaultMatch): void;
  /** Apply the next `count` matching requests, then destroy the socket without answering. */
  commitThenDrop(count: number, options?: FaultMatch): void;
  /**
   * Answer the next `count` matching requests with exactly this status and body — a lying or
   * truncated answer (a 201 with an empty body, an unrelated history, a PHP error in a 200, an
   * empty 200, a cut document); nothing is applied unless `commit`.
   */
  answerNext(count: number, status: number, body: string, options?: AnswerNextOptions): void;
  /** Latency added to every following request; clear() restores the start-up latency. */
  setLatency(ms: number): void;
  readonly latencyMs: number;
  /** Faults still armed (for assertions). */
  readonly pending: readonly ArmedFault[];
  clear(): void;
  /** Takes (consumes) the first armed fault matching this request. */
  take(method: string, path: string): ArmedFault | undefined;
}

export function createSandboxFaults(initialLatencyMs = 0): SandboxFaults {
  let armed: ArmedFault[] = [];
  let latencyMs = initialLatencyMs;
  const arm = (fault: ArmedFault): void => {
    if (!Number.isInteger(fault.remaining) || fault.remaining < 1) throw new RangeError('fault count must be a positive integer');
    armed.push(fault);
  };
  const matchOf = (o: FaultMatch | undefined): FaultMatch => ({
    ...(o?.method !== undefined ? { method: o.method } : {}),
    ...(o?.path !== undefined ? { path: o.path } : {}),
  });
  return {
    failNext(count, status, options) {
      arm({
        kind: 'fail', remaining: count, status, match: matchOf(options),
        ...(options?.retryAfterSeconds !== undefined ? { retryAfterSeconds: options.retryAfterSeconds } : {}),
        ...(options?.code !== undefined ? { code: options.code } : {}),
        ...(options?.message !== undefined ? { message: options.message } : {}),
      });
    },
    commitThen500(count, options) {
      arm({ kind: 'commitThen500', remaining: count, match: matchOf(options) });
    },
    dropConnection(count, options) {
      arm({ kind: 'drop', remaining: count, match: matchOf(options) });
    },
    commitThenDrop(count, options) {
      arm({ kind: 'commitThenDrop', remaining: count, match: matchOf(options) });
    },
    answerNext(count, status, body, options) {
      arm({
        kind: 'answer', remaining: count, status, body, match: matchOf(options), commit: options?.commit === true,
        ...(options?.contentType !== undefined ? { contentType: options.contentType } : {}),
      });
    },
    setLatency(ms) {
      latencyMs = Math.max(0, ms);
    },
    get latencyMs() {
      return latencyMs;
    },
    get pending() {
      return armed;
    },
    clear() {
      armed = [];
      latencyMs = initialLatencyMs;
    },
    take(method, path) {
      const fault = armed.find((f) => matches(f.match, method, path));
      if (!fault) return undefined;
      fault.remaining -= 1;
      if (fault.remaining === 0) armed = armed.filter((f) => f !== fault);
      return { ...fault };
    },
  };
}

function matches(match: FaultMatch, method: string, path: string): boolean {
  if (match.method !== undefined && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.path === undefined) return true;
  if (match.path instanceof RegExp) return match.path.test(path);
  const want = match.path.replace(/\/+$/, '');
  return path === want || path.startsWith(`${want}/`);
}

/** Default error body of a failNext fault. */
export function defaultFaultError(status: number): { code: number; message: string } {
  switch (status) {
    case 401:
      return { code: 20, message: 'Authentification key is not active' };
    case 404:
      return { code: 87, message: 'Id(s) not exists' };
    case 429:
      return { code: 0, message: 'Too Many Requests' };
    case 503:
      return { code: 22, message: 'The PrestaShop webservice is disabled. Please activate it in the PrestaShop Back Office' };
    default:
      return status >= 500 ? { code: 46, message: 'Unable to save resource' } : { code: 0, message: `HTTP ${status}` };
  }
}

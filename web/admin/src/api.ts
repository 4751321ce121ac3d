/** The daemon's REST API with the bearer token kept in this tab's sessionStorage (never a cookie or a URL). */
const TOKEN_KEY = 'ecom-sync.admin.token';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly hint: string | null) {
    super(message);
  }
}

let unauthorized: (message: string) => void = () => {};

/** Called when the daemon answers 401: the page returns to the sign-in form. */
export function onUnauthorized(handler: (message: string) => void): void {
  unauthorized = handler;
}

export const getToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const setToken = (token: string): void => sessionStorage.setItem(TOKEN_KEY, token);
export const clearToken = (): void => sessionStorage.removeItem(TOKEN_KEY);

export async function api<T>(path: string, options: { method?: string; body?: unknown; token?: string } = {}): Promise<T> {
  const token = options.token ?? getToken() ?? '';
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method: options.method ?? 'GET', headers, credentials: 'omit', ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'the daemon does not answer', 'Check that `ecom-sync daemon` is running.');
  }
  const data = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; hint?: string } } | null;
  if (!response.ok) {
    const error = new ApiError(response.status, data?.error?.code ?? `HTTP_${response.status}`, data?.error?.message ?? `HTTP ${response.status}`, data?.error?.hint ?? null);
    if (response.status === 401 && options.token === undefined) {
      clearToken();
      unauthorized(error.message);
    }
    throw error;
  }
  return data as T;
}

/** DB timestamps arrive as epoch ms (sync jobs) or 'YYYY-MM-DD HH:MM:SS' strings (UTC). */
export function formatTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = typeof value === 'number' ? new Date(value) : new Date(/Z|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString('it-IT', { dateStyle: 'short', timeStyle: 'medium' });
}

export function formatAge(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86400)} d`;
}

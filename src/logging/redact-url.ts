/**
 * Secrets that travel inside URLs, kept out of output, logs and errors: the user info of
 * `scheme://user:password@host` and query parameters with a secret's name (`?token=…`, `?ws_key=…`).
 */

const REDACTED = '[redacted]';

/** Query parameter names whose values are secrets: these, or ending in them after `_` / `-` (access_token, x-api-key). */
const SENSITIVE_NAMES = ['token', 'key', 'ws_key', 'api_key', 'apikey', 'secret', 'password', 'passwd', 'pwd', 'authorization', 'auth'];

export function isSensitiveParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return SENSITIVE_NAMES.some((secret) => lower === secret || lower.endsWith(`_${secret}`) || lower.endsWith(`-${secret}`));
}

/** `/path?token=abc&page=2` → `/path?token=[redacted]&page=2`; the path and other parameters stay as they are. */
export function redactQuery(pathAndQuery: string): string {
  const hash = pathAndQuery.indexOf('#');
  const withoutHash = hash === -1 ? pathAndQuery : pathAndQuery.slice(0, hash);
  const question = withoutHash.indexOf('?');
  if (question === -1) return withoutHash;
  const parts = withoutHash.slice(question + 1).split('&').map((part) => {
    const equals = part.indexOf('=');
    const rawName = equals === -1 ? part : part.slice(0, equals);
    let name = rawName;
    try { name = decodeURIComponent(rawName.replace(/\+/g, ' ')); } catch { /* a malformed name is checked as written */ }
    return equals !== -1 && isSensitiveParameter(name) ? `${rawName}=${REDACTED}` : part;
  });
  return `${withoutHash.slice(0, question)}?${parts.join('&')}`;
}

/**
 * Hides the user info of a URL. The host starts after the LAST `@` (a password may hold an
 * unencoded `@`, `/` or `:`), so everything between `://` and that `@` is treated as user info.
 * `keepUser` shows the user name (database URLs: `postgres://app:***@db/shop`); otherwise the
 * whole user info is hidden (a store URL may carry a webservice key as its user name). Sensitive
 * query parameters are redacted too. Text that is not `scheme://…` is returned as it is.
 */
export function maskUrlCredentials(url: string, options: { keepUser?: boolean } = {}): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (scheme === null) return url;
  const rest = url.slice(scheme[0].length);
  const at = rest.lastIndexOf('@');
  const masked = at === -1 ? rest : `${maskUserInfo(rest.slice(0, at), options.keepUser === true)}@${rest.slice(at + 1)}`;
  return `${scheme[0]}${redactQuery(masked)}`;
}

function maskUserInfo(userInfo: string, keepUser: boolean): string {
  if (!keepUser) return '***';
  const colon = userInfo.indexOf(':');
  return colon === -1 ? userInfo : `${userInfo.slice(0, colon)}:***`;
}

/** Whether a URL carries user info (`user@` or `user:password@` before its host). */
export function hasUrlCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url);
  }
}

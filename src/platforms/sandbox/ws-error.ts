/**
 * A PrestaShop webservice error answer (status + numbered errors). Thrown inside request handling
 * and turned into `<prestashop><errors>…` or `{"errors":[…]}` by the router; never escapes the sandbox.
 * PrestaShop 8.2.1 often sends several entries in one answer (a wrong key: 20 then 21; a bad filter:
 * the error then code-3 PHP warnings), so `more` carries the entries after the first.
 */
export interface WsErrorEntry {
  code: number;
  message: string;
}

export class WsError extends Error {
  constructor(
    readonly status: number,
    readonly wsCode: number,
    message: string,
    readonly more: readonly WsErrorEntry[] = [],
    /** Extra response headers (the wrong key's `WWW-Authenticate`, `PSWS-Version: 0`). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'WsError';
  }

  get entries(): WsErrorEntry[] {
    return [{ code: this.wsCode, message: this.message }, ...this.more];
  }
}

/**
 * The four warnings 8.2.1 appends after a filter or sort error it answers with 500
 * (`04b-*`, `12-*` of the real recordings).
 */
export function arrayOffsetWarnings(): WsErrorEntry[] {
  return [1333, 1334, 1335, 1336].map((line) => ({
    code: 3,
    message: `[PHP Warning #2] Trying to access array offset on value of type bool (/var/www/prestashop/classes/webservice/WebserviceRequest.php, line ${line})`,
  }));
}

export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

export function xmlErrorsBody(entries: readonly WsErrorEntry[]): string {
  const inner = entries.map((e) => `<error>\n<code>${cdata(String(e.code))}</code>\n<message>${cdata(e.message)}</message>\n</error>\n`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n<errors>\n${inner}</errors>\n</prestashop>\n`;
}

export function xmlErrorBody(code: number, message: string): string {
  return xmlErrorsBody([{ code, message }]);
}

export function jsonErrorsBody(entries: readonly WsErrorEntry[]): string {
  return JSON.stringify({ errors: entries.map((e) => ({ code: e.code, message: e.message })) });
}

export function jsonErrorBody(code: number, message: string): string {
  return jsonErrorsBody([{ code, message }]);
}

/**
 * A PrestaShop webservice error answer (status + numbered error). Thrown inside request handling
 * and turned into `<prestashop><errors>…` or `{"errors":[…]}` by the router; never escapes the sandbox.
 */
export class WsError extends Error {
  constructor(
    readonly status: number,
    readonly wsCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'WsError';
  }
}

export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

export function xmlErrorBody(code: number, message: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n<errors>\n<error>\n' +
    `<code>${cdata(String(code))}</code>\n<message>${cdata(message)}</message>\n</error>\n</errors>\n</prestashop>\n`
  );
}

export function jsonErrorBody(code: number, message: string): string {
  return JSON.stringify({ errors: [{ code, message }] });
}

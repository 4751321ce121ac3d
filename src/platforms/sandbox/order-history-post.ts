/**
 * POST /api/order_histories as PrestaShop 8 handles it: validation errors 127 / 91 / 41 / 85
 * before anything is written; an unknown order or an unknown/deleted state is not validated
 * up front and ends in an uncaught PHP error (500, HTML body); success changes the order for
 * real and adds a history row every time (never idempotent).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { SandboxShop } from './sandbox-shop.js';
import type { SandboxOrderHistory } from './shop-types.js';
import { WsError } from './ws-error.js';

export class PhpFatalError extends Error {
  constructor(readonly body: string) {
    super('uncaught PHP error');
    this.name = 'PhpFatalError';
  }
}

const parser = (): XMLParser => new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

/** Request bodies may also arrive as a form field `xml=…`, which PrestaShop accepts too. */
export function extractXml(body: string, contentType: string | undefined): string {
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    const xml = new URLSearchParams(body).get('xml');
    if (xml !== null) return xml;
  }
  return body;
}

export function postOrderHistory(shop: SandboxShop, xml: string, sendEmail: boolean): SandboxOrderHistory {
  if (xml.trim() === '' || XMLValidator.validate(xml) !== true) {
    throw new WsError(500, 127, 'XML error : String could not be parsed as XML');
  }
  const doc = parser().parse(xml) as Record<string, unknown>;
  const root = doc.prestashop as Record<string, unknown> | undefined;
  const node = root && typeof root === 'object' ? (root.order_history as Record<string, unknown> | undefined) : undefined;
  if (!node || typeof node !== 'object') throw new WsError(400, 41, 'parameter "id_order" required');
  if ('id' in node) throw new WsError(400, 91, 'id is forbidden when adding a new resource');
  const idOrder = readId(node, 'id_order');
  const idState = readId(node, 'id_order_state');

  const order = shop.orders.get(idOrder);
  if (!order) throw new PhpFatalError(fatal(`Can't load Order object`, 'classes/order/OrderHistory.php', 95));
  const state = shop.orderStates.get(idState);
  if (!state || state.deleted) throw new PhpFatalError(fatal(`Can't load OrderState object`, 'classes/order/OrderHistory.php', 103));
  return shop.changeOrderState(idOrder, idState, { employeeId: 0, sendEmail });
}

function readId(node: Record<string, unknown>, name: 'id_order' | 'id_order_state'): number {
  const raw = node[name];
  if (raw === undefined || raw === '' || raw === null) throw new WsError(400, 41, `parameter "${name}" required`);
  const text = String(typeof raw === 'object' ? '' : raw).trim();
  if (!/^\d+$/.test(text) || Number(text) === 0) {
    throw new WsError(400, 85, `Validation error: "Property OrderHistory->${name} is not valid"`);
  }
  return Number(text);
}

function fatal(message: string, file: string, line: number): string {
  return (
    `<br />\n<b>Fatal error</b>:  Uncaught PrestaShopException: ${message} in /var/www/html/${file}:${line}\n` +
    'Stack trace:\n#0 /var/www/html/classes/webservice/WebserviceRequest.php(1596): OrderHistory-&gt;add()\n' +
    `#1 {main}\n  thrown in <b>/var/www/html/${file}</b> on line <b>${line}</b><br />\n`
  );
}

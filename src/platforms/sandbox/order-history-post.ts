/**
 * POST /api/order_histories as PrestaShop 8.2.1 handles it: validation errors 127 / 91 / 41 / 85
 * before anything is written; an unknown order or an unknown state is not validated up front and
 * ends in an uncaught PHP exception, nothing written: production mode answers a bare 500 with an
 * empty body (`07-*`, `07b-*`), debug mode 200 with the PHP fatal error as text (`15c-*`). A
 * soft-deleted state (`deleted=1`) is accepted and applied (`13-*`). Success changes the order
 * for real and adds a history row every time (never idempotent).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { SandboxShop } from './sandbox-shop.js';
import type { SandboxOrderHistory } from './shop-types.js';
import { WsError } from './ws-error.js';

/** An uncaught PHP exception; the router renders it as production or debug mode would. */
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
  if (xml.trim() === '') {
    throw new WsError(500, 127, 'XML error : String could not be parsed as XMLXML length : 0Original XML : ');
  }
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    // 8.2.1 first prints SimpleXML's warnings (code 3), then code 127 (`07e-post-malformed-xml.*`).
    const warning = (text: string) => ({ code: 3, message: `[PHP Warning #2] SimpleXMLElement::__construct(): ${text} (/var/www/prestashop/classes/webservice/WebserviceRequest.php, line 1544)` });
    throw new WsError(500, 3, warning(`Entity: line ${validation.err.line}: parser error : ${validation.err.msg}`).message, [
      warning(xml.split('\n')[0] ?? ''),
      warning('^'),
      { code: 127, message: 'XML error : String could not be parsed as XML' },
    ]);
  }
  const doc = parser().parse(xml) as Record<string, unknown>;
  const root = doc.prestashop as Record<string, unknown> | undefined;
  const node = root && typeof root === 'object' ? (root.order_history as Record<string, unknown> | undefined) : undefined;
  if (!node || typeof node !== 'object') throw new WsError(400, 41, 'parameter "id_order" required');
  if ('id' in node) throw new WsError(400, 91, 'id is forbidden when adding a new resource');
  const idOrder = readId(node, 'id_order');
  const idState = readId(node, 'id_order_state');

  const order = shop.orders.get(idOrder);
  if (!order) throw new PhpFatalError(fatal(`Can't load Order object`));
  if (!shop.orderStates.has(idState)) throw new PhpFatalError(fatal('Invalid new order status'));
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

/** The text PHP prints for an uncaught exception with display_errors on (`15c-devmode-post-bad-state.body`). */
function fatal(message: string): string {
  return (
    `\nFatal error: Uncaught PrestaShopException: ${message} in /var/www/prestashop/classes/order/OrderHistory.php:365\n` +
    'Stack trace:\n#0 /var/www/prestashop/classes/order/OrderHistory.php(603): OrderHistoryCore->changeIdOrderState()\n' +
    '#1 /var/www/prestashop/classes/webservice/WebserviceRequest.php(1671): OrderHistoryCore->addWs()\n' +
    '#2 /var/www/prestashop/classes/webservice/WebserviceRequest.php(1446): WebserviceRequestCore->saveEntityFromXml()\n' +
    '#3 /var/www/prestashop/classes/webservice/WebserviceRequest.php(582): WebserviceRequestCore->executeEntityPost()\n' +
    '#4 /var/www/prestashop/webservice/dispatcher.php(94): WebserviceRequestCore->fetch()\n' +
    '#5 {main}\n  thrown in /var/www/prestashop/classes/order/OrderHistory.php on line 365\n'
  );
}

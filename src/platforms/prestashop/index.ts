export { createPrestaShopPlatform, PrestaShopPlatform, type PrestaShopPlatformOptions } from './prestashop-platform.js';
export { buildOrderHistoryXml } from './order-history-xml.js';
export { httpStatusLine, parseRetryAfterMs } from './prestashop-errors.js';
export type { WebserviceFormat } from './webservice-request.js';
export { createPrestaShopPort, classifyPrestaShopError, PrestaShopPort, type PrestaShopPortOptions } from './prestashop-port.js';

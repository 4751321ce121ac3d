import { ValidationError } from '../../errors.js';

function assertId(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new ValidationError('PLATFORM_ID_INVALID', `${what} must be a positive integer, got ${String(value)}`);
  }
}

/**
 * The body of `POST /api/order_histories`, exactly as the spec writes it. Only `id_order` and
 * `id_order_state`: an `<id>` would be refused (code 91) and PrestaShop fills in the rest.
 */
export function buildOrderHistoryXml(platformOrderId: number, platformStateId: number): string {
  assertId(platformOrderId, 'the platform order id');
  assertId(platformStateId, 'the platform state id');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">',
    '  <order_history>',
    `    <id_order>${platformOrderId}</id_order>`,
    `    <id_order_state>${platformStateId}</id_order_state>`,
    '  </order_history>',
    '</prestashop>',
    '',
  ].join('\n');
}

import type { ShopifyDocument } from './shopify-document.js';

/** `stores check`: who the shop is and which scopes the app was granted. */
export const SHOP_CHECK_QUERY: ShopifyDocument = {
  name: 'EcomSyncShopCheck',
  kind: 'query',
  estimatedCost: 3,
  text: `query EcomSyncShopCheck {
  shop { name currencyCode ianaTimezone }
  currentAppInstallation { accessScopes { handle } }
}`,
};

import { ValidationError } from '../../errors.js';
import type { PlatformStoreConnection } from '../platform-port.js';

/** A current stable Admin API version; a store may pin another one (`stores add --api-version`). */
export const DEFAULT_SHOPIFY_API_VERSION = '2026-10';

export type ShopifyAuthMode = 'access-token' | 'client-credentials';

/** What `stores.settings` holds for a Shopify store (JSON keys in snake_case). */
export interface ShopifySettings {
  apiVersion: string;
  authMode: ShopifyAuthMode;
  /** The app's client id (client-credentials grant). */
  clientId: string | null;
  /** orderCancel: refund the payment / restock the items (default: neither). */
  cancelRefund: boolean;
  cancelRestock: boolean;
}

const API_VERSION = /^\d{4}-(01|04|07|10)$|^unstable$/;

export function isShopifyApiVersion(value: string): boolean {
  return API_VERSION.test(value);
}

/** Reads and checks a store's settings: a wrong value names the store and how to fix it. */
export function shopifySettings(connection: PlatformStoreConnection): ShopifySettings {
  const s = connection.settings;
  const label = `store ${connection.storeName} (#${connection.storeId})`;
  const apiVersion = typeof s.api_version === 'string' && s.api_version !== '' ? s.api_version : DEFAULT_SHOPIFY_API_VERSION;
  if (!isShopifyApiVersion(apiVersion)) {
    throw new ValidationError('SHOPIFY_API_VERSION_INVALID', `${label}: Shopify API version ${JSON.stringify(apiVersion)} is not of the form YYYY-01/04/07/10`, {
      hint: `Set it with: ecom-sync stores update ${connection.storeId} --api-version ${DEFAULT_SHOPIFY_API_VERSION}`,
    });
  }
  const clientId = typeof s.client_id === 'string' && s.client_id !== '' ? s.client_id : null;
  const authMode: ShopifyAuthMode = s.auth_mode === 'client-credentials' || (s.auth_mode === undefined && clientId !== null) ? 'client-credentials' : 'access-token';
  if (authMode === 'client-credentials' && (clientId === null || connection.apiSecret === null)) {
    throw new ValidationError('SHOPIFY_CLIENT_CREDENTIALS_MISSING', `${label}: the client-credentials grant needs a client id and a client secret`, {
      hint: `Set them with: ecom-sync stores update ${connection.storeId} --client-id ID --client-secret-env VAR`,
    });
  }
  if (authMode === 'access-token' && connection.apiKey === null) {
    throw new ValidationError('SHOPIFY_ACCESS_TOKEN_MISSING', `${label}: no Admin API access token`, {
      hint: `Set one with: ecom-sync stores update ${connection.storeId} --api-key-env VAR`,
    });
  }
  return { apiVersion, authMode, clientId, cancelRefund: s.cancel_refund === true, cancelRestock: s.cancel_restock === true };
}

/** `https://shop.myshopify.com` from the store's URL (any path dropped). */
export function shopOrigin(connection: PlatformStoreConnection): string {
  let url: URL;
  try {
    url = new URL(connection.baseUrl);
  } catch {
    throw new ValidationError('STORE_BASE_URL_INVALID', `store ${connection.storeName} (#${connection.storeId}): base URL ${JSON.stringify(connection.baseUrl)} is not a valid URL`, {
      hint: `Set it with: ecom-sync stores update ${connection.storeId} --url https://SHOP.myshopify.com`,
    });
  }
  return url.origin;
}

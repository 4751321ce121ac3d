import type { ShopifyDocument } from './shopify-document.js';

/** The fields of a line item ecom-sync imports, shared by the orders' first lines and the further ones. */
export const LINE_ITEM_FRAGMENT = `fragment EcomSyncLineItem on LineItem {
  quantity
  name
  sku
  product { legacyResourceId }
  variant { legacyResourceId }
  originalUnitPriceSet { shopMoney { amount } }
  taxLines { priceSet { shopMoney { amount } } }
}`;

/** The fields of an order ecom-sync imports, shared by the page query and the one-order read. */
export const ORDER_FIELDS_FRAGMENT = `fragment EcomSyncOrderFields on Order {
  id
  legacyResourceId
  name
  createdAt
  updatedAt
  closed
  cancelledAt
  displayFinancialStatus
  displayFulfillmentStatus
  currencyCode
  taxesIncluded
  paymentGatewayNames
  email
  totalPriceSet { shopMoney { amount } }
  subtotalPriceSet { shopMoney { amount } }
  totalTaxSet { shopMoney { amount } }
  totalShippingPriceSet { shopMoney { amount } }
  customer { legacyResourceId firstName lastName }
  shippingAddress { ...EcomSyncAddress }
  billingAddress { ...EcomSyncAddress }
  lineItems(first: $lines) {
    pageInfo { hasNextPage endCursor }
    nodes { ...EcomSyncLineItem }
  }
}

${LINE_ITEM_FRAGMENT}

fragment EcomSyncAddress on MailingAddress {
  firstName
  lastName
  company
  address1
  address2
  zip
  city
  countryCodeV2
  phone
}`;

/** One keyset page of orders (sortKey UPDATED_AT, cursor paging) with customer, addresses and line items. */
export const ORDERS_PAGE_QUERY: ShopifyDocument = {
  name: 'EcomSyncOrdersPage',
  kind: 'query',
  estimatedCost: 150,
  text: `query EcomSyncOrdersPage($first: Int!, $after: String, $query: String, $lines: Int!) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes { ...EcomSyncOrderFields }
  }
}

${ORDER_FIELDS_FRAGMENT}`,
};

import type { NeutralAddress, NeutralOrder, NeutralOrderLine } from '../platform-port.js';
import { derivedStateCode, type ShopifyOrderStateFields } from './shopify-catalogue.js';

interface Money { shopMoney: { amount: string } }

export interface ShopifyAddressNode {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  zip: string | null;
  city: string | null;
  countryCodeV2: string | null;
  phone: string | null;
}

export interface ShopifyLineItemNode {
  quantity: number;
  name: string;
  sku: string | null;
  product: { legacyResourceId: string } | null;
  variant: { legacyResourceId: string } | null;
  originalUnitPriceSet: Money;
  taxLines: Array<{ priceSet: Money }>;
}

export interface ShopifyOrderNode extends ShopifyOrderStateFields {
  id: string;
  legacyResourceId: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  currencyCode: string;
  taxesIncluded: boolean;
  paymentGatewayNames: string[];
  email: string | null;
  totalPriceSet: Money;
  subtotalPriceSet: Money | null;
  totalTaxSet: Money | null;
  totalShippingPriceSet: Money;
  customer: { legacyResourceId: string; firstName: string | null; lastName: string | null } | null;
  shippingAddress: ShopifyAddressNode | null;
  billingAddress: ShopifyAddressNode | null;
  lineItems: { pageInfo: { hasNextPage: boolean; endCursor?: string | null }; nodes: ShopifyLineItemNode[] };
}

/** A malformed node: the page is refused as a whole rather than imported with holes. */
export class MalformedOrderError extends Error {}

function amount(money: Money | null | undefined): number {
  const value = Number(money?.shopMoney.amount ?? 0);
  return Number.isFinite(value) ? value : 0;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function legacyId(value: string | null | undefined): number {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
}

/** Shopify's `2026-11-30T10:00:00Z` as the port's UTC form with milliseconds. */
function utc(value: string, field: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new MalformedOrderError(`${field} ${JSON.stringify(value)} is not a date`);
  return new Date(ms).toISOString();
}

function address(node: ShopifyAddressNode | null): NeutralAddress | null {
  if (node === null) return null;
  return {
    // Order addresses are copies on the order: Shopify gives them no stable id of their own.
    idOrigin: null,
    firstname: node.firstName ?? '',
    lastname: node.lastName ?? '',
    company: node.company ?? '',
    address1: node.address1 ?? '',
    address2: node.address2 ?? '',
    postcode: node.zip ?? '',
    city: node.city ?? '',
    countryIso: node.countryCodeV2 ?? '',
    phone: node.phone ?? '',
  };
}

/** Unit prices both ways: Shopify gives the price as entered (tax included or not) and the line's tax. */
export function mapLine(line: ShopifyLineItemNode, taxesIncluded: boolean): NeutralOrderLine {
  const unit = amount(line.originalUnitPriceSet);
  const tax = line.taxLines.reduce((sum, t) => sum + amount(t.priceSet), 0);
  const unitTax = line.quantity > 0 ? tax / line.quantity : 0;
  return {
    productIdOrigin: legacyId(line.product?.legacyResourceId),
    variantIdOrigin: legacyId(line.variant?.legacyResourceId),
    quantity: line.quantity,
    name: line.name,
    reference: line.sku ?? '',
    unitPriceTaxIncl: round(taxesIncluded ? unit : unit + unitTax),
    unitPriceTaxExcl: round(taxesIncluded ? unit - unitTax : unit),
  };
}

export function mapOrder(node: ShopifyOrderNode, extraLines: ShopifyLineItemNode[] = []): NeutralOrder {
  const idOrigin = legacyId(node.legacyResourceId);
  if (idOrigin === 0) throw new MalformedOrderError(`order ${JSON.stringify(node.id)} has no numeric legacyResourceId`);
  const total = amount(node.totalPriceSet);
  const tax = amount(node.totalTaxSet);
  const shipping = amount(node.totalShippingPriceSet);
  const lines = [...node.lineItems.nodes, ...extraLines].map((line) => mapLine(line, node.taxesIncluded));
  const productsTaxExcl = lines.reduce((sum, l) => sum + l.unitPriceTaxExcl * l.quantity, 0);
  const productsTaxIncl = lines.reduce((sum, l) => sum + l.unitPriceTaxIncl * l.quantity, 0);
  const customer = node.customer === null ? null : {
    idOrigin: legacyId(node.customer.legacyResourceId) || null,
    firstname: node.customer.firstName ?? '',
    lastname: node.customer.lastName ?? '',
    email: node.email ?? '',
  };
  return {
    idOrigin,
    reference: node.name,
    stateCode: derivedStateCode(node),
    createdAt: utc(node.createdAt, 'createdAt'),
    updatedAt: utc(node.updatedAt, 'updatedAt'),
    currency: node.currencyCode,
    payment: node.paymentGatewayNames.join(', '),
    totals: {
      paidTaxIncl: round(total),
      paidTaxExcl: round(total - tax),
      products: round(productsTaxExcl),
      productsTaxIncl: round(productsTaxIncl),
      shipping: round(shipping),
    },
    customer: customer ?? (node.email ? { idOrigin: null, firstname: node.billingAddress?.firstName ?? '', lastname: node.billingAddress?.lastName ?? '', email: node.email } : null),
    deliveryAddress: address(node.shippingAddress),
    invoiceAddress: address(node.billingAddress),
    lines,
  };
}

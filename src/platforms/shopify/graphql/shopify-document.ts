/** One GraphQL operation the client sends, kept in its own module so a test validates it against the shipped schema. */
export interface ShopifyDocument {
  /** The operation name, also used in logs and error messages. */
  readonly name: string;
  readonly kind: 'query' | 'mutation';
  readonly text: string;
  /** A first guess of the requested cost, before Shopify has told its real figure. */
  readonly estimatedCost: number;
}

import { getNamedType, parse, TypeInfo, validate, visit, visitWithTypeInfo, type GraphQLField, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SHOPIFY_DOCUMENTS } from '../../../src/platforms/shopify/graphql/index.js';
import { loadAdminSchema } from '../../../src/platforms/shopify-sandbox/admin-schema.js';

/** Deprecated fields, arguments and enum values a document uses, as `Type.field` lines. */
function deprecatedUses(schema: GraphQLSchema, text: string): string[] {
  const found: string[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(parse(text), visitWithTypeInfo(typeInfo, {
    Field() {
      const field = typeInfo.getFieldDef() as GraphQLField<unknown, unknown> | null;
      const parent = typeInfo.getParentType();
      if (field?.deprecationReason != null) found.push(`${parent?.name}.${field.name}`);
    },
    Argument() {
      const argument = typeInfo.getArgument();
      if (argument?.deprecationReason != null) found.push(`argument ${argument.name}`);
    },
    EnumValue() {
      const value = typeInfo.getEnumValue();
      if (value?.deprecationReason != null) found.push(`enum ${value.name}`);
    },
  }));
  return found;
}

describe('Shopify GraphQL documents against the shipped Admin schema', () => {
  const schema = loadAdminSchema();

  it('ships the schema with query and mutation roots', () => {
    expect(schema.getQueryType()?.name).toBe('QueryRoot');
    expect(schema.getMutationType()?.name).toBe('Mutation');
  });

  it.each(SHOPIFY_DOCUMENTS.map((doc) => [doc.name, doc] as const))('%s validates', (_name, doc) => {
    const document = parse(doc.text);
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
    const operations = document.definitions.filter((d) => d.kind === 'OperationDefinition');
    expect(operations).toHaveLength(1);
    expect(operations[0]).toMatchObject({ operation: doc.kind, name: { value: doc.name } });
  });

  it.each(SHOPIFY_DOCUMENTS.map((doc) => [doc.name, doc] as const))('%s uses nothing deprecated', (_name, doc) => {
    expect(deprecatedUses(schema, doc.text)).toEqual([]);
  });

  it('detects a deprecated field (the check itself works)', () => {
    expect(deprecatedUses(schema, 'query { order(id: "gid://shopify/Order/1") { customer { email } shippingAddress { countryCode } } }'))
      .toEqual(['Customer.email', 'MailingAddress.countryCode']);
    expect(validate(schema, parse('query { order(id: "x") { nope } }'))).not.toHaveLength(0);
    expect(getNamedType(schema.getType('Order')!)).toBeTruthy();
  });
});

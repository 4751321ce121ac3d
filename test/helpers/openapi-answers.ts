import { Ajv, type ValidateFunction } from 'ajv';

interface Operation { security?: unknown[]; responses: Record<string, { content?: { 'application/json'?: { schema: object } } }> }
export type OpenApiDoc = { openapi: string; paths: Record<string, Record<string, Operation>> };

/** `/api/v1/orders/32?page=1` -> the document's `/api/v1/orders/{id}` (a literal path wins over a template). */
export function documentedPath(doc: OpenApiDoc, url: string): string | undefined {
  const path = url.split('?')[0] as string;
  if (doc.paths[path]) return path;
  return Object.keys(doc.paths).find((template) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
}

export interface AnswerProblem { key: string; problem: string }

/**
 * Checks real answers against the schema /openapi.json documents for their method, path and
 * status (ajv, which understands OpenAPI 3.0's `nullable`). Returns the problem, or null.
 */
export function createAnswerChecker(doc: OpenApiDoc) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validators = new Map<string, ValidateFunction>();
  return {
    ajv,
    check(method: string, url: string, status: number, body: unknown): AnswerProblem | null {
      const path = documentedPath(doc, url);
      const key = `${method.toUpperCase()} ${path ?? url} ${status}`;
      if (!path) return { key, problem: 'the path is not documented' };
      const schema = doc.paths[path]?.[method.toLowerCase()]?.responses[String(status)]?.content?.['application/json']?.schema;
      if (!schema) return { key, problem: 'the status is not documented' };
      let validate = validators.get(key);
      if (!validate) { validate = ajv.compile(schema); validators.set(key, validate); }
      return validate(body) ? null : { key, problem: ajv.errorsText(validate.errors) };
    },
  };
}

/**
 * JSON as PrestaShop's WebserviceOutputJSON writes it: the entity `id` a number and every other
 * value a string; a multilingual field is a plain string for one language and
 * `[{"id":"1","value":".."}]` for several; an empty list is `[]`, not `{"orders":[]}`.
 */
import { type FieldDef, type ResourceDef, scalarText } from './ws-resources.js';
import type { RenderContext } from './ws-xml-render.js';

type Entity = { id: number };
type JsonValue = string | number | JsonValue[] | { [k: string]: JsonValue };

function fieldJson(field: FieldDef<Entity>, entity: Entity, ctx: RenderContext): JsonValue {
  const value = field.get(entity);
  if (field.kind === 'lang') {
    const texts = (value ?? {}) as Record<number, string>;
    if (ctx.languages.length === 1) return texts[ctx.languages[0] as number] ?? '';
    return ctx.languages.map((id) => ({ id: String(id), value: texts[id] ?? '' }));
  }
  const text = scalarText(field.kind, value);
  return field.kind === 'id' ? Number(text) : text;
}

export function entityJson(resource: ResourceDef, entity: Entity, ctx: RenderContext, only?: string[]): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  const fields = only ? resource.fields.filter((f) => only.includes(f.name)) : resource.fields;
  for (const field of fields) out[field.name] = fieldJson(field, entity, ctx);
  if (!only && resource.associations.length > 0) {
    const associations: Record<string, JsonValue> = {};
    for (const assoc of resource.associations) {
      associations[assoc.name] = assoc.items(entity).map((item) => {
        const row: Record<string, JsonValue> = {};
        // Inside associations even the id is a string, as in samples/orders-display-full.json.
        for (const f of assoc.fields) row[f.name] = scalarText(f.kind, f.get(item) as never);
        return row;
      });
    }
    out.associations = associations;
  }
  return out;
}

export function listJson(resource: ResourceDef, entities: Entity[], display: 'ids' | 'full' | string[], ctx: RenderContext): string {
  if (entities.length === 0) return '[]';
  const items = entities.map((entity) =>
    display === 'ids' ? { id: entity.id } : entityJson(resource, entity, ctx, display === 'full' ? undefined : display),
  );
  return JSON.stringify({ [resource.name]: items });
}

export function singleJson(resource: ResourceDef, entity: Entity, ctx: RenderContext): string {
  return JSON.stringify({ [resource.entity]: entityJson(resource, entity, ctx) });
}

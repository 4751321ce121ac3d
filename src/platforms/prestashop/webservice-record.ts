/**
 * A webservice resource as the JSON output format gives it: field name -> string (the entity `id`
 * may be a number), multilingual fields as a string or `[{ id, value }]`, associations as
 * `{ order_rows: [ {...} ] }`. The XML format is normalised into the same shape, so one set of
 * mappers serves both.
 */
export type WebserviceRecord = Record<string, unknown>;

export interface LanguageValue {
  id: string;
  value: string;
}

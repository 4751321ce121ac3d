/** Test helpers: real HTTP requests to a running sandbox, and XML shape extraction. */
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { request } from 'undici';
import type { Sandbox } from '../../../src/platforms/sandbox/index.js';

export interface WsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface WsCall {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD';
  /** Key sent as Basic user name; null sends no Authorization header. Default: the sandbox key. */
  key?: string | null;
  headers?: Record<string, string>;
  body?: string;
}

export function basic(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
}

export async function ws(sandbox: Sandbox, pathAndQuery: string, call: WsCall = {}): Promise<WsAnswer> {
  const key = call.key === undefined ? sandbox.apiKey : call.key;
  const res = await request(`${sandbox.url}${pathAndQuery}`, {
    method: call.method ?? 'GET',
    headers: { ...(key === null ? {} : { authorization: basic(key) }), ...(call.headers ?? {}) },
    ...(call.body !== undefined ? { body: call.body } : {}),
  });
  return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
}

export function parseXml(xml: string): Record<string, unknown> {
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false }).parse(xml) as Record<string, unknown>;
}

/** Every element path (and attribute, as `path@name`) of an XML document: its shape without values. */
export function xmlShape(xml: string): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, path));
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === '#text') continue;
      if (key.startsWith('@')) out.add(`${path}${key}`);
      else {
        const child = path === '' ? key : `${path}/${key}`;
        out.add(child);
        walk(value, child);
      }
    }
  };
  walk(parseXml(xml), '');
  out.delete('?xml');
  for (const p of [...out]) if (p.startsWith('?xml')) out.delete(p);
  return out;
}

export const SAMPLES = fileURLToPath(new URL('../../fixtures/prestashop-samples', import.meta.url));

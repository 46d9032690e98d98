// -o json: kubectl marshals through Go's encoding/json (map keys sorted, HTML-safe escaping),
// indented with 4 spaces, plus kubectl get's List wrapping (pkg/cmd/get printGeneric).
import type { KubeObject } from '../api/types.js';

/** A JSON-shaped value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

const escapes: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A Go encoding/json string literal: control chars, `<`, `>`, `&`, U+2028 and U+2029 as \u escapes. */
export function goJsonString(s: string): string {
  // eslint-disable-next-line no-control-regex
  const out = s.replace(/["\\\u0000-\u001f<>&\u2028\u2029]/g, (c) => {
    return escapes[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `"${out}"`;
}

/** Go's byte order for map keys. */
const keyOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Go's json.Marshal (indent '') or json.MarshalIndent(v, "", indent) of a JSON-shaped value:
 * keys sorted at every level (unless `sortKeys` is false: insertion order), `{}` and `[]` for empty containers, undefined members dropped.
 */
export function marshalGoJson(value: unknown, indent = '', sortKeys = true): string {
  const walk = (v: unknown, depth: number): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return goJsonString(v);
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    const nl = indent ? `\n${indent.repeat(depth + 1)}` : '';
    const close = indent ? `\n${indent.repeat(depth)}` : '';
    const sep = indent ? ': ' : ':';
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[${v.map((x) => nl + walk(x, depth + 1)).join(',')}${close}]`;
    }
    if (typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
      if (sortKeys) entries.sort(([a], [b]) => keyOrder(a, b));
      if (entries.length === 0) return '{}';
      return `{${entries.map(([k, x]) => nl + goJsonString(k) + sep + walk(x, depth + 1)).join(',')}${close}}`;
    }
    return 'null';
  };
  return walk(value, 0);
}

/** kubectl's List for zero or several objects: apiVersion v1, items, kind List, metadata.resourceVersion ''. */
export function asList(objects: unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
}

/**
 * What kubectl get -o json/yaml prints: the object itself when exactly one was named
 * (`singleItem`, e.g. `get svc web`), otherwise the List of all of them (also when empty).
 */
export function outputValue(objects: KubeObject[], singleItem: boolean): unknown {
  return singleItem && objects.length === 1 ? objects[0] : asList(objects);
}

/** `-o json`: 4-space indented, sorted keys, trailing newline. */
export function printJson(objects: KubeObject[], singleItem: boolean): string {
  return `${marshalGoJson(outputValue(objects, singleItem), '    ')}\n`;
}

/**
 * -o json of an object kubectl built itself from a Go struct (create, expose): keys in the order
 * the caller laid them out (see struct-order.ts), not sorted.
 */
export function printTypedJson(obj: Record<string, unknown>): string {
  return `${marshalGoJson(obj, '    ', false)}\n`;
}

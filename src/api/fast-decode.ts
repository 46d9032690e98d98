// A fast path in front of decodeManifests (lint, and every -f): js-yaml (several times faster than the `yaml`
// package's positioned documents) with go-yaml's YAML 1.1 scalar resolution. Positions are worked
// out only when asked for: locate() decodes that one document exactly, with decodeManifests. Any
// file the fast path is not sure to read exactly as decodeManifests does (errors, anchors, tags,
// merge keys, directives, tabs, lists, ...) is handed to decodeManifests whole.
import jsyaml from 'js-yaml';
import { type DecodedDoc, type PathSegment, decodeManifests, resolvePlainScalar } from './decode.js';
import type { KubeObject } from './types.js';

/** Thrown from inside js-yaml when the document uses something only the exact path handles. */
class Unsupported extends Error {}

// Every plain scalar goes through go-yaml's resolve(); quoted and block scalars stay strings.
const PLAIN_TAG = 'tag:svcctl.io,2025:plain';
const plain = new jsyaml.Type(PLAIN_TAG, {
  kind: 'scalar',
  resolve: () => true,
  construct: (s: string) => {
    if (s === '<<') throw new Unsupported('merge key');
    const v = resolvePlainScalar(s);
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Unsupported('NaN/Inf');
    return v;
  },
});
const SCHEMA = new jsyaml.Schema({ implicit: [plain], explicit: [] });

interface ListenerState {
  tag: string | null;
  anchor: string | null;
}

function listener(event: string, state: ListenerState): void {
  if (event !== 'close') return;
  if (state.anchor !== null) throw new Unsupported('anchor');
  if (state.tag !== null && state.tag !== PLAIN_TAG) throw new Unsupported('tag');
}

// Text the fast path leaves to the exact one: tabs, CR, BOM, directives, explicit or complex keys, __proto__.
const GUARD = /[\t\r\uFEFF]|^%|^\s*\? |[[{]\s*[[{]|__proto__/m;
const MARKER = /^(?:---|\.\.\.)(?=[ \n]|$)/gm;

/**
 * Decodes `text` as decodeManifests would (same objects, same errors), reading the common case
 * fast: a DecodedDoc's `line`, `column` and `locate` are computed on first use, by exact-decoding
 * only its own document. `docIndex` counts the text between document markers.
 */
export function decodeManifestsFast(text: string, file: string): DecodedDoc[] {
  if (GUARD.test(text)) return decodeManifests(text, file);
  const out: DecodedDoc[] = [];
  const starts = [0];
  for (const m of text.matchAll(MARKER)) if (m.index !== 0) starts.push(m.index);
  let line = 0;
  let prev = 0;
  for (let i = 0; i < starts.length; i++) {
    const chunk = text.slice(starts[i], starts[i + 1] ?? text.length);
    line += countLines(text, prev, starts[i]);
    prev = starts[i];
    let value: unknown;
    try {
      value = jsyaml.load(chunk, { schema: SCHEMA, listener, filename: file });
    } catch {
      return decodeManifests(text, file);
    }
    if (value === undefined || value === null) continue;
    if (!isKubeObject(value)) return decodeManifests(text, file);
    out.push(lazyDoc(value, file, i, chunk, line));
  }
  return out;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Objects kubectl takes as they are: apiVersion and kind strings, not a List to flatten. */
function isKubeObject(v: unknown): v is KubeObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') return false;
  return !(o.kind.endsWith('List') && Array.isArray(o.items));
}

/** A document whose positions come from an exact decode of `chunk` (starting at 0-based `line0`), on demand. */
function lazyDoc(object: KubeObject, file: string, docIndex: number, chunk: string, line0: number): DecodedDoc {
  let exact: DecodedDoc | undefined | null = null;
  const get = (): DecodedDoc | undefined => {
    if (exact === null) exact = decodeManifests(chunk, file).find((d) => d.object) ?? undefined;
    return exact;
  };
  const shift = (p: { line: number; column: number } | undefined) => (p ? { line: p.line + line0, column: p.column } : undefined);
  return {
    object,
    file,
    docIndex,
    get line() {
      return (get()?.line ?? 1) + line0;
    },
    get column() {
      return get()?.column ?? 1;
    },
    locate: (path: PathSegment[]) => shift(get()?.locate(path)),
  };
}

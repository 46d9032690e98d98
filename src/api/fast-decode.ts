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
  position: number;
  documents: unknown[];
}

/** Refuses what only the exact path reads alike; `firstNodeAt` is told where each document's first node opens. */
function listenerFor(firstNodeAt: number[]): (event: string, state: ListenerState) => void {
  return (event, state) => {
    if (event === 'open') {
      if (firstNodeAt.length === state.documents.length) firstNodeAt.push(state.position);
      return;
    }
    if (state.anchor !== null) throw new Unsupported('anchor');
    if (state.tag !== null && state.tag !== PLAIN_TAG) throw new Unsupported('tag');
  };
}

/**
 * Whether `text` holds what the fast path leaves to the exact one: tabs, CR, BOM, directives
 * (`%` at a line start), explicit keys (`? ` first on a line), a flow collection opening inside
 * another (`[[`, `{ [`: complex keys), `__proto__`. The test
 * /[\t\r\uFEFF]|^%|^\s*\? |[[{]\s*[[{]|__proto__/m makes (and true for U+2028 and U+2029), by
 * indexOf scans: one regular expression of alternatives cost a large file several times as much.
 */
export function needsExactPath(text: string): boolean {
  if (text.includes('\t') || text.includes('\r') || text.includes('\uFEFF') || text.includes('__proto__')) return true;
  // Other line separators JavaScript's ^ knows: rare, and the exact path is never wrong.
  if (text.includes('\u2028') || text.includes('\u2029')) return true;
  if (text.startsWith('%') || text.includes('\n%')) return true;
  for (let i = text.indexOf('? '); i >= 0; i = text.indexOf('? ', i + 1)) {
    let j = i - 1;
    while (j >= 0 && isSpace(text.charCodeAt(j)) && text.charCodeAt(j) !== 0x0a) j--;
    if (j < 0 || text.charCodeAt(j) === 0x0a) return true;
  }
  return opensInside(text, '[') || opensInside(text, '{');
}

/** Whether some `open` is followed, past white space, by `[` or `{`. */
function opensInside(text: string, open: string): boolean {
  for (let i = text.indexOf(open); i >= 0; i = text.indexOf(open, i + 1)) {
    let j = i + 1;
    while (j < text.length && isSpace(text.charCodeAt(j))) j++;
    const c = text.charCodeAt(j);
    if (c === 0x5b || c === 0x7b) return true;
  }
  return false;
}

/** JavaScript's \s: what the guard's pattern skipped between a line start or a bracket and what follows. */
function isSpace(c: number): boolean {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return true;
  if (c < 0x80) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const MARKER = /^(?:---|\.\.\.)(?=[ \n]|$)/gm;

/**
 * Decodes `text` as decodeManifests would (same objects, same errors), reading the common case
 * fast: a DecodedDoc's `line`, `column` and `locate` are computed on first use, by exact-decoding
 * only its own document. `docIndex` counts the text between document markers.
 */
export function decodeManifestsFast(text: string, file: string): DecodedDoc[] {
  if (needsExactPath(text)) return decodeManifests(text, file);
  const starts = [0];
  for (const m of text.matchAll(MARKER)) if (m.index !== 0) starts.push(m.index);
  // The whole file in one load: js-yaml reads a copy of its input with a terminator appended, and
  // the strings it makes are slices of that copy. Loaded one document at a time, each document's
  // copy stayed alive as long as any of its strings; loaded at once, there is one copy, made once.
  const firstNodeAt: number[] = [];
  let values: unknown[];
  try {
    values = jsyaml.loadAll(text, null, { schema: SCHEMA, listener: listenerFor(firstNodeAt), filename: file });
  } catch {
    return decodeManifests(text, file);
  }
  if (firstNodeAt.length !== values.length) return decodeManifests(text, file);
  const out: DecodedDoc[] = [];
  let lastChunk = -1;
  let line = 0;
  let lineAt = 0;
  for (let d = 0; d < values.length; d++) {
    const value = values[d];
    if (value === undefined || value === null) continue;
    if (!isKubeObject(value)) return decodeManifests(text, file);
    // The text between document markers that this document's first node is in.
    const i = chunkAt(starts, firstNodeAt[d]);
    if (i <= lastChunk) return decodeManifests(text, file); // two documents in one chunk: not as expected
    lastChunk = i;
    line += countLines(text, lineAt, starts[i]);
    lineAt = starts[i];
    out.push(lazyDoc(value, file, i, text.slice(starts[i], starts[i + 1] ?? text.length), line));
  }
  return out;
}

/** Index of the last of sorted `starts` at or before `pos`. */
function chunkAt(starts: number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
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

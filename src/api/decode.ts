// Manifest text -> objects, as kubectl reads it (sigs.k8s.io/yaml over go-yaml v2: YAML 1.1
// scalars, merge keys, JSON as a YAML subset), keeping every node's line and column. Hostile input
// (alias bombs, deep nesting, prototype keys) fails one document with a located error instead of
// exhausting time, memory or the stack.
import {
  parseAllDocuments,
  LineCounter,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type Node as YamlNode,
  type Scalar,
} from 'yaml';
import { SvcctlError } from '../errors.js';
import type { KubeObject } from './types.js';
import { isDigits } from './strings.js';

/** Nesting deeper than this (maps + sequences) fails the document; real manifests stay under 30. */
export const MAX_DEPTH = 100;
/** Pre-parse guard: text nested beyond this is refused before the YAML parser sees it. */
const MAX_TEXT_DEPTH = 1000;

export type PathSegment = string | number;

/** One document (or one item of a `kind: List`) of a manifest file. */
export interface DecodedDoc {
  object?: KubeObject;
  error?: SvcctlError;
  file: string;
  /** 0-based index of the YAML document in the file (empty documents count). */
  docIndex: number;
  /** Set for objects taken out of a List's `items`: their index there. */
  listIndex?: number;
  /** 1-based position where the document (or list item, or error) starts. */
  line: number;
  column: number;
  /** Position of the field at `path` (a map key's position, or a list item's), if present. */
  locate(path: PathSegment[]): { line: number; column: number } | undefined;
}

/**
 * Splits a manifest into documents and converts each to a plain JSON-like object. Empty and
 * `null` documents are skipped; `kind: List` (and any `*List` with `items`) becomes one entry per
 * item. Never throws: a failure becomes `error` on that document's entry, a one-line message naming
 * `file:line:col`.
 */
export function decodeManifests(text: string, file: string): DecodedDoc[] {
  const lc = new LineCounter();
  const pos = (offset: number) => {
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const deep = scanTextDepth(text);
  if (deep !== undefined) {
    lc.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
    const at = pos(deep);
    return [errorDoc(file, 0, at, parseError(file, at, `exceeded max depth of ${MAX_DEPTH}`))];
  }
  const docs = parseAllDocuments(text, {
    version: '1.1',
    schema: 'failsafe', // every scalar stays text; go-yaml's resolution is applied below
    lineCounter: lc,
    uniqueKeys: false, // duplicates are reported below, with go-yaml's wording
    prettyErrors: false,
    strict: false,
  });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: DecodedDoc[] = [];
  list.forEach((doc, docIndex) => out.push(...decodeDocument(doc, docIndex, file, pos)));
  return out;
}

type Pos = (offset: number) => { line: number; column: number };

function decodeDocument(doc: Document, docIndex: number, file: string, pos: Pos): DecodedDoc[] {
  const root = doc.contents as YamlNode | null;
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const at = pos(e.pos[0]);
    return [errorDoc(file, docIndex, at, parseError(file, at, yamlErrorDetail(e.code, e.message)))];
  }
  if (!root) return [];
  let value: unknown;
  try {
    value = new Converter(doc, pos).convert(root, 0);
  } catch (err) {
    if (!(err instanceof ConvertError)) throw err;
    return [errorDoc(file, docIndex, err.at, parseError(file, err.at, err.detail))];
  }
  if (value === null) return []; // kubectl skips `null` documents like empty ones
  const entry = (obj: unknown, node: YamlNode, listIndex?: number): DecodedDoc => {
    const at = pos(node.range?.[0] ?? 0);
    const base: DecodedDoc = {
      file,
      docIndex,
      listIndex,
      ...at,
      locate: (path) => locateNode(doc, node, path, pos),
    };
    const err = typeMetaError(obj, file, at);
    if (err) return { ...base, error: err };
    return { ...base, object: obj as KubeObject };
  };
  if (isListObject(value) && isMap(root)) {
    const itemsNode = deref(doc, findValueNode(doc, root, 'items'));
    const items = value.items as unknown[];
    return items.map((item, i) => {
      const node = isSeq(itemsNode) ? (deref(doc, itemsNode.items[i] as YamlNode) ?? root) : root;
      return entry(item, node, i);
    });
  }
  return [entry(value, root)];
}

function errorDoc(file: string, docIndex: number, at: { line: number; column: number }, error: SvcctlError): DecodedDoc {
  return { file, docIndex, ...at, error, locate: () => undefined };
}

/** kubectl's text for YAML that will not convert, with the column added after the file name. */
function parseError(file: string, at: { line: number; column: number }, detail: string): SvcctlError {
  // go-yaml's decode errors (`unmarshal errors: ...`) carry their own line numbers.
  const where = detail.startsWith('unmarshal errors:') ? '' : `line ${at.line}: `;
  return new SvcctlError({
    reason: 'Plain',
    message: `error parsing ${file}:${at.line}:${at.column}: error converting YAML to JSON: yaml: ${where}${detail}`,
    source: { file, ...at },
  });
}

/** Where the yaml package and libyaml describe the same mistake, use libyaml's words (what kubectl prints). */
function yamlErrorDetail(code: string, message: string): string {
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'mapping values are not allowed in this context';
    case 'TAB_AS_INDENT':
      return 'found character that cannot start any token';
    case 'RESOURCE_EXHAUSTION':
      return `exceeded max depth of ${MAX_DEPTH}`;
    default: {
      const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      return first.charAt(0).toLowerCase() + first.slice(1);
    }
  }
}

/**
 * kubectl's client-side check before anything else (kubectl/pkg/validation getObjectKind):
 * `error validating "f.yaml": error validating data: [apiVersion not set, kind not set]; ...`.
 */
function typeMetaError(obj: unknown, file: string, at: { line: number; column: number }): SvcctlError | undefined {
  const problems: string[] = [];
  if (!isPlainObject(obj)) {
    problems.push('invalid object to validate');
  } else {
    if (obj.apiVersion === undefined || obj.apiVersion === null) problems.push('apiVersion not set');
    else if (typeof obj.apiVersion !== 'string') problems.push("apiVersion isn't string type");
    if (obj.kind === undefined || obj.kind === null) problems.push('kind not set');
    else if (typeof obj.kind !== 'string') problems.push("kind isn't string type");
  }
  if (problems.length === 0) return undefined;
  const data = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
  return new SvcctlError({
    reason: 'Plain',
    message:
      `error validating "${file}:${at.line}:${at.column}": error validating data: ${data}; ` +
      'if you choose to ignore these errors, turn validation off with --validate=false',
    source: { file, ...at },
  });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** kubectl flattens `kind: List` and typed lists (`ServiceList`) that carry an `items` array. */
function isListObject(v: unknown): v is Record<string, unknown> & { items: unknown[] } {
  return isPlainObject(v) && typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items);
}

class ConvertError extends Error {
  constructor(
    readonly at: { line: number; column: number },
    readonly detail: string,
  ) {
    super(detail);
  }
}

/**
 * go-yaml v2's guard against alias bombs (decode.go allowedAliasRatio): up to 400k decoded nodes,
 * 99% may come through aliases; the allowed share then falls linearly to 10% at 4M.
 */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - (0.89 * (decodeCount - 400_000)) / 3_600_000;
}

/** Turns a YAML node tree into JSON values the way sigs.k8s.io/yaml's YAMLToJSON does. */
class Converter {
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  // Alias.resolve() searches the whole document; an alias bomb would call it millions of times.
  private readonly targets = new Map<YamlNode, YamlNode | undefined>();

  constructor(
    private readonly doc: Document,
    private readonly pos: Pos,
  ) {}

  private fail(node: YamlNode | undefined, detail: string): never {
    throw new ConvertError(this.pos(node?.range?.[0] ?? 0), detail);
  }

  convert(node: YamlNode | null | undefined, depth: number): unknown {
    if (node == null) return null;
    // As go-yaml v2: every node decoded inside an alias counts as aliased.
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (
      this.aliasCount > 100 &&
      this.decodeCount > 1000 &&
      this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)
    ) {
      this.fail(node, 'document contains excessive aliasing');
    }
    if (depth > MAX_DEPTH) this.fail(node, `exceeded max depth of ${MAX_DEPTH}`);
    if (isAlias(node)) {
      if (!this.targets.has(node)) this.targets.set(node, node.resolve(this.doc) as YamlNode | undefined);
      const target = this.targets.get(node);
      if (!target) this.fail(node, `unknown anchor '${node.source}' referenced`);
      this.aliasDepth++;
      try {
        return this.convert(target, depth);
      } finally {
        this.aliasDepth--;
      }
    }
    if (isScalar(node)) return this.scalar(node);
    if (isSeq(node)) return node.items.map((item) => this.convert(item as YamlNode, depth + 1));
    if (isMap(node)) return this.mapping(node.items, depth);
    this.fail(node, 'unsupported node');
  }

  private mapping(pairs: unknown[], depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    for (const pair of pairs) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const valueNode = pair.value as YamlNode | null;
      if (isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.value === '<<' && !keyNode.tag) {
        this.merge(out, valueNode, depth);
        continue;
      }
      const key = this.keyString(keyNode, depth);
      if (seen.has(key)) {
        const line = this.pos(keyNode?.range?.[0] ?? 0).line;
        this.fail(keyNode ?? undefined, `unmarshal errors: line ${line}: key ${JSON.stringify(key)} already set in map`);
      }
      // Assigning __proto__ would replace the object's prototype; no Kubernetes field is named so.
      if (key === '__proto__') this.fail(keyNode ?? undefined, 'key "__proto__" is not allowed');
      seen.add(key);
      out[key] = this.convert(valueNode, depth + 1);
    }
    return out;
  }

  /** `<<: *base` or `<<: [*a, *b]`: go-yaml merges in order, earlier maps of a list winning. */
  private merge(out: Record<string, unknown>, node: YamlNode | null, depth: number): void {
    const sources = isSeq(deref(this.doc, node)) ? [...(deref(this.doc, node) as { items: YamlNode[] }).items].reverse() : [node];
    for (const src of sources) {
      const v = this.convert(src, depth + 1);
      if (!isPlainObject(v)) this.fail(src ?? undefined, 'map merge requires map or sequence of maps as the value');
      for (const [k, val] of Object.entries(v)) out[k] = val;
    }
  }

  /** sigs.k8s.io/yaml turns non-string keys into strings: true -> "true", 1 -> "1". */
  private keyString(node: YamlNode | null, depth: number): string {
    const k = this.convert(node, depth + 1);
    if (typeof k === 'string') return k;
    if (typeof k === 'boolean' || typeof k === 'number') return goNumberOrBoolString(k);
    if (k === null) return 'null';
    this.fail(node ?? undefined, 'invalid map key: a map key must be a scalar');
  }

  private scalar(node: Scalar): unknown {
    const text = String(node.value ?? '');
    const tag = node.tag;
    if (tag === 'tag:yaml.org,2002:binary') return Buffer.from(text, 'base64').toString('utf8');
    if (tag === 'tag:yaml.org,2002:str') return text;
    const explicit = tag?.startsWith('tag:yaml.org,2002:');
    if (node.type !== 'PLAIN' && !explicit) return text; // quoted and block scalars are strings
    if (tag && !explicit) return text; // go-yaml leaves unknown tags (!Ref) unresolved: a string
    const v = resolvePlainScalar(text);
    if (typeof v === 'number' && !Number.isFinite(v)) {
      this.fail(node, `json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`);
    }
    return v;
  }
}

function goNumberOrBoolString(v: number | boolean): string {
  return String(v);
}

const RESOLVE_MAP = new Map<string, unknown>();
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) RESOLVE_MAP.set(s, true);
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) RESOLVE_MAP.set(s, false);
for (const s of ['', '~', 'null', 'Null', 'NULL']) RESOLVE_MAP.set(s, null);
for (const s of ['.nan', '.NaN', '.NAN']) RESOLVE_MAP.set(s, NaN);
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) RESOLVE_MAP.set(s, Infinity);
for (const s of ['-.inf', '-.Inf', '-.INF']) RESOLVE_MAP.set(s, -Infinity);
const MAX_RESOLVED_LENGTH = Math.max(...[...RESOLVE_MAP.keys()].map((k) => k.length));
const RESOLVED_FIRST_CHARS = new Set([...RESOLVE_MAP.keys()].filter((k) => k).map((k) => k.charCodeAt(0)));

// strconv.ParseInt(s, 0, 64) syntax, underscores already removed.
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/;
// go-yaml v2 resolve.go yamlStyleFloat.
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * go-yaml v2's resolve() for an untagged plain scalar: the YAML 1.1 booleans and nulls, Go integer
 * syntax (`0755` octal, `0x1F`, `0b101`, `1_000`), floats; timestamps and everything else stay
 * strings (v2 keeps timestamps as text when decoding into interface{}).
 */
export function resolvePlainScalar(s: string): unknown {
  // Most scalars (every key) are words no table entry could be: told by length and first character
  // before the map is asked, which would hash each fresh string.
  if (s.length <= MAX_RESOLVED_LENGTH && (s.length === 0 || RESOLVED_FIRST_CHARS.has(s.charCodeAt(0)))) {
    const known = RESOLVE_MAP.get(s);
    if (known !== undefined || RESOLVE_MAP.has(s)) return known;
  }
  // The common number: decimal digits without a leading zero, well inside a double's exact range.
  if (isSmallDecimal(s)) return Number(s);
  const c = s.charAt(0);
  if (c === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) ? Number(s) : s;
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9'))) return s;
  const plain = s.replaceAll('_', '');
  if (GO_INT.test(plain)) {
    const n = parseGoInt(plain);
    const limit = plain.startsWith('-') ? INT64_MAX + 1n : UINT64_MAX;
    if ((n < 0n ? -n : n) <= limit) return Number(n);
  }
  if (YAML_FLOAT.test(plain)) return Number(plain);
  return s;
}

function isSmallDecimal(s: string): boolean {
  return s.length <= 15 && isDigits(s) && (s.length === 1 || s.charCodeAt(0) !== 48);
}

function parseGoInt(s: string): bigint {
  const neg = s.startsWith('-');
  const body = s.replace(/^[-+]/, '');
  let n: bigint;
  if (/^0[xX]/.test(body)) n = BigInt(`0x${body.slice(2)}`);
  else if (/^0[bB]/.test(body)) n = BigInt(`0b${body.slice(2)}`);
  else if (/^0[oO]/.test(body)) n = BigInt(`0o${body.slice(2)}`);
  else if (body.length > 1 && body.startsWith('0')) n = BigInt(`0o${body.slice(1)}`);
  else n = BigInt(body);
  return neg ? -n : n;
}

function deref(doc: Document, node: YamlNode | null | undefined): YamlNode | undefined {
  let n = node ?? undefined;
  for (let hops = 0; n && isAlias(n) && hops < 100; hops++) n = (n.resolve(doc) as YamlNode | undefined) ?? undefined;
  return n;
}

/** The value node of `key` in a map (last one wins, merged maps searched after own keys). */
function findPair(doc: Document, map: YamlNode, key: string): { key: YamlNode; value: YamlNode } | undefined {
  if (!isMap(map)) return undefined;
  let found: { key: YamlNode; value: YamlNode } | undefined;
  const merges: YamlNode[] = [];
  for (const p of map.items) {
    const k = p.key as YamlNode | null;
    if (!isScalar(k)) continue;
    if (k.type === 'PLAIN' && k.value === '<<') {
      const v = deref(doc, p.value as YamlNode);
      if (isSeq(v)) merges.push(...(v.items as YamlNode[]));
      else if (v) merges.push(v);
      continue;
    }
    const raw = String(k.value ?? '');
    const resolved = k.type === 'PLAIN' && !k.tag ? resolvePlainScalar(raw) : raw;
    const ks = typeof resolved === 'string' ? resolved : resolved === null ? 'null' : String(resolved);
    if (ks === key) found = { key: k, value: p.value as YamlNode };
  }
  if (found) return found;
  for (const m of merges) {
    const r = findPair(doc, deref(doc, m) ?? m, key);
    if (r) return r;
  }
  return undefined;
}

function findValueNode(doc: Document, map: YamlNode, key: string): YamlNode | undefined {
  return findPair(doc, map, key)?.value;
}

function locateNode(doc: Document, root: YamlNode, path: PathSegment[], pos: Pos) {
  let node: YamlNode | undefined = root;
  let at: YamlNode | undefined = root;
  for (const seg of path) {
    node = deref(doc, node);
    if (!node) return undefined;
    if (typeof seg === 'number') {
      if (!isSeq(node)) return undefined;
      node = node.items[seg] as YamlNode | undefined;
      at = node;
    } else {
      const p = findPair(doc, node, seg);
      if (!p) return undefined;
      node = p.value;
      at = p.key;
    }
  }
  const offset = at?.range?.[0];
  return offset === undefined ? undefined : pos(offset);
}

/**
 * A cheap upper bound on nesting, run before parsing: flow brackets plus block indentation steps
 * plus compact `- - -` entries. Returns the offset where it first passes MAX_TEXT_DEPTH, so text
 * built to exhaust the parser's stack is refused up front.
 */
function scanTextDepth(text: string): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let offset = 0;
  for (const line of text.split('\n')) {
    let i = 0;
    while (line.charCodeAt(i) === 32) i++;
    if (i < line.length && line[i] !== '#') {
      while (indents.length > 0 && indents[indents.length - 1] > i) indents.pop();
      if (indents.length === 0 || indents[indents.length - 1] < i) indents.push(i);
      let dashes = 0;
      for (let j = i; j + 1 < line.length && line[j] === '-' && line[j + 1] === ' '; j += 2) {
        dashes++;
        while (line[j + 2] === ' ') j++;
      }
      let quote = '';
      for (let j = i; j < line.length; j++) {
        const ch = line[j];
        if (quote) {
          if (ch === quote) quote = '';
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '#' && (j === 0 || line[j - 1] === ' ')) break;
        else if (ch === '[' || ch === '{') {
          flow++;
          if (flow + indents.length > MAX_TEXT_DEPTH) return offset + j;
        } else if ((ch === ']' || ch === '}') && flow > 0) flow--;
      }
      if (indents.length + dashes + flow > MAX_TEXT_DEPTH) return offset + i;
    }
    offset += line.length + 1;
  }
  return undefined;
}

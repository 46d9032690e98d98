// kubectl's JSONPath dialect: a port of k8s.io/client-go util/jsonpath (parser.go, jsonpath.go)
// over JSON-shaped values. Templates mix text and `{...}` actions: fields, [i], [a:b:c], [*],
// [a,b] unions, ['key'], [?(@.x=="y")] filters, .., range/end, and "quoted" literals.
import { marshalGoJson } from './json.js';

type Node =
  | { t: 'list'; nodes: Node[] }
  | { t: 'text'; text: string }
  | { t: 'field'; name: string }
  | { t: 'array'; params: Param[] }
  | { t: 'filter'; left: Node; right: Node; op: string }
  | { t: 'int'; v: number }
  | { t: 'float'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'union'; lists: Node[] }
  | { t: 'identifier'; name: string };

interface Param {
  value: number;
  known: boolean;
  derived: boolean;
}

/** A JSONPath parse or execution error, worded as client-go words it. */
export class JsonPathError extends Error {}

const fail = (msg: string): never => {
  throw new JsonPathError(msg);
};

const isTerminator = (c: string | undefined): boolean =>
  c === undefined || ' \t\r\n.,[]$@{}'.includes(c);
const isAlphaNumeric = (c: string | undefined): boolean => c !== undefined && /^[\p{L}\p{Nd}_]$/u.test(c);

/** Go's %#U of a rune: `U+0025 '%'`. */
const goRune = (c: string): string =>
  `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} '${c}'`;

/** strconv.Unquote extended to single quotes (UnquoteExtend). */
function unquote(s: string): string {
  const body = s.slice(1, -1);
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_, e: string) => {
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };
    if (e in simple) return simple[e];
    if (/^[xuU]/.test(e)) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]{3}$/.test(e)) return String.fromCodePoint(parseInt(e, 8));
    return fail(`unquote string ${s} error invalid syntax`);
  });
}

/** The client-go parser: `text` becomes a list of text and action-list nodes. */
class Parser {
  private input = '';
  private pos = 0;
  private start = 0;
  root: Node & { t: 'list' } = { t: 'list', nodes: [] };

  parse(text: string): this {
    this.input = text;
    this.root = { t: 'list', nodes: [] };
    this.pos = 0;
    this.start = 0;
    this.parseText(this.root);
    return this;
  }

  private consume(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  private next(): string | undefined {
    if (this.pos >= this.input.length) return undefined;
    return this.input[this.pos++];
  }

  private parseText(cur: Node & { t: 'list' }): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consume() });
        this.pos++;
        this.consume();
        const list: Node & { t: 'list' } = { t: 'list', nodes: [] };
        cur.nodes.push(list);
        this.parseInsideAction(list);
        return;
      }
      if (this.next() === undefined) break;
    }
    if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consume() });
  }

  private parseInsideAction(cur: Node & { t: 'list' }): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) {
        this.pos++;
        this.consume();
        this.parseText(this.root);
        return;
      }
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        const last = cur.nodes[cur.nodes.length - 1];
        if (last?.t === 'recursive') fail('invalid multiple recursive descent');
        this.pos += 2;
        this.consume();
        cur.nodes.push({ t: 'recursive' });
        if (isAlphaNumeric(this.input[this.pos])) this.parseField(cur);
        continue;
      }
      const r = this.next();
      if (r === undefined || r === '\r' || r === '\n') fail('unclosed action');
      else if (r === ' ' || r === '@' || r === '$') this.consume();
      else if (r === '[') this.parseArray(cur);
      else if (r === '"' || r === "'") this.parseQuote(cur, r);
      else if (r === '.') this.parseField(cur);
      else if (r === '+' || r === '-' || /\p{Nd}/u.test(r)) {
        this.pos--;
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.pos--;
        this.parseIdentifier(cur);
      } else fail(`unrecognized character in action: ${goRune(r)}`);
    }
  }

  private parseIdentifier(cur: Node & { t: 'list' }): void {
    while (!isTerminator(this.input[this.pos])) this.pos++;
    const v = this.consume();
    cur.nodes.push(v === 'true' || v === 'false' ? { t: 'bool', v: v === 'true' } : { t: 'identifier', name: v });
  }

  private parseNumber(cur: Node & { t: 'list' }): void {
    if (this.input[this.pos] === '+' || this.input[this.pos] === '-') this.pos++;
    while (this.pos < this.input.length && /[.\p{Nd}]/u.test(this.input[this.pos])) this.pos++;
    const v = this.consume();
    if (/^[-+]?\d+$/.test(v)) cur.nodes.push({ t: 'int', v: Number(v) });
    else if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(v)) cur.nodes.push({ t: 'float', v: Number(v) });
    else fail(`cannot parse number ${v}`);
  }

  private parseArray(cur: Node & { t: 'list' }): void {
    for (;;) {
      const c = this.next();
      if (c === undefined || c === '\n') fail('unterminated array');
      if (c === ']') break;
    }
    let text = this.consume().slice(1, -1);
    if (text === '*') text = ':';
    const strs = text.split(',');
    if (strs.length > 1) {
      const lists = strs.map((s) => actionList(`[${s.trim()}]`));
      cur.nodes.push({ t: 'union', lists });
      return;
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict) {
      // `['a.b']` is parsed as `.a.b`, as in client-go (escape dots inside the key).
      cur.nodes.push(...(actionList(`.${dict[1]}`) as { nodes: Node[] }).nodes);
      return;
    }
    const m = /^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$/.exec(text);
    if (!m) return fail(`invalid array index ${text}`);
    const params: Param[] = [];
    for (let i = 0; i < 3; i++) {
      let v = m[i + 1] ?? '';
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') params.push({ value: 0, known: false, derived: false });
        else if (!/^[-+]?\d+$/.test(v)) fail(`array index ${v} is not a number`);
        else params.push({ value: Number(v), known: true, derived: false });
      } else if (i === 1) {
        params.push({ value: params[0].value + 1, known: true, derived: true });
      } else {
        params.push({ value: 0, known: false, derived: false });
      }
    }
    cur.nodes.push({ t: 'array', params });
  }

  private parseFilter(cur: Node & { t: 'list' }): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === undefined || r === '\n') fail('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')' && begin === end) {
        break;
      }
    }
    if (this.next() !== ']') fail('unclosed array expect ]');
    const text = this.consume().slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/s.exec(text);
    if (!m) cur.nodes.push({ t: 'filter', left: actionList(text), right: { t: 'list', nodes: [] }, op: 'exists' });
    else cur.nodes.push({ t: 'filter', left: actionList(m[1]), right: actionList(m[3]), op: m[2] });
  }

  private parseQuote(cur: Node & { t: 'list' }, endQ: string): void {
    for (;;) {
      const c = this.next();
      if (c === undefined || c === '\n') fail('unterminated quoted string');
      if (c === endQ && this.input[this.pos - 2] !== '\\') break;
    }
    cur.nodes.push({ t: 'text', text: unquote(this.consume()) });
  }

  private parseField(cur: Node & { t: 'list' }): void {
    this.consume();
    for (;;) {
      const c = this.input[this.pos];
      if (c === '\\') {
        this.pos += 2;
        continue;
      }
      if (isTerminator(c)) break;
      this.pos++;
    }
    const v = this.consume();
    cur.nodes.push(v === '*' ? { t: 'wildcard' } : { t: 'field', name: v.replaceAll('\\', '') });
  }
}

/** parseAction: `{text}` parsed, its single action list returned. */
function actionList(text: string): Node {
  return new Parser().parse(`{${text}}`).root.nodes[0];
}

/** Go's reflect type name of a JSON value, for error messages. */
function goType(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (v !== null && typeof v === 'object') return 'map[string]interface {}';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'string' ? 'string' : '<nil>';
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function compare(op: string, l: unknown, r: unknown): boolean {
  const bothNum = typeof l === 'number' && typeof r === 'number';
  const bothStr = typeof l === 'string' && typeof r === 'string';
  if (op === '==' || op === '!=') {
    if (!(bothNum || bothStr || (typeof l === 'boolean' && typeof r === 'boolean'))) fail('incompatible types for comparison');
    return op === '==' ? l === r : l !== r;
  }
  if (!(bothNum || bothStr)) fail('invalid type for comparison');
  const a = l as number | string;
  const b = r as number | string;
  switch (op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    default:
      return fail(`unrecognized filter operator ${op}`);
  }
}

/** A parsed template plus client-go's range bookkeeping. */
export class JsonPath {
  private nodes: Node[] = [];
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEnd = -1;

  /** Parses `template`; throws JsonPathError with client-go's wording on a syntax error. */
  constructor(template: string, private readonly allowMissingKeys = true) {
    this.nodes = new Parser().parse(template).root.nodes;
  }

  /** FindResults: one list of values per top-level node (text or action), ranges expanded. */
  findResults(data: unknown, start = 0): unknown[][] {
    const full: unknown[][] = [];
    for (let i = start; i < this.nodes.length; i++) {
      const results = this.walk([data], this.nodes[i]);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEnd = i;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) for (const v of results) full.push(...this.findResults(v, i + 1));
        else this.findResults(null, i + 1);
        this.inRange--;
        for (let k = i + 1; k < this.nodes.length; k++) {
          if (k === this.lastEnd) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  /** Execute: every result printed (strings raw, maps/lists as compact JSON), space-separated within a node. */
  execute(data: unknown): string {
    this.beginRange = this.inRange = this.endRange = 0;
    this.lastEnd = -1;
    return this.findResults(data).map((rs) => rs.map(printResult).join(' ')).join('');
  }

  private walk(input: unknown[], node: Node): unknown[] {
    switch (node.t) {
      case 'list': {
        let cur = input;
        for (const n of node.nodes) cur = this.walk(cur, n);
        return cur;
      }
      case 'text':
        return [node.text];
      case 'int':
      case 'float':
      case 'bool':
        return input.map(() => node.v);
      case 'field':
        return this.evalField(input, node.name);
      case 'array':
        return this.evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'wildcard':
        return input.flatMap((v) => children(v));
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return node.lists.flatMap((l) => this.walk(input, l));
      case 'identifier':
        if (node.name === 'range') {
          this.beginRange++;
          return input;
        }
        if (node.name === 'end') {
          if (this.inRange > 0) {
            this.endRange++;
            return [];
          }
          return fail('not in range, nothing to end');
        }
        return fail(`unrecognized identifier ${node.name}`);
    }
  }

  private evalField(input: unknown[], name: string): unknown[] {
    if (input.length === 0) return [];
    const results: unknown[] = [];
    for (const v of input) {
      if (isMap(v) && Object.hasOwn(v, name)) results.push(v[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) fail(`${name} is not found`);
    return results;
  }

  private evalArray(input: unknown[], params: Param[]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      if (!Array.isArray(value)) fail(`${goType(value)} is not array or slice`);
      const list = value as unknown[];
      const len = list.length;
      let start = params[0].known ? params[0].value : 0;
      if (start < 0) start += len;
      let end = params[1].known ? params[1].value : len;
      if (end < 0 || (end === 0 && params[1].derived)) end += len;
      if (end === start) return result;
      if (start >= len || start < 0) fail(`array index out of bounds: index ${start}, length ${len}`);
      if (end > len || end < 0) fail(`array index out of bounds: index ${end - 1}, length ${len}`);
      if (start > end) fail(`starting index ${start} is greater than ending index ${end}`);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) fail('step must be > 0');
        step = params[2].value;
      }
      const slice = list.slice(start, end);
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  private evalFilter(input: unknown[], node: Node & { t: 'filter' }): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) fail(`${value === null || value === undefined ? '<nil>' : goType(value)} is not array or slice and cannot be filtered`);
      for (const item of value as unknown[]) {
        let lefts: unknown[];
        try {
          lefts = this.walk([item], node.left);
        } catch (e) {
          if (node.op === 'exists') continue;
          throw e;
        }
        if (node.op === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) fail('can only compare one element at a time');
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) fail('can only compare one element at a time');
        if (compare(node.op, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }

  private evalRecursive(input: unknown[]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      const kids = children(value);
      if (kids.length > 0) {
        result.push(value);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }
}

/**
 * Elements of a list, values of a map (sorted keys: Go's map order is random), and the UTF-8
 * bytes of a string (Go indexes strings by byte, giving uint8 values that have no children).
 */
function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isMap(v)) return Object.keys(v).sort().map((k) => v[k]);
  if (typeof v === 'string') return [...Buffer.from(v, 'utf8')];
  return [];
}

/** PrintResults for one value: maps and lists as Go json.Marshal, scalars as fmt.Print. */
export function printResult(v: unknown): string {
  if (v !== null && typeof v === 'object') return marshalGoJson(v);
  if (v === null || v === undefined) return 'null';
  return String(v);
}

/**
 * `-o jsonpath=TEMPLATE` over one JSON value (an object, or kubectl's List). Missing keys print
 * nothing unless `allowMissingKeys` is false (`--allow-missing-template-keys=false`).
 * Throws JsonPathError (parse or execution) with client-go's message.
 */
export function executeJsonPath(template: string, data: unknown, allowMissingKeys = true): string {
  return new JsonPath(template, allowMissingKeys).execute(data);
}

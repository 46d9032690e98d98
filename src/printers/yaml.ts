// -o yaml: sigs.k8s.io/yaml Marshal = Go json.Marshal (sorted keys) then go-yaml v2's emitter.
// This is a small port of the parts of that emitter kubectl output exercises: block mappings with
// indentless sequences, `{}`/`[]` for empty containers, go-yaml's quoting decisions (resolve +
// libyaml's analyze_scalar), literal blocks for multi-line strings, and folding at column 80.
import type { KubeObject } from '../api/types.js';
import { outputValue } from './json.js';

const bestWidth = 80;
const bestIndent = 2;

const resolveMap = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF',
  '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);
const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const base60Float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
// The YAML timestamp forms go-yaml v2 accepts (time.Parse layouts with short date fields).
const timestamp = /^\d{4}-\d{1,2}-\d{1,2}(?:$|[Tt ]\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})?$)/;

/** Go strconv.ParseInt(s, 0, 64) / ParseUint acceptance (prefixes 0x, 0o, 0b, leading 0 = octal). */
function isGoInt(s: string): boolean {
  return /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|0[bB][01]+|[1-9][0-9]*)$/.test(s);
}

/**
 * go-yaml v2 resolve(): whether a plain scalar `s` would read back as something other than a
 * string (bool, null, int, float, timestamp, merge), or is a base-60 float; such strings are quoted.
 */
export function resolvesToNonString(s: string): boolean {
  if (resolveMap.has(s)) return true;
  const c = s[0];
  if (c === '.') return yamlStyleFloat.test(s) || /^\.[0-9]/.test(s) && !Number.isNaN(Number(s));
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    if (timestamp.test(s)) return true;
    const plain = s.replaceAll('_', '');
    if (isGoInt(plain)) return true;
    if (yamlStyleFloat.test(plain)) return true;
    if (/^-0b[01]+$/.test(plain)) return true;
    return base60Float.test(s);
  }
  return false;
}

/** libyaml is_printable with unicode output enabled. */
function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    cp === 0x85 ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) ||
    cp >= 0x10000
  );
}

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

/** libyaml yaml_emitter_analyze_scalar, restricted to what block context needs. */
function analyze(s: string): Analysis {
  const chars = [...s];
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (s.startsWith('---') || s.startsWith('...')) blockIndicators = true;
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ((ch === '?' || ch === ':' || ch === '-') && followedByWhitespace) blockIndicators = true;
    } else if (ch === ':' && followedByWhitespace) {
      blockIndicators = true;
    } else if (ch === '#' && precededByWhitespace) {
      blockIndicators = true;
    }
    const cp = ch.codePointAt(0) ?? 0;
    if (!isPrintable(cp)) special = true;
    const isBreak = ch === '\n' || ch === '\r' || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
    if (isBreak) lineBreaks = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = ch === ' ' || ch === '\t' || isBreak;
  }
  const a: Analysis = { multiline: lineBreaks, blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) {
    a.blockPlain = false;
    a.singleQuoted = false;
  }
  if (spaceBreak || special) {
    a.blockPlain = false;
    a.singleQuoted = false;
    a.block = false;
  }
  if (lineBreaks) a.blockPlain = false;
  if (blockIndicators) a.blockPlain = false;
  return a;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

/** go-yaml stringv + libyaml select_scalar_style for a string in block context (keys are simple keys). */
function selectStyle(s: string, simpleKey: boolean): Style {
  const a = analyze(s);
  let style: Style = s.includes('\n') ? 'literal' : resolvesToNonString(s) || base60Float.test(s) ? 'double' : 'plain';
  if (style === 'plain') {
    if ((simpleKey && a.multiline) || !a.blockPlain) style = 'single';
    if (s === '' && simpleKey) style = 'single';
  }
  if (style === 'literal' && (!a.block || simpleKey)) style = 'double';
  if (style === 'single' && (!a.singleQuoted || (simpleKey && a.multiline))) style = 'double';
  return style;
}

const doubleEscapes: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r',
  0x1b: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

/** Go strconv.FormatFloat(f, 'g', -1, 64) as go-yaml v2 prints floats. */
function goFloat(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (!Number.isFinite(f)) return f > 0 ? '.inf' : '-.inf';
  if (Number.isInteger(f) && Math.abs(f) < 1e21) return String(f);
  const [mant, expStr] = f.toExponential().split('e');
  const exp = Number(expStr);
  const digits = mant.replace('-', '').replace('.', '').length;
  let eprec = 6;
  if (eprec > digits && digits >= exp + 1) eprec = digits;
  if (exp < -4 || exp >= eprec) {
    const e = Math.abs(exp);
    return `${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  return String(f);
}

/** Builds the YAML text with libyaml's column bookkeeping. */
class Emitter {
  out = '';
  column = 0;

  put(s: string): void {
    this.out += s;
    this.column += [...s].length;
  }

  newline(indent: number): void {
    this.out += `\n${' '.repeat(indent)}`;
    this.column = indent;
  }

  /** A scalar after `key:` or `- ` (a space first), or a key itself; `indent` is for continuation lines. */
  scalar(v: unknown, indent: number, simpleKey: boolean, lead: string): void {
    if (v === null || v === undefined) return this.put(`${lead}null`);
    if (typeof v === 'boolean') return this.put(`${lead}${v}`);
    if (typeof v === 'number') return this.put(`${lead}${goFloat(v)}`);
    const s = String(v);
    const style = selectStyle(s, simpleKey);
    const allowBreaks = !simpleKey;
    const chars = [...s];
    if (style === 'literal') return this.literal(s, indent, lead);
    if (style === 'plain') {
      this.put(lead);
      let spaces = false;
      chars.forEach((ch, i) => {
        if (ch === ' ') {
          if (allowBreaks && !spaces && this.column > bestWidth && chars[i + 1] !== ' ') this.newline(indent);
          else this.put(ch);
          spaces = true;
        } else {
          this.put(ch);
          spaces = false;
        }
      });
      return;
    }
    const quote = style === 'single' ? "'" : '"';
    this.put(`${lead}${quote}`);
    let spaces = false;
    chars.forEach((ch, i) => {
      const cp = ch.codePointAt(0) ?? 0;
      const inner = i !== 0 && i !== chars.length - 1;
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > bestWidth && inner && (style === 'double' || chars[i + 1] !== ' ')) {
          this.newline(indent);
          if (style === 'double' && chars[i + 1] === ' ') this.put('\\');
        } else {
          this.put(ch);
        }
        spaces = true;
        return;
      }
      spaces = false;
      if (style === 'single') {
        this.put(ch === "'" ? "''" : ch);
      } else if (!isPrintable(cp) || cp === 0xfeff || ch === '"' || ch === '\\' || ch === '\n' || ch === '\r' || cp === 0x85 || cp === 0x2028 || cp === 0x2029) {
        const short = doubleEscapes[cp];
        if (short) this.put(`\\${short}`);
        else if (cp <= 0xff) this.put(`\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`);
        else if (cp <= 0xffff) this.put(`\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`);
        else this.put(`\\U${cp.toString(16).toUpperCase().padStart(8, '0')}`);
      } else {
        this.put(ch);
      }
    });
    this.put(quote);
  }

  /** `|`, `|-` or `|+` (with an indentation hint for a leading space), lines indented by `indent`. */
  literal(s: string, indent: number, lead: string): void {
    let chomp = '';
    if (!s.endsWith('\n')) chomp = '-';
    else if (s === '\n' || s.endsWith('\n\n')) chomp = '+';
    const hint = s.startsWith(' ') || s.startsWith('\n') ? String(bestIndent) : '';
    this.put(`${lead}|${hint}${chomp}`);
    const body = s.endsWith('\n') ? s.slice(0, -1) : s;
    for (const line of body.split('\n')) {
      if (line === '') {
        this.out += '\n';
        this.column = 0;
      } else {
        this.newline(indent);
        this.put(line);
      }
    }
  }

  isEmptyContainer(v: unknown): boolean {
    return Array.isArray(v) ? v.length === 0 : isMap(v) && Object.keys(v).length === 0;
  }

  /** A value after `key:` or `- `; `indent` is the indent of the enclosing block. */
  value(v: unknown, indent: number, inSequence: boolean): void {
    if (Array.isArray(v) && v.length > 0) {
      if (inSequence) {
        this.put(' ');
        this.sequence(v, indent + bestIndent, true);
      } else {
        this.sequence(v, indent, false);
      }
    } else if (isMap(v) && Object.keys(v).length > 0) {
      if (inSequence) {
        this.put(' ');
        this.mapping(v, indent + bestIndent, true);
      } else {
        this.mapping(v, indent + bestIndent, false);
      }
    } else if (this.isEmptyContainer(v)) {
      this.put(Array.isArray(v) ? ' []' : ' {}');
    } else {
      this.scalar(v, indent + bestIndent, false, ' ');
    }
  }

  mapping(m: Record<string, unknown>, indent: number, inline: boolean): void {
    const keys = Object.keys(m).filter((k) => m[k] !== undefined).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    keys.forEach((k, i) => {
      if (!(inline && i === 0)) this.newline(indent);
      this.scalar(k, indent, true, '');
      this.put(':');
      this.value(m[k], indent, false);
    });
  }

  sequence(list: unknown[], indent: number, inline: boolean): void {
    list.forEach((item, i) => {
      if (!(inline && i === 0)) this.newline(indent);
      this.put('-');
      this.value(item, indent, true);
    });
  }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** sigs.k8s.io/yaml Marshal of a JSON-shaped value, ending in a newline. */
export function marshalGoYaml(value: unknown): string {
  const e = new Emitter();
  if (isMap(value) && Object.keys(value).length > 0) {
    e.mapping(value, 0, true);
  } else if (Array.isArray(value) && value.length > 0) {
    e.sequence(value, 0, true);
  } else if (e.isEmptyContainer(value)) {
    e.put(Array.isArray(value) ? '[]' : '{}');
  } else {
    e.scalar(value, 0, false, '');
  }
  return `${e.out}\n`;
}

/** `-o yaml`: the single named object, or kubectl's List of all of them. */
export function printYaml(objects: KubeObject[], singleItem: boolean): string {
  return marshalGoYaml(outputValue(objects, singleItem));
}

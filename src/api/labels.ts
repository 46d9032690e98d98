// Label selectors as k8s.io/apimachinery/pkg/labels parses, matches and prints them, plus
// metav1.LabelSelector (matchLabels/matchExpressions) conversion.
import { FieldPath, fieldErrorString, invalid, type FieldError } from './field.js';
import type { LabelSelector } from './types.js';

/** selection.Operator values, spelled as Kubernetes spells them. */
export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

/** A parsed selector: an AND of requirements sorted by key; `nothing` matches no object at all. */
export interface Selector {
  requirements: Requirement[];
  nothing?: boolean;
}

/** A selector that fails to parse; `message` is what labels.Parse returns as its error text. */
export class SelectorParseError extends Error {}

// Key and value validation is apimachinery's, shared with the apiserver's validators.
export { isQualifiedName as qualifiedNameErrors, isValidLabelValue as labelValueErrors } from './validation/names.js';
import { isQualifiedName as qualifiedNameErrors, isValidLabelValue as labelValueErrors } from './validation/names.js';

/** Renders an error list as utilerrors.NewAggregate does: one message, or `[a, b]`. */
function aggregate(errs: FieldError[]): string {
  const msgs = errs.map(fieldErrorString);
  return msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`;
}

/**
 * labels.NewRequirement: validates key, operator arity and values. Throws SelectorParseError with
 * the aggregated field errors on failure.
 */
export function newRequirement(key: string, operator: Operator, values: string[]): Requirement {
  const errs: FieldError[] = [];
  const keyErrs = qualifiedNameErrors(key);
  if (keyErrs.length) errs.push(invalid(FieldPath.root('key'), key, keyErrs.join('; ')));
  const vp = FieldPath.root('values');
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errs.push(invalid(vp, values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(invalid(vp, values, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errs.push(invalid(vp, values, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errs.push(invalid(vp, values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (!/^[+-]?\d+$/.test(v)) {
          errs.push(invalid(vp.index(i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
  }
  values.forEach((v, i) => {
    const ve = labelValueErrors(v);
    if (ve.length) errs.push(invalid(vp.index(i).key(key), v, ve.join('; ')));
  });
  if (errs.length) throw new SelectorParseError(aggregate(errs));
  return { key, operator, values };
}

// ---- lexer and parser (labels.Parse) ----

type Tok =
  | 'error'
  | 'eos'
  | ')'
  | ','
  | '!'
  | '=='
  | '='
  | '>'
  | 'id'
  | 'in'
  | '<'
  | '!='
  | 'notin'
  | '(';

interface Item {
  tok: Tok;
  lit: string;
}

const STRING_TO_TOKEN: Record<string, Tok> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

const isWhitespace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string): boolean => '=!(),><'.includes(c) && c !== '';

function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos])) pos++;
    if (pos >= s.length) {
      items.push({ tok: 'eos', lit: '' });
      return items;
    }
    if (isSpecial(s[pos])) {
      // Longest operator made of special symbols, as scanSpecialSymbol does.
      let buf = '';
      let last: Item | undefined;
      while (pos < s.length && isSpecial(s[pos])) {
        buf += s[pos];
        const t = Object.hasOwn(STRING_TO_TOKEN, buf) ? STRING_TO_TOKEN[buf] : undefined;
        if (t) last = { tok: t, lit: buf };
        else if (last) break;
        pos++;
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
      continue;
    }
    let buf = '';
    while (pos < s.length && !isSpecial(s[pos]) && !isWhitespace(s[pos])) buf += s[pos++];
    const kw = buf === 'in' || buf === 'notin' ? (buf as Tok) : undefined;
    items.push({ tok: kw ?? 'id', lit: buf });
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly items: Item[]) {}

  /** In a values context `in`/`notin` are plain identifiers. */
  private look(values: boolean): Item {
    const it = this.items[this.pos];
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it;
  }

  private take(values: boolean): Item {
    const it = this.look(values);
    this.pos++;
    return it;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.look(true);
      if (tok === 'id' || tok === '!') {
        let r: Requirement;
        try {
          r = this.requirement();
        } catch (e) {
          throw new SelectorParseError(`unable to parse requirement: ${(e as Error).message}`);
        }
        reqs.push(r);
        const t = this.take(true);
        if (t.tok === 'eos') return reqs;
        if (t.tok === ',') {
          const t2 = this.look(true);
          if (t2.tok !== 'id' && t2.tok !== '!') {
            throw new SelectorParseError(`found '${t2.lit}', expected: identifier after ','`);
          }
          continue;
        }
        throw new SelectorParseError(`found '${t.lit}', expected: ',' or 'end of string'`);
      }
      if (tok === 'eos') return reqs;
      throw new SelectorParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
    }
  }

  private requirement(): Requirement {
    let op: Operator | undefined;
    let t = this.take(true);
    if (t.tok === '!') {
      op = '!';
      t = this.take(true);
    }
    if (t.tok !== 'id') throw new Error(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrs = qualifiedNameErrors(key);
    // labels.Parse validates with a nil field path, which Go prints as <nil>.
    if (keyErrs.length) throw new Error(fieldErrorString(invalid('<nil>', key, keyErrs.join('; '))));
    const next = this.look(true).tok;
    if (next === 'eos' || next === ',') op = op === '!' ? '!' : 'exists';
    if (op === 'exists' || op === '!') return newRequirement(key, op, []);
    op = this.operator();
    const values = op === 'in' || op === 'notin' ? this.valueSet() : this.exactValue();
    return newRequirement(key, op, [...values].sort());
  }

  private operator(): Operator {
    const { tok, lit } = this.take(false);
    const map: Partial<Record<Tok, Operator>> = {
      in: 'in',
      '=': '=',
      '==': '==',
      '>': 'gt',
      '<': 'lt',
      notin: 'notin',
      '!=': '!=',
    };
    const op = map[tok];
    if (!op) throw new Error(`found '${lit}', expected: in, notin, =, ==, !=, gt, lt`);
    return op;
  }

  private valueSet(): Set<string> {
    let { tok, lit } = this.take(true);
    if (tok !== '(') throw new Error(`found '${lit}' expected: '('`);
    ({ tok, lit } = this.look(true));
    if (tok === 'id' || tok === ',') {
      const s = this.identifiers();
      if (this.take(true).tok !== ')') throw new Error(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === ')') {
      this.take(true);
      return new Set(['']);
    }
    throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
  }

  private identifiers(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.take(true);
      if (tok === 'id') {
        s.add(lit);
        const t2 = this.look(true);
        if (t2.tok === ',') continue;
        if (t2.tok === ')') return s;
        throw new Error(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (tok === ',') {
        if (s.size === 0) s.add('');
        const t2 = this.look(true).tok;
        if (t2 === ')') {
          s.add('');
          return s;
        }
        if (t2 === ',') s.add('');
      } else {
        throw new Error(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private exactValue(): Set<string> {
    const t = this.look(true).tok;
    if (t === 'eos' || t === ',') return new Set(['']);
    const { tok, lit } = this.take(true);
    if (tok === 'id') return new Set([lit]);
    throw new Error(`found '${lit}', expected: identifier`);
  }
}

const byKey = (a: Requirement, b: Requirement): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * labels.Parse: `a=b,c!=d,e in (x,y),f notin (z),g,!h`. Returns the requirements sorted by key;
 * throws SelectorParseError carrying the apimachinery error text.
 */
export function parseSelector(s: string): Selector {
  return { requirements: new Parser(lex(s)).parse().sort(byKey) };
}

function requirementMatches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const val = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(val!);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(val!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || !/^[+-]?\d+$/.test(val!) || r.values.length !== 1) return false;
      const lv = Number(val);
      const rv = Number(r.values[0]);
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
  }
}

/** True when every requirement holds for `labels`; the `nothing` selector never matches. */
export function selectorMatches(sel: Selector, labels: Record<string, string> | undefined): boolean {
  if (sel.nothing) return false;
  const l = labels ?? {};
  return sel.requirements.every((r) => requirementMatches(r, l));
}

/** labels.SelectorFromSet: one `=` requirement per entry; an empty map matches everything. */
export function selectorFromSet(set: Record<string, string> | undefined): Selector {
  return {
    requirements: Object.entries(set ?? {})
      .map(([key, v]) => ({ key, operator: '=' as Operator, values: [v] }))
      .sort(byKey),
  };
}

/**
 * metav1.LabelSelectorAsSelector: undefined -> matches nothing; `{}` -> everything; matchLabels
 * become `=`, matchExpressions In/NotIn/Exists/DoesNotExist. Throws SelectorParseError on an
 * unknown operator (`"Foo" is not a valid label selector operator`) or invalid key/values.
 */
export function labelSelectorAsSelector(ls: LabelSelector | undefined | null): Selector {
  if (!ls) return { requirements: [], nothing: true };
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(ls.matchLabels ?? {})) reqs.push(newRequirement(k, '=', [v]));
  for (const expr of ls.matchExpressions ?? []) {
    const ops: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };
    const op = ops[expr.operator];
    if (!op) throw new SelectorParseError(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(expr.key, op, [...(expr.values ?? [])]));
  }
  return { requirements: reqs.sort(byKey) };
}

/** A predicate over labels for a LabelSelector; an invalid selector matches nothing. */
export function labelSelectorMatcher(ls: LabelSelector | undefined | null): (labels?: Record<string, string>) => boolean {
  let sel: Selector;
  try {
    sel = labelSelectorAsSelector(ls);
  } catch {
    return () => false;
  }
  return (labels) => selectorMatches(sel, labels);
}

function requirementString(r: Requirement): string {
  const opText: Record<Operator, string> = {
    '=': '=',
    '==': '==',
    '!=': '!=',
    in: ' in ',
    notin: ' notin ',
    gt: '>',
    lt: '<',
    exists: '',
    '!': '',
  };
  let s = (r.operator === '!' ? '!' : '') + r.key;
  if (r.operator === 'exists' || r.operator === '!') return s;
  s += opText[r.operator];
  const vals = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${s}(${vals})` : s + vals;
}

/** Selector.String(): requirements joined by `,` (`a=b,e in (x,y),!h`); `""` for everything/nothing. */
export function selectorString(sel: Selector): string {
  if (sel.nothing) return '';
  return sel.requirements.map(requirementString).join(',');
}

/** labels.FormatLabels as printers use it: `a=b,c=d` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const s = selectorString(selectorFromSet(labels));
  return s === '' ? '<none>' : s;
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(ls: LabelSelector | undefined | null): string {
  let s: string;
  try {
    s = selectorString(labelSelectorAsSelector(ls));
  } catch {
    return '<error>';
  }
  return s === '' ? '<none>' : s;
}

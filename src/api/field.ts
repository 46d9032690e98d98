// Field paths and field errors, shaped after k8s.io/apimachinery/pkg/util/validation/field.

/**
 * An immutable path into an object: root("spec").child("ports").index(0) renders spec.ports[0].
 * Each path points at its parent, so that validators can build the paths of every field they
 * visit cheaply; the segments are walked only when an error is rendered.
 */
export class FieldPath {
  private constructor(
    private readonly parent: FieldPath | undefined,
    private readonly part: string | number | undefined,
  ) {}

  static root(name?: string): FieldPath {
    return new FieldPath(undefined, name);
  }

  child(name: string, ...more: string[]): FieldPath {
    let p: FieldPath = new FieldPath(this, name);
    for (const m of more) p = new FieldPath(p, m);
    return p;
  }

  index(i: number): FieldPath {
    return new FieldPath(this, i);
  }

  /** A map key, rendered as k8s does: spec.selector[app]. */
  key(k: string): FieldPath {
    return new FieldPath(this, `[${k}]`);
  }

  /** The path's parts, root first. */
  private parts(): (string | number)[] {
    const out: (string | number)[] = [];
    for (let p: FieldPath | undefined = this; p; p = p.parent) if (p.part !== undefined) out.push(p.part);
    return out.reverse();
  }

  /** The raw segments, for mapping a path back to a YAML node. */
  segments(): (string | number)[] {
    return this.parts().map((p) => (typeof p === 'string' && p.startsWith('[') ? p.slice(1, -1) : p));
  }

  toString(): string {
    let out = '';
    for (const p of this.parts()) {
      if (typeof p === 'number') out += `[${p}]`;
      else if (p.startsWith('[')) out += p;
      else out += out === '' ? p : `.${p}`;
    }
    return out;
  }
}

export type FieldErrorType =
  | 'Required value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Duplicate value'
  | 'Forbidden'
  | 'Too long'
  | 'Too many'
  | 'Not found'
  | 'Internal error';

/** One validation failure at one field, printed as the apiserver prints field.Error. */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  badValue?: unknown;
  detail: string;
  /** false when the apiserver omits the value from the message (Required, Forbidden, ...). */
  showValue?: boolean;
}

/** Renders a bad value as Go's %#v-ish formatting used by field.Error. */
export function formatBadValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `[]${elemType(v)}{${v.map(formatBadValue).join(', ')}}`;
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.every(([, x]) => typeof x === 'string')) {
    // Go's %#v of a map[string]string: keys sorted, `"k":"v"` pairs.
    const body = entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(x)}`)
      .join(', ');
    return `map[string]string{${body}}`;
  }
  return JSON.stringify(v);
}

function elemType(v: unknown[]): string {
  if (v.every((x) => typeof x === 'string')) return 'string';
  if (v.every((x) => typeof x === 'number')) return 'int';
  return 'interface {}';
}

/** `spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive` */
export function fieldErrorString(e: FieldError): string {
  const parts = [`${e.field}: ${e.type}`];
  if (e.showValue !== false && e.badValue !== undefined) parts.push(formatBadValue(e.badValue));
  if (e.detail) parts.push(e.detail);
  return parts.join(': ');
}

const mk =
  (type: FieldErrorType, showValue: boolean) =>
  (path: FieldPath | string, badValue: unknown, detail = ''): FieldError => ({
    type,
    field: String(path),
    badValue,
    detail,
    showValue,
  });

export const invalid = mk('Invalid value', true);
export const duplicate = mk('Duplicate value', true);
export const tooLong = mk('Too long', false);
export const tooMany = mk('Too many', false);
export const internalError = mk('Internal error', false);

export function required(path: FieldPath | string, detail = ''): FieldError {
  return { type: 'Required value', field: String(path), detail, showValue: false };
}

export function forbidden(path: FieldPath | string, detail: string): FieldError {
  return { type: 'Forbidden', field: String(path), detail, showValue: false };
}

/** `Unsupported value: "Foo": supported values: "A", "B"` */
export function notSupported(path: FieldPath | string, badValue: unknown, supported: string[]): FieldError {
  const detail = supported.length ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : '';
  return { type: 'Unsupported value', field: String(path), badValue, detail, showValue: true };
}

/** Drops exact duplicates, as ToAggregate does. */
export function dedupeErrors(errs: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errs.filter((e) => {
    const k = fieldErrorString(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// Schema checks the apiserver's decoder makes before validation: unknown fields (strict decoding,
// `kubectl --validate=strict`), JSON type mismatches (Go's encoding/json), and - reported apart,
// since the decoder never checks them - missing required fields.
import { VALIDATORS } from './validators.generated.js';
import type { KubeObject } from '../types.js';

export type SchemaPath = (string | number)[];

export interface SchemaIssue {
  kind: 'unknownField' | 'type' | 'required';
  path: SchemaPath;
  message: string;
}

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}
type ValidateFn = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

const loaded = new Map<string, Promise<{ validate: ValidateFn; root: string }>>();

/** The precompiled validator of a kind, loaded on first use. */
function loadValidator(id: string): Promise<{ validate: ValidateFn; root: string }> | undefined {
  const load = VALIDATORS[id];
  if (!load) return undefined;
  let p = loaded.get(id);
  if (!p) {
    p = load() as Promise<{ validate: ValidateFn; root: string }>;
    loaded.set(id, p);
  }
  return p;
}

function schemaId(group: string, version: string, kind: string): string {
  return `${group || 'core'}.${version}.${kind}`;
}

/** Whether svcctl has a schema for this kind (every built-in kind in scheme.ts but APIService). */
export function hasSchema(group: string, version: string, kind: string): boolean {
  return schemaId(group, version, kind) in VALIDATORS;
}

/**
 * Checks `obj` against the generated schema of group/version/kind (loading that kind's validator
 * on first use). Resolves to [] when there is no
 * schema (see hasSchema) or nothing is wrong. Messages are the apiserver's:
 * `unknown field "spec.ports[0].prot"`,
 * `json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32`,
 * `spec.ports[0].port: Required value`.
 */
export async function validateSchema(obj: KubeObject, group: string, version: string, kind: string): Promise<SchemaIssue[]> {
  const pending = loadValidator(schemaId(group, version, kind));
  if (!pending) return [];
  const entry = await pending;
  if (entry.validate(obj)) return [];
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const err of entry.validate.errors ?? []) {
    const base = parsePointer(err.instancePath, obj);
    let issue: SchemaIssue | undefined;
    if (err.keyword === 'additionalProperties') {
      const path = [...base, String(err.params.additionalProperty)];
      issue = { kind: 'unknownField', path, message: `unknown field "${renderPath(path)}"` };
    } else if (err.keyword === 'type') {
      // Go's type table is only needed to word a type error.
      const { GO_TYPES } = await import('./gotypes.generated.js');
      issue = { kind: 'type', path: base, message: typeMessage(GO_TYPES, entry.root, base, valueAt(obj, base)) };
    } else if (err.keyword === 'required') {
      const path = [...base, String(err.params.missingProperty)];
      issue = { kind: 'required', path, message: `${renderPath(path)}: Required value` };
    }
    if (!issue) continue;
    const key = `${issue.kind}:${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

/**
 * The apiserver's whole decode error for a set of issues (required ones are ignored, as the
 * decoder ignores them): the first type error if any, else all unknown fields, e.g.
 * `Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.prots"`.
 * Undefined when nothing would fail decoding.
 */
export function decodeErrorMessage(kind: string, version: string, issues: SchemaIssue[]): string | undefined {
  const head = `${kind} in version "${version}" cannot be handled as a ${kind}: `;
  const typeIssue = issues.find((i) => i.kind === 'type');
  if (typeIssue) return head + typeIssue.message;
  const unknown = issues.filter((i) => i.kind === 'unknownField');
  if (unknown.length === 0) return undefined;
  return `${head}strict decoding error: ${unknown.map((i) => i.message).join(', ')}`;
}

/** `spec.rules[0].http.paths[0].backend.serviceName`: how strict decoding names a field. */
export function renderPath(path: SchemaPath): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? p : `.${p}`;
  }
  return out;
}

/** JSON pointer -> segments, numbers where the value at that point is an array. */
function parsePointer(pointer: string, obj: unknown): SchemaPath {
  if (pointer === '') return [];
  const out: SchemaPath = [];
  let cur: unknown = obj;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      const i = Number(seg);
      out.push(i);
      cur = cur[i];
    } else {
      out.push(seg);
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

function valueAt(obj: unknown, path: SchemaPath): unknown {
  let cur = obj;
  for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[p] : undefined;
  return cur;
}

/** Go encoding/json's name for the JSON value that did not fit. */
function jsonValueWord(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'number' : `number ${v}`;
  if (Array.isArray(v)) return 'array';
  return 'object';
}

const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/**
 * `json: cannot unmarshal <value> into Go struct field <Struct>.<json path> of type <Go type>`, with
 * the struct and Go type found by walking the generated Go type table along the path (the json path
 * has no indices and no map keys, as Go's decoder records it).
 */
type GoTypes = Record<string, { struct: string; fields: Record<string, [string, string?]> }>;

function typeMessage(GO_TYPES: GoTypes, rootDef: string, path: SchemaPath, value: unknown): string {
  const word = jsonValueWord(value);
  let def: string | undefined = rootDef;
  let struct = GO_TYPES[rootDef]?.struct ?? '';
  const fieldPath: string[] = [];
  let goType = '';
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (typeof seg === 'number' || !def) continue;
    const info: { struct: string; fields: Record<string, [string, string?]> } | undefined = GO_TYPES[def];
    const field: [string, string?] | undefined = info?.fields[seg];
    if (!field) break;
    struct = info.struct;
    fieldPath.push(seg);
    let [t] = field;
    def = field[1];
    // Step over the index or map key that follows a slice or map field.
    while (i + 1 < path.length && (t.startsWith('[]') || t.startsWith('map[string]'))) {
      const next = path[i + 1];
      if (t.startsWith('[]') && typeof next !== 'number') break;
      t = t.startsWith('[]') ? t.slice(2) : t.slice('map[string]'.length);
      i++;
    }
    goType = t;
  }
  if (goType === 'intstr.IntOrString') return `json: cannot unmarshal ${word} into Go value of type int32`;
  if (goType === 'resource.Quantity') return QUANTITY_ERROR;
  if (goType === 'v1.Time' || goType === 'v1.MicroTime') return `json: cannot unmarshal ${word} into Go value of type string`;
  return `json: cannot unmarshal ${word} into Go struct field ${struct}.${fieldPath.join('.')} of type ${goType}`;
}

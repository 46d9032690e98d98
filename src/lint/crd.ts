// CustomResourceDefinitions in the input: their openAPIV3Schema validates the custom resources
// beside them (compiled with ajv at run time), with unknown fields refused as strict field
// validation refuses them.
import type { PathSegment } from '../api/decode.js';
import type { KubeObject } from '../api/types.js';
import { renderPath } from '../api/schema/validate.js';

export interface CustomKind {
  group: string;
  kind: string;
  namespaced: boolean;
  /** Validators by served version name. */
  versions: Map<string, Schema | undefined>;
}

type Schema = Record<string, unknown>;
type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

export interface CustomIssue {
  path: PathSegment[];
  message: string;
}

/** The custom kinds the CRDs in `objects` define, keyed `group|kind`. Malformed CRDs are ignored (the apiserver layer reports them). */
export function collectCustomKinds(objects: KubeObject[]): Map<string, CustomKind> {
  const out = new Map<string, CustomKind>();
  for (const o of objects) {
    if (o.kind !== 'CustomResourceDefinition' || !o.apiVersion.startsWith('apiextensions.k8s.io/')) continue;
    const spec = (o as { spec?: Record<string, unknown> }).spec;
    const names = spec?.names as { kind?: unknown } | undefined;
    if (typeof spec?.group !== 'string' || typeof names?.kind !== 'string' || !Array.isArray(spec.versions)) continue;
    const versions = new Map<string, Schema | undefined>();
    for (const v of spec.versions as { name?: unknown; schema?: { openAPIV3Schema?: Schema } }[]) {
      if (typeof v?.name === 'string') versions.set(v.name, v.schema?.openAPIV3Schema);
    }
    out.set(`${spec.group}|${names.kind}`, { group: spec.group, kind: names.kind, namespaced: spec.scope !== 'Cluster', versions });
  }
  return out;
}

/** The custom kind an object belongs to, if a CRD in the input serves its apiVersion. */
export function customKindOf(kinds: Map<string, CustomKind>, obj: KubeObject): CustomKind | undefined {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/', 2) : ['', obj.apiVersion];
  const ck = kinds.get(`${group}|${obj.kind}`);
  return ck && ck.versions.has(version) ? ck : undefined;
}

interface AjvLike {
  compile(schema: unknown): Validate;
}
type AjvCtor = new (opts: Record<string, unknown>) => AjvLike;
let ajv: AjvLike | undefined;

/** ajv, loaded when the input first has a custom resource to check (most lint runs have none). */
async function loadAjv(): Promise<AjvLike> {
  const AjvModule = (await import('ajv')).default;
  // ajv is CommonJS: under NodeNext its class is the default export's `default`.
  const Ajv = ((AjvModule as unknown as { default?: AjvCtor }).default ?? AjvModule) as unknown as AjvCtor;
  return new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
}
const compiled = new WeakMap<Schema, Validate>();

/** Issues of `obj` against its version's schema: `unknown field "spec.x"`, `spec.replicas: must be integer`. */
export async function validateCustomResource(ck: CustomKind, obj: KubeObject): Promise<CustomIssue[]> {
  const version = obj.apiVersion.split('/')[1];
  const schema = ck.versions.get(version);
  if (!schema) return [];
  let validate = compiled.get(schema);
  if (!validate) {
    ajv ??= await loadAjv();
    validate = ajv.compile(strictSchema(schema, true));
    compiled.set(schema, validate);
  }
  if (validate(obj)) return [];
  const issues: CustomIssue[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    const base = pointerSegments(e.instancePath, obj);
    let issue: CustomIssue;
    if (e.keyword === 'additionalProperties') {
      const path = [...base, String(e.params.additionalProperty)];
      issue = { path, message: `unknown field "${renderPath(path)}"` };
    } else if (e.keyword === 'required') {
      const path = [...base, String(e.params.missingProperty)];
      issue = { path, message: `${renderPath(path)}: Required value` };
    } else if (e.keyword === 'enum') {
      const allowed = (e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      issue = { path: base, message: `${renderPath(base)}: Unsupported value: ${JSON.stringify(valueAt(obj, base))}: supported values: ${allowed}` };
    } else if (e.keyword === 'type') {
      // apiextensions' wording: `spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"`.
      const got = jsonType(valueAt(obj, base));
      const p = renderPath(base);
      issue = { path: base, message: `${p}: Invalid value: "${got}": ${p} in body must be of type ${String(e.params.type)}: "${got}"` };
    } else {
      issue = { path: base, message: `${renderPath(base) || '<root>'}: Invalid value: ${e.message ?? e.keyword}` };
    }
    if (seen.has(issue.message)) continue;
    seen.add(issue.message);
    issues.push(issue);
  }
  return issues;
}

/**
 * A copy of a structural schema ajv can run strictly: objects that list properties and neither
 * preserve unknown fields nor take additionalProperties refuse other keys; the root accepts the
 * type and object metadata every resource carries.
 */
function strictSchema(schema: unknown, root: boolean): unknown {
  if (Array.isArray(schema)) return schema.map((s) => strictSchema(s, false));
  if (!schema || typeof schema !== 'object') return schema;
  const s = schema as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith('x-kubernetes-')) continue;
    out[k] = k === 'properties' || k === 'patternProperties' ? mapValues(v, (x) => strictSchema(x, false)) : strictSchema(v, false);
  }
  if (root) {
    const props = (out.properties ?? {}) as Schema;
    out.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...props };
  }
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  if (out.properties && out.additionalProperties === undefined && !preserve) out.additionalProperties = false;
  return out;
}

function mapValues(v: unknown, f: (x: unknown) => unknown): unknown {
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as Schema).map(([k, x]) => [k, f(x)]));
}

function pointerSegments(pointer: string, obj: unknown): PathSegment[] {
  if (!pointer) return [];
  const out: PathSegment[] = [];
  let cur: unknown = obj;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key: PathSegment = Array.isArray(cur) ? Number(seg) : seg;
    out.push(key);
    cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[key] : undefined;
  }
  return out;
}

function valueAt(obj: unknown, path: PathSegment[]): unknown {
  let cur = obj;
  for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[p] : undefined;
  return cur;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

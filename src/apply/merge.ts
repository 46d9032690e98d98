// kubectl's client-side apply: a three-way merge of the last applied configuration (original),
// the file (modified) and the live object (current). Fields dropped from the file are removed;
// fields the server or controllers set (nodePort, clusterIP, status) are kept. Lists with a
// strategic-merge key are merged item by item, as the built-in types' patchMergeKey tags say.

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Json = unknown;
type JsonMap = Record<string, Json>;

const isMap = (v: Json): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The patchMergeKey of a list, judged by its field name and item shape. */
export function mergeKeyFor(field: string, items: Json[]): string | undefined {
  if (!items.every(isMap)) return undefined;
  const has = (k: string) => items.length > 0 && items.every((i) => (i as JsonMap)[k] !== undefined);
  switch (field) {
    case 'ports':
      if (has('containerPort')) return 'containerPort';
      if (has('port')) return 'port';
      return undefined;
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
      return has('name') ? 'name' : undefined;
    case 'volumeMounts':
      return has('mountPath') ? 'mountPath' : undefined;
    case 'hostAliases':
      return has('ip') ? 'ip' : undefined;
    case 'conditions':
      return has('type') ? 'type' : undefined;
    case 'ownerReferences':
      return has('uid') ? 'uid' : undefined;
    default:
      return undefined;
  }
}

/** Returns the object `apply` should store, given the three versions. Inputs are not mutated. */
export function threeWayMerge(original: Json, modified: Json, current: Json, field = ''): Json {
  if (modified === null) return undefined;
  if (isMap(modified) && isMap(current)) {
    const out: JsonMap = { ...current };
    const orig = isMap(original) ? original : {};
    for (const [k, v] of Object.entries(modified)) {
      const merged = threeWayMerge(orig[k], v, current[k], k);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
    for (const k of Object.keys(orig)) if (!(k in modified)) delete out[k];
    return out;
  }
  if (Array.isArray(modified) && Array.isArray(current)) {
    const key = mergeKeyFor(field, [...modified, ...current]);
    if (key) return mergeKeyedList(Array.isArray(original) ? original : [], modified, current, key, field);
  }
  return structuredClone(modified);
}

function mergeKeyedList(original: Json[], modified: Json[], current: Json[], key: string, field: string): Json[] {
  const id = (item: Json) => JSON.stringify((item as JsonMap)[key]);
  const cur = new Map(current.map((i) => [id(i), i]));
  const orig = new Map(original.map((i) => [id(i), i]));
  const mod = new Set(modified.map(id));
  const out: Json[] = modified.map((m) => {
    const c = cur.get(id(m));
    return c === undefined ? structuredClone(m) : threeWayMerge(orig.get(id(m)), m, c, field);
  });
  // Items the server added (never in the file) stay; items removed from the file go.
  for (const c of current) if (!mod.has(id(c)) && !orig.has(id(c))) out.push(c);
  return out;
}

/** Deep equality over JSON values (key order ignored). */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

/** JSON with keys sorted at every level, as Go's json.Marshal of a map writes it. */
export function sortedJson(v: Json): string {
  return JSON.stringify(sortKeys(v));
}

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isMap(v)) {
    const out: JsonMap = {};
    for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = sortKeys(v[k]);
    return out;
  }
  return v;
}

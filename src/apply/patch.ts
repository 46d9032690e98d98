// The three patch kinds `kubectl patch` sends and kube-apiserver applies: strategic merge patch
// (the default for built-in kinds), JSON merge patch (RFC 7386) and JSON patch (RFC 6902).
import { jsonEqual, mergeKeyFor } from './merge.js';

type Json = unknown;
type JsonMap = Record<string, Json>;

const isMap = (v: Json): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A patch the apiserver refuses (kubectl prints it as the server's error). */
export class PatchError extends Error {}

/** RFC 7386: maps merge, null removes, anything else replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isMap(patch)) return structuredClone(patch);
  const out: JsonMap = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/**
 * Strategic merge patch, its common directives: maps merge and null removes; a list with a patch
 * merge key (containers by name, ports by port, ...) merges item by item, an item with
 * `$patch: delete` goes; `$patch: replace` replaces a map or list whole; other lists replace.
 */
export function strategicMergePatch(target: Json, patch: Json, field = ''): Json {
  if (isMap(patch)) {
    const directive = patch.$patch;
    if (directive === 'replace') {
      const { $patch: _d, ...rest } = patch;
      return structuredClone(rest);
    }
    if (directive === 'delete') return undefined;
    const out: JsonMap = isMap(target) ? { ...target } : {};
    for (const [k, v] of Object.entries(patch)) {
      if (k === '$patch') continue;
      if (v === null) delete out[k];
      else {
        const merged = strategicMergePatch(out[k], v, k);
        if (merged === undefined) delete out[k];
        else out[k] = merged;
      }
    }
    return out;
  }
  if (Array.isArray(patch) && Array.isArray(target)) {
    // `[{$patch: replace}, ...items]` replaces the list with the items.
    if (patch.some((p) => isMap(p) && p.$patch === 'replace')) return structuredClone(patch.filter((p) => !(isMap(p) && p.$patch === 'replace')));
    const items = patch.filter(isMap);
    const key = items.length === patch.length ? mergeKeyFor(field, [...target, ...items]) : undefined;
    if (key) {
      const out = [...target];
      for (const p of items) {
        const at = out.findIndex((t) => isMap(t) && JSON.stringify(t[key]) === JSON.stringify(p[key]));
        if (p.$patch === 'delete') {
          if (at >= 0) out.splice(at, 1);
        } else if (at >= 0) out[at] = strategicMergePatch(out[at], p, field);
        else out.push(strategicMergePatch(undefined, p, field));
      }
      return out;
    }
  }
  return structuredClone(patch);
}

/** An RFC 6901 pointer's path segments. */
function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer: ${JSON.stringify(path)}`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, segments: string[], path: string): { parent: JsonMap | Json[]; key: string } {
  let cur = doc;
  for (const s of segments.slice(0, -1)) {
    cur = Array.isArray(cur) ? cur[Number(s)] : isMap(cur) ? cur[s] : undefined;
    if (cur === undefined) throw new PatchError(`doc is missing path: "${path}": missing value`);
  }
  if (!Array.isArray(cur) && !isMap(cur)) throw new PatchError(`doc is missing path: "${path}": missing value`);
  return { parent: cur, key: segments[segments.length - 1] };
}

function getAt(doc: Json, path: string): Json {
  let cur = doc;
  for (const s of pointer(path)) {
    cur = Array.isArray(cur) ? cur[Number(s)] : isMap(cur) ? cur[s] : undefined;
    if (cur === undefined) throw new PatchError(`doc is missing path: "${path}": missing value`);
  }
  return cur;
}

function removeAt(doc: Json, path: string): Json {
  const { parent, key } = parentOf(doc, pointer(path), path);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length) throw new PatchError(`unable to remove nonexistent key: ${key}: missing value`);
    return parent.splice(i, 1)[0];
  }
  if (!(key in parent)) throw new PatchError(`unable to remove nonexistent key: ${key}: missing value`);
  const v = parent[key];
  delete parent[key];
  return v;
}

function addAt(doc: Json, path: string, value: Json, replace: boolean): Json {
  const segments = pointer(path);
  if (!segments.length) return value;
  const { parent, key } = parentOf(doc, segments, path);
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(i) || i < 0 || i > parent.length || (replace && i >= parent.length)) throw new PatchError(`add operation does not apply: doc is missing path: "${path}": missing value`);
    if (replace) parent[i] = value;
    else parent.splice(i, 0, value);
  } else {
    if (replace && !(key in parent)) throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    parent[key] = value;
  }
  return doc;
}

/** RFC 6902: add, remove, replace, move, copy and test, in order, all or nothing. */
export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = structuredClone(target);
  for (const op of ops) {
    if (!isMap(op)) throw new PatchError('invalid JSON patch operation');
    const path = String(op.path ?? '');
    switch (op.op) {
      case 'add':
        doc = addAt(doc, path, structuredClone(op.value), false);
        break;
      case 'replace':
        doc = addAt(doc, path, structuredClone(op.value), true);
        break;
      case 'remove':
        removeAt(doc, path);
        break;
      case 'move': {
        const v = removeAt(doc, String(op.from ?? ''));
        doc = addAt(doc, path, v, false);
        break;
      }
      case 'copy':
        doc = addAt(doc, path, structuredClone(getAt(doc, String(op.from ?? ''))), false);
        break;
      case 'test':
        if (!jsonEqual(getAt(doc, path), op.value)) throw new PatchError(`testing value ${path} failed: test failed`);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${String(op.op)}`);
    }
  }
  return doc;
}

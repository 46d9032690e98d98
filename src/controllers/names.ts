// Generated names and hashes, as the controllers and the apiserver make them:
// pod-template-hash (controller.ComputeHash), rand.SafeEncodeString, names.SimpleNameGenerator.
import type { PodTemplateSpec } from '../api/types.js';
import { sortStrings } from '../api/strings.js';

/** A source of uniform numbers in [0, 1): Math.random, or a seeded one in tests. */
export type Random = () => number;

/** k8s.io/apimachinery/pkg/util/rand: consonants and digits only, so no words appear. */
export const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** names.SimpleNameGenerator: generated names keep at most 63 bytes (58 + 5 random). */
const MAX_NAME_LENGTH = 63;
const RANDOM_LENGTH = 5;
const MAX_GENERATED_NAME_LENGTH = MAX_NAME_LENGTH - RANDOM_LENGTH;

const UTF8 = new TextEncoder();

/** 32-bit FNV-1a over bytes, continuing from `hash` (the offset basis by default). */
export function fnv32a(bytes: Uint8Array, hash = 0x811c9dc5): number {
  let h = hash >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** fnv32a over the UTF-8 bytes of `s`; an ASCII string is its own bytes, so it is read as is. */
export function fnv32aText(s: string, hash = 0x811c9dc5): number {
  let h = hash >>> 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return fnv32a(UTF8.encode(s), hash);
    h ^= c;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each character c of s becomes ALPHANUMS[code(c) % 27]. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += ALPHANUMS[ch.codePointAt(0)! % ALPHANUMS.length];
  return out;
}

/**
 * JSON with object keys sorted at every level, so equal templates hash equal: the text the
 * pod-template-hash is defined over (fnv32aCanonical hashes it without building it).
 */
export function canonicalJSON(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJSON(x))).join(',')}]`;
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON(obj[k])}`).join(',')}}`;
}

const step = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193) >>> 0;

/** fnv32aText of JSON.stringify(s), the common case (nothing to escape, ASCII) hashed in place. */
function fnv32aJSONString(s: string, h: number): number {
  let out = step(h, 0x22);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Something JSON escapes or encodes as more than one byte: hash the text JSON makes instead.
    if (c < 0x20 || c === 0x22 || c === 0x5c || c > 0x7e) return fnv32aText(JSON.stringify(s), h);
    out = step(out, c);
  }
  return step(out, 0x22);
}

/**
 * fnv32aText(canonicalJSON(v), h) without building the text: the same bytes are hashed in the
 * same order (every Deployment's template is hashed on its first reconcile).
 */
export function fnv32aCanonical(v: unknown, h = 0x811c9dc5): number {
  if (typeof v === 'string') return fnv32aJSONString(v, h);
  if (v === null || typeof v !== 'object') return fnv32aText(JSON.stringify(v) ?? 'null', h);
  if (Array.isArray(v)) {
    h = step(h, 0x5b); // [
    for (let i = 0; i < v.length; i++) {
      if (i) h = step(h, 0x2c); // ,
      h = v[i] === undefined ? fnv32aText('null', h) : fnv32aCanonical(v[i], h);
    }
    return step(h, 0x5d); // ]
  }
  const obj = v as Record<string, unknown>;
  h = step(h, 0x7b); // {
  let first = true;
  for (const k of sortStrings(Object.keys(obj))) {
    if (obj[k] === undefined) continue;
    if (!first) h = step(h, 0x2c);
    first = false;
    h = step(fnv32aJSONString(k, h), 0x3a); // :
    h = fnv32aCanonical(obj[k], h);
  }
  return step(h, 0x7d); // }
}

/**
 * The `pod-template-hash` label value for a template: FNV-1a (32 bit) of the template, then, when
 * collisionCount is given, of 8 bytes holding it little-endian (as controller.ComputeHash does),
 * printed in decimal and passed through safeEncodeString.
 *
 * Deviation: Kubernetes hashes the spew `%#v` dump of the defaulted Go struct; we hash canonical
 * JSON of the object as stored. The shape (alphabet, length 8-10, stability, change on any
 * template edit, collisionCount salt) is the same; the exact value differs from a real cluster.
 */
export function computePodTemplateHash(template: PodTemplateSpec, collisionCount?: number): string {
  let h = templateHashes.get(template);
  if (h === undefined) {
    h = fnv32aCanonical(template);
    templateHashes.set(template, h);
  }
  if (collisionCount !== undefined) h = saltWithCollisionCount(h, collisionCount);
  return safeEncodeString(String(h));
}

/** controller.ComputeHash's salt: the hash continued over 8 bytes holding collisionCount little-endian. */
export function saltWithCollisionCount(h: number, collisionCount: number): number {
  const buf = new Uint8Array(8);
  new DataView(buf.buffer).setUint32(0, collisionCount >>> 0, true);
  return fnv32a(buf, h);
}

/**
 * Template hashes by template object: objects the controllers read are never changed in place
 * (the test suite freezes them), and a full run reconciles each Deployment once a round.
 */
const templateHashes = new WeakMap<PodTemplateSpec, number>();

/** rand.String(n): n characters drawn uniformly from ALPHANUMS. */
export function randomSuffix(random: Random, n = RANDOM_LENGTH): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHANUMS[Math.floor(random() * ALPHANUMS.length) % ALPHANUMS.length];
  return s;
}

/** names.SimpleNameGenerator.GenerateName: the base cut to 58 bytes, then 5 random characters. */
export function generateName(base: string, random: Random): string {
  const b = base.length > MAX_GENERATED_NAME_LENGTH ? base.slice(0, MAX_GENERATED_NAME_LENGTH) : base;
  return b + randomSuffix(random);
}

/** getEndpointSlicePrefix: `<svc>-` unless that is no valid DNS subdomain prefix (over 253). */
export function endpointSlicePrefix(serviceName: string): string {
  const prefix = `${serviceName}-`;
  return prefix.length > 253 ? serviceName : prefix;
}

/** The name the apiserver gives a new EndpointSlice of a Service: `<svc>-` + 5 random chars. */
export function sliceName(serviceName: string, random: Random): string {
  return generateName(endpointSlicePrefix(serviceName), random);
}

/** controller.getPodsPrefix: pods of a ReplicaSet are generated from `<rs>-`. */
export function podPrefix(controllerName: string): string {
  const prefix = `${controllerName}-`;
  return prefix.length > 253 ? controllerName : prefix;
}

/** A seeded generator for reproducible names in tests and lint (one implementation, in allocators). */
export { seededRandom } from '../allocators/random.js';

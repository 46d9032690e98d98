// The storage contract every backend (memory, SQLite, etcd) fulfils. It knows keys and versions,
// nothing of kinds, controllers or printing.
import { controllerOf } from '../api/owners.js';
import type { KubeObject } from '../api/types.js';

/** Why a store write was refused. The registry turns these into apiserver errors. */
export class StoreError extends Error {
  constructor(
    readonly code: 'AlreadyExists' | 'NotFound' | 'Conflict',
    readonly key: string,
  ) {
    super(`${code}: ${key}`);
  }
}

/** Reads that see one consistent state. */
export interface StoreReader {
  /** The object at `key`, or undefined. */
  get(key: string): Promise<KubeObject | undefined>;
  /** Every object whose key starts with `prefix`, in key order. */
  list(prefix: string): Promise<KubeObject[]>;
}

/**
 * Writes inside one transaction. Every write stamps metadata.resourceVersion with the revision the
 * transaction commits at (as etcd does: one revision per transaction).
 */
/**
 * How an object is handed to a write. `adopt`: obj and its metadata are the caller's own, made for
 * this write and never touched again, so a store that keeps objects as given (lint's scratch
 * store) may keep them, stamping the version in place, instead of copying both.
 */
export interface WriteOptions {
  adopt?: boolean;
}

export interface StoreTxn extends StoreReader {
  /** Stores a new object; StoreError('AlreadyExists') when the key is taken. */
  create(key: string, obj: KubeObject, opts?: WriteOptions): Promise<KubeObject>;
  /**
   * Replaces an object. When obj.metadata.resourceVersion is set it must equal the stored one,
   * else StoreError('Conflict'); a missing key is StoreError('NotFound').
   */
  update(key: string, obj: KubeObject): Promise<KubeObject>;
  /** Creates or replaces without a version check (controllers' own objects, allocator ranges). */
  put(key: string, obj: KubeObject, opts?: WriteOptions): Promise<KubeObject>;
  /** Removes an object; a missing key is a no-op and returns false. */
  delete(key: string): Promise<boolean>;
  /** Removes every key under `prefix`; returns how many there were. */
  deletePrefix(prefix: string): Promise<number>;
  /**
   * The object at `key` shared with the store, not copied: the caller must not change it. Only
   * stores that keep parsed objects (lint's scratch store) offer it; others are read with get().
   */
  peek?(key: string): Promise<KubeObject | undefined>;
  /**
   * The objects under `prefix` whose metadata.labels hold every pair of `labels`, in key order:
   * list() filtered. Stores that can filter without parsing every object (SQLite) offer it;
   * callers filter list() themselves otherwise (see listLabeled).
   */
  listLabeled?(prefix: string, labels: Record<string, string>): Promise<KubeObject[]>;
  /**
   * The objects under `prefix` whose controller owner reference names `kind`/`name` (any uid), in
   * key order: list() filtered by isControlledByName. Offered where the store can filter without
   * parsing every object (see listControlledBy).
   */
  listControlledBy?(prefix: string, kind: string, name: string): Promise<KubeObject[]>;
  /**
   * Compact read-only views of the objects under `prefix`, in key order, where the store keeps
   * them (SQLite keeps views of pods, Endpoints and EndpointSlices: controllers/views); undefined
   * where it does not.
   */
  listViews?(prefix: string): Promise<KubeObject[] | undefined>;
}

/** True when `obj`'s controller owner reference names `kind`/`name`. */
export function isControlledByName(obj: KubeObject, kind: string, name: string): boolean {
  const ref = controllerOf(obj);
  return !!ref && ref.kind === kind && ref.name === name;
}

/** tx.listControlledBy where the store offers it, else list() filtered by isControlledByName. */
export async function listControlledBy(tx: StoreTxn, prefix: string, kind: string, name: string): Promise<KubeObject[]> {
  if (tx.listControlledBy) return tx.listControlledBy(prefix, kind, name);
  return (await tx.list(prefix)).filter((o) => isControlledByName(o, kind, name));
}

/** True when `obj`'s labels hold every pair of `labels`. */
export function hasLabels(obj: KubeObject, labels: Record<string, string>): boolean {
  const own = obj.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(labels)) if (own[k] !== v) return false;
  return true;
}

/** tx.listLabeled where the store offers it, else list() filtered by hasLabels. */
export async function listLabeled(tx: StoreTxn, prefix: string, labels: Record<string, string>): Promise<KubeObject[]> {
  if (tx.listLabeled) return tx.listLabeled(prefix, labels);
  return (await tx.list(prefix)).filter((o) => hasLabels(o, labels));
}

export interface Store extends StoreReader {
  /**
   * Runs `fn` as one atomic transaction: all of its writes commit together or none do. Backends
   * with optimistic concurrency may run `fn` more than once, so it must not have side effects
   * outside the transaction.
   */
  transaction<T>(fn: (tx: StoreTxn) => Promise<T>): Promise<T>;
  /** The revision of the last committed write (0 on an empty store). */
  revision(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Deep copy with JSON's semantics (what `JSON.parse(JSON.stringify(v))` returns), so callers never
 * share mutable state with the store. Walked directly: every write and every create copies its
 * object, and a text round trip costs several times as much.
 */
export function clone<T>(v: T): T {
  return copyJSON(v) as T;
}

function copyJSON(v: unknown): unknown {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number') return Number.isFinite(v) ? v + 0 : null; // -0 -> 0, NaN -> null
    if (typeof v === 'string' || typeof v === 'boolean') return v;
    return JSON.parse(JSON.stringify(v) ?? 'null'); // bigint throws, as JSON does
  }
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      // Strings, the most common values, are copied as they are without a call.
      out[i] = typeof x === 'string' ? x : x === undefined || typeof x === 'function' || typeof x === 'symbol' ? null : copyJSON(x);
    }
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if ((proto !== Object.prototype && proto !== null) || typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    return JSON.parse(JSON.stringify(v)); // Dates and other objects that serialise themselves
  }
  const out: Record<string, unknown> = {};
  // for-in, not Object.keys: the same own keys in the same order (the prototype is Object's or
  // null, which have no enumerable keys), without a key array for every object copied.
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    if (k === '__proto__') Object.defineProperty(out, k, { value: copyJSON(x), enumerable: true, writable: true, configurable: true });
    else out[k] = typeof x === 'string' ? x : copyJSON(x);
  }
  return out;
}

/** The first key after every key that starts with `prefix`. */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

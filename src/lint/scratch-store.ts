// The lint engine's scratch store: the Store contract in memory, built for one large batch. Lists
// are read from a per-directory sorted key index (MemoryStore scans and sorts every key on each
// list, and the controllers list once per object), made for a directory when it is first listed:
// the controllers list a few kinds' directories, and keeping every directory of every key indexed
// cost more than all the lists. Objects are kept as written, and lists, peek()
// and writes hand them out shared instead of copying: the writers never touch an object again
// once written and the controllers only read (under the test suite every stored object is
// deep-frozen, so a write to one throws). get() still returns a private copy.
import type { KubeObject } from '../api/types.js';
import { directoriesOf, lowerBound } from '../store/keys.js';
import { type Store, type StoreTxn, StoreError, type WriteOptions } from '../store/store.js';

/** The keys under one directory prefix, at any depth. */
interface DirIndex {
  keys: Set<string>;
  /** Sorted once listed; new keys wait in `added` to be merged in at the next list. */
  sorted?: string[];
  added?: string[];
}

interface Entry {
  /** The stored object, shared with readers (deep-frozen under SVCCTL_CHECK_SHARED). */
  obj: KubeObject;
  modRevision: number;
  /** Its JSON, made on the first get() (the private copies are parsed from it). */
  json?: string;
}

/** The directory a key is in ('/registry/pods/ns/' for '/registry/pods/ns/web'). */
const parentDir = (key: string): string => key.slice(0, key.lastIndexOf('/', key.length - 2) + 1);

/** The sorted union of two sorted key lists with no key in common. */
function mergeSorted(a: string[], b: string[]): string[] {
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) out[n++] = a[i] < b[j] ? a[i++] : b[j++];
  while (i < a.length) out[n++] = a[i++];
  while (j < b.length) out[n++] = b[j++];
  return out;
}

/**
 * Whether shared objects are deep-frozen, so that a caller writing to one fails loudly. The test
 * suite turns it on (SVCCTL_CHECK_SHARED=1); for users it is off, as freezing every write costs a
 * large lint run several percent.
 */
const CHECK_SHARED = process.env.SVCCTL_CHECK_SHARED === '1';

function deepFreeze<T>(v: T): T {
  if (!CHECK_SHARED) return v;
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/**
 * An in-memory Store whose list() costs the size of the answer, not of the store. Transactions run
 * one at a time and write through, keeping what each key held before, which is put back when the
 * transaction throws.
 * What is written is kept, not copied, and must not be changed after; so must what list(), peek()
 * and the writes return. get() returns copies.
 */
export class ScratchStore implements Store {
  private readonly data = new Map<string, Entry>();
  /** Directory prefix -> its keys at any depth, for the directories listed so far. */
  private readonly dirs = new Map<string, DirIndex>();
  /** Parent directory of a key -> the indexes of the directories the key is in (cleared when one is made). */
  private readonly dirsOf = new Map<string, DirIndex[]>();
  private rev = 0;
  private queue: Promise<unknown> = Promise.resolve();

  async get(key: string): Promise<KubeObject | undefined> {
    const e = this.data.get(key);
    if (!e) return undefined;
    e.json ??= JSON.stringify(e.obj);
    return JSON.parse(e.json) as KubeObject;
  }

  async peek(key: string): Promise<KubeObject | undefined> {
    return this.data.get(key)?.obj;
  }

  async list(prefix: string): Promise<KubeObject[]> {
    return this.listNow(prefix);
  }

  async revision(): Promise<number> {
    return this.rev;
  }

  async close(): Promise<void> {}

  transaction<T>(fn: (tx: StoreTxn) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.runTxn(fn));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private listNow(prefix: string): KubeObject[] {
    const slash = prefix.lastIndexOf('/');
    const dir = slash >= 0 ? prefix.slice(0, slash + 1) : '';
    const keys = this.sortedKeys(dir === '/' ? '' : dir);
    const out: KubeObject[] = [];
    for (let i = lowerBound(keys, prefix); i < keys.length && keys[i].startsWith(prefix); i++) {
      out.push(this.data.get(keys[i])!.obj);
    }
    return out;
  }

  /** Puts `e` (undefined: nothing) at `key`, which holds `prev` now. */
  private setEntry(key: string, e: Entry | undefined, prev = this.data.get(key)): void {
    const had = prev !== undefined;
    if (e) this.data.set(key, e);
    else this.data.delete(key);
    if (had === !!e) return;
    for (const dir of this.indexesOver(key)) {
      if (e) dir.keys.add(key);
      else dir.keys.delete(key);
      if (!dir.sorted) continue;
      // New keys wait to be merged in at the next list: a controller creates thousands in a row.
      if (e) (dir.added ??= []).push(key);
      else {
        dir.added = dir.added?.filter((k) => k !== key);
        const i = lowerBound(dir.sorted, key);
        if (dir.sorted[i] === key) dir.sorted.splice(i, 1);
      }
    }
  }

  /** The indexes of the directories `key` is in: the same few for the many keys of a directory. */
  private indexesOver(key: string): DirIndex[] {
    const parent = parentDir(key);
    let found = this.dirsOf.get(parent);
    if (!found) {
      found = [];
      for (const d of directoriesOf(key)) {
        const dir = this.dirs.get(d);
        if (dir) found.push(dir);
      }
      this.dirsOf.set(parent, found);
    }
    return found;
  }

  private sortedKeys(dir: string): string[] {
    let d = this.dirs.get(dir);
    if (!d) {
      d = { keys: new Set() };
      for (const k of this.data.keys()) if (k.startsWith(dir)) d.keys.add(k);
      this.dirs.set(dir, d);
      this.dirsOf.clear();
    }
    if (!d.sorted) d.sorted = [...d.keys].sort();
    else if (d.added?.length) d.sorted = mergeSorted(d.sorted, d.added.sort());
    d.added = undefined;
    return d.sorted;
  }

  private async runTxn<T>(fn: (tx: StoreTxn) => Promise<T>): Promise<T> {
    // The undo log: each key's entry from before the transaction, kept at its first write. A
    // rollback needs nothing else, and keeping every version in between would keep each
    // superseded object alive to the end of a batch that writes tens of thousands. An entry this
    // transaction wrote carries its revision, so a first write is told without a lookup in a map
    // of its own. (A key deleted and created again is logged twice; undone in reverse order, its
    // first record is put back last.)
    const undoKeys: string[] = [];
    const undoEntries: (Entry | undefined)[] = [];
    const next = this.rev + 1;
    const change = (key: string, e: Entry | undefined) => {
      const prev = this.data.get(key);
      if (prev?.modRevision !== next) {
        undoKeys.push(key);
        undoEntries.push(prev);
      }
      this.setEntry(key, e, prev);
    };
    // Written objects are kept as given, not copied: the writers (registry, controllers) hand over
    // objects they never touch again. A JSON copy of every write was a quarter of a large lint run.
    const version = String(next);
    const write = (key: string, obj: KubeObject, opts?: WriteOptions): KubeObject => {
      let stored: KubeObject;
      if (opts?.adopt) {
        obj.metadata.resourceVersion = version;
        stored = deepFreeze(obj);
      } else stored = deepFreeze({ ...obj, metadata: { ...obj.metadata, resourceVersion: version } });
      change(key, { obj: stored, modRevision: next });
      return stored;
    };
    const tx: StoreTxn = {
      get: async (key) => this.get(key),
      peek: (key) => this.peek(key),
      list: async (prefix) => this.listNow(prefix),
      create: async (key, obj, opts) => {
        if (this.data.has(key)) throw new StoreError('AlreadyExists', key);
        return write(key, obj, opts);
      },
      update: async (key, obj) => {
        const e = this.data.get(key);
        if (!e) throw new StoreError('NotFound', key);
        const want = obj.metadata?.resourceVersion;
        if (want && want !== String(e.modRevision)) throw new StoreError('Conflict', key);
        return write(key, obj);
      },
      put: async (key, obj, opts) => write(key, obj, opts),
      delete: async (key) => {
        if (!this.data.has(key)) return false;
        change(key, undefined);
        return true;
      },
      deletePrefix: async (prefix) => {
        const keys = this.listKeys(prefix);
        for (const k of keys) change(k, undefined);
        return keys.length;
      },
    };
    try {
      const result = await fn(tx);
      if (undoKeys.length > 0) this.rev = next;
      return result;
    } catch (err) {
      for (let i = undoKeys.length - 1; i >= 0; i--) this.setEntry(undoKeys[i], undoEntries[i]);
      throw err;
    }
  }

  /** The keys under `prefix`, for deletePrefix (rare here: a scan, not an index). */
  private listKeys(prefix: string): string[] {
    return [...this.data.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
}

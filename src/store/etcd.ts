// The shared-team Store on etcd, keyed as kube-apiserver keys it. resourceVersion is the etcd
// mod_revision of the key (never stored in the value). Transactions are optimistic: reads record
// what they saw, the commit compares it, and a lost race runs the transaction again.
import { createRequire } from 'node:module';
import type { Etcd3, IKeyValue, ICompare, IRequestOp } from 'etcd3';
import type { KubeObject } from '../api/types.js';
import { SvcctlError } from '../errors.js';
import { type Store, type StoreTxn, StoreError, clone, prefixEnd } from './store.js';

const require = createRequire(import.meta.url);
const MAX_ATTEMPTS = 50;

function decode(kv: IKeyValue): KubeObject {
  const obj = JSON.parse(kv.value.toString('utf8')) as KubeObject;
  obj.metadata = { ...obj.metadata, resourceVersion: String(kv.mod_revision) };
  return obj;
}

function encode(obj: KubeObject): Buffer {
  const copy = clone(obj);
  if (copy.metadata) delete copy.metadata.resourceVersion;
  return Buffer.from(JSON.stringify(copy));
}

export class EtcdStore implements Store {
  private client: Etcd3;

  /** Prepended to every key: the path of `etcd://host:port/path` (kube-apiserver's --etcd-prefix role). */
  private readonly root: string;

  /** `etcd://host:port[,host:port...][/prefix]`. */
  constructor(url: string) {
    const rest = url.replace(/^etcd:\/\//, '');
    const slash = rest.indexOf('/');
    this.root = slash >= 0 ? rest.slice(slash).replace(/\/+$/, '') : '';
    const hosts = (slash >= 0 ? rest.slice(0, slash) : rest).split(',').map((h) => `http://${h}`);
    const { Etcd3: Client } = require('etcd3') as typeof import('etcd3');
    this.client = new Client({ hosts, dialTimeout: 3000 });
  }

  /** The etcd key of a store key. */
  private k(key: string): Buffer {
    return Buffer.from(this.root + key);
  }

  /** The store key of an etcd key. */
  private unk(key: Buffer): string {
    return key.toString().slice(this.root.length);
  }

  private async range(key: string, end?: string, revision?: number) {
    try {
      return await this.client.kv.range({
        key: this.k(key),
        range_end: end === undefined ? undefined : this.k(end),
        revision,
      });
    } catch (err) {
      throw SvcctlError.plain(`cannot reach etcd: ${(err as Error).message}`);
    }
  }

  async get(key: string): Promise<KubeObject | undefined> {
    const res = await this.range(key);
    return res.kvs[0] ? decode(res.kvs[0]) : undefined;
  }

  async list(prefix: string): Promise<KubeObject[]> {
    const res = await this.range(prefix, prefixEnd(prefix));
    return res.kvs.map(decode);
  }

  async revision(): Promise<number> {
    const res = await this.range('/registry/');
    return Number(res.header.revision);
  }

  async transaction<T>(fn: (tx: StoreTxn) => Promise<T>): Promise<T> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const outcome = await this.attempt(fn);
      if (outcome.committed) return outcome.result as T;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * (attempt + 1)));
    }
    throw SvcctlError.conflict('too many concurrent writers; try again');
  }

  private async attempt<T>(fn: (tx: StoreTxn) => Promise<T>): Promise<{ committed: boolean; result?: T }> {
    // Every read is at one snapshot revision; the commit checks nothing read has changed since.
    const snapshot = await this.revision();
    const compares: ICompare[] = [];
    const seenKeys = new Map<string, number>(); // key -> mod revision seen (0 = absent)
    const writes = new Map<string, KubeObject | null>();
    const stamped: KubeObject[] = [];

    const readKey = async (key: string): Promise<KubeObject | undefined> => {
      if (writes.has(key)) return writes.get(key) ? clone(writes.get(key)!) : undefined;
      const res = await this.range(key, undefined, snapshot);
      const kv = res.kvs[0];
      if (!seenKeys.has(key)) seenKeys.set(key, kv ? Number(kv.mod_revision) : 0);
      return kv ? decode(kv) : undefined;
    };
    const write = (key: string, obj: KubeObject): KubeObject => {
      const out = clone(obj);
      writes.set(key, out);
      stamped.push(out);
      return out;
    };
    const tx: StoreTxn = {
      get: readKey,
      list: async (prefix) => {
        const end = prefixEnd(prefix);
        const res = await this.range(prefix, end, snapshot);
        // Any key created or changed in the range after the snapshot fails the commit.
        compares.push({ key: this.k(prefix), range_end: this.k(end), target: 'Mod', result: 'Less', mod_revision: snapshot + 1 });
        const out = new Map(res.kvs.map((kv) => [this.unk(kv.key), decode(kv)]));
        for (const [k, v] of writes) if (k.startsWith(prefix)) (v ? out.set(k, clone(v)) : out.delete(k));
        return [...out.keys()].sort().map((k) => out.get(k)!);
      },
      create: async (key, obj) => {
        if (await readKey(key)) throw new StoreError('AlreadyExists', key);
        return write(key, obj);
      },
      update: async (key, obj) => {
        const cur = await readKey(key);
        if (!cur) throw new StoreError('NotFound', key);
        const want = obj.metadata?.resourceVersion;
        if (want && want !== cur.metadata.resourceVersion) throw new StoreError('Conflict', key);
        return write(key, obj);
      },
      put: async (key, obj) => {
        await readKey(key);
        return write(key, obj);
      },
      delete: async (key) => {
        const existed = !!(await readKey(key));
        if (existed) writes.set(key, null);
        return existed;
      },
      deletePrefix: async (prefix) => {
        const res = await this.range(prefix, prefixEnd(prefix), snapshot);
        for (const kv of res.kvs) {
          seenKeys.set(this.unk(kv.key), Number(kv.mod_revision));
          writes.set(this.unk(kv.key), null);
        }
        return res.kvs.length;
      },
    };
    const result = await fn(tx);
    if (writes.size === 0) return { committed: true, result };
    for (const [key, mod] of seenKeys) compares.push({ key: this.k(key), target: 'Mod', result: 'Equal', mod_revision: mod });
    const success: IRequestOp[] = [...writes].map(([key, obj]) =>
      obj ? { request_put: { key: this.k(key), value: encode(obj) } } : { request_delete_range: { key: this.k(key) } },
    );
    const res = await this.client.kv.txn({ compare: compares, success, failure: [] });
    if (!res.succeeded) return { committed: false };
    for (const o of stamped) o.metadata = { ...o.metadata, resourceVersion: String(res.header.revision) };
    return { committed: true, result };
  }

  async close(): Promise<void> {
    this.client.close();
  }
}

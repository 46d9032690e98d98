// An in-memory Store: the lint engine's scratch cluster and the tests' default.
import type { KubeObject } from '../api/types.js';
import { type Store, type StoreTxn, StoreError, clone } from './store.js';

interface Entry {
  value: string;
  modRevision: number;
}

export class MemoryStore implements Store {
  private data = new Map<string, Entry>();
  private rev = 0;
  private queue: Promise<unknown> = Promise.resolve();

  async get(key: string): Promise<KubeObject | undefined> {
    const e = this.data.get(key);
    return e ? (JSON.parse(e.value) as KubeObject) : undefined;
  }

  async list(prefix: string): Promise<KubeObject[]> {
    return [...this.data.keys()]
      .filter((k) => k.startsWith(prefix))
      .sort()
      .map((k) => JSON.parse(this.data.get(k)!.value) as KubeObject);
  }

  async revision(): Promise<number> {
    return this.rev;
  }

  /** Transactions run one at a time; writes are staged and applied on success only. */
  transaction<T>(fn: (tx: StoreTxn) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.runTxn(fn));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runTxn<T>(fn: (tx: StoreTxn) => Promise<T>): Promise<T> {
    const staged = new Map<string, Entry | null>();
    const next = this.rev + 1;
    const current = (key: string): Entry | undefined => {
      if (staged.has(key)) return staged.get(key) ?? undefined;
      return this.data.get(key);
    };
    const write = (key: string, obj: KubeObject): KubeObject => {
      const out = clone(obj);
      out.metadata = { ...out.metadata, resourceVersion: String(next) };
      staged.set(key, { value: JSON.stringify(out), modRevision: next });
      return clone(out);
    };
    const tx: StoreTxn = {
      get: async (key) => {
        const e = current(key);
        return e ? (JSON.parse(e.value) as KubeObject) : undefined;
      },
      list: async (prefix) => {
        const keys = new Set([...this.data.keys(), ...staged.keys()]);
        return [...keys]
          .filter((k) => k.startsWith(prefix))
          .sort()
          .map((k) => current(k))
          .filter((e): e is Entry => !!e)
          .map((e) => JSON.parse(e.value) as KubeObject);
      },
      create: async (key, obj) => {
        if (current(key)) throw new StoreError('AlreadyExists', key);
        return write(key, obj);
      },
      update: async (key, obj) => {
        const e = current(key);
        if (!e) throw new StoreError('NotFound', key);
        const want = obj.metadata?.resourceVersion;
        if (want && want !== String(e.modRevision)) throw new StoreError('Conflict', key);
        return write(key, obj);
      },
      put: async (key, obj) => write(key, obj),
      delete: async (key) => {
        if (!current(key)) return false;
        staged.set(key, null);
        return true;
      },
      deletePrefix: async (prefix) => {
        const keys = [...new Set([...this.data.keys(), ...staged.keys()])].filter((k) => k.startsWith(prefix) && current(k));
        for (const k of keys) staged.set(k, null);
        return keys.length;
      },
    };
    const result = await fn(tx);
    if (staged.size > 0) {
      for (const [k, e] of staged) {
        if (e) this.data.set(k, e);
        else this.data.delete(k);
      }
      this.rev = next;
    }
    return result;
  }

  async close(): Promise<void> {}
}

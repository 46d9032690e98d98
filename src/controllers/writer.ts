// Writes reconcilers' plans into a store transaction the way the apiserver would, and tells a
// listener about every object it really changed (the runner's informer events).
import { resourceByKind, type ResourceType } from '../api/scheme.js';
import type { KubeObject } from '../api/types.js';
import { objectKey } from '../store/keys.js';
import { StoreError, type StoreTxn } from '../store/store.js';
import { deepEqual, deepEqualWithout, timestamp, type Plan } from './common.js';
import type { EventRecorder } from './events.js';
import { generateName, type Random } from './names.js';
import { uuidFrom } from '../allocators/random.js';

const type = (kind: string): ResourceType => resourceByKind(kind)!;

/** The store key of an object (its kind must be in the scheme). */
export const keyOf = (o: KubeObject): string => objectKey(type(o.kind), o.metadata.namespace, o.metadata.name ?? '');

/** A view (controllers/views) lacks most of its object: storing it, or anything made from it, would lose the rest. */
function refuseViews(obj: KubeObject): void {
  if (obj.partial === true) throw new Error(`${obj.kind} ${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}: a partial view cannot be written`);
}

/** Called after each real write: `old` undefined on create, `cur` undefined on delete. */
export type ChangeListener = (old: KubeObject | undefined, cur: KubeObject | undefined) => void;

/**
 * Writes plans into the transaction, doing what the apiserver does on create and update. With
 * `opts.recorder`, every real write is also told to it, which derives the controllers' Events.
 */
export class Writer {
  writes = 0;
  /** Writes so far by kind (created, updated or deleted objects). */
  readonly writesByKind = new Map<string, number>();
  /** Deletions so far by kind (also counted in writesByKind). */
  readonly deletesByKind = new Map<string, number>();
  constructor(
    private readonly tx: StoreTxn,
    private readonly opts: { now: Date; random: Random; recorder?: EventRecorder },
    private readonly onChange?: ChangeListener,
  ) {}

  private changed(old: KubeObject | undefined, cur: KubeObject | undefined): void {
    this.writes++;
    const kind = (cur ?? old)!.kind;
    this.writesByKind.set(kind, (this.writesByKind.get(kind) ?? 0) + 1);
    if (!cur) this.deletesByKind.set(kind, (this.deletesByKind.get(kind) ?? 0) + 1);
    this.opts.recorder?.observe(old, cur);
    this.onChange?.(old, cur);
  }

  /** Creates `obj` (uid, creationTimestamp and generation filled in; a taken generated name retried). */
  async create(obj: KubeObject): Promise<void> {
    refuseViews(obj);
    // Only metadata's own fields are set here, and the store keeps its own copy.
    const o: KubeObject = { ...obj, metadata: { ...obj.metadata } };
    o.metadata.uid ??= uuidFrom(this.opts.random);
    o.metadata.creationTimestamp ??= timestamp(this.opts.now);
    if (o.kind === 'Deployment' || o.kind === 'ReplicaSet') o.metadata.generation ??= 1;
    delete o.metadata.resourceVersion;
    let stored: KubeObject;
    for (let attempt = 0; ; attempt++) {
      try {
        // o and its metadata were made here for this write: the store may keep them.
        stored = await this.tx.create(keyOf(o), o, { adopt: true });
        break;
      } catch (e) {
        // A generated name that is taken gets another suffix, as the apiserver's retry does.
        if (!(e instanceof StoreError) || e.code !== 'AlreadyExists' || !o.metadata.generateName || attempt > 8) throw e;
        o.metadata.name = generateName(o.metadata.generateName, this.opts.random);
      }
    }
    this.changed(undefined, stored);
  }

  /** Replaces the stored object; a no-op when absent or when nothing but the version would change. */
  async update(obj: KubeObject): Promise<void> {
    refuseViews(obj);
    const key = keyOf(obj);
    const cur = await this.read(key);
    if (!cur) return; // deleted meanwhile: the next round recomputes
    const o: KubeObject = { ...obj, metadata: { ...obj.metadata } };
    // Identity fields always come from storage; a spec change bumps generation.
    o.metadata.uid = cur.metadata.uid;
    o.metadata.creationTimestamp = cur.metadata.creationTimestamp;
    if (cur.metadata.generation !== undefined) {
      o.metadata.generation = deepEqual(o.spec, cur.spec) ? cur.metadata.generation : cur.metadata.generation + 1;
    }
    delete o.metadata.resourceVersion;
    // Nothing but the version would change: no write.
    if (deepEqualWithout(o, cur, 'metadata') && deepEqualWithout(o.metadata, cur.metadata, 'resourceVersion')) return;
    const stored = await this.tx.put(key, o, { adopt: true });
    this.changed(cur, stored);
  }

  /** Deletes the object at obj's key, if there is one. */
  async delete(obj: KubeObject): Promise<void> {
    const key = keyOf(obj);
    const cur = this.onChange || this.opts.recorder ? await this.read(key) : undefined;
    if (await this.tx.delete(key)) this.changed(cur ?? obj, undefined);
  }

  /** The stored object at `key`, only to be read: the store's shared object where it has one, not a copy. */
  private async read(key: string): Promise<KubeObject | undefined> {
    return this.tx.peek ? this.tx.peek(key) : this.tx.get(key);
  }

  /** Deletes, then updates, then creates what the plan lists. */
  async apply(plan: Plan): Promise<void> {
    for (const o of plan.delete) await this.delete(o);
    for (const o of plan.update) await this.update(o);
    for (const o of plan.create) await this.create(o);
  }
}

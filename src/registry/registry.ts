// kube-apiserver's create/update/delete path for every kind, over one store transaction.
// Kind-specific steps (Service allocation, Namespace defaults, ...) hang off this generic path.
import { type ResourceType, qualifiedResource, resourceByKind } from '../api/scheme.js';
import type { KubeObject, Service } from '../api/types.js';
import type { ClusterConfig } from '../cluster/config.js';
import { isoSeconds } from '../cluster/config.js';
import { SvcctlError } from '../errors.js';
import { type StoreTxn, StoreError, clone } from '../store/store.js';
import { objectKey, typePrefix } from '../store/keys.js';
import { IP_ALLOCATED_MESSAGE } from '../allocators/ip-range.js';
import { AllocationOperation } from '../allocators/operation.js';
import { uuidFrom } from '../allocators/random.js';
import { generateName } from '../controllers/names.js';
import { deepEqualWithout } from '../controllers/common.js';
import { type Allocations, loadAllocations } from './allocations.js';
import { validatePodSpecUpdate } from '../api/validation/pod-update.js';
import { validateGenericCreate, validateGenericUpdate, prepareGenericCreate, prepareGenericUpdate } from './generic.js';
import { defaultObject } from '../api/defaults/objects.js';
import { prepareServiceCreate, prepareServiceUpdate, releaseService } from './service.js';

export interface RegistryOptions {
  cluster: ClusterConfig;
  now: () => Date;
  random: () => number;
  /** A server-side dry run: admission plugins with side effects (NamespaceAutoProvision) skip them. */
  dryRun?: boolean;
}


export class Registry {
  private allocations?: Promise<Allocations>;
  /** What this transaction deleted, for the controllers' clean-up. */
  readonly deleted: KubeObject[] = [];
  /** What this transaction created or updated (stored versions), for the controllers to start from. */
  readonly changed: KubeObject[] = [];
  /** The versions `changed` objects had before an update, for controllers that look at both. */
  readonly previous: KubeObject[] = [];
  /** Registry calls made, so the engine can tell a write that touched nothing (a clock tick). */
  calls = 0;

  constructor(
    readonly tx: StoreTxn,
    readonly opts: RegistryOptions,
  ) {}

  private alloc(): Promise<Allocations> {
    this.allocations ??= loadAllocations(this.tx, this.opts.cluster, this.opts.random);
    return this.allocations;
  }

  /** Saves allocator state; call once before the transaction commits. */
  async flush(): Promise<void> {
    if (this.allocations) await (await this.allocations).save();
  }

  key(t: ResourceType, namespace: string | undefined, name: string): string {
    return objectKey(t, namespace, name);
  }

  async get(t: ResourceType, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    this.calls++;
    return this.tx.get(objectKey(t, namespace, name));
  }

  async list(t: ResourceType, namespace?: string): Promise<KubeObject[]> {
    this.calls++;
    return this.tx.list(typePrefix(t, namespace));
  }

  /**
   * The admission checks on a namespaced create: NamespaceAutoProvision creates a missing
   * namespace when the cluster runs it (not in a dry run, as the real plugin); NamespaceLifecycle
   * refuses a missing or terminating one.
   */
  private async requireNamespace(t: ResourceType, namespace: string | undefined, name: string): Promise<void> {
    if (!t.namespaced) return;
    // Only read: the store's shared copy will do where it has one (every create asks).
    const key = `/registry/namespaces/${namespace}`;
    let ns = this.tx.peek ? await this.tx.peek(key) : await this.tx.get(key);
    if (!ns && namespace && this.opts.cluster.namespaceAutoProvision !== false && !this.opts.dryRun) {
      ns = await this.provisionNamespace(t, namespace, name);
    }
    if (!ns) throw SvcctlError.notFound('namespaces', namespace ?? '');
    if ((ns as { status?: { phase?: string } }).status?.phase === 'Terminating') {
      throw SvcctlError.forbidden(
        `${qualifiedResource(t)} is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
  }

  /** NamespaceAutoProvision: the namespace is created; the object is forbidden when that fails. */
  private async provisionNamespace(t: ResourceType, namespace: string, name: string): Promise<KubeObject> {
    try {
      return await this.create(resourceByKind('Namespace')!, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    } catch (err) {
      if (!(err instanceof SvcctlError)) throw err;
      throw SvcctlError.forbidden(`${qualifiedResource(t)} "${name}" is forbidden: ${err.message}`);
    }
  }

  /**
   * Creates `obj` (its metadata.namespace already resolved). Throws Invalid, NotFound (namespace)
   * or AlreadyExists as the apiserver does. Returns the stored object.
   */
  async create(t: ResourceType, input: KubeObject): Promise<KubeObject> {
    this.calls++;
    const obj = clone(input); // a JSON copy, as the object would arrive over the wire
    const meta = (obj.metadata ??= {});
    if (!t.namespaced) delete meta.namespace;
    await this.requireNamespace(t, meta.namespace, meta.name ?? meta.generateName ?? '');
    // names.SimpleNameGenerator: the prefix cut to 58 bytes, then 5 random characters.
    if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName, this.opts.random);
    // FillObjectMetaSystemFields
    meta.uid = uuidFrom(this.opts.random);
    meta.creationTimestamp = isoSeconds(this.opts.now());
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    const tentative = t.kind === 'Service' ? tentativeRanges(await this.alloc()) : undefined;
    try {
      if (tentative) {
        prepareServiceCreate(obj as Service, tentative.ranges);
      } else {
        prepareGenericCreate(t, obj, this.opts.random);
        const errs = validateGenericCreate(t, obj);
        if (errs.length) throw SvcctlError.invalid(t.kind, meta.name ?? '', errs);
      }
      // obj is this create's own copy, not touched after: the store may keep it.
      const stored = await this.tx.create(objectKey(t, meta.namespace, meta.name!), obj, { adopt: true });
      tentative?.commit();
      this.changed.push(stored);
      return this.asDryRun(stored, undefined);
    } catch (err) {
      tentative?.rollback();
      if (err instanceof StoreError && err.code === 'AlreadyExists') {
        throw SvcctlError.alreadyExists(qualifiedResource(t), meta.name!);
      }
      throw err;
    }
  }

  /** Replaces the stored object with `input` (an update, as PUT). Throws NotFound, Conflict, Invalid. */
  async update(t: ResourceType, input: KubeObject): Promise<KubeObject> {
    this.calls++;
    const obj = clone(input); // a JSON copy, as the object would arrive over the wire
    const meta = obj.metadata;
    const key = objectKey(t, meta.namespace, meta.name!);
    const old = await this.tx.get(key);
    if (!old) throw SvcctlError.notFound(qualifiedResource(t), meta.name!);
    // AllowUnconditionalUpdate (true for the built-in kinds svcctl serves): an update that names no
    // version is made against the stored one, as the generic store fills it in (kubectl replace).
    meta.resourceVersion ||= old.metadata.resourceVersion;
    // System fields are the server's, whatever the client sent.
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    const tentative = t.kind === 'Service' ? tentativeRanges(await this.alloc()) : undefined;
    try {
      if (tentative) {
        prepareServiceUpdate(obj as Service, old as Service, tentative.ranges);
      } else {
        defaultObject(t.kind, obj); // decode-time defaults apply to the new object on update too
        prepareGenericUpdate(t, obj, old);
        const errs = validateGenericUpdate(t, obj, old);
        if (t.kind === 'Pod') errs.push(...(await validatePodSpecUpdate((obj.spec ?? {}) as Record<string, unknown>, (old.spec ?? {}) as Record<string, unknown>)));
        if (errs.length) throw SvcctlError.invalid(t.kind, meta.name ?? '', errs);
      }
      if (old.metadata.generation !== undefined) {
        const specChanged = JSON.stringify(obj.spec) !== JSON.stringify(old.spec);
        meta.generation = old.metadata.generation + (specChanged ? 1 : 0);
      }
      // Nothing but the version would change: the object stays as stored, version and all, as
      // GuaranteedUpdate leaves etcd alone when the new bytes are the old ones. A stale version
      // still conflicts (the store checks it).
      const current = !meta.resourceVersion || meta.resourceVersion === old.metadata.resourceVersion;
      if (current && deepEqualWithout(obj, old, 'metadata') && deepEqualWithout(meta, old.metadata, 'resourceVersion')) {
        tentative?.commit();
        return old;
      }
      const stored = await this.tx.update(key, obj);
      tentative?.commit();
      this.previous.push(old);
      this.changed.push(stored);
      return this.asDryRun(stored, old);
    } catch (err) {
      tentative?.rollback();
      if (err instanceof StoreError && err.code === 'Conflict') {
        throw SvcctlError.conflict(
          `Operation cannot be fulfilled on ${qualifiedResource(t)} "${meta.name}": the object has been modified; please apply your changes to the latest version and try again`,
        );
      }
      throw err;
    }
  }

  /**
   * What a dry run answers, as the apiserver's dry-run storage does: a create has no version yet,
   * an update keeps the stored one (the transaction is rolled back anyway).
   */
  private asDryRun(stored: KubeObject, old: KubeObject | undefined): KubeObject {
    if (!this.opts.dryRun) return stored;
    const metadata = { ...stored.metadata };
    if (old) metadata.resourceVersion = old.metadata.resourceVersion;
    else delete metadata.resourceVersion;
    return { ...stored, metadata };
  }

  /** Writes an object a controller owns (status, derived objects), without the user-facing checks. */
  async putSystem(t: ResourceType, obj: KubeObject): Promise<KubeObject> {
    this.calls++;
    const key = objectKey(t, obj.metadata.namespace, obj.metadata.name!);
    const old = await this.tx.get(key);
    const stored = await this.tx.put(key, obj);
    if (old) this.previous.push(old);
    this.changed.push(stored);
    return stored;
  }

  /**
   * Deletes an object and what it owns: a Service's addresses and ports go back to their ranges,
   * a Namespace takes everything in it, owners take their dependents. NotFound when absent.
   */
  async delete(t: ResourceType, namespace: string | undefined, name: string, opts: { orphanDependents?: boolean } = {}): Promise<KubeObject> {
    this.calls++;
    const key = objectKey(t, namespace, name);
    const obj = await this.tx.get(key);
    if (!obj) throw SvcctlError.notFound(qualifiedResource(t), name);
    await this.tx.delete(key);
    this.deleted.push(obj);
    if (opts.orphanDependents) await this.orphanDependents(obj);
    if (t.kind === 'Service') releaseService(obj as Service, await this.alloc());
    // Dependents (a Deployment's ReplicaSets and pods) go with the garbage collector in the controllers.
    if (t.kind === 'Namespace') await this.deleteNamespaceContents(name);
    return obj;
  }

  /**
   * propagationPolicy Orphan: the garbage collector takes the deleted owner out of its dependents'
   * ownerReferences instead of deleting them (they are kept, no longer controlled).
   */
  private async orphanDependents(owner: KubeObject): Promise<void> {
    const { RESOURCES } = await import('../api/scheme.js');
    for (const t of RESOURCES) {
      if (!t.namespaced || !DEPENDENT_KINDS.has(t.kind)) continue;
      for (const o of await this.tx.list(typePrefix(t, owner.metadata.namespace))) {
        const refs = o.metadata.ownerReferences ?? [];
        if (!refs.some((r) => r.uid === owner.metadata.uid)) continue;
        const { ownerReferences: _refs, ...rest } = o.metadata;
        const kept = refs.filter((r) => r.uid !== owner.metadata.uid);
        await this.putSystem(t, { ...o, metadata: kept.length ? { ...rest, ownerReferences: kept } : rest });
      }
    }
  }

  private async deleteNamespaceContents(ns: string): Promise<void> {
    const { RESOURCES } = await import('../api/scheme.js');
    for (const t of RESOURCES) {
      if (!t.namespaced) continue;
      for (const o of await this.tx.list(typePrefix(t, ns))) await this.delete(t, ns, o.metadata.name!);
    }
  }
}

/** The kinds svcctl's controllers make for an owner, which an orphaning delete leaves behind. */
const DEPENDENT_KINDS = new Set(['ReplicaSet', 'Pod', 'ControllerRevision', 'EndpointSlice', 'Endpoints', 'PersistentVolumeClaim']);

/**
 * kube-apiserver's tentative allocation (portallocator.PortAllocationOperation): what a create or
 * update takes is given back if the request fails, and what it frees is freed only once the
 * object is written. The transaction would undo it all anyway; this keeps the ranges right for
 * callers that go on in the same transaction after a refused object (lint's batch).
 */
function tentativeRanges(ranges: Allocations) {
  const ips = new AllocationOperation(ranges.ips, { allocatedMessage: IP_ALLOCATED_MESSAGE });
  const ports = new AllocationOperation(ranges.ports);
  const view = <T>(op: AllocationOperation<T>, range: { has(v: T): boolean }) => ({
    allocate: (v: T) => op.allocate(v),
    allocateNext: () => op.allocateNext(),
    release: (v: T) => op.releaseDeferred(v),
    has: (v: T) => range.has(v),
  });
  return {
    ranges: { ips: view(ips, ranges.ips), ports: view(ports, ranges.ports) },
    commit() {
      ips.commit();
      ports.commit();
    },
    rollback() {
      ips.rollback();
      ports.rollback();
    },
  };
}

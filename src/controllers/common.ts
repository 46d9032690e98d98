// Small helpers shared by the reconcilers: pod readiness, ownership, ports, timestamps, equality.
import { labelSelectorAsSelector, type Selector } from '../api/labels.js';
import { isDigits } from '../api/strings.js';
import type { Container, KubeObject, LabelSelector, OwnerReference, Pod, ServicePort } from '../api/types.js';
import { controllerOf } from '../api/owners.js';
import { isoSeconds } from '../cluster/config.js';

export { controllerOf };

/** What every reconciler returns: objects to create, replace and remove. */
export interface Plan<T extends KubeObject = KubeObject> {
  create: T[];
  update: T[];
  delete: T[];
}

export const emptyPlan = <T extends KubeObject>(): Plan<T> => ({ create: [], update: [], delete: [] });

/** True when the plan changes nothing. */
export function planEmpty(p: Plan): boolean {
  return p.create.length === 0 && p.update.length === 0 && p.delete.length === 0;
}

/** metav1.Time as the apiserver serialises it: RFC 3339, whole seconds, UTC. */
export const timestamp = isoSeconds;

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Succeeded or Failed: the pod will never run again. */
export function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** controller.IsPodActive: not terminal and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata.deletionTimestamp;
}

/** endpointsliceutil.ShouldPodBeInEndpoints. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!pod.status?.podIP && !(pod.status?.podIPs ?? []).length) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** endpointsliceutil.ShouldSetHostname: hostname set and subdomain names the Service. */
export function shouldSetHostname(pod: Pod, svc: KubeObject): boolean {
  return !!pod.spec.hostname && pod.spec.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace;
}

/** The pod's IPv4 addresses, from status.podIPs (or podIP when podIPs is absent). */
export function podIPv4s(pod: Pod): string[] {
  const ips = (pod.status?.podIPs ?? []).map((p) => p.ip);
  if (ips.length === 0 && pod.status?.podIP) ips.push(pod.status.podIP);
  return ips.filter((ip) => !ip.includes(':'));
}

/**
 * podutil.FindPort: a numeric targetPort as is (port when unset); a named one from the first
 * container port (then restartable init container port) with that name and the same protocol.
 */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (isDigits(target)) return Number(target);
  // Regular containers first, then restartable init containers (sidecars). Plain loops: the
  // endpoints controllers ask this for every selected pod and port.
  const proto = sp.protocol ?? 'TCP';
  const found = namedPortIn(pod.spec.containers, target, proto, false);
  return found ?? (pod.spec.initContainers ? namedPortIn(pod.spec.initContainers, target, proto, true) : undefined);
}

/** The containerPort named `name` for `proto` in `containers` (only sidecars when `sidecarsOnly`). */
function namedPortIn(containers: Container[] | undefined, name: string, proto: string, sidecarsOnly: boolean): number | undefined {
  for (const c of containers ?? []) {
    if (sidecarsOnly && c.restartPolicy !== 'Always') continue;
    for (const p of c.ports ?? []) {
      if (p.name === name && (p.protocol ?? 'TCP') === proto) return p.containerPort;
    }
  }
  return undefined;
}

/** metav1.NewControllerRef. */
export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}


/** True when `obj` is controlled by `owner` (same kind and uid; by name when the owner has no uid). */
export function isControlledBy(obj: KubeObject, owner: KubeObject): boolean {
  const ref = controllerOf(obj);
  if (!ref || ref.kind !== owner.kind) return false;
  return owner.metadata.uid ? ref.uid === owner.metadata.uid : ref.name === owner.metadata.name;
}

/** Structural equality after dropping undefined fields (what a JSON round trip keeps). */
export function deepEqual(a: unknown, b: unknown): boolean {
  return equalSkipping(a, b, undefined);
}

/** deepEqual, with every property named `skip` (at any depth) left out of the comparison. */
export function deepEqualExcept(a: unknown, b: unknown, skip: string): boolean {
  return equalSkipping(a, b, skip);
}

/** deepEqual of two objects with their own property `key` left out (at the top level only). */
export function deepEqualWithout(a: object, b: object, key: string): boolean {
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let count = 0;
  for (const k in ao) {
    if (k === key || ao[k] === undefined) continue;
    if (!equalSkipping(ao[k], bo[k], undefined)) return false;
    count++;
  }
  for (const k in bo) if (k !== key && bo[k] !== undefined) count--;
  return count === 0;
}

// Walks both values without building key lists: every reconcile ends in a comparison, and a full
// resync makes hundreds of thousands of them.
function equalSkipping(a: unknown, b: unknown, skip: string | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const arrayA = Array.isArray(a);
  if (arrayA !== Array.isArray(b)) return false;
  if (arrayA) {
    const aa = a as unknown[];
    const bb = b as unknown[];
    if (aa.length !== bb.length) return false;
    for (let i = 0; i < aa.length; i++) if (!equalSkipping(aa[i], bb[i], skip)) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let count = 0;
  for (const k in ao) {
    const v = ao[k];
    if (v === undefined || k === skip) continue;
    if (!equalSkipping(v, bo[k], skip)) return false;
    count++;
  }
  for (const k in bo) if (bo[k] !== undefined && k !== skip) count--;
  return count === 0;
}

/** Labels equal as maps (nil and empty are the same, as apiequality.Semantic treats them). */
export function labelsEqual(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  return deepEqual(a ?? {}, b ?? {});
}

/** A Service selector that selects: present and non-empty (an empty map does not survive storage). */
export function serviceSelects(sel: Record<string, string> | undefined): sel is Record<string, string> {
  return !!sel && Object.keys(sel).length > 0;
}

/** helper.IsServiceIPSet: a ClusterIP other than None. */
export function isServiceIPSet(spec: { clusterIP?: string }): boolean {
  return !!spec.clusterIP && spec.clusterIP !== 'None';
}

export function byName<T extends KubeObject>(a: T, b: T): number {
  const an = a.metadata.name ?? '';
  const bn = b.metadata.name ?? '';
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/**
 * The objects sorted by name: `items` itself when already in that order (lists come in key order,
 * which within one namespace is name order), else a sorted copy. The caller must not change it.
 */
export function inNameOrder<T extends KubeObject>(items: T[]): T[] {
  for (let i = 1; i < items.length; i++) if (byName(items[i - 1], items[i]) > 0) return [...items].sort(byName);
  return items;
}

/** A map key for an endpoint port: its four fields, cheaper than canonicalKey on the hot paths. */
export function portKey(p: { name?: string; port?: number; protocol?: string; appProtocol?: string }): string {
  return `${p.name ?? ''}\u0000${p.port ?? ''}\u0000${p.protocol ?? ''}\u0000${p.appProtocol ?? '\u0001'}`;
}

/** A stable string for a JSON value with sorted keys, usable as a map key. */
export function canonicalKey(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalKey).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalKey(o[k])}`)
    .join(',')}}`;
}

/** intstr.GetScaledValueFromIntOrPercent: `n`, or `p%` of `total` rounded up or down. */
export function scaledIntOrPercent(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v));
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/**
 * labelSelectorAsSelector for a stored object's selector, parsed once per selector object:
 * stored objects are never changed, and a full resync reconciles each owner several times.
 * Throws as labelSelectorAsSelector does (the error is kept too).
 */
export function storedSelector(ls: LabelSelector | undefined): Selector {
  if (!ls) return labelSelectorAsSelector(ls);
  let parsed = parsedSelectors.get(ls);
  if (!parsed) {
    try {
      parsed = labelSelectorAsSelector(ls);
    } catch (err) {
      parsed = err as Error;
    }
    parsedSelectors.set(ls, parsed);
  }
  if (parsed instanceof Error) throw parsed;
  return parsed;
}

const parsedSelectors = new WeakMap<LabelSelector, Selector | Error>();

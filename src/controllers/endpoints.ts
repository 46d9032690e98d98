// The Endpoints controller (pkg/controller/endpoint) as a pure function, with RepackSubsets and
// the 1000-address cap.
import { selectorFromSet, selectorMatches } from '../api/labels.js';
import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints, Pod, Service } from '../api/types.js';
import {
  canonicalKey,
  deepEqual,
  deepEqualExcept,
  portKey,
  findPort,
  inNameOrder,
  isPodReady,
  isServiceIPSet,
  labelsEqual,
  podIPv4s,
  serviceSelects,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from './common.js';
import { LABEL_HEADLESS } from './endpointslice.js';
import { subsetsText, type EndpointsView } from './views.js';
import { clone } from '../store/store.js';

/** maxCapacity: addresses an Endpoints object keeps before it is truncated. */
export const MAX_ENDPOINTS_CAPACITY = 1000;
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';

const ASCII = /^[\x00-\x7f]*$/;

/** LessEndpointAddress: by IP bytes, then target uid (no target first). */
function lessAddress(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) {
    // Byte order; for ASCII text (every address) that is the strings' own order, with no copies.
    if (ASCII.test(a.ip) && ASCII.test(b.ip)) return a.ip < b.ip ? -1 : 1;
    return Buffer.compare(Buffer.from(a.ip), Buffer.from(b.ip));
  }
  const au = a.targetRef?.uid;
  const bu = b.targetRef?.uid;
  if (au === bu) return 0;
  if (au === undefined) return -1;
  if (bu === undefined) return 1;
  return au < bu ? -1 : 1;
}

const addrKey = (a: EndpointAddress): string => `${a.ip}/${a.targetRef?.uid ?? ''}`;

/** Two address -> ready maps holding the same entries. */
function sameReadiness(a: Map<string, boolean>, b: Map<string, boolean>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, r] of a) if (b.get(k) !== r) return false;
  return true;
}

/**
 * RepackSubsets' working set: (address, port, ready) triples, kept as every address once and,
 * per distinct port, the addresses offering it. Not-ready wins over ready for the same address
 * and port. Keys are passed in so that a caller adding one address under several ports makes its
 * key once.
 */
class SubsetPacker {
  private readonly addresses = new Map<string, EndpointAddress>();
  private readonly byPort = new Map<string, { port: EndpointPort; ready: Map<string, boolean> }>();

  add(addr: EndpointAddress, ak: string, port: EndpointPort, pk: string, ready: boolean): void {
    if (!this.addresses.has(ak)) this.addresses.set(ak, addr);
    let entry = this.byPort.get(pk);
    if (!entry) this.byPort.set(pk, (entry = { port, ready: new Map() }));
    if (entry.ready.get(ak) !== false) entry.ready.set(ak, ready);
  }

  /** Ports offered by the same addresses with the same readiness share a subset. */
  pack(): EndpointSubset[] {
    const groups: { ready: Map<string, boolean>; ports: EndpointPort[] }[] = [];
    for (const { port, ready } of this.byPort.values()) {
      const same = groups.find((g) => sameReadiness(g.ready, ready));
      if (same) same.ports.push(port);
      else groups.push({ ready, ports: [port] });
    }
    const out: EndpointSubset[] = [];
    for (const { ready: byAddr, ports } of groups) {
      const ready: EndpointAddress[] = [];
      const notReady: EndpointAddress[] = [];
      for (const [k, r] of byAddr) (r ? ready : notReady).push(this.addresses.get(k)!);
      const ss: EndpointSubset = {};
      if (ready.length) ss.addresses = ready.sort(lessAddress);
      if (notReady.length) ss.notReadyAddresses = notReady.sort(lessAddress);
      ss.ports = ports.sort(comparePorts);
      out.push(ss);
    }
    return out.sort((a, b) => {
      const fa = (a.addresses ?? a.notReadyAddresses ?? [])[0];
      const fb = (b.addresses ?? b.notReadyAddresses ?? [])[0];
      const byAddress = fa && fb ? lessAddress(fa, fb) : 0;
      if (byAddress !== 0) return byAddress;
      const ka = canonicalKey(a);
      const kb = canonicalKey(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  }
}

/**
 * RepackSubsets: expands subsets to (address, port, ready) triples, then regroups addresses that
 * offer the same ports. Not-ready wins over ready for the same address and port. Addresses are
 * sorted by IP then uid. Deviation: Kubernetes orders ports and subsets by an md5 of their spew
 * dump; we order ports by (name, port, protocol) and subsets by their first address.
 */
export function repackSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  const packer = new SubsetPacker();
  for (const ss of subsets) {
    for (const port of ss.ports ?? []) {
      const pk = portKey(port);
      for (const a of ss.addresses ?? []) packer.add(a, addrKey(a), port, pk, true);
      for (const a of ss.notReadyAddresses ?? []) packer.add(a, addrKey(a), port, pk, false);
    }
  }
  return packer.pack();
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  const an = a.name ?? '';
  const bn = b.name ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  if (a.port !== b.port) return a.port - b.port;
  return (a.protocol ?? '') < (b.protocol ?? '') ? -1 : (a.protocol ?? '') > (b.protocol ?? '') ? 1 : 0;
}

/**
 * truncateEndpoints: over 1000 addresses, keeps ready ones first and shares the room between
 * subsets in proportion (rounded up). Returns whether anything was cut.
 */
export function truncateSubsets(subsets: EndpointSubset[]): boolean {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const s of subsets) {
    totalReady += (s.addresses ?? []).length;
    totalNotReady += (s.notReadyAddresses ?? []).length;
  }
  if (totalReady + totalNotReady <= MAX_ENDPOINTS_CAPACITY) return false;
  const truncateReady = totalReady > MAX_ENDPOINTS_CAPACITY;
  const max = truncateReady ? MAX_ENDPOINTS_CAPACITY : MAX_ENDPOINTS_CAPACITY - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  for (const s of subsets) {
    const n = truncateReady ? (s.addresses ?? []).length : (s.notReadyAddresses ?? []).length;
    const toAdd = Math.min(Math.ceil((n / numTotal) * max), canBeAdded);
    if (truncateReady) {
      s.addresses = (s.addresses ?? []).slice(0, toAdd);
      delete s.notReadyAddresses;
      canBeAdded -= s.addresses.length;
    } else {
      s.notReadyAddresses = (s.notReadyAddresses ?? []).slice(0, toAdd);
      canBeAdded -= s.notReadyAddresses.length;
    }
    if (s.addresses?.length === 0) delete s.addresses;
    if (s.notReadyAddresses?.length === 0) delete s.notReadyAddresses;
  }
  return true;
}

/** podToEndpointAddressForService (IPv4 only). */
function podAddress(pod: Pod, svc: Service): EndpointAddress | undefined {
  const ip = podIPv4s(pod)[0];
  if (!ip) return undefined;
  const a: EndpointAddress = { ip };
  if (shouldSetHostname(pod, svc)) a.hostname = pod.spec.hostname;
  a.nodeName = pod.spec.nodeName ?? '';
  a.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name ?? '', uid: pod.metadata.uid };
  return a;
}

/** The subsets syncService computes for a Service and its pods, repacked. */
export function desiredSubsets(svc: Service, pods: Pod[]): EndpointSubset[] {
  const tolerate = !!svc.spec.publishNotReadyAddresses;
  const sel = selectorFromSet(svc.spec.selector);
  const ports = svc.spec.ports ?? [];
  const packer = new SubsetPacker();
  const portless: EndpointSubset[] = [];
  // Per Service port, the endpoint port (and its key) each target number makes: pods alike share them.
  const endpointPorts = ports.map(() => new Map<number, { ep: EndpointPort; pk: string }>());
  for (const pod of inNameOrder(pods)) {
    if (pod.metadata.namespace !== svc.metadata.namespace || !selectorMatches(sel, pod.metadata.labels)) continue;
    if (!shouldPodBeInEndpoints(pod, tolerate)) continue;
    const addr = podAddress(pod, svc);
    if (!addr) continue;
    const ready = tolerate || isPodReady(pod);
    if (ports.length === 0) {
      // A headless Service may have no ports: its addresses are listed without any.
      if (svc.spec.clusterIP === 'None') portless.push(ready ? { addresses: [addr], ports: [] } : { notReadyAddresses: [addr], ports: [] });
      continue;
    }
    const ak = addrKey(addr);
    ports.forEach((sp, i) => {
      const num = findPort(pod, sp);
      if (num === undefined) return;
      let port = endpointPorts[i].get(num);
      if (!port) {
        const ep: EndpointPort = { name: sp.name || undefined, port: num, protocol: sp.protocol ?? 'TCP' };
        if (sp.appProtocol !== undefined) ep.appProtocol = sp.appProtocol;
        if (!ep.name) delete ep.name;
        endpointPorts[i].set(num, (port = { ep, pk: portKey(ep) }));
      }
      packer.add(addr, ak, port.ep, port.pk, ready);
    });
  }
  if (ports.length === 0) return portless.length ? mergePortless(portless) : [];
  return packer.pack();
}

/** RepackSubsets keeps port-less addresses under a sentinel port: one subset, no ports. */
function mergePortless(subsets: EndpointSubset[]): EndpointSubset[] {
  const addresses = subsets.flatMap((s) => s.addresses ?? []).sort(lessAddress);
  const notReady = subsets.flatMap((s) => s.notReadyAddresses ?? []).sort(lessAddress);
  const ss: EndpointSubset = {};
  if (addresses.length) ss.addresses = addresses;
  if (notReady.length) ss.notReadyAddresses = notReady;
  return [ss];
}

/** Subsets equal, ignoring targetRef resourceVersions (which change on every pod write). */
const sameSubsets = (a: EndpointSubset[] | undefined, b: EndpointSubset[] | undefined): boolean =>
  deepEqualExcept(a ?? [], b ?? [], 'resourceVersion');

/**
 * Whether Endpoints holding `subsets` (their own, equal to those wanted) are left as they are:
 * labels as the Service's (the headless label aside), within capacity and not marked truncated.
 */
function keepsEndpoints(svc: Service, existing: Endpoints, subsets: EndpointSubset[] | undefined): boolean {
  const cmpLabels = { ...(existing.metadata.labels ?? {}) };
  delete cmpLabels[LABEL_HEADLESS];
  const count = (subsets ?? []).reduce((n, s) => n + (s.addresses ?? []).length + (s.notReadyAddresses ?? []).length, 0);
  const capacityOk = count <= MAX_ENDPOINTS_CAPACITY && !existing.metadata.annotations?.[OVER_CAPACITY_ANNOTATION];
  return labelsEqual(cmpLabels, svc.metadata.labels) && capacityOk;
}

/**
 * True when reconcileEndpoints(svc, pods, the Endpoints `view` stands for) would return
 * 'unchanged', told from the view alone: the wanted subsets are, as text, the stored ones.
 * False when it cannot tell (the caller then reads the Endpoints in full).
 */
export function endpointsViewUnchanged(svc: Service, pods: Pod[], view: EndpointsView): boolean {
  if (svc.spec.type === 'ExternalName' || !serviceSelects(svc.spec.selector)) return false;
  const subsets = desiredSubsets(svc, pods);
  return subsetsText(subsets) === view.content && keepsEndpoints(svc, view, subsets);
}

/**
 * The Endpoints object the controller wants for `svc`: null when it leaves Endpoints alone
 * (ExternalName, no selector), 'unchanged' when `existing` already matches, else the object to
 * create (no resourceVersion) or write. Labels are the Service's plus
 * `service.kubernetes.io/headless` for headless Services; over 1000 addresses the list is cut
 * and annotated `endpoints.kubernetes.io/over-capacity: truncated`.
 */
export function reconcileEndpoints(svc: Service, pods: Pod[], existing: Endpoints | undefined): Endpoints | null | 'unchanged' {
  if (svc.spec.type === 'ExternalName' || !serviceSelects(svc.spec.selector)) return null;
  const subsets = desiredSubsets(svc, pods);
  if (existing && sameSubsets(existing.subsets, subsets) && keepsEndpoints(svc, existing, existing.subsets)) return 'unchanged';
  const base: Endpoints = existing
    ? clone(existing)
    : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: svc.metadata.name, namespace: svc.metadata.namespace } };
  const annotations = { ...(base.metadata.annotations ?? {}) };
  if (truncateSubsets(subsets)) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
  else delete annotations[OVER_CAPACITY_ANNOTATION];
  const labels = { ...(svc.metadata.labels ?? {}) };
  if (!isServiceIPSet(svc.spec)) labels[LABEL_HEADLESS] = '';
  else delete labels[LABEL_HEADLESS];
  const out: Endpoints = { ...base, metadata: { ...base.metadata, labels } };
  if (Object.keys(annotations).length) out.metadata.annotations = annotations;
  else delete out.metadata.annotations;
  if (subsets.length) out.subsets = subsets;
  else delete out.subsets;
  return out;
}

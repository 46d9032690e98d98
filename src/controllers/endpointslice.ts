// The EndpointSlice controller's reconciler (k8s.io/endpointslice reconciler.go) as a pure
// function: a Service, its pods and its existing slices in; slices to create, update, delete out.
import { selectorFromSet, selectorMatches } from '../api/labels.js';
import type { EndpointPort, EndpointSlice, Pod, Service, SliceEndpoint } from '../api/types.js';
import {
  byName,
  portKey,
  controllerRef,
  emptyPlan,
  findPort,
  inNameOrder,
  isPodReady,
  isServiceIPSet,
  labelsEqual,
  podIPv4s,
  serviceSelects,
  shouldPodBeInEndpoints,
  shouldSetHostname,
  type Plan,
} from './common.js';
import { endpointSlicePrefix, sliceName, type Random } from './names.js';
import { sortStrings } from '../api/strings.js';
import { endpointKey, endpointsText, type EndpointSliceView } from './views.js';

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller.k8s.io';
/** --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface SliceOptions {
  random: Random;
  /** Node names that exist; a pod on a missing node is skipped unless publishNotReadyAddresses. */
  nodeExists?: (name: string) => boolean;
  maxEndpointsPerSlice?: number;
}

/** Reserved keys a Service's own labels cannot set on its slices. */
const isReservedLabel = (k: string): boolean => k === LABEL_SERVICE_NAME || k === LABEL_MANAGED_BY || k === LABEL_HEADLESS;

/** setEndpointSliceLabels: the labels a slice should carry, and whether the copied ones changed. */
export function sliceLabels(
  current: Record<string, string> | undefined,
  svc: Service,
  controllerName: string,
): { labels: Record<string, string>; changed: boolean } {
  const mine: Record<string, string> = {};
  for (const [k, v] of Object.entries(current ?? {})) if (!isReservedLabel(k)) mine[k] = v;
  const want: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) if (!isReservedLabel(k)) want[k] = v;
  const changed = !labelsEqual(mine, want);
  if (!isServiceIPSet(svc.spec)) want[LABEL_HEADLESS] = '';
  want[LABEL_SERVICE_NAME] = svc.metadata.name ?? '';
  want[LABEL_MANAGED_BY] = controllerName;
  return { labels: want, changed };
}

/** podToEndpoint: one endpoint for a pod, with the ready/serving/terminating conditions. */
export function podToEndpoint(pod: Pod, svc: Service): SliceEndpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  // "ready" is never true for a terminating pod unless publishNotReadyAddresses is set.
  const ready = !!svc.spec.publishNotReadyAddresses || (serving && !terminating);
  const ep: SliceEndpoint = {
    addresses: podIPv4s(pod),
    conditions: { ready, serving, terminating },
  };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec.hostname;
  ep.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name ?? '', uid: pod.metadata.uid };
  if (pod.spec.nodeName) ep.nodeName = pod.spec.nodeName;
  return ep;
}

/** getEndpointPorts: the service ports this pod serves; a named targetPort it lacks is left out. */
export function endpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  const ports = svc.spec.ports ?? [];
  const out: EndpointPort[] = [];
  for (const sp of ports) {
    const num = findPort(pod, sp);
    if (num === undefined) continue;
    const p: EndpointPort = { name: sp.name ?? '', port: num, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol !== undefined) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out;
}

/** NewPortMapKey: ports compared as a set. */
const portMapKey = (ports: EndpointPort[] | undefined): string =>
  sortStrings((ports ?? []).map(portKey)).join('|');

/** EndpointsEqualBeyondHash (targetRef resourceVersion ignored). */
function endpointEqualBeyondHash(a: SliceEndpoint, b: SliceEndpoint): boolean {
  const c = (x: SliceEndpoint) => x.conditions ?? {};
  const ra = a.targetRef;
  const rb = b.targetRef;
  const sameRef =
    ra === rb ||
    (!!ra && !!rb && ra.kind === rb.kind && ra.namespace === rb.namespace && ra.name === rb.name && ra.uid === rb.uid);
  return (
    a.nodeName === b.nodeName &&
    a.zone === b.zone &&
    c(a).ready === c(b).ready &&
    c(a).serving === c(b).serving &&
    c(a).terminating === c(b).terminating &&
    sameRef
  );
}

/** ownedBy: the slice's owner reference points at this Service (v1, same uid). */
function ownedBy(slice: EndpointSlice, svc: Service): boolean {
  return (slice.metadata.ownerReferences ?? []).some(
    (o) => o.kind === 'Service' && o.apiVersion === 'v1' && o.uid === (svc.metadata.uid ?? ''),
  );
}

/** newEndpointSlice: an empty slice for the Service, named as the apiserver would name it. */
function newSlice(svc: Service, ports: EndpointPort[], random: Random): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: sliceName(svc.metadata.name ?? '', random),
      generateName: endpointSlicePrefix(svc.metadata.name ?? ''),
      namespace: svc.metadata.namespace,
      labels: sliceLabels({}, svc, ENDPOINTSLICE_CONTROLLER).labels,
      ownerReferences: [controllerRef({ ...svc, apiVersion: 'v1', kind: 'Service' })],
    },
    addressType: 'IPv4',
    endpoints: [],
    ports,
  };
}

/** A placeholder (no ports, no endpoints) as placeholderSliceCompare sees it: meta by namespace and labels only. */
function isSamePlaceholder(slice: EndpointSlice, svc: Service): boolean {
  return (
    slice.metadata.namespace === svc.metadata.namespace &&
    labelsEqual(slice.metadata.labels, sliceLabels({}, svc, ENDPOINTSLICE_CONTROLLER).labels) &&
    slice.addressType === 'IPv4' &&
    (slice.endpoints ?? []).length === 0 &&
    (slice.ports ?? []).length === 0
  );
}

/** A Service's wanted endpoints for one port map (its portMapKey), by endpointKey. */
type DesiredEndpoints = Map<string, { ports: EndpointPort[]; eps: Map<string, SliceEndpoint> }>;

/**
 * The endpoints a selecting Service wants, grouped by the port map each pod resolves to. A pod's
 * port map follows from the numbers the Service's ports resolve to on it: pods alike share one.
 */
function desiredEndpoints(svc: Service, pods: Pod[], opts: SliceOptions): DesiredEndpoints {
  const selector = selectorFromSet(svc.spec.selector);
  const desired: DesiredEndpoints = new Map();
  const portMaps = new Map<string, string>();
  for (const pod of inNameOrder(pods)) {
    if (pod.metadata.namespace !== svc.metadata.namespace) continue;
    if (!selectorMatches(selector, pod.metadata.labels)) continue;
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const numbers = (svc.spec.ports ?? []).map((sp) => findPort(pod, sp) ?? '').join(',');
    let k = portMaps.get(numbers);
    if (k === undefined) {
      const ports = endpointPorts(svc, pod);
      k = portMapKey(ports);
      portMaps.set(numbers, k);
      if (!desired.has(k)) desired.set(k, { ports, eps: new Map() });
    }
    if (opts.nodeExists && pod.spec.nodeName && !opts.nodeExists(pod.spec.nodeName) && !svc.spec.publishNotReadyAddresses) {
      continue;
    }
    const ep = podToEndpoint(pod, svc);
    if (ep.addresses.length > 0) desired.get(k)!.eps.set(endpointKey(ep), ep);
  }
  return desired;
}

/**
 * True when reconcileEndpointSlices(svc, pods, the slices `views` stand for) would plan nothing,
 * told from the views alone; false when it cannot tell (the caller then reads the slices in
 * full). That is so when every slice is an IPv4 slice of this Service with the labels it should
 * have, for a port map the pods resolve to, one slice a port map, holding exactly the wanted
 * endpoints (as text): then no slice loses, changes or gains an endpoint, none is deleted and no
 * placeholder is made. A port map spread over several slices (over 100 endpoints) is not told
 * apart here.
 */
export function endpointSliceViewsUnchanged(svc: Service, pods: Pod[], views: EndpointSliceView[], opts: SliceOptions): boolean {
  if (views.length === 0 || svc.spec.type === 'ExternalName' || !serviceSelects(svc.spec.selector)) return false;
  const desired = desiredEndpoints(svc, pods, opts);
  const sliceOf = new Map<string, EndpointSliceView>();
  for (const s of views) {
    if (s.addressType !== 'IPv4' || !ownedBy(s, svc) || sliceLabels(s.metadata.labels, svc, ENDPOINTSLICE_CONTROLLER).changed) return false;
    const k = portMapKey(s.ports);
    if (!desired.has(k) || sliceOf.has(k)) return false;
    sliceOf.set(k, s);
  }
  for (const [k, { eps }] of desired) {
    const s = sliceOf.get(k);
    if (s ? s.content !== endpointsText(eps) : eps.size > 0) return false;
  }
  return true;
}

/**
 * Reconciles the EndpointSlices of one Service. `pods` may be every pod of the namespace (the
 * selector is applied here); `existing` are the slices labelled with the Service's name and
 * managed by this controller. A Service without selector, or of type ExternalName, gets no plan
 * (its slices are left alone, as the controller does). Deterministic for a given `random`:
 * pods are taken in name order. Unchanged input yields an empty plan.
 */
export function reconcileEndpointSlices(
  svc: Service,
  pods: Pod[],
  existing: EndpointSlice[],
  opts: SliceOptions,
): Plan<EndpointSlice> {
  const plan = emptyPlan<EndpointSlice>();
  if (svc.spec.type === 'ExternalName' || !serviceSelects(svc.spec.selector)) return plan;
  const max = opts.maxEndpointsPerSlice ?? MAX_ENDPOINTS_PER_SLICE;
  const toDelete: EndpointSlice[] = [];

  // Slices of another address type, or owned by an older Service of the same name, go.
  const existingByPorts = new Map<string, EndpointSlice[]>();
  for (const s of [...existing].sort(byName)) {
    if (s.addressType !== 'IPv4' || !ownedBy(s, svc)) {
      toDelete.push(s);
      continue;
    }
    const k = portMapKey(s.ports);
    const group = existingByPorts.get(k);
    if (group) group.push(s);
    else existingByPorts.set(k, [s]);
  }

  const desired = desiredEndpoints(svc, pods, opts);
  for (const [k, { ports, eps }] of desired) {
    const r = reconcilePortMapping(svc, existingByPorts.get(k) ?? [], eps, ports, max, opts.random);
    plan.create.push(...r.create);
    plan.update.push(...r.update);
    toDelete.push(...r.delete);
  }
  for (const [k, slices] of existingByPorts) if (!desired.has(k)) toDelete.push(...slices);

  // When no slice would exist, keep (or add) one empty placeholder slice.
  const v4 = (list: EndpointSlice[]) => list.filter((s) => s.addressType === 'IPv4').length;
  if (v4(existing) === v4(toDelete) && plan.create.length === 0) {
    if (toDelete.length === 1 && isSamePlaceholder(toDelete[0], svc)) toDelete.length = 0;
    else plan.create.push(newSlice(svc, [], opts.random));
  }

  // finalize: turn creates into updates of slices that would otherwise be deleted.
  for (let i = 0; i < toDelete.length && plan.create.length > 0; ) {
    const old = toDelete[i];
    if (old.addressType === 'IPv4' && ownedBy(old, svc)) {
      const slice = plan.create.pop()!;
      slice.metadata = { ...old.metadata, labels: slice.metadata.labels, ownerReferences: slice.metadata.ownerReferences };
      plan.update.push(slice);
      toDelete.splice(i, 1);
    } else i++;
  }
  plan.delete = toDelete;
  return plan;
}

/** reconcileByPortMapping: keep, refresh, fill and create slices for one port map. */
function reconcilePortMapping(
  svc: Service,
  existing: EndpointSlice[],
  desired: Map<string, SliceEndpoint>,
  ports: EndpointPort[],
  max: number,
  random: Random,
): Plan<EndpointSlice> {
  const byName = new Map<string, EndpointSlice>();
  const unchanged: string[] = [];
  const toUpdate: string[] = [];
  const toDelete: string[] = [];

  // 1. Drop endpoints no longer desired and refresh changed ones.
  for (const s of existing) {
    const name = s.metadata.name ?? '';
    byName.set(name, s);
    const kept: SliceEndpoint[] = [];
    let updated = false;
    for (const ep of s.endpoints ?? []) {
      const k = endpointKey(ep);
      const want = desired.get(k);
      if (!want) continue;
      kept.push(want);
      if (!endpointEqualBeyondHash(want, ep)) updated = true;
      desired.delete(k);
    }
    const { labels, changed } = sliceLabels(s.metadata.labels, svc, ENDPOINTSLICE_CONTROLLER);
    if (updated || kept.length !== (s.endpoints ?? []).length) {
      if (kept.length === 0) toDelete.push(name);
      else {
        byName.set(name, { ...s, metadata: { ...s.metadata, labels }, endpoints: kept });
        toUpdate.push(name);
      }
    } else if (changed) {
      byName.set(name, { ...s, metadata: { ...s.metadata, labels } });
      toUpdate.push(name);
    } else unchanged.push(name);
  }

  const rest = [...desired.values()];
  // 2. Fill slices already being updated, fullest first.
  if (rest.length > 0 && toUpdate.length > 0) {
    const slices = toUpdate.map((n) => byName.get(n)!).sort((a, b) => (b.endpoints ?? []).length - (a.endpoints ?? []).length);
    for (const s of slices) {
      while (rest.length > 0 && (s.endpoints ?? []).length < max) s.endpoints = [...(s.endpoints ?? []), rest.shift()!];
    }
  }

  // 3. Fit the remainder into the unchanged slice closest to full, else new slices.
  const create: EndpointSlice[] = [];
  while (rest.length > 0) {
    let fill: EndpointSlice | undefined;
    if (rest.length < max && unchanged.length > 0) {
      let closest = max;
      for (const n of unchanged) {
        const diff = max - (rest.length + (byName.get(n)!.endpoints ?? []).length);
        if (diff >= 0 && diff < closest) {
          closest = diff;
          fill = byName.get(n);
        }
      }
    }
    const isNew = !fill;
    fill = fill ? { ...fill, endpoints: [...(fill.endpoints ?? [])] } : newSlice(svc, ports, random);
    while (rest.length > 0 && fill.endpoints!.length < max) fill.endpoints!.push(rest.shift()!);
    if (isNew) create.push(fill);
    else {
      const n = fill.metadata.name ?? '';
      byName.set(n, fill);
      if (!toUpdate.includes(n)) toUpdate.push(n);
      unchanged.splice(unchanged.indexOf(n), 1);
    }
  }
  return { create, update: toUpdate.map((n) => byName.get(n)!), delete: toDelete.map((n) => byName.get(n)!) };
}

// The EndpointSlice mirroring controller (pkg/controller/endpointslicemirroring) as a pure
// function: a selector-less Service's user-written Endpoints are copied into EndpointSlices.
import type { EndpointPort, EndpointSlice, Endpoints, Service, SliceEndpoint } from '../api/types.js';
import { byName, canonicalKey, controllerRef, deepEqual, emptyPlan, serviceSelects, type Plan } from './common.js';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME, MAX_ENDPOINTS_PER_SLICE } from './endpointslice.js';
import { endpointSlicePrefix, sliceName, type Random } from './names.js';

export const MIRRORING_CONTROLLER = 'endpointslicemirroring-controller.k8s.io';
export const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
/** --mirroring-max-endpoints-per-subset default. */
export const MIRRORING_MAX_ENDPOINTS_PER_SUBSET = 1000;
const SKIPPED_ANNOTATIONS = new Set([
  'endpoints.kubernetes.io/last-change-trigger-time',
  'kubectl.kubernetes.io/last-applied-configuration',
]);
const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';

/** Whether the mirroring controller copies these Endpoints for this Service. */
export function shouldMirror(svc: Service | undefined, ep: Endpoints | undefined): boolean {
  if (!svc || !ep) return false;
  if (serviceSelects(svc.spec.selector)) return false;
  if (ep.metadata.labels?.[LABEL_SKIP_MIRROR] === 'true') return false;
  return !ep.metadata.annotations?.[LEADER_ANNOTATION];
}

/** The metadata every mirrored slice of `ep` carries (labels, annotations, owner). */
function mirroredMeta(ep: Endpoints): { labels: Record<string, string>; annotations: Record<string, string> } {
  const labels = { ...(ep.metadata.labels ?? {}) };
  labels[LABEL_SERVICE_NAME] = ep.metadata.name ?? '';
  labels[LABEL_MANAGED_BY] = MIRRORING_CONTROLLER;
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(ep.metadata.annotations ?? {})) if (!SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
  return { labels, annotations };
}

/** Groups of (ports, endpoints), each cut into slices of at most 100 endpoints. */
function desiredGroups(ep: Endpoints): { ports: EndpointPort[]; endpoints: SliceEndpoint[] }[] {
  const groups = new Map<string, { ports: EndpointPort[]; endpoints: SliceEndpoint[] }>();
  for (const ss of ep.subsets ?? []) {
    const ports: EndpointPort[] = (ss.ports ?? []).map((p) => {
      const out: EndpointPort = { name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' };
      if (p.appProtocol !== undefined) out.appProtocol = p.appProtocol;
      return out;
    });
    const key = canonicalKey(ports.map(canonicalKey).sort());
    if (!groups.has(key)) groups.set(key, { ports, endpoints: [] });
    const g = groups.get(key)!;
    // Only the first 1000 addresses of a subset are mirrored, ready ones first.
    const addrs = [
      ...(ss.addresses ?? []).map((a) => ({ a, ready: true })),
      ...(ss.notReadyAddresses ?? []).map((a) => ({ a, ready: false })),
    ].slice(0, MIRRORING_MAX_ENDPOINTS_PER_SUBSET);
    for (const { a, ready } of addrs) {
      if (a.ip.includes(':')) continue; // IPv6 addresses would go to IPv6 slices; single-stack here.
      const e: SliceEndpoint = { addresses: [a.ip], conditions: { ready } };
      if (a.hostname) e.hostname = a.hostname;
      if (a.targetRef) e.targetRef = a.targetRef;
      if (a.nodeName) e.nodeName = a.nodeName;
      g.endpoints.push(e);
    }
  }
  return [...groups.values()].filter((g) => g.endpoints.length > 0);
}

/**
 * Reconciles the mirrored slices of one Endpoints object. `existing` are the slices labelled with
 * its name and managed by the mirroring controller. When the Service is missing, has a selector,
 * or the Endpoints are gone or marked skip-mirror, every mirrored slice is deleted. Existing slices
 * are reused in name order; identical content yields an empty plan.
 */
export function reconcileMirroredSlices(
  svc: Service | undefined,
  ep: Endpoints | undefined,
  existing: EndpointSlice[],
  opts: { random: Random; maxEndpointsPerSlice?: number },
): Plan<EndpointSlice> {
  const plan = emptyPlan<EndpointSlice>();
  const old = [...existing].sort(byName);
  if (!shouldMirror(svc, ep)) {
    plan.delete = old;
    return plan;
  }
  const e = ep!;
  const max = opts.maxEndpointsPerSlice ?? MAX_ENDPOINTS_PER_SLICE;
  const { labels, annotations } = mirroredMeta(e);
  const owner = controllerRef({ ...e, apiVersion: 'v1', kind: 'Endpoints' });
  const wanted: EndpointSlice[] = [];
  for (const g of desiredGroups(e)) {
    for (let i = 0; i < g.endpoints.length; i += max) {
      wanted.push({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          namespace: e.metadata.namespace,
          labels,
          ...(Object.keys(annotations).length ? { annotations } : {}),
          ownerReferences: [owner],
        },
        addressType: 'IPv4',
        endpoints: g.endpoints.slice(i, i + max),
        ports: g.ports,
      });
    }
  }
  const content = (s: EndpointSlice) => ({
    labels: s.metadata.labels ?? {},
    annotations: s.metadata.annotations ?? {},
    endpoints: s.endpoints ?? [],
    ports: s.ports ?? [],
    owner: s.metadata.ownerReferences ?? [],
  });
  // Pair wanted slices with identical existing ones first, then reuse the rest by name order.
  const free = [...old];
  const pending: EndpointSlice[] = [];
  for (const w of wanted) {
    const i = free.findIndex((s) => deepEqual(content(s), content(w)));
    if (i >= 0) free.splice(i, 1);
    else pending.push(w);
  }
  for (const w of pending) {
    const reuse = free.shift();
    if (reuse) {
      const metadata = { ...reuse.metadata, ...w.metadata, annotations: w.metadata.annotations };
      if (!metadata.annotations) delete metadata.annotations;
      plan.update.push({ ...w, metadata });
    }
    else {
      const base = e.metadata.name ?? '';
      plan.create.push({
        ...w,
        metadata: { name: sliceName(base, opts.random), generateName: endpointSlicePrefix(base), ...w.metadata },
      });
    }
  }
  plan.delete = free;
  return plan;
}

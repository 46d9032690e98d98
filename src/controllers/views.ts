// Objects as a full resync reads them. A pod's view holds the few fields the garbage collector,
// the ReplicaSet controller, the endpoints controllers and the address ranges look at, plus what
// the kubelet would do with it; an Endpoints' or EndpointSlice's view holds its metadata and its
// addresses as one text, enough to tell that the endpoints controllers would leave it as it is.
// The SQLite store keeps a view beside every such object, so that a resync of a large settled
// cluster reads a few hundred bytes an object instead of parsing all of it.
import { sortStrings } from '../api/strings.js';
import type { Container, EndpointSlice, Endpoints, EndpointSubset, KubeObject, ObjectMeta, Pod, PodSpec, PodStatus, SliceEndpoint } from '../api/types.js';
import { settledReadiness, SIM_READY_ANNOTATION } from './kubelet.js';

/**
 * A Pod with only some of its fields. In `metadata`: name, namespace, uid, deletion time, labels,
 * owner references, and the sim-ready annotation. In `spec`: the node, hostname, subdomain,
 * affinity, and the containers FindPort or the readiness delay could need (named ports, readiness
 * delay, sidecar restart policy), with only those fields. In `status`: the phase, addresses,
 * start time and the Ready condition's status. What ranks pods for deletion or tells them
 * available after minReadySeconds (creation and transition times, restarts, deletion cost) is
 * left out: the ReplicaSet stage reads pods in full for those. `partial` is always true (the
 * Writer refuses to store such an object); `kubelet` is settledReadiness of the full pod.
 */
export interface PodView extends Pod {
  partial: true;
  kubelet?: 'ready' | 'notReady';
}

/**
 * A view's `content`: a text that stands for part of the object, compared as a whole. Stores keep
 * it as it is, beside the rest of the view, not inside its JSON (which would escape every quote).
 */
export interface ViewContent {
  partial: true;
  content: string;
}

/** Endpoints with metadata only; `content` is subsetsText of its subsets. */
export interface EndpointsView extends Endpoints, ViewContent {}

/** An EndpointSlice without its endpoints; `content` is sliceEndpointsText of them. */
export interface EndpointSliceView extends EndpointSlice, ViewContent {}

/** Bumped whenever a view's fields change: stores rebuild the views they keep. */
export const VIEW_VERSION = 6;

/** True for a view, which stands for a stored object but must not be written back. */
export function isView(obj: KubeObject): boolean {
  return obj.partial === true;
}

export function isPodView(pod: Pod): pod is PodView {
  return isView(pod);
}

export function isEndpointsView(ep: Endpoints): ep is EndpointsView {
  return isView(ep);
}

export function isEndpointSliceView(slice: EndpointSlice): slice is EndpointSliceView {
  return isView(slice);
}

/** The view a store keeps for `obj`, by kind; undefined for kinds without one. */
export function viewOf(obj: KubeObject): KubeObject | undefined {
  switch (obj.kind) {
    case 'Pod':
      return podView(obj as Pod);
    case 'Endpoints':
      return endpointsView(obj as Endpoints);
    case 'EndpointSlice':
      return endpointSliceView(obj as EndpointSlice);
    default:
      return undefined;
  }
}

/** The subsets of Endpoints as one text (absent subsets are none). */
export function subsetsText(subsets: EndpointSubset[] | undefined): string {
  return JSON.stringify(subsets ?? []);
}

/** hashEndpoint: endpoints are the same endpoint when addresses, hostname and target agree. */
export function endpointKey(ep: SliceEndpoint): string {
  const addresses = ep.addresses.length === 1 ? ep.addresses[0] : sortStrings([...ep.addresses]).join(',');
  return `${addresses}\u0000${ep.hostname ?? ''}\u0000${ep.targetRef?.namespace ?? ''}\u0000${ep.targetRef?.name ?? ''}`;
}

/**
 * Endpoints held by their endpointKey as one text, whatever their order: their JSON in key order.
 */
export function endpointsText(byKey: ReadonlyMap<string, SliceEndpoint>): string {
  const keys = [...byKey.keys()].sort();
  const sorted = new Array<SliceEndpoint>(keys.length);
  for (let i = 0; i < keys.length; i++) sorted[i] = byKey.get(keys[i])!;
  return JSON.stringify(sorted);
}

/**
 * A slice's endpoints as endpointsText, or, when two of them share a key (which the controller
 * never writes, and would mend), a text no wanted endpoints have.
 */
function sliceEndpointsText(endpoints: readonly SliceEndpoint[] | undefined): string {
  const byKey = new Map<string, SliceEndpoint>();
  for (const e of endpoints ?? []) byKey.set(endpointKey(e), e);
  return byKey.size === (endpoints ?? []).length ? endpointsText(byKey) : 'endpoints sharing a key';
}

export function endpointsView(ep: Endpoints): EndpointsView {
  return { apiVersion: ep.apiVersion, kind: ep.kind, metadata: ep.metadata, partial: true, content: subsetsText(ep.subsets) };
}

export function endpointSliceView(slice: EndpointSlice): EndpointSliceView {
  const view: EndpointSliceView = {
    apiVersion: slice.apiVersion,
    kind: slice.kind,
    metadata: slice.metadata,
    addressType: slice.addressType,
    partial: true,
    content: sliceEndpointsText(slice.endpoints),
  };
  if (slice.ports !== undefined) view.ports = slice.ports;
  return view;
}

/** What FindPort and the readiness delay read of a container; undefined when that is nothing. */
function containerView(c: Container, init: boolean): Container | undefined {
  const named = c.ports?.filter((p) => p.name);
  const delay = c.readinessProbe?.initialDelaySeconds;
  // FindPort looks at init containers only when they are sidecars (restartPolicy Always).
  const portsMatter = !!named?.length && (!init || c.restartPolicy === 'Always');
  if (!portsMatter && delay === undefined) return undefined;
  const out: Container = { name: c.name };
  if (portsMatter) {
    out.ports = named;
    if (init) out.restartPolicy = c.restartPolicy;
  }
  if (delay !== undefined) out.readinessProbe = { initialDelaySeconds: delay };
  return out;
}

function containersView(containers: Container[] | undefined, init: boolean): Container[] {
  const out: Container[] = [];
  for (const c of containers ?? []) {
    const v = containerView(c, init);
    if (v) out.push(v);
  }
  return out;
}

const SPEC_FIELDS = ['nodeName', 'hostname', 'subdomain', 'affinity'];
const STATUS_FIELDS = ['phase', 'podIP', 'hostIP', 'startTime'];
const METADATA_FIELDS = ['name', 'namespace', 'uid', 'deletionTimestamp', 'labels', 'ownerReferences'];
const READ_ANNOTATIONS = [SIM_READY_ANNOTATION];

/** Copies the fields of `from` named in `keys` that are set. */
function pick<T extends object>(to: T, from: T, keys: string[]): void {
  const src = from as Record<string, unknown>;
  for (const k of keys) if (src[k] !== undefined) (to as Record<string, unknown>)[k] = src[k];
}

/** The view of a full pod. */
export function podView(pod: Pod): PodView {
  const metadata: ObjectMeta = {};
  pick(metadata, pod.metadata, METADATA_FIELDS);
  for (const k of READ_ANNOTATIONS) {
    const v = pod.metadata.annotations?.[k];
    if (v !== undefined) metadata.annotations = { ...metadata.annotations, [k]: v };
  }
  const spec: PodSpec = { containers: containersView(pod.spec?.containers, false) };
  const sidecars = containersView(pod.spec?.initContainers, true);
  if (sidecars.length) spec.initContainers = sidecars;
  if (pod.spec) pick(spec, pod.spec, SPEC_FIELDS);
  const view: PodView = { apiVersion: pod.apiVersion, kind: pod.kind, metadata, spec, partial: true };
  const st = pod.status;
  if (st) {
    const status: PodStatus = {};
    pick(status, st, STATUS_FIELDS);
    // podIPs only when it says more than podIP does (readers fall back to podIP without it).
    if (st.podIPs && (st.podIPs.length !== 1 || st.podIPs[0]?.ip !== st.podIP)) status.podIPs = st.podIPs;
    const ready = st.conditions?.filter((c) => c.type === 'Ready');
    if (ready?.length) status.conditions = ready.map((c) => ({ type: c.type, status: c.status }));
    view.status = status;
  }
  const kubelet = settledReadiness(pod);
  if (kubelet) view.kubelet = kubelet;
  return view;
}

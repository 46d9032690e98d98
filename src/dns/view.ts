// The slim read model cluster DNS answers from, as CoreDNS's kubernetes plugin keeps one
// (plugin/kubernetes/object: Service, Endpoints, Namespace). Built once per query batch from plain
// objects; the answering code never touches the store.
import type { EndpointSlice, KubeObject, Pod, Service } from '../api/types.js';
import type { StoreReader } from '../store/store.js';

/** CoreDNS's `ttl 30` in the kubeadm Corefile. */
export const DNS_TTL = 30;

/** The label tying an EndpointSlice to its Service (discovery.k8s.io/v1 LabelServiceName). */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export interface DnsPort {
  /** '' for an unnamed port; -1 is CoreDNS's "no ports declared" sentinel. */
  name: string;
  protocol: string;
  port: number;
}

export interface DnsServiceView {
  name: string;
  namespace: string;
  type: string;
  /** spec.clusterIPs (or [clusterIP]); `['None']` when headless, `[]` when none is set. */
  clusterIPs: string[];
  externalName: string;
  ports: DnsPort[];
  headless: boolean;
}

export interface DnsAddress {
  ip: string;
  hostname: string;
  targetRefName: string;
  nodeName: string;
}

/** One EndpointSlice reduced to what DNS serves: its ports and the addresses it publishes. */
export interface DnsEndpointSet {
  service: string;
  namespace: string;
  ports: DnsPort[];
  addresses: DnsAddress[];
}

export interface DnsPodView {
  name: string;
  namespace: string;
  ip: string;
}

export interface DnsView {
  /** Lower-case cluster domain without a trailing dot, e.g. `cluster.local`. */
  zone: string;
  ttl: number;
  namespaces: Set<string>;
  /** Keyed `<name>.<namespace>` (CoreDNS's object.ServiceKey). */
  services: Map<string, DnsServiceView>;
  /** Keyed like services; one entry per EndpointSlice. */
  endpoints: Map<string, DnsEndpointSet[]>;
  pods: DnsPodView[];
  /** SOA serial; CoreDNS uses the time of the last API change, svcctl the store revision. */
  serial: number;
}

export interface DnsObjects {
  services: Service[];
  endpointSlices: EndpointSlice[];
  pods: Pod[];
  namespaces: KubeObject[];
}

/** `<name>.<namespace>`: the index key shared by services and endpoint sets. */
export function serviceKey(name: string, namespace: string): string {
  return `${name}.${namespace}`.toLowerCase();
}

function toService(svc: Service): DnsServiceView {
  const spec = svc.spec ?? {};
  const clusterIPs = spec.clusterIPs?.length ? [...spec.clusterIPs] : spec.clusterIP ? [spec.clusterIP] : [];
  const ports: DnsPort[] = spec.ports?.length
    ? spec.ports.map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port }))
    : [{ name: '', protocol: '', port: -1 }];
  return {
    name: svc.metadata.name ?? '',
    namespace: svc.metadata.namespace ?? 'default',
    type: spec.type ?? 'ClusterIP',
    clusterIPs,
    externalName: spec.externalName ?? '',
    ports,
    headless: clusterIPs[0] === 'None',
  };
}

function toEndpointSet(slice: EndpointSlice, publishNotReady: boolean): DnsEndpointSet | undefined {
  if (slice.addressType === 'FQDN') return undefined;
  const service = slice.metadata.labels?.[SERVICE_NAME_LABEL];
  if (!service) return undefined;
  const ports: DnsPort[] = slice.ports?.length
    ? slice.ports.map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? '', port: p.port ?? -1 }))
    : [{ name: '', protocol: '', port: -1 }];
  const addresses: DnsAddress[] = [];
  for (const ep of slice.endpoints ?? []) {
    // A nil `ready` means unknown, which consumers treat as ready (CoreDNS endpointsliceReady).
    // The EndpointSlice controller already reports publishNotReadyAddresses endpoints as ready;
    // honouring the flag here too keeps hand-written slices in agreement.
    if (ep.conditions?.ready === false && !publishNotReady) continue;
    for (const ip of ep.addresses ?? []) {
      addresses.push({
        ip,
        hostname: ep.hostname ?? '',
        // CoreDNS ignores pod names too long to be a label.
        targetRefName: ep.targetRef && ep.targetRef.name.length < 64 ? ep.targetRef.name : '',
        nodeName: ep.nodeName ?? '',
      });
    }
  }
  return { service, namespace: slice.metadata.namespace ?? 'default', ports, addresses };
}

function podIP(pod: Pod): string {
  return pod.status?.podIP ?? pod.status?.podIPs?.[0]?.ip ?? '';
}

/**
 * Builds the DNS read model from plain objects. Namespaces come only from Namespace objects (a name
 * in a missing namespace is NXDOMAIN, as CoreDNS's namespaceExposed). Slices without the
 * `kubernetes.io/service-name` label and FQDN slices are ignored. Never throws on partial objects.
 */
export function buildDnsView(objects: DnsObjects, opts: { clusterDomain: string; serial?: number }): DnsView {
  const services = new Map<string, DnsServiceView>();
  for (const s of objects.services) {
    const v = toService(s);
    services.set(serviceKey(v.name, v.namespace), v);
  }
  const publishNotReady = new Set(
    objects.services.filter((s) => s.spec?.publishNotReadyAddresses === true).map((s) => serviceKey(s.metadata.name ?? '', s.metadata.namespace ?? 'default')),
  );
  const endpoints = new Map<string, DnsEndpointSet[]>();
  for (const slice of objects.endpointSlices) {
    const key = serviceKey(slice.metadata.labels?.[SERVICE_NAME_LABEL] ?? '', slice.metadata.namespace ?? 'default');
    const set = toEndpointSet(slice, publishNotReady.has(key));
    if (!set) continue;
    endpoints.set(key, [...(endpoints.get(key) ?? []), set]);
  }
  return {
    zone: opts.clusterDomain.replace(/\.$/, '').toLowerCase(),
    ttl: DNS_TTL,
    namespaces: new Set(objects.namespaces.map((n) => n.metadata.name ?? '').filter((n) => n !== '')),
    services,
    endpoints,
    pods: objects.pods
      .map((p) => ({ name: p.metadata.name ?? '', namespace: p.metadata.namespace ?? 'default', ip: podIP(p) }))
      .filter((p) => p.ip !== ''),
    serial: opts.serial ?? 1,
  };
}

/**
 * Reads Services, EndpointSlices, Pods and Namespaces from the store and builds the view; the SOA
 * serial is the store revision when the reader has one (a full Store), else 1.
 */
export async function loadDnsView(store: StoreReader, clusterDomain: string): Promise<DnsView> {
  const [services, endpointSlices, pods, namespaces, revision] = await Promise.all([
    store.list('/registry/services/specs/'),
    store.list('/registry/endpointslices/'),
    store.list('/registry/pods/'),
    store.list('/registry/namespaces/'),
    'revision' in store && typeof store.revision === 'function' ? (store.revision() as Promise<number>) : Promise.resolve(1),
  ]);
  return buildDnsView(
    {
      services: services as Service[],
      endpointSlices: endpointSlices as EndpointSlice[],
      pods: pods as Pod[],
      namespaces,
    },
    { clusterDomain, serial: Math.max(1, revision) },
  );
}

/** What a cached view reads: the store's objects and its revision. */
export type RevisionedReader = StoreReader & { revision(): Promise<number> };

/** A getView that also says, without waiting, which view it would give now. */
export interface CachedDnsView {
  (): Promise<DnsView>;
  /**
   * The view a call would return now, while the last revision read is younger than maxStaleMs
   * (so no read is due); else undefined. Lets a server answer from its reply cache at once.
   */
  peek(): DnsView | undefined;
}

/**
 * A `getView` for a long-running server: rebuilds the view only when the store revision has moved
 * since the last build, else returns the view built at that revision. Every write (any process,
 * deletes included) bumps the revision, so a change is answered by the very next query; queries
 * arriving while a build runs share it. A failed build is not kept.
 */
export function cachedDnsView(
  store: RevisionedReader,
  clusterDomain: string,
  opts: { maxStaleMs?: number; clock?: () => number } = {},
): CachedDnsView {
  let cached: { revision: number; view: Promise<DnsView> } | undefined;
  // With maxStaleMs, the revision read itself is reused for that long: a busy server then reads
  // the store once a millisecond rather than once a query. 0 (the default) reads it every time.
  const maxStale = opts.maxStaleMs ?? 0;
  const clock = opts.clock ?? (() => performance.now());
  let lastRead: { at: number; revision: Promise<number> } | undefined;
  const revisionNow = (): { at: number; revision: Promise<number> } => {
    const now = clock();
    if (maxStale > 0 && lastRead && now - lastRead.at < maxStale) return lastRead;
    lastRead = { at: now, revision: store.revision() };
    return lastRead;
  };
  /** The last view given, and until when it stands without reading the revision again. */
  let fresh: { view: DnsView; until: number } | undefined;
  const get = async (): Promise<DnsView> => {
    // The revision is read before the objects: a write landing mid-build leaves the cache keyed
    // older than its content, so it is rebuilt once more, never served stale.
    const read = revisionNow();
    const revision = await read.revision;
    if (cached?.revision !== revision) {
      const view = loadDnsView(store, clusterDomain);
      const entry = { revision, view };
      cached = entry;
      view.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    const view = await cached.view;
    if (maxStale > 0) fresh = { view, until: read.at + maxStale };
    return view;
  };
  return Object.assign(get, { peek: () => (fresh && clock() < fresh.until ? fresh.view : undefined) });
}

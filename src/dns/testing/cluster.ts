// Test support for src/dns: small clusters as object arrays, and the EndpointSlices the
// EndpointSlice controller would derive for them (no controllers run in these tests).
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { EndpointSlice, KubeObject, Pod, Service, SliceEndpoint } from '../../api/types.js';
import { SERVICE_NAME_LABEL, buildDnsView, type DnsView } from '../view.js';

function podReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function selects(selector: Record<string, string>, pod: Pod): boolean {
  const labels = pod.metadata.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function targetPortFor(pod: Pod, target: number | string | undefined, port: number): number | undefined {
  if (target === undefined) return port;
  if (typeof target === 'number') return target;
  for (const c of pod.spec.containers) {
    const p = (c.ports ?? []).find((cp) => cp.name === target);
    if (p) return p.containerPort;
  }
  return undefined;
}

/**
 * One EndpointSlice per selecting Service, as the controller builds it: ready = pod Ready or
 * publishNotReadyAddresses; hostname when the pod's subdomain names the Service; ports from the
 * Service (named targetPorts resolved on the first pod).
 */
export function deriveSlices(services: Service[], pods: Pod[]): EndpointSlice[] {
  const out: EndpointSlice[] = [];
  for (const svc of services) {
    const selector = svc.spec.selector;
    if (!selector || svc.spec.type === 'ExternalName') continue;
    const ns = svc.metadata.namespace ?? 'default';
    const name = svc.metadata.name ?? '';
    const selected = pods.filter((p) => (p.metadata.namespace ?? 'default') === ns && selects(selector, p) && p.status?.podIP);
    const endpoints: SliceEndpoint[] = selected.map((p) => {
      const ep: SliceEndpoint = {
        addresses: [p.status!.podIP!],
        conditions: { ready: podReady(p) || svc.spec.publishNotReadyAddresses === true },
        targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name ?? '' },
      };
      if (p.spec.hostname && p.spec.subdomain === name) ep.hostname = p.spec.hostname;
      if (p.spec.nodeName) ep.nodeName = p.spec.nodeName;
      return ep;
    });
    const first = selected[0];
    const ports = (svc.spec.ports ?? []).map((p) => ({
      name: p.name ?? '',
      protocol: p.protocol ?? 'TCP',
      port: (first ? targetPortFor(first, p.targetPort, p.port) : undefined) ?? p.port,
    }));
    out.push({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `${name}-abcde`, namespace: ns, labels: { [SERVICE_NAME_LABEL]: name } },
      addressType: 'IPv4',
      endpoints,
      ports,
    });
  }
  return out;
}

function ns(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** A DnsView over objects; namespaces default to those the objects use plus `default`. */
export function viewOf(objects: KubeObject[], opts: { namespaces?: string[]; clusterDomain?: string } = {}): DnsView {
  const services = objects.filter((o): o is Service => o.kind === 'Service');
  const pods = objects.filter((o): o is Pod => o.kind === 'Pod');
  const given = objects.filter((o): o is EndpointSlice => o.kind === 'EndpointSlice');
  const used = new Set(['default', ...objects.map((o) => o.metadata.namespace ?? 'default')]);
  return buildDnsView(
    {
      services,
      pods,
      endpointSlices: given.length > 0 ? given : deriveSlices(services, pods),
      namespaces: (opts.namespaces ?? [...used]).map(ns),
    },
    { clusterDomain: opts.clusterDomain ?? 'cluster.local' },
  );
}

/** Every document of a YAML file, as objects. */
export function loadYaml(path: string): KubeObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
}

export function svc(namespace: string, name: string, spec: Service['spec']): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec };
}

export function pod(
  namespace: string,
  name: string,
  ip: string,
  labels: Record<string, string>,
  opts: { ready?: boolean; hostname?: string; subdomain?: string } = {},
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { containers: [{ name: 'c' }], hostname: opts.hostname, subdomain: opts.subdomain },
    status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }] },
  };
}

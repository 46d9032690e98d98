// The Service path of kube-apiserver's registry (pkg/registry/core/service/storage): defaulting,
// type-dependent field clean-up, ClusterIP and NodePort allocation, then validation.
import { defaultService, initIPFamilies, prepareServiceUpdate as fixUpUpdate } from '../api/defaults/service.js';
import { type FieldError, FieldPath, invalid } from '../api/field.js';
import type { Service, ServicePort } from '../api/types.js';
import { validateService, validateServiceUpdate } from '../api/validation/service.js';
import { SvcctlError } from '../errors.js';
import type { Allocator } from '../allocators/operation.js';

/** The ranges a Service takes from: allocate, allocate next, release (deferred or not, the caller's choice). */
export interface ServiceRanges {
  ips: Allocator<string>;
  ports: Allocator<number>;
}

const isHeadless = (s: Service) => s.spec.clusterIP === 'None' || s.spec.clusterIPs?.[0] === 'None';
const needsClusterIP = (s: Service) => s.spec.type !== 'ExternalName';
const needsNodePort = (s: Service) => s.spec.type === 'NodePort' || s.spec.type === 'LoadBalancer';
const needsHealthCheck = (s: Service) => s.spec.type === 'LoadBalancer' && s.spec.externalTrafficPolicy === 'Local';
const shouldAllocateNodePorts = (s: Service) =>
  s.spec.type === 'NodePort' || (s.spec.type === 'LoadBalancer' && s.spec.allocateLoadBalancerNodePorts !== false);

function fail(svc: Service, errs: FieldError[]): never {
  throw SvcctlError.invalid('Service', svc.metadata.name ?? '', errs);
}

/** The allocator's message for a failed request, as err.Error() reads in Go. */
function allocError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function sameList(a?: string[], b?: string[]): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

function allocateClusterIP(svc: Service, alloc: ServiceRanges): void {
  if (!needsClusterIP(svc) || isHeadless(svc)) return;
  const requested = svc.spec.clusterIPs?.[0] ?? svc.spec.clusterIP ?? '';
  if (requested === '') {
    const ip = alloc.ips.allocateNext();
    svc.spec.clusterIP = ip;
    svc.spec.clusterIPs = [ip];
    return;
  }
  try {
    alloc.ips.allocate(requested);
  } catch (err) {
    fail(svc, [invalid(FieldPath.root('spec').child('clusterIPs'), svc.spec.clusterIPs, `failed to allocate IP ${requested}: ${allocError(err)}`)]);
  }
}

/** initNodePorts: ports sharing a service port number share one node port. */
function allocateNodePorts(svc: Service, alloc: ServiceRanges, keep: Set<number> = new Set()): void {
  const ports = svc.spec.ports ?? [];
  const byServicePort = new Map<number, number>();
  const taken = new Set<number>();
  ports.forEach((p, i) => {
    if (!p.nodePort && !shouldAllocateNodePorts(svc)) return;
    const path = FieldPath.root('spec').child('ports').index(i).child('nodePort');
    const already = byServicePort.get(p.port);
    if (p.nodePort && (p.nodePort === already || keep.has(p.nodePort) || taken.has(p.nodePort))) return;
    if (!p.nodePort && already) {
      p.nodePort = already;
      return;
    }
    const requested = p.nodePort || findRequestedNodePort(p.port, ports);
    if (requested) {
      if (!taken.has(requested) && !keep.has(requested)) {
        try {
          alloc.ports.allocate(requested);
        } catch (err) {
          fail(svc, [invalid(path, requested, allocError(err))]);
        }
      }
      p.nodePort = requested;
    } else {
      p.nodePort = nextPort(alloc, 'a nodePort');
    }
    taken.add(p.nodePort);
    byServicePort.set(p.port, p.nodePort);
  });
}

function findRequestedNodePort(port: number, ports: ServicePort[]): number {
  return ports.find((p) => p.port === port && p.nodePort)?.nodePort ?? 0;
}

function nextPort(alloc: ServiceRanges, what: string): number {
  try {
    return alloc.ports.allocateNext();
  } catch (err) {
    throw SvcctlError.internal(`failed to allocate ${what}: ${allocError(err)}`);
  }
}

function allocateHealthCheckNodePort(svc: Service, alloc: ServiceRanges): void {
  const hc = svc.spec.healthCheckNodePort;
  if (hc) {
    try {
      alloc.ports.allocate(hc);
    } catch (err) {
      throw SvcctlError.internal(`failed to allocate requested HealthCheck NodePort ${hc}: ${allocError(err)}`);
    }
  } else {
    svc.spec.healthCheckNodePort = nextPort(alloc, 'a HealthCheck NodePort 0');
  }
}

/**
 * Create: default, initialise IP families, allocate (BeginCreate runs before validation in 1.33),
 * then validate. Throws SvcctlError Invalid with the apiserver's causes.
 */
export function prepareServiceCreate(svc: Service, alloc: ServiceRanges): void {
  svc.spec ??= {};
  defaultService(svc);
  delete svc.status;
  svc.status = { loadBalancer: {} };
  const famErrs = initIPFamilies(svc, FieldPath.root('spec'));
  if (famErrs.length) fail(svc, famErrs);
  allocateClusterIP(svc, alloc);
  allocateNodePorts(svc, alloc);
  if (needsHealthCheck(svc)) allocateHealthCheckNodePort(svc, alloc);
  const errs = validateService(svc);
  if (errs.length) fail(svc, errs);
}

/** Clears fields the new type no longer uses, when the user left them as they were. */
function dropTypeDependentFields(svc: Service, old: Service): void {
  const s = svc.spec;
  if (needsClusterIP(old) && !needsClusterIP(svc)) {
    if (s.clusterIP === old.spec.clusterIP && sameList(s.clusterIPs, old.spec.clusterIPs)) {
      delete s.clusterIP;
      delete s.clusterIPs;
    }
    if (sameList(s.ipFamilies, old.spec.ipFamilies)) delete s.ipFamilies;
    if (s.ipFamilyPolicy === old.spec.ipFamilyPolicy) delete s.ipFamilyPolicy;
  }
  const nodePorts = (x: Service) => new Set((x.spec.ports ?? []).map((p) => p.nodePort).filter((n) => !!n));
  if (needsNodePort(old) && !needsNodePort(svc) && [...nodePorts(svc)].every((n) => nodePorts(old).has(n))) {
    for (const p of s.ports ?? []) delete p.nodePort;
  }
  if (needsHealthCheck(old) && !needsHealthCheck(svc) && s.healthCheckNodePort === old.spec.healthCheckNodePort) {
    delete s.healthCheckNodePort;
  }
  if (old.spec.type === 'LoadBalancer' && s.type !== 'LoadBalancer') {
    if (s.allocateLoadBalancerNodePorts !== undefined && s.allocateLoadBalancerNodePorts === old.spec.allocateLoadBalancerNodePorts) {
      delete s.allocateLoadBalancerNodePorts;
    }
    if (s.loadBalancerClass === old.spec.loadBalancerClass) delete s.loadBalancerClass;
  }
  if (needsNodePort(old) && !needsNodePort(svc) && s.externalTrafficPolicy === old.spec.externalTrafficPolicy) {
    delete s.externalTrafficPolicy;
  }
  if (s.type !== 'LoadBalancer') svc.status = { ...(svc.status ?? {}), loadBalancer: {} };
}

/**
 * Update, in 1.33's order: defaults; BeginUpdate (keep allocations the client omitted, IP
 * families, allocate what the new type needs); PrepareForUpdate (status from the old object,
 * drop type-dependent fields); validation against the old object; then the deferred releases.
 */
export function prepareServiceUpdate(svc: Service, old: Service, alloc: ServiceRanges): void {
  svc.spec ??= {};
  defaultService(svc);
  const famErrs = fixUpUpdate(svc, old);
  if (famErrs.length) fail(svc, famErrs);

  // ClusterIPs: allocate when leaving ExternalName, release when becoming it.
  if (old.spec.type === 'ExternalName' && svc.spec.type !== 'ExternalName') allocateClusterIP(svc, alloc);
  const releaseIP = !isHeadless(old) && old.spec.type !== 'ExternalName' && svc.spec.type === 'ExternalName';

  // NodePorts: ports kept from the old object stay allocated; new ones are allocated; the rest go.
  const oldPorts = new Set((old.spec.ports ?? []).map((p) => p.nodePort).filter((n): n is number => !!n));
  if (needsNodePort(svc)) allocateNodePorts(svc, alloc, oldPorts);
  if (needsHealthCheck(svc) && !needsHealthCheck(old)) allocateHealthCheckNodePort(svc, alloc);

  svc.status = old.status ? structuredClone(old.status) : { loadBalancer: {} };
  dropTypeDependentFields(svc, old);
  const errs = validateServiceUpdate(svc, old);
  if (errs.length) fail(svc, errs);

  // Deferred releases, only once everything else succeeded.
  const newPorts = new Set((svc.spec.ports ?? []).map((p) => p.nodePort).filter((n): n is number => !!n));
  if (releaseIP) for (const ip of old.spec.clusterIPs ?? []) alloc.ips.release(ip);
  for (const n of oldPorts) if (!newPorts.has(n)) alloc.ports.release(n);
  if (needsHealthCheck(old) && !needsHealthCheck(svc) && old.spec.healthCheckNodePort) {
    alloc.ports.release(old.spec.healthCheckNodePort);
  }
}

/** Frees everything a deleted Service held. */
export function releaseService(svc: Service, alloc: ServiceRanges): void {
  if (needsClusterIP(svc) && !isHeadless(svc)) for (const ip of svc.spec.clusterIPs ?? []) alloc.ips.release(ip);
  for (const p of svc.spec.ports ?? []) if (p.nodePort) alloc.ports.release(p.nodePort);
  if (needsHealthCheck(svc) && svc.spec.healthCheckNodePort) alloc.ports.release(svc.spec.healthCheckNodePort);
}

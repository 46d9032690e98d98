// v1 Service defaulting (pkg/apis/core/v1/defaults.go SetDefaults_Service) and the registry's
// pre-allocation fix-ups (pkg/registry/core/service/storage: normalizeClusterIPs,
// patchAllocatedValues, alloc.go initIPFamilyFields) for a single-stack IPv4 cluster.
//
// Create path, as kube-apiserver runs it:
//   defaultService(svc)          decode-time defaulting
//   initIPFamilies(svc)          beginCreate: clusterIPs from clusterIP, then IP families;
//                                a non-empty result is the whole error (validation never runs)
//   [allocate clusterIP, nodePorts, healthCheckNodePort]
//   validateService(svc)
// Update path:
//   defaultService(new); prepareServiceUpdate(new, old) (errors end it); [allocate];
//   validateServiceUpdate(new, old)
import { type FieldError, FieldPath, invalid } from '../field.js';
import type { Service } from '../types.js';
import { isIPv6String } from '../validation/ip.js';
import { externallyAccessible } from '../validation/service.js';
import { CLUSTER_IP_NONE, validateServiceClusterIPsRelatedFields } from '../validation/service-cluster-ips.js';

/** v1.DefaultClientIPServiceAffinitySeconds: 3 hours. */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

/**
 * SetDefaults_Service, in place: sessionAffinity None (and its config dropped) or ClientIP with
 * a 10800s timeout, type ClusterIP, port protocol TCP, targetPort = port when unset or 0/"",
 * externalTrafficPolicy Cluster when externally accessible (NodePort, LoadBalancer, or ClusterIP
 * with externalIPs), internalTrafficPolicy Cluster unless ExternalName,
 * allocateLoadBalancerNodePorts true for LoadBalancer. Never touches clusterIP(s).
 */
export function defaultService(svc: Service): void {
  const s = (svc.spec ??= {});
  if (!s.sessionAffinity) s.sessionAffinity = 'None';
  if (s.sessionAffinity === 'None') delete s.sessionAffinityConfig;
  if (s.sessionAffinity === 'ClientIP') {
    const t = s.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (t === undefined || t === null) s.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
  }
  if (!s.type) s.type = 'ClusterIP';
  for (const p of s.ports ?? []) {
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(svc) && !s.externalTrafficPolicy) s.externalTrafficPolicy = 'Cluster';
  if ((s.internalTrafficPolicy === undefined || s.internalTrafficPolicy === null) && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(s.type))
    s.internalTrafficPolicy = 'Cluster';
  if (s.type === 'LoadBalancer' && (s.allocateLoadBalancerNodePorts === undefined || s.allocateLoadBalancerNodePorts === null))
    s.allocateLoadBalancerNodePorts = true;
}

/** The IP families the simulated cluster serves; the first is the default family. */
export interface ClusterIPFamilies {
  families: string[];
}
const SINGLE_STACK_IPV4: ClusterIPFamilies = { families: ['IPv4'] };

const same = (a: string[] | undefined, b: string[] | undefined): boolean => {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/**
 * normalizeClusterIPs: keep clusterIP and clusterIPs in step. On create (no `old`) a lone
 * clusterIP seeds clusterIPs; on update, clients that only know clusterIP are accommodated.
 */
export function normalizeClusterIPs(svc: Service, old?: Service): void {
  const s = svc.spec;
  if (!old) {
    if (s.clusterIP && (s.clusterIPs?.length ?? 0) === 0) s.clusterIPs = [s.clusterIP];
    return;
  }
  const o = old.spec;
  if ((o.clusterIPs?.length ?? 0) > 0 && (s.clusterIPs?.length ?? 0) === 0 && (o.clusterIP ?? '') === (s.clusterIP ?? ''))
    s.clusterIPs = o.clusterIPs;
  if ((o.clusterIP ?? '') !== (s.clusterIP ?? '')) {
    if (o.clusterIP && !s.clusterIP) {
      if (same(o.clusterIPs, s.clusterIPs)) delete s.clusterIPs;
    } else if (same(o.clusterIPs, s.clusterIPs)) {
      s.clusterIPs = [s.clusterIP ?? ''];
    }
  }
}

/**
 * patchAllocatedValues: re-applying a manifest that omits allocated values (clusterIP, nodePorts,
 * healthCheckNodePort) keeps the old ones rather than counting as a change.
 */
export function patchAllocatedValues(svc: Service, old: Service): void {
  const s = svc.spec;
  const o = old.spec;
  if (s.type !== 'ExternalName' && o.type !== 'ExternalName') {
    if (!s.clusterIP) s.clusterIP = o.clusterIP;
    if ((s.clusterIPs?.length ?? 0) === 0 && (o.clusterIPs?.length ?? 0) > 0) s.clusterIPs = o.clusterIPs;
  }
  const needsNodePort = (x: Service) => x.spec.type === 'NodePort' || x.spec.type === 'LoadBalancer';
  if (needsNodePort(old) && needsNodePort(svc)) {
    const used = (x: Service) => new Set((x.spec.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0));
    const newUsed = used(svc);
    const taken = new Set([...used(old)].filter((n) => newUsed.has(n)));
    const byName = new Map<string, number>();
    for (const p of o.ports ?? []) byName.set(p.name ?? '', p.nodePort ?? 0);
    for (const p of s.ports ?? []) {
      if (p.nodePort) continue;
      const prev = byName.get(p.name ?? '') ?? 0;
      if (!taken.has(prev) && prev !== 0) p.nodePort = prev;
    }
  }
  const needsHC = (x: Service) => x.spec.type === 'LoadBalancer' && x.spec.externalTrafficPolicy === 'Local';
  if (needsHC(old) && needsHC(svc) && !s.healthCheckNodePort) s.healthCheckNodePort = o.healthCheckNodePort;
}

// isMatchingPreferDualStackClusterIPFields: an unchanged PreferDualStack Service is left alone.
function isMatchingPreferDualStack(svc: Service, old: Service | undefined): boolean {
  if (!old || !svc.spec.ipFamilyPolicy) return false;
  if (old.spec.type !== svc.spec.type) return false;
  if (!['ClusterIP', 'NodePort', 'LoadBalancer'].includes(svc.spec.type ?? '')) return false;
  if (svc.spec.ipFamilyPolicy !== 'PreferDualStack') return false;
  if (old.spec.ipFamilyPolicy && old.spec.ipFamilyPolicy !== 'PreferDualStack') return false;
  return same(old.spec.clusterIPs, svc.spec.clusterIPs) && same(old.spec.ipFamilies, svc.spec.ipFamilies);
}

function initIPFamilyFields(svc: Service, old: Service | undefined, path: FieldPath, cluster: ClusterIPFamilies): FieldError[] {
  const s = svc.spec;
  if (s.type === 'ExternalName') return [];
  if (isMatchingPreferDualStack(svc, old)) return [];
  const headlessSelectorless = s.clusterIP === CLUSTER_IP_NONE && Object.keys(s.selector ?? {}).length === 0;
  if (!s.ipFamilyPolicy) {
    if (old?.spec.ipFamilyPolicy) s.ipFamilyPolicy = old.spec.ipFamilyPolicy;
    // Headless and selectorless: the endpoints may be of any family, so default to dual.
    else if (headlessSelectorless) s.ipFamilyPolicy = 'RequireDualStack';
    else s.ipFamilyPolicy = 'SingleStack';
  }
  const pre = validateServiceClusterIPsRelatedFields(svc);
  if (pre.length) return pre;

  const errs: FieldError[] = [];
  const policyPath = path.child('ipFamilyPolicy');
  if (old) {
    if (s.ipFamilyPolicy === 'SingleStack') {
      if (same(old.spec.clusterIPs, s.clusterIPs) && (s.clusterIPs?.length ?? 0) > 1) s.clusterIPs = s.clusterIPs!.slice(0, 1);
      if (same(old.spec.ipFamilies, s.ipFamilies) && (s.ipFamilies?.length ?? 0) > 1) s.ipFamilies = s.ipFamilies!.slice(0, 1);
    } else {
      const reduced = (n: string[] | undefined, o: string[] | undefined) => (n?.length ?? 0) > 0 && n!.length < (o?.length ?? 0);
      if (reduced(s.clusterIPs, old.spec.clusterIPs))
        errs.push(invalid(policyPath, s.ipFamilyPolicy, "must be 'SingleStack' to release the secondary cluster IP"));
      if (reduced(s.ipFamilies, old.spec.ipFamilies))
        errs.push(invalid(policyPath, s.ipFamilyPolicy, "must be 'SingleStack' to release the secondary IP family"));
    }
  }
  if (s.ipFamilyPolicy === 'SingleStack') {
    if (s.clusterIPs?.length === 2)
      errs.push(invalid(policyPath, s.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    if (s.ipFamilies?.length === 2)
      errs.push(invalid(policyPath, s.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
  }
  // Infer ipFamilies from the clusterIPs the user gave.
  const ips = s.clusterIPs ?? [];
  for (let i = 0; i < ips.length; i++) {
    if (ips[i] === CLUSTER_IP_NONE) break;
    const fam = isIPv6String(ips[i]) ? 'IPv6' : 'IPv4';
    if (i >= (s.ipFamilies?.length ?? 0)) {
      if (!cluster.families.includes(fam)) errs.push(invalid(path.child('clusterIPs').index(i), ips, `${fam} is not configured on this cluster`));
      else s.ipFamilies = [...(s.ipFamilies ?? []), fam];
    }
  }
  if (errs.length) return errs;

  const other = (f: string) => (f === 'IPv4' ? 'IPv6' : 'IPv4');
  if (headlessSelectorless) {
    // Allowed even on a single-stack cluster: headless Services allocate nothing.
    if ((s.ipFamilies?.length ?? 0) === 0) s.ipFamilies = [cluster.families[0]];
    if (s.ipFamilies!.length < 2 && s.ipFamilyPolicy !== 'SingleStack') s.ipFamilies = [...s.ipFamilies!, other(s.ipFamilies![0])];
    return [];
  }
  if (s.ipFamilyPolicy === 'RequireDualStack' && cluster.families.length < 2)
    errs.push(invalid(policyPath, s.ipFamilyPolicy, 'this cluster is not configured for dual-stack services'));
  (s.ipFamilies ?? []).forEach((fam, i) => {
    if (!cluster.families.includes(fam)) errs.push(invalid(path.child('ipFamilies').index(i), fam, 'not configured on this cluster'));
  });
  if (errs.length) return errs;
  if ((s.ipFamilies?.length ?? 0) === 0) s.ipFamilies = [cluster.families[0]];
  if (s.ipFamilyPolicy !== 'SingleStack' && s.ipFamilies!.length === 1 && cluster.families.length === 2)
    s.ipFamilies = [...s.ipFamilies!, other(s.ipFamilies![0])];
  return [];
}

/**
 * Create-time fix-ups before allocation (storage beginCreate): clusterIPs from clusterIP, then
 * initIPFamilyFields. Sets ipFamilyPolicy (SingleStack; RequireDualStack for headless without
 * selector) and ipFamilies ([IPv4]; [IPv4, IPv6] for headless without selector). Returns the
 * errors the apiserver reports instead of validating, e.g. `spec.ipFamilyPolicy: Invalid value:
 * "RequireDualStack": this cluster is not configured for dual-stack services`. No-op for ExternalName.
 */
export function initIPFamilies(svc: Service, path: FieldPath = FieldPath.root('spec'), cluster: ClusterIPFamilies = SINGLE_STACK_IPV4): FieldError[] {
  svc.spec ??= {};
  normalizeClusterIPs(svc);
  return initIPFamilyFields(svc, undefined, path, cluster);
}

/**
 * Update-time fix-ups before allocation (storage beginUpdate): patchAllocatedValues,
 * normalizeClusterIPs, initIPFamilyFields with the old object. Errors end the update.
 * Not done here: the strategy's dropTypeDependentFields (clearing nodePorts/clusterIPs when the
 * type changes).
 */
export function prepareServiceUpdate(svc: Service, old: Service, cluster: ClusterIPFamilies = SINGLE_STACK_IPV4): FieldError[] {
  svc.spec ??= {};
  old.spec ??= {};
  patchAllocatedValues(svc, old);
  normalizeClusterIPs(svc, old);
  return initIPFamilyFields(svc, old, FieldPath.root('spec'), cluster);
}

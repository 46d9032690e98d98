// v1 Service validation as kube-apiserver 1.33 runs it: ValidateService / ValidateServiceCreate /
// ValidateServiceUpdate of pkg/apis/core/validation/validation.go, rule by rule, in Go's order.
//
// Input is the object AFTER defaulting, IP-family initialisation and allocation (the registry's
// BeginCreate allocates before BeforeCreate validates). Consequences for callers:
//   - a LoadBalancer with externalTrafficPolicy Local needs healthCheckNodePort filled in,
//     otherwise `spec.healthCheckNodePort: Required value` is reported;
//   - an unallocated clusterIP ("" with no clusterIPs) passes, as in Go;
//   - metadata.namespace must be set (the apiserver takes it from the request).
import { type FieldError, FieldPath, duplicate, forbidden, invalid, notSupported, required } from '../field.js';
import type { Service, ServicePort } from '../types.js';
import { duplicateRendered, goServicePortKey, invalidRendered, goTypedStrings } from './go-value.js';
import { isValidCIDRForLegacyField, isValidIPForLegacyField, validateNonSpecialIP } from './ip.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortName, isValidPortNum, nameIsDNS1035Label } from './names.js';
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './objectmeta.js';
import { CLUSTER_IP_NONE, isHeadlessService, validateServiceClusterIPsRelatedFields } from './service-cluster-ips.js';

export interface ServiceValidationOptions {
  /** The StrictIPCIDRValidation feature gate: alpha and off in 1.33. */
  strictIPCIDRValidation?: boolean;
}

/** core.MaxClientIPServiceAffinitySeconds */
export const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
const SUPPORTED_SESSION_AFFINITY = ['ClientIP', 'None'];
const SUPPORTED_SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const SUPPORTED_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SUPPORTED_TRAFFIC_POLICIES = ['Cluster', 'Local'];
const SUPPORTED_TRAFFIC_DISTRIBUTION = ['PreferClose'];
const ANNOTATION_LB_SOURCE_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const ANNOTATION_TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
const ANNOTATION_TOPOLOGY_HINTS = 'service.kubernetes.io/topology-aware-hints';

const spec = FieldPath.root('spec');

/** apiservice.ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with externalIPs. */
export function externallyAccessible(svc: Service): boolean {
  const t = svc.spec?.type;
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && (svc.spec.externalIPs?.length ?? 0) > 0);
}

/** apiservice.NeedsHealthCheck: a LoadBalancer with externalTrafficPolicy Local. */
export function needsHealthCheck(svc: Service): boolean {
  return svc.spec?.type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local';
}

function validateServicePort(sp: ServicePort, requireName: boolean, names: Set<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !sp.name) {
    errs.push(required(path.child('name'), ''));
  } else if (sp.name) {
    errs.push(...isDNS1123Label(sp.name).map((m) => invalid(path.child('name'), sp.name, m)));
    if (names.has(sp.name)) errs.push(duplicate(path.child('name'), sp.name));
    else names.add(sp.name);
  }
  const port = sp.port ?? 0;
  for (const m of isValidPortNum(port)) errs.push(invalid(path.child('port'), port, m));
  if (!sp.protocol) errs.push(required(path.child('protocol'), ''));
  else if (!SUPPORTED_PROTOCOLS.includes(sp.protocol))
    errs.push(notSupported(path.child('protocol'), sp.protocol, SUPPORTED_PROTOCOLS));
  // ValidatePortNumOrName: an int must be a port number, a string an IANA service name.
  const tp = sp.targetPort ?? 0;
  if (typeof tp === 'number') for (const m of isValidPortNum(tp)) errs.push(invalid(path.child('targetPort'), tp, m));
  else for (const m of isValidPortName(tp)) errs.push(invalid(path.child('targetPort'), tp, m));
  if (sp.appProtocol !== undefined && sp.appProtocol !== null)
    errs.push(...isQualifiedName(sp.appProtocol).map((m) => invalid(path.child('appProtocol'), sp.appProtocol, m)));
  return errs;
}

function validateClientIPAffinityConfig(svc: Service, path: FieldPath): FieldError[] {
  const why = 'when session affinity type is ClientIP';
  const cfg = svc.spec.sessionAffinityConfig;
  if (!cfg) return [required(path, why)];
  if (!cfg.clientIP) return [required(path.child('clientIP'), why)];
  const t = cfg.clientIP.timeoutSeconds;
  const tPath = path.child('clientIP', 'timeoutSeconds');
  if (t === undefined || t === null) return [required(tPath, why)];
  if (t <= 0 || t > MAX_CLIENT_IP_AFFINITY_SECONDS)
    return [invalid(tPath, t, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`)];
  return [];
}

function validateLoadBalancerClassField(oldSvc: Service | undefined, svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const path = spec.child('loadBalancerClass');
  const cls = svc.spec.loadBalancerClass;
  if (oldSvc && oldSvc.spec.type === 'LoadBalancer' && svc.spec.type === 'LoadBalancer') {
    if ((oldSvc.spec.loadBalancerClass ?? null) !== (cls ?? null)) errs.push(invalid(path, cls ?? null, 'may not change once set'));
  }
  if (svc.spec.type === 'LoadBalancer') {
    if (cls !== undefined && cls !== null) errs.push(...isQualifiedName(cls).map((m) => invalid(path, cls, m)));
  } else if (cls !== undefined && cls !== null) {
    errs.push(forbidden(path, "may only be used when `type` is 'LoadBalancer'"));
  }
  return errs;
}

function validateExternalTrafficPolicy(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const etp = svc.spec.externalTrafficPolicy;
  if (!externallyAccessible(svc)) {
    if (etp) errs.push(invalid(spec.child('externalTrafficPolicy'), etp, 'may only be set for externally-accessible services'));
  } else if (!etp) {
    errs.push(required(spec.child('externalTrafficPolicy'), ''));
  } else if (!SUPPORTED_TRAFFIC_POLICIES.includes(etp)) {
    errs.push(notSupported(spec.child('externalTrafficPolicy'), etp, SUPPORTED_TRAFFIC_POLICIES));
  }
  const hc = svc.spec.healthCheckNodePort ?? 0;
  const hcPath = spec.child('healthCheckNodePort');
  if (!needsHealthCheck(svc)) {
    if (hc !== 0)
      errs.push(invalid(hcPath, hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (hc === 0) {
    errs.push(required(hcPath, ''));
  } else {
    for (const m of isValidPortNum(hc)) errs.push(invalid(hcPath, hc, m));
  }
  return errs;
}

function validateInternalTrafficPolicy(svc: Service): FieldError[] {
  const itp = svc.spec.internalTrafficPolicy;
  const path = spec.child('internalTrafficPolicy');
  if (itp === undefined || itp === null) {
    // Not required for ExternalName, for historical reasons.
    const t = svc.spec.type;
    return t === 'NodePort' || t === 'LoadBalancer' || t === 'ClusterIP' ? [required(path, '')] : [];
  }
  return SUPPORTED_TRAFFIC_POLICIES.includes(itp) ? [] : [notSupported(path, itp, SUPPORTED_TRAFFIC_POLICIES)];
}

function validateTrafficDistribution(svc: Service): FieldError[] {
  const td = svc.spec.trafficDistribution;
  if (td === undefined || td === null) return [];
  return SUPPORTED_TRAFFIC_DISTRIBUTION.includes(td)
    ? []
    : [notSupported(spec.child('trafficDistribution'), td, SUPPORTED_TRAFFIC_DISTRIBUTION)];
}

function validateTypeSpecific(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const s = svc.spec;
  if (s.type === 'LoadBalancer' || s.type === 'NodePort') {
    if (isHeadlessService(svc))
      errs.push(invalid(spec.child('clusterIPs').index(0), s.clusterIPs![0], `may not be set to 'None' for ${s.type} services`));
  } else if (s.type === 'ExternalName') {
    // The registry syncs clusterIPs from clusterIP before this runs.
    if ((s.clusterIPs?.length ?? 0) > 0) errs.push(forbidden(spec.child('clusterIPs'), 'may not be set for ExternalName services'));
    if ((s.ipFamilies?.length ?? 0) > 0) errs.push(forbidden(spec.child('ipFamilies'), 'may not be set for ExternalName services'));
    if (s.ipFamilyPolicy !== undefined && s.ipFamilyPolicy !== null)
      errs.push(forbidden(spec.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
    // A trailing dot marks the CNAME as fully qualified.
    const cname = (s.externalName ?? '').replace(/\.$/, '');
    if (cname) errs.push(...isDNS1123Subdomain(cname).map((m) => invalid(spec.child('externalName'), cname, m)));
    else errs.push(required(spec.child('externalName'), ''));
  }
  return errs;
}

function validatePortUniqueness(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const ports = svc.spec.ports ?? [];
  const portsPath = spec.child('ports');
  if (svc.spec.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(forbidden(portsPath.index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol ?? ''}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(portsPath.index(i).child('nodePort'), p.nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol ?? ''}/${p.port ?? 0}`;
    if (seen.has(key)) errs.push(duplicateRendered(portsPath.index(i), goServicePortKey({ protocol: p.protocol, port: p.port })));
    seen.add(key);
  });
  return errs;
}

function validateSourceRanges(svc: Service, strict: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ranges = svc.spec.loadBalancerSourceRanges ?? [];
  const annotation = svc.metadata?.annotations?.[ANNOTATION_LB_SOURCE_RANGES];
  const lbOnly = "may only be used when `type` is 'LoadBalancer'";
  if (ranges.length > 0) {
    // Go really reports this path with a capital L.
    const path = spec.child('LoadBalancerSourceRanges');
    if (svc.spec.type !== 'LoadBalancer') errs.push(forbidden(path, lbOnly));
    // Space padding is tolerated, a leftover of the annotation days.
    ranges.forEach((v, i) => errs.push(...isValidCIDRForLegacyField(path.index(i), String(v).trim(), strict)));
  } else if (annotation !== undefined) {
    const path = FieldPath.root('metadata').child('annotations').key(ANNOTATION_LB_SOURCE_RANGES);
    if (svc.spec.type !== 'LoadBalancer') errs.push(forbidden(path, lbOnly));
    const val = annotation.trim();
    if (val !== '') for (const v of val.split(',')) errs.push(...isValidCIDRForLegacyField(path, v.trim(), strict));
  }
  return errs;
}

/**
 * ValidateService: every create/update rule for a Service, in kube-apiserver's order. Returns
 * an empty list when valid; never throws.
 */
export function validateService(svc: Service, opts: ServiceValidationOptions = {}): FieldError[] {
  const strict = opts.strictIPCIDRValidation ?? false;
  const s = svc.spec ?? (svc.spec = {});
  const errs = validateObjectMeta(svc.metadata, { namespaced: true, nameValidator: nameIsDNS1035Label });

  const ann = svc.metadata?.annotations ?? {};
  if (ANNOTATION_TOPOLOGY_MODE in ann && ANNOTATION_TOPOLOGY_HINTS in ann && ann[ANNOTATION_TOPOLOGY_MODE] !== ann[ANNOTATION_TOPOLOGY_HINTS]) {
    errs.push(
      invalid(
        FieldPath.root('metadata').child('annotations').key(ANNOTATION_TOPOLOGY_MODE),
        ann[ANNOTATION_TOPOLOGY_MODE],
        `must match annotations[${ANNOTATION_TOPOLOGY_HINTS}] when both are specified`,
      ),
    );
  }

  const ports = s.ports ?? [];
  if (ports.length === 0 && !isHeadlessService(svc) && s.type !== 'ExternalName') errs.push(required(spec.child('ports'), ''));
  errs.push(...validateTypeSpecific(svc));

  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, spec.child('ports').index(i))));

  if (s.selector !== undefined && s.selector !== null) errs.push(...validateLabels(s.selector, spec.child('selector')));

  if (!s.sessionAffinity) errs.push(required(spec.child('sessionAffinity'), ''));
  else if (!SUPPORTED_SESSION_AFFINITY.includes(s.sessionAffinity))
    errs.push(notSupported(spec.child('sessionAffinity'), s.sessionAffinity, SUPPORTED_SESSION_AFFINITY));
  if (s.sessionAffinity === 'ClientIP') {
    errs.push(...validateClientIPAffinityConfig(svc, spec.child('sessionAffinityConfig')));
  } else if (s.sessionAffinity === 'None' && s.sessionAffinityConfig !== undefined && s.sessionAffinityConfig !== null) {
    errs.push(forbidden(spec.child('sessionAffinityConfig'), 'must not be set when session affinity is None'));
  }

  errs.push(...validateServiceClusterIPsRelatedFields(svc, strict));

  (s.externalIPs ?? []).forEach((ip, i) => {
    const p = spec.child('externalIPs').index(i);
    const ipErrs = isValidIPForLegacyField(p, ip, strict);
    errs.push(...(ipErrs.length ? ipErrs : validateNonSpecialIP(ip, p)));
  });

  if (!s.type) errs.push(required(spec.child('type'), ''));
  else if (!SUPPORTED_SERVICE_TYPES.includes(s.type)) errs.push(notSupported(spec.child('type'), s.type, SUPPORTED_SERVICE_TYPES));

  errs.push(...validatePortUniqueness(svc));
  errs.push(...validateSourceRanges(svc, strict));

  if (s.allocateLoadBalancerNodePorts !== undefined && s.allocateLoadBalancerNodePorts !== null && s.type !== 'LoadBalancer')
    errs.push(forbidden(spec.child('allocateLoadBalancerNodePorts'), "may only be used when `type` is 'LoadBalancer'"));
  // Go reports this one without the "spec." prefix.
  if (s.type === 'LoadBalancer' && (s.allocateLoadBalancerNodePorts === undefined || s.allocateLoadBalancerNodePorts === null))
    errs.push(required(FieldPath.root('allocateLoadBalancerNodePorts'), ''));

  errs.push(...validateLoadBalancerClassField(undefined, svc));
  errs.push(...validateExternalTrafficPolicy(svc));
  errs.push(...validateInternalTrafficPolicy(svc));
  errs.push(...validateTrafficDistribution(svc));
  return errs;
}

/** ValidateServiceCreate: identical to validateService in 1.33. */
export function validateServiceCreate(svc: Service, opts: ServiceValidationOptions = {}): FieldError[] {
  return validateService(svc, opts);
}

// validateUpgradeDowngradeClusterIPs: primary clusterIP never changes; dropping the secondary
// needs ipFamilyPolicy SingleStack.
function validateClusterIPsUpdate(oldSvc: Service, svc: Service): FieldError[] {
  if (svc.spec.type === 'ExternalName' || oldSvc.spec.type === 'ExternalName') return [];
  if (isHeadlessService(oldSvc) && isHeadlessService(svc)) return [];
  const errs: FieldError[] = [];
  const oldIPs = oldSvc.spec.clusterIPs ?? [];
  const newIPs = svc.spec.clusterIPs ?? [];
  const path = spec.child('clusterIPs');
  if (oldIPs.length === newIPs.length) {
    oldIPs.forEach((ip, i) => {
      if (ip !== newIPs[i]) errs.push(invalid(path.index(i), newIPs, 'may not change once set'));
    });
  } else if (oldIPs.length > newIPs.length) {
    if (newIPs.length === 0) errs.push(invalid(path.index(0), newIPs, 'primary clusterIP can not be unset'));
    if (oldIPs.length > 0 && newIPs.length > 0 && newIPs[0] !== oldIPs[0])
      errs.push(invalid(path.index(0), newIPs, 'may not change once set'));
    if (newIPs.length === 1 && svc.spec.ipFamilyPolicy !== 'SingleStack')
      errs.push(
        invalid(spec.child('ipFamilyPolicy'), svc.spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"),
      );
  } else if (oldIPs.length > 0 && newIPs[0] !== oldIPs[0]) {
    errs.push(invalid(path.index(0), newIPs, 'may not change once set'));
  }
  return errs;
}

// validateUpgradeDowngradeIPFamilies. Go passes clusterIPs as the bad value in two places;
// kept, since that is what the apiserver prints.
function validateIPFamiliesUpdate(oldSvc: Service, svc: Service): FieldError[] {
  if (svc.spec.type === 'ExternalName' || oldSvc.spec.type === 'ExternalName') return [];
  const oldHeadless = isHeadlessService(oldSvc);
  if (oldHeadless !== isHeadlessService(svc) || oldHeadless) return [];
  const errs: FieldError[] = [];
  const oldFam = oldSvc.spec.ipFamilies ?? [];
  const newFam = svc.spec.ipFamilies ?? [];
  const path = spec.child('ipFamilies').index(0);
  const famValue = goTypedStrings('core.IPFamily', svc.spec.ipFamilies);
  const ipsValue = goTypedStrings('string', svc.spec.clusterIPs);
  if (oldFam.length === newFam.length) {
    oldFam.forEach((f, i) => {
      if (f !== newFam[i]) errs.push(invalidRendered(path, famValue, 'may not change once set'));
    });
  } else if (oldFam.length > newFam.length) {
    if ((svc.spec.clusterIPs?.length ?? 0) === 0) errs.push(invalidRendered(path, famValue, 'primary ipFamily can not be unset'));
    if (newFam.length > 0 && newFam[0] !== oldFam[0]) errs.push(invalidRendered(path, ipsValue, 'may not change once set'));
    if (newFam.length === 1 && svc.spec.ipFamilyPolicy !== 'SingleStack')
      errs.push(
        invalid(spec.child('ipFamilyPolicy'), svc.spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"),
      );
  } else if (oldFam.length > 0 && newFam.length > 0 && newFam[0] !== oldFam[0]) {
    errs.push(invalidRendered(path, ipsValue, 'may not change once set'));
  }
  return errs;
}

/**
 * ValidateServiceUpdate: metadata update rules, clusterIPs and ipFamilies upgrade/downgrade
 * rules, loadBalancerClass immutability on LoadBalancers, healthCheckNodePort immutability,
 * then every validateService rule on the new object.
 */
export function validateServiceUpdate(newSvc: Service, oldSvc: Service, opts: ServiceValidationOptions = {}): FieldError[] {
  newSvc.spec ??= {};
  oldSvc.spec ??= {};
  const errs = validateObjectMetaUpdate(newSvc.metadata ?? {}, oldSvc.metadata ?? {});
  errs.push(...validateClusterIPsUpdate(oldSvc, newSvc));
  errs.push(...validateIPFamiliesUpdate(oldSvc, newSvc));
  errs.push(...validateLoadBalancerClassField(oldSvc, newSvc));
  if (needsHealthCheck(oldSvc) && needsHealthCheck(newSvc) && (newSvc.spec.healthCheckNodePort ?? 0) !== (oldSvc.spec.healthCheckNodePort ?? 0))
    errs.push(forbidden(spec.child('healthCheckNodePort'), 'field is immutable'));
  errs.push(...validateService(newSvc, opts));
  return errs;
}

export { isHeadlessService, CLUSTER_IP_NONE };

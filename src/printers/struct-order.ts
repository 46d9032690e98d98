// kubectl prints the objects it builds itself (create, expose, and what the server returns for
// them) from Go structs, so `-o json` keys come in struct field order, not sorted. This is that
// order for the types those commands print; unknown fields keep their place after the known ones.

const OBJECT = ['kind', 'apiVersion', 'metadata', 'spec', 'status'];
const OBJECT_META = [
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
];
const SERVICE_SPEC = [
  'ports', 'selector', 'clusterIP', 'clusterIPs', 'type', 'externalIPs', 'sessionAffinity', 'loadBalancerIP',
  'loadBalancerSourceRanges', 'externalName', 'externalTrafficPolicy', 'healthCheckNodePort', 'publishNotReadyAddresses',
  'sessionAffinityConfig', 'ipFamilies', 'ipFamilyPolicy', 'allocateLoadBalancerNodePorts', 'loadBalancerClass',
  'internalTrafficPolicy', 'trafficDistribution',
];
const SERVICE_PORT = ['name', 'protocol', 'appProtocol', 'port', 'targetPort', 'nodePort'];
const SERVICE_STATUS = ['loadBalancer', 'conditions'];
const NAMESPACE_SPEC = ['finalizers'];
const NAMESPACE_STATUS = ['phase', 'conditions'];

function ordered(obj: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (k in obj) out[k] = obj[k];
  for (const k of Object.keys(obj)) if (!(k in out)) out[k] = obj[k];
  return out;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of `obj` with its keys in Go struct order (Service and Namespace; others: top level and metadata). */
export function inStructOrder(obj: Record<string, unknown>): Record<string, unknown> {
  const out = ordered(obj, OBJECT);
  if (isMap(out.metadata)) out.metadata = ordered(out.metadata, OBJECT_META);
  if (obj.kind === 'Service') {
    if (isMap(out.spec)) {
      const spec = ordered(out.spec, SERVICE_SPEC);
      if (Array.isArray(spec.ports)) spec.ports = spec.ports.map((p) => (isMap(p) ? ordered(p, SERVICE_PORT) : p));
      out.spec = spec;
    }
    if (isMap(out.status)) out.status = ordered(out.status, SERVICE_STATUS);
  } else if (obj.kind === 'Namespace') {
    if (isMap(out.spec)) out.spec = ordered(out.spec, NAMESPACE_SPEC);
    if (isMap(out.status)) out.status = ordered(out.status, NAMESPACE_STATUS);
  }
  return out;
}

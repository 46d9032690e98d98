// Keys laid out as kube-apiserver lays them out in etcd.
import type { ResourceType } from '../api/scheme.js';

export const SERVICE_IP_RANGE_KEY = '/registry/ranges/serviceips';
export const NODE_PORT_RANGE_KEY = '/registry/ranges/servicenodeports';
export const CLUSTER_CONFIG_KEY = '/registry/svcctl/cluster';

/** `/registry/services/specs/<ns>/<name>`, or `/registry/namespaces/<name>` for cluster-scoped kinds. */
export function objectKey(t: ResourceType, namespace: string | undefined, name: string): string {
  return t.namespaced ? `/registry/${t.storage}/${namespace}/${name}` : `/registry/${t.storage}/${name}`;
}

/** The prefix of every object of a type, in one namespace or (namespace undefined) in all. */
export function typePrefix(t: ResourceType, namespace?: string): string {
  return t.namespaced && namespace !== undefined ? `/registry/${t.storage}/${namespace}/` : `/registry/${t.storage}/`;
}

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

/** The directories below the root that `key` is in, outermost first ('/registry/', '/registry/pods/', '/registry/pods/ns/'). */
export function directoriesOf(key: string): string[] {
  const out: string[] = [];
  for (let i = key.indexOf('/', 1); i >= 0 && i < key.length - 1; i = key.indexOf('/', i + 1)) out.push(key.slice(0, i + 1));
  return out;
}

/** Index of the first element of sorted `keys` not less than `k`. */
export function lowerBound(keys: string[], k: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The indexes [from, to) of the keys of sorted `keys` that start with `prefix`. */
export function prefixRange(keys: string[], prefix: string): [number, number] {
  const from = lowerBound(keys, prefix);
  let to = from;
  while (to < keys.length && keys[to].startsWith(prefix)) to++;
  return [from, to];
}

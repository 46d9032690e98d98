// The scheduler, reduced to what a simulated cluster needs: spread pods across nodes.
import type { Pod } from '../api/types.js';
import { cidrContains, parseCIDR, parseIPv4 } from '../allocators/ipv4.js';
import { targetNodeName } from './node-fit.js';

/** A node as the cluster settings describe it. */
export interface ClusterNode {
  name: string;
  /** The node's pod range, a /24 such as 10.244.1.0/24. */
  podCIDR: string;
  internalIP: string;
}

/** Settings the controllers need from `cluster init`. */
export interface ClusterSettings {
  nodes: ClusterNode[];
  clusterDomain: string;
  /** The LoadBalancer address pool (CIDR, FIRST-LAST, or '' for none). */
  lbPool?: string;
}

/**
 * Where a pod goes: the node it names, or the one its required node affinity names by
 * `metadata.name`; for an IP pinned in its manifest, the node whose pod range holds it; otherwise
 * `leastLoaded()` (the node with the fewest pods, ties by name).
 */
export function placePod(pod: Pod, nodes: ClusterNode[], leastLoaded: () => string | undefined): string | undefined {
  // The node it is bound to, or the one its node affinity names (a DaemonSet's pod).
  const target = targetNodeName(pod);
  if (target) return target;
  const pinned = pod.status?.podIP;
  const owner = pinned ? nodes.find((n) => inCIDR(pinned, n.podCIDR)) : undefined;
  return owner ? owner.name : leastLoaded();
}

function inCIDR(ip: string, cidr: string): boolean {
  const n = parseIPv4(ip);
  if (n === undefined || !cidr) return false;
  try {
    return cidrContains(parseCIDR(cidr), n);
  } catch {
    return false;
  }
}

// The scheduler, reduced to what a simulated cluster needs: spread pods across nodes.
import type { Pod } from '../api/types.js';
import { cidrContains, parseCIDR, parseIPv4 } from '../allocators/ipv4.js';
import { isPodTerminal } from './common.js';

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
 * The node for an unscheduled pod: the one running the fewest non-terminal pods, ties broken by
 * name. A pod that already names a node keeps it; with no nodes the pod stays Pending (undefined).
 */
export function schedulePod(pod: Pod, nodes: ClusterNode[], pods: Pod[]): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  if (nodes.length === 0) return undefined;
  // A pod whose IP was pinned in its manifest lands on the node whose range holds that IP.
  const pinned = pod.status?.podIP;
  const owner = pinned ? nodes.find((n) => inCIDR(pinned, n.podCIDR)) : undefined;
  if (owner) return owner.name;
  const load = new Map<string, number>(nodes.map((n) => [n.name, 0]));
  for (const p of pods) {
    const n = p.spec.nodeName;
    if (n && load.has(n) && !isPodTerminal(p) && !samePod(p, pod)) load.set(n, load.get(n)! + 1);
  }
  return [...nodes]
    .sort((a, b) => load.get(a.name)! - load.get(b.name)! || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))[0]
    .name;
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

const samePod = (a: Pod, b: Pod): boolean =>
  a.metadata.namespace === b.metadata.namespace && a.metadata.name === b.metadata.name;

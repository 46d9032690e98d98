// Per-node pod address ranges kept in the store, one RangeAllocation a node under
// /registry/ranges/podips/<node>, so the scheduler and kubelet never list every pod: the bitmap
// says which addresses of the node's pod CIDR are taken, and its count is the node's load.
import { AllocationBitmap, type RangeAllocation, type ScanStrategy } from '../allocators/bitmap.js';
import type { KubeObject, Pod } from '../api/types.js';
import { formatIPv4, parseIPv4 } from '../allocators/ipv4.js';
import type { StoreTxn } from '../store/store.js';
import { isPodTerminal } from './common.js';
import type { ClusterNode } from './scheduler.js';

export const POD_IP_RANGE_PREFIX = '/registry/ranges/podips/';

interface RangeObject extends KubeObject, RangeAllocation {
  /** The offset handed out last: the next address comes after it (host-local IPAM's round robin). */
  last?: number;
}


/**
 * One node's pod range. Offset 0 is the CIDR's third address (.2 of a /24): the network address,
 * the node's bridge (.1) and the broadcast address are never handed out, as allocatePodIP skips them.
 */
class NodeRange {
  readonly bitmap: AllocationBitmap;
  readonly first: number;
  /** The offset handed out last (-1: none yet); a replaced pod gets a new address, as on a real node. */
  last = -1;
  dirty = false;

  constructor(readonly cidr: string) {
    const [base, bits] = cidr.split('/');
    const size = 2 ** (32 - Number(bits));
    const baseNum = parseIPv4(base ?? '');
    const network = baseNum !== undefined && Number.isInteger(size) ? baseNum - (baseNum % size) : 0;
    this.first = network + 2;
    this.bitmap = new AllocationBitmap(Number.isInteger(size) ? Math.max(0, size - 3) : 0, cidr, this.afterLast());
  }

  /** host-local IPAM's order: the first free address after the last one handed out, wrapping. */
  private afterLast(): ScanStrategy {
    return (bits, max, count) => {
      // Full: nothing to scan for (as the other strategies; a node whose range is used up is asked
      // once for every pod still waiting for an address).
      if (count >= max) return -1;
      for (let i = 1; i <= max; i++) {
        const off = (this.last + i) % max;
        if (!bits.get(off)) return off;
      }
      return -1;
    };
  }

  offsetOf(ip: string): number {
    const n = parseIPv4(ip);
    if (n === undefined) return -1;
    const off = n - this.first;
    return off >= 0 && off < this.bitmap.max ? off : -1;
  }
}

/** The pod address ranges of every node of the cluster, loaded once per transaction. */
export class NodeIPs {
  private readonly ranges = new Map<string, NodeRange>();
  private readonly missing = new Set<string>();

  private constructor(private readonly nodes: readonly ClusterNode[]) {
    for (const n of nodes) this.ranges.set(n.name, new NodeRange(n.podCIDR));
  }

  /**
   * Reads every node's range (one prefix list of N small objects). A node whose range is missing,
   * or was taken for another CIDR, is rebuilt from the pods, listing them all once: a store written
   * before these ranges existed pays this on its first write only.
   */
  static async load(tx: StoreTxn, nodes: readonly ClusterNode[]): Promise<NodeIPs> {
    const out = new NodeIPs(nodes);
    const stored = new Map((await tx.list(POD_IP_RANGE_PREFIX)).map((o) => [o.metadata.name ?? '', o as RangeObject]));
    for (const [name, r] of out.ranges) {
      const snap = stored.get(name);
      if (snap && snap.range === r.cidr) {
        r.bitmap.restore(snap.data);
        r.last = snap.last ?? -1;
      } else out.missing.add(name);
    }
    if (out.missing.size > 0) {
      for (const p of (await tx.list('/registry/pods/')) as Pod[]) {
        if (out.missing.has(p.spec.nodeName ?? '')) out.markPod(p);
      }
    }
    return out;
  }

  /** Ranges computed from `pods` alone (the full resync's repair of the stored ones). */
  static fromPods(nodes: readonly ClusterNode[], pods: readonly Pod[]): NodeIPs {
    const out = new NodeIPs(nodes);
    for (const n of nodes) out.missing.add(n.name);
    for (const p of pods) out.markPod(p);
    return out;
  }

  /** Addresses taken on `node` (its load for spreading); 0 for an unknown node. */
  used(node: string): number {
    return this.ranges.get(node)?.bitmap.used() ?? 0;
  }

  /** The node with the fewest pods, ties broken by name; undefined without nodes. */
  leastLoaded(): string | undefined {
    let best: string | undefined;
    for (const n of this.nodes) {
      if (best === undefined || this.used(n.name) < this.used(best) || (this.used(n.name) === this.used(best) && n.name < best)) best = n.name;
    }
    return best;
  }

  /** Takes the next free address of `node`'s range after the last one given; undefined when full or the node is unknown. */
  allocate(node: string): string | undefined {
    const r = this.ranges.get(node);
    if (!r) return undefined;
    const off = r.bitmap.allocateNext();
    if (off < 0) return undefined;
    r.last = off;
    r.dirty = true;
    return formatIPv4(r.first + off);
  }

  /** Marks `ip` taken on `node` (a pinned or already assigned address); outside the range: ignored. */
  mark(node: string, ip: string): void {
    const r = this.ranges.get(node);
    const off = r ? r.offsetOf(ip) : -1;
    if (r && off >= 0 && r.bitmap.allocate(off)) r.dirty = true;
  }

  /** Frees `ip` on `node`; a free or foreign address is a no-op. */
  release(node: string, ip: string): void {
    const r = this.ranges.get(node);
    const off = r ? r.offsetOf(ip) : -1;
    if (r && off >= 0 && r.bitmap.has(off)) {
      r.bitmap.release(off);
      r.dirty = true;
    }
  }

  /** Marks the address a live pod holds on its node (terminal pods hold none). */
  markPod(p: Pod): void {
    if (p.spec.nodeName && p.status?.podIP && !isPodTerminal(p)) this.mark(p.spec.nodeName, p.status.podIP);
  }

  /** Frees the address `p` held on its node. */
  releasePod(p: Pod): void {
    if (p.spec.nodeName && p.status?.podIP) this.release(p.spec.nodeName, p.status.podIP);
  }

  /** Writes the ranges that changed or were missing (nothing when all are as stored). */
  async save(tx: StoreTxn): Promise<void> {
    for (const [name, r] of this.ranges) {
      if (!r.dirty && !this.missing.has(name)) continue;
      const key = POD_IP_RANGE_PREFIX + name;
      const old = (await tx.get(key)) as RangeObject | undefined;
      // A range rebuilt from the pods alone keeps the stored position of the round robin.
      const last = r.last >= 0 ? r.last : old?.range === r.cidr ? (old.last ?? -1) : -1;
      const obj: RangeObject = { apiVersion: 'v1', kind: 'RangeAllocation', metadata: { name }, range: r.cidr, data: r.bitmap.snapshot(), last };
      if (!old || old.range !== obj.range || old.data !== obj.data || old.last !== obj.last) await tx.put(key, obj);
      r.dirty = false;
    }
    this.missing.clear();
  }
}

// svcctl's own LoadBalancer address pool (no kube-apiserver counterpart; MetalLB's address pools are
// the model): every address of a CIDR, or FIRST-LAST inclusive, handed out lowest free first.
import { AllocationBitmap, BitmapRange, contiguousScan, type RangeAllocation } from './bitmap.js';
import { ErrAllocated, ErrFull, ErrInvalidRange, ErrMismatchedNetwork, ErrNotInRange } from './errors.js';
import { formatCIDR, formatIPv4, parseCIDR, parseIPv4 } from './ipv4.js';
import type { Allocator } from './operation.js';

/** Pools larger than this are refused: the bitmap is kept in memory and in one store key. */
export const MAX_POOL_SIZE = 65536;

export const LB_ALLOCATED_MESSAGE = 'provided IP is already allocated';
export const LB_MISMATCHED_MESSAGE = 'the provided pool does not match the current pool';

interface PoolSpec {
  first: number;
  size: number;
  text: string;
}

/**
 * Parses a pool: `A.B.C.D/N` (MetalLB-style: network and broadcast included), `FIRST-LAST`, or ""
 * / "none" for no pool. Throws ErrInvalidRange (`invalid load balancer pool "X": ...`).
 */
export function parsePool(spec: string): PoolSpec {
  const s = spec.trim();
  if (s === '' || s === 'none') return { first: 0, size: 0, text: '' };
  const fail = (why: string): never => {
    throw new ErrInvalidRange(`invalid load balancer pool ${JSON.stringify(spec)}: ${why}`);
  };
  let first: number;
  let size: number;
  let text: string;
  if (s.includes('/')) {
    let net;
    try {
      net = parseCIDR(s);
    } catch {
      return fail('expected a CIDR or FIRST-LAST');
    }
    first = net.base;
    size = net.size;
    text = formatCIDR(net);
  } else {
    const parts = s.split('-');
    const a = parts.length === 2 ? parseIPv4(parts[0].trim()) : undefined;
    const b = parts.length === 2 ? parseIPv4(parts[1].trim()) : undefined;
    if (a === undefined || b === undefined) return fail('expected a CIDR or FIRST-LAST');
    if (b < a) return fail('last address is before the first');
    first = a;
    size = b - a + 1;
    text = `${formatIPv4(a)}-${formatIPv4(b)}`;
  }
  if (size > MAX_POOL_SIZE) return fail(`more than ${MAX_POOL_SIZE} addresses`);
  return { first, size, text };
}

/** A LoadBalancer ingress address pool; an empty pool leaves Services `<pending>`. */
export class LoadBalancerPool extends BitmapRange<string> implements Allocator<string> {
  /** Canonical pool text (`192.168.49.240/28`, `172.18.255.200-172.18.255.250`), "" when empty. */
  readonly pool: string;
  readonly size: number;
  private readonly first: number;
  protected readonly bitmap: AllocationBitmap;

  /** Throws ErrInvalidRange for a malformed pool. */
  constructor(pool = '') {
    super();
    const spec = parsePool(pool);
    this.pool = spec.text;
    this.first = spec.first;
    this.size = spec.size;
    // Lowest free first keeps the addresses stable and predictable for tutorials and golden files.
    this.bitmap = new AllocationBitmap(spec.size, spec.text, contiguousScan());
  }

  /** A pool rebuilt from a snapshot. Throws ErrInvalidRange for a malformed pool or data. */
  static fromSnapshot(snap: RangeAllocation): LoadBalancerPool {
    const p = new LoadBalancerPool(snap.range);
    p.restore(snap);
    return p;
  }

  /** Whether the pool has no addresses at all. */
  isEmpty(): boolean {
    return this.size === 0;
  }

  /** Whether `ip` is an address of the pool. */
  contains(ip: string): boolean {
    return this.offsetOf(ip) >= 0;
  }

  /**
   * Reserves `ip` (a user's `loadBalancerIP`). Throws ErrNotInRange (`the provided IP (X) is not in
   * the load balancer pool P`) or ErrAllocated (`provided IP is already allocated`).
   */
  allocate(ip: string): void {
    const offset = this.offsetOf(ip);
    if (offset < 0) {
      const n = parseIPv4(ip);
      const shown = n === undefined ? ip : formatIPv4(n);
      const pool = this.pool === '' ? '(empty)' : this.pool;
      throw new ErrNotInRange(`the provided IP (${shown}) is not in the load balancer pool ${pool}`, this.pool);
    }
    if (!this.bitmap.allocate(offset)) throw new ErrAllocated(LB_ALLOCATED_MESSAGE);
  }

  /** Reserves the lowest free address; ErrFull when none is left (always, for an empty pool). */
  allocateNext(): string {
    const offset = this.bitmap.allocateNext();
    if (offset < 0) throw new ErrFull();
    return formatIPv4(this.first + offset);
  }






  protected valueAt(offset: number): string {
    return formatIPv4(this.first + offset);
  }

  /** The state, shaped as a RangeAllocation. */
  snapshot(): RangeAllocation {
    return { range: this.pool, data: this.bitmap.snapshot() };
  }

  /** Replaces the state; ErrMismatchedNetwork for another pool, ErrInvalidRange for bad input. */
  restore(snap: RangeAllocation): void {
    if (parsePool(snap.range).text !== this.pool) throw new ErrMismatchedNetwork(LB_MISMATCHED_MESSAGE);
    this.bitmap.restore(snap.data);
  }

  offsetOf(ip: string): number {
    const n = parseIPv4(ip);
    if (n === undefined) return -1;
    const offset = n - this.first;
    return offset >= 0 && offset < this.size ? offset : -1;
  }
}

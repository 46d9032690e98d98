// ClusterIP allocation over one IPv4 service CIDR, as kube-apiserver's ipallocator.Range. The caller
// (cluster init) reserves the first address, 10.96.0.1, for the `kubernetes` Service.
import { AllocationBitmap, BitmapRange, randomScanWithOffset, type RangeAllocation, type ScanStrategy } from './bitmap.js';
import { ErrAllocated, ErrFull, ErrMismatchedNetwork, ErrNotInRange } from './errors.js';
import { cidrContains, formatCIDR, formatIPv4, parseCIDR, parseIPv4, type IPv4Net } from './ipv4.js';
import type { RandomSource } from './random.js';
import type { Allocator } from './operation.js';

/** kubeadm's and kind's default service CIDR. */
export const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';

export const IP_ALLOCATED_MESSAGE = 'provided IP is already allocated';
export const IP_MISMATCHED_NETWORK_MESSAGE = 'the provided network does not match the current range';

/**
 * How an address outside the CIDR altogether is reported. kube-apiserver 1.33 (MultiCIDRServiceAllocator
 * GA) finds no ServiceCIDR for it and returns ErrMismatchedNetwork; the older bitmap Range returned
 * ErrNotInRange. Addresses inside the CIDR but unusable (network, broadcast) are ErrNotInRange in both.
 */
export type OutsideCIDRPolicy = 'mismatched-network' | 'not-in-range';

export interface IPRangeOptions {
  /** Random source of the default strategy; Math.random when absent. */
  random?: RandomSource;
  /** Overrides the default random-with-offset scan. */
  strategy?: ScanStrategy;
  /** Defaults to 'mismatched-network' (1.33). */
  outsideCIDR?: OutsideCIDRPolicy;
}

/**
 * Size of the static band at the bottom of the range (k8s calculateRangeOffset for CIDRs):
 * min(max(16, cidrSize/16), 256), and 0 for CIDRs of 16 addresses or fewer.
 */
export function calculateIPRangeOffset(cidrSize: number): number {
  const min = 16;
  const max = 256;
  const step = 16;
  if (cidrSize <= min) return 0;
  const offset = Math.floor(cidrSize / step);
  return Math.min(Math.max(offset, min), max);
}

/**
 * A contiguous block of IPv4 addresses. Offset 0 is the address after the network address; the
 * broadcast address is never handed out:
 *
 *   CIDR base IP                CIDR broadcast IP
 *   10.96.0.0                    10.111.255.255
 *   |                                         |
 *   0   1   2   ...          ...  max  max+1
 *       |                          |
 *       first = offset #0          last offset = max-1
 *       |<- static band ->|<- dynamic (upper) band, tried first ->|
 */
export class IPRange extends BitmapRange<string> implements Allocator<string> {
  /** Canonical CIDR text, the RangeAllocation.range of snapshots. */
  readonly cidr: string;
  /** Number of usable addresses. */
  readonly max: number;
  /** Size of the static band (offsets below it are left for addresses users choose). */
  readonly staticBand: number;
  private readonly net: IPv4Net;
  private readonly first: number;
  private readonly outsideCIDR: OutsideCIDRPolicy;
  protected readonly bitmap: AllocationBitmap;

  /** Throws ErrInvalidRange for a malformed CIDR. */
  constructor(cidr: string = DEFAULT_SERVICE_CIDR, options: IPRangeOptions = {}) {
    super();
    this.net = parseCIDR(cidr);
    this.cidr = formatCIDR(this.net);
    this.first = this.net.base + 1;
    // Neither the ".0" network address nor the IPv4 broadcast address is usable.
    this.max = Math.max(0, this.net.size - 2);
    this.staticBand = calculateIPRangeOffset(this.net.size);
    this.outsideCIDR = options.outsideCIDR ?? 'mismatched-network';
    const strategy = options.strategy ?? randomScanWithOffset(this.staticBand, options.random ?? Math.random);
    this.bitmap = new AllocationBitmap(this.max, this.cidr, strategy);
  }

  /** A range rebuilt from a snapshot. Throws ErrInvalidRange for a malformed range or data. */
  static fromSnapshot(snap: RangeAllocation, options: IPRangeOptions = {}): IPRange {
    const r = new IPRange(snap.range, options);
    r.restore(snap);
    return r;
  }

  /** The offset of a usable address, or -1 (unparsable, outside the CIDR, network or broadcast). */
  offsetOf(ip: string): number {
    const n = parseIPv4(ip);
    if (n === undefined) return -1;
    const offset = n - this.first;
    return offset >= 0 && offset < this.max ? offset : -1;
  }

  /** The address at `offset` (no range check). */
  ipAt(offset: number): string {
    return formatIPv4(this.first + offset);
  }

  /** Whether `ip` is a usable address of this range. */
  contains(ip: string): boolean {
    return this.offsetOf(ip) >= 0;
  }

  /**
   * Reserves `ip`. Throws ErrAllocated (`provided IP is already allocated`) when taken, and for an
   * unusable address ErrNotInRange (`the provided IP (X) is not in the valid range. The range of
   * valid IPs is 10.96.0.0/12`) or, per `outsideCIDR`, ErrMismatchedNetwork.
   */
  allocate(ip: string): void {
    this.checkInRange(ip);
    if (!this.bitmap.allocate(this.offsetOf(ip))) throw new ErrAllocated(IP_ALLOCATED_MESSAGE);
  }

  /** Reserves an address chosen by the strategy (upper band first by default); ErrFull when none is left. */
  allocateNext(): string {
    const offset = this.bitmap.allocateNext();
    if (offset < 0) throw new ErrFull();
    return this.ipAt(offset);
  }






  protected valueAt(offset: number): string {
    return this.ipAt(offset);
  }

  /** The state as the apiserver stores it under /registry/ranges/serviceips. */
  snapshot(): RangeAllocation {
    return { range: this.cidr, data: this.bitmap.snapshot() };
  }

  /**
   * Replaces the state with a snapshot of the same CIDR. Throws ErrMismatchedNetwork (`the provided
   * network does not match the current range`) for another CIDR, ErrInvalidRange for bad input.
   */
  restore(snap: RangeAllocation): void {
    if (formatCIDR(parseCIDR(snap.range)) !== this.cidr) {
      throw new ErrMismatchedNetwork(IP_MISMATCHED_NETWORK_MESSAGE);
    }
    this.bitmap.restore(snap.data);
  }

  /**
   * kube-apiserver's DryRun shim: allocate only checks the range (not whether the address is free),
   * allocateNext returns the CIDR's network address, release does nothing.
   */
  dryRun(): Allocator<string> {
    return {
      allocate: (ip) => this.checkInRange(ip),
      allocateNext: () => formatIPv4(this.net.base),
      release: () => {},
      has: (ip) => this.has(ip),
    };
  }

  private checkInRange(ip: string): void {
    if (this.offsetOf(ip) >= 0) return;
    const n = parseIPv4(ip);
    if (n !== undefined && !cidrContains(this.net, n) && this.outsideCIDR === 'mismatched-network') {
      throw new ErrMismatchedNetwork(IP_MISMATCHED_NETWORK_MESSAGE);
    }
    const shown = n === undefined ? ip : formatIPv4(n);
    throw new ErrNotInRange(
      `the provided IP (${shown}) is not in the valid range. The range of valid IPs is ${this.cidr}`,
      this.cidr,
    );
  }
}

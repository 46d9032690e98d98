// NodePort allocation, as kube-apiserver's portallocator.PortAllocator: port = base + offset.
import { AllocationBitmap, BitmapRange, randomScanWithOffset, type RangeAllocation, type ScanStrategy } from './bitmap.js';
import { ErrAllocated, ErrFull, ErrInvalidRange, ErrMismatchedNetwork, ErrNotInRange } from './errors.js';
import type { RandomSource } from './random.js';
import type { Allocator } from './operation.js';

/** kube-apiserver's default --service-node-port-range. */
export const DEFAULT_NODE_PORT_RANGE = '30000-32767';

export const PORT_ALLOCATED_MESSAGE = 'provided port is already allocated';
export const PORT_MISMATCHED_NETWORK_MESSAGE = 'the provided port range does not match the current port range';

/** A port range: `size` ports starting at `base`; size 0 is the empty range. */
export interface PortRangeSpec {
  base: number;
  size: number;
}

/** Go's strconv.Atoi: optional sign, decimal digits; the error text is Go's. */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) {
    throw new ErrInvalidRange(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  }
  return Number(s);
}

/**
 * Parses a port range as apimachinery's net.ParsePortRange: `MIN-MAX` (inclusive), `BASE+OFFSET`
 * (BASE to BASE+OFFSET), a single port, or "" (empty). Throws ErrInvalidRange with Go's messages:
 * `unable to parse port range: X`, `the port range cannot be greater than 65535: X`,
 * `end port cannot be less than start port: X`, or strconv.Atoi's.
 */
export function parsePortRange(value: string): PortRangeSpec {
  value = value.trim();
  if (value === '') return { base: 0, size: 0 };
  const hyphen = value.indexOf('-');
  const plus = value.indexOf('+');
  let low: number;
  let high: number;
  if (hyphen === -1 && plus === -1) {
    low = high = atoi(value);
  } else if (plus === -1) {
    low = atoi(value.slice(0, hyphen));
    high = atoi(value.slice(hyphen + 1));
  } else if (hyphen === -1) {
    low = atoi(value.slice(0, plus));
    high = low + atoi(value.slice(plus + 1));
  } else {
    throw new ErrInvalidRange(`unable to parse port range: ${value}`);
  }
  if (low > 65535 || high > 65535) {
    throw new ErrInvalidRange(`the port range cannot be greater than 65535: ${value}`);
  }
  if (high < low) throw new ErrInvalidRange(`end port cannot be less than start port: ${value}`);
  return { base: low, size: 1 + high - low };
}

/** `MIN-MAX`, or "" for the empty range (net.PortRange.String). */
export function formatPortRange(pr: PortRangeSpec): string {
  return pr.size === 0 ? '' : `${pr.base}-${pr.base + pr.size - 1}`;
}

/**
 * Size of the static band at the bottom of the port range (the port allocator's
 * calculateRangeOffset): min(max(16, size/32), 128), and 0 for ranges of 16 ports or fewer.
 * 30000-32767 (2768 ports) gives 86: ports 30000-30085 are left for users who pick theirs.
 */
export function calculatePortRangeOffset(size: number): number {
  const min = 16;
  const max = 128;
  const step = 32;
  if (size <= min) return 0;
  const offset = Math.floor(size / step);
  return Math.min(Math.max(offset, min), max);
}

export interface PortRangeOptions {
  /** Random source of the default strategy; Math.random when absent. */
  random?: RandomSource;
  /** Overrides the default random-with-offset scan. */
  strategy?: ScanStrategy;
}

/** A contiguous block of ports, offset 0 being the first port of the range. */
export class PortRange extends BitmapRange<number> implements Allocator<number> {
  /** Canonical `MIN-MAX`, the RangeAllocation.range of snapshots. */
  readonly range: string;
  readonly base: number;
  readonly size: number;
  /** Size of the static band (ports below base+staticBand are left for users). */
  readonly staticBand: number;
  protected readonly bitmap: AllocationBitmap;

  /** Throws ErrInvalidRange for a malformed range. */
  constructor(range: string = DEFAULT_NODE_PORT_RANGE, options: PortRangeOptions = {}) {
    super();
    const pr = parsePortRange(range);
    this.base = pr.base;
    this.size = pr.size;
    this.range = formatPortRange(pr);
    this.staticBand = calculatePortRangeOffset(pr.size);
    const strategy = options.strategy ?? randomScanWithOffset(this.staticBand, options.random ?? Math.random);
    this.bitmap = new AllocationBitmap(pr.size, this.range, strategy);
  }

  /** A range rebuilt from a snapshot. Throws ErrInvalidRange for a malformed range or data. */
  static fromSnapshot(snap: RangeAllocation, options: PortRangeOptions = {}): PortRange {
    const r = new PortRange(snap.range, options);
    r.restore(snap);
    return r;
  }

  /** Whether `port` lies in the range. */
  contains(port: number): boolean {
    return Number.isInteger(port) && port >= this.base && port - this.base < this.size;
  }

  /**
   * Reserves `port`. Throws ErrNotInRange (`provided port is not in the valid range. The range of
   * valid ports is 30000-32767`) or ErrAllocated (`provided port is already allocated`).
   */
  allocate(port: number): void {
    if (!this.contains(port)) {
      throw new ErrNotInRange(
        `provided port is not in the valid range. The range of valid ports is ${this.range}`,
        this.range,
      );
    }
    if (!this.bitmap.allocate(port - this.base)) throw new ErrAllocated(PORT_ALLOCATED_MESSAGE);
  }

  /** Reserves a port chosen by the strategy (upper band first by default); ErrFull when none is left. */
  allocateNext(): number {
    const offset = this.bitmap.allocateNext();
    if (offset < 0) throw new ErrFull();
    return this.base + offset;
  }






  /** The offset of `port`, or -1 outside the range. */
  offsetOf(port: number): number {
    return this.contains(port) ? port - this.base : -1;
  }

  protected valueAt(offset: number): number {
    return this.base + offset;
  }

  /** The state as the apiserver stores it under /registry/ranges/servicenodeports. */
  snapshot(): RangeAllocation {
    return { range: this.range, data: this.bitmap.snapshot() };
  }

  /**
   * Replaces the state with a snapshot of the same range. Throws ErrMismatchedNetwork (`the provided
   * port range does not match the current port range`) for another range, ErrInvalidRange for bad input.
   */
  restore(snap: RangeAllocation): void {
    if (formatPortRange(parsePortRange(snap.range)) !== this.range) {
      throw new ErrMismatchedNetwork(PORT_MISMATCHED_NETWORK_MESSAGE);
    }
    this.bitmap.restore(snap.data);
  }
}

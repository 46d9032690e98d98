// An offset bitmap, as kube-apiserver's allocator.AllocationBitmap: it knows only offsets in
// [0, max), a count of set bits, and an injected strategy that picks the next free offset.
import { ErrInvalidRange, ErrMismatchedNetwork } from './errors.js';
import { intn, type RandomSource } from './random.js';

/** What the apiserver stores under /registry/ranges/...: the range spec and the bitmap, base64. */
export interface RangeAllocation {
  range: string;
  data: string;
}

/** Read access to the bits, for scan strategies. */
export interface BitReader {
  get(offset: number): boolean;
}

/** Picks a free offset in [0, max), or returns -1 when there is none. */
export type ScanStrategy = (bits: BitReader, max: number, count: number) => number;

/** Start at a random offset and scan forward, wrapping around (k8s randomScanStrategy). */
export function randomScan(random: RandomSource): ScanStrategy {
  return (bits, max, count) => {
    if (count >= max) return -1;
    const start = intn(random, max);
    for (let i = 0; i < max; i++) {
      const at = (start + i) % max;
      if (!bits.get(at)) return at;
    }
    return -1;
  };
}

/** The lowest free offset first, filling gaps (k8s contiguousScanStrategy). */
export function contiguousScan(): ScanStrategy {
  return (bits, max, count) => {
    if (count >= max) return -1;
    for (let i = 0; i < max; i++) if (!bits.get(i)) return i;
    return -1;
  };
}

/**
 * k8s randomScanStrategyWithOffset (KEP-3070): offsets below `offset` form the static band that
 * users pick by hand, so a random scan of the upper band [offset, max) runs first and the lower
 * band [0, offset) is used only once the upper one is full.
 */
export function randomScanWithOffset(offset: number, random: RandomSource): ScanStrategy {
  return (bits, max, count) => {
    if (count >= max) return -1;
    const low = Math.max(0, Math.min(offset, max));
    const upper = max - low;
    if (upper > 0) {
      const start = intn(random, upper);
      for (let i = 0; i < upper; i++) {
        const at = low + ((start + i) % upper);
        if (!bits.get(at)) return at;
      }
    }
    if (low > 0) {
      const start = intn(random, low);
      for (let i = 0; i < low; i++) {
        const at = (start + i) % low;
        if (!bits.get(at)) return at;
      }
    }
    return -1;
  };
}

/** Thrown by `AllocationBitmap.allocate` for an offset outside [0, max): a caller bug, not user input. */
export class OffsetOutOfRangeError extends Error {
  constructor(offset: number, max: number) {
    super(`offset ${offset} out of range [0,${max}]`);
    this.name = 'OffsetOutOfRangeError';
  }
}

/** A bitmap of `max` offsets with a scan strategy and the range spec its snapshots carry. */
export class AllocationBitmap implements BitReader {
  readonly max: number;
  readonly rangeSpec: string;
  private readonly strategy: ScanStrategy;
  // Byte i holds offsets 8i..8i+7, lowest bit first.
  private bytes: Uint8Array;
  /** No byte above this index is set: snapshot() starts there, not at the top of a million bits. */
  private highest = -1;
  private count = 0;
  private changes = 0;

  constructor(max: number, rangeSpec: string, strategy: ScanStrategy) {
    this.max = Math.max(0, Math.floor(max));
    this.rangeSpec = rangeSpec;
    this.strategy = strategy;
    this.bytes = wordAligned(Math.ceil(this.max / 8));
  }

  /** Whether `offset` is set; out-of-range offsets are never set. */
  get(offset: number): boolean {
    if (!Number.isInteger(offset) || offset < 0 || offset >= this.max) return false;
    return (this.bytes[offset >> 3] & (1 << (offset & 7))) !== 0;
  }

  /**
   * Reserves `offset`. Returns false if it was already set. Throws OffsetOutOfRangeError for an
   * offset outside [0, max) (the domain ranges check containment before calling).
   */
  allocate(offset: number): boolean {
    if (!Number.isInteger(offset) || offset < 0 || offset >= this.max) {
      throw new OffsetOutOfRangeError(offset, this.max);
    }
    if (this.get(offset)) return false;
    this.set(offset, true);
    return true;
  }

  /** Reserves the offset the strategy picks; returns -1 (and changes nothing) when full. */
  allocateNext(): number {
    const next = this.strategy(this, this.max, this.count);
    if (next < 0) return -1;
    this.set(next, true);
    return next;
  }

  /** Frees `offset`. Releasing an unset or out-of-range offset is a no-op. */
  release(offset: number): void {
    if (!this.get(offset)) return;
    this.set(offset, false);
  }

  /** Whether `offset` is taken, i.e. `allocate(offset)` would return false. */
  has(offset: number): boolean {
    return this.get(offset);
  }

  /** Offsets still free. */
  free(): number {
    return this.max - this.count;
  }

  /** Offsets taken. */
  used(): number {
    return this.count;
  }

  /** Calls `fn` for each set offset, in ascending order. Do not modify the bitmap meanwhile. */
  forEach(fn: (offset: number) => void): void {
    for (let i = 0; i <= this.highest; i++) {
      let b = this.bytes[i];
      for (let bit = 0; b !== 0; bit++, b >>= 1) if (b & 1) fn(i * 8 + bit);
    }
  }

  /**
   * The bitmap as base64 of Go's big.Int.Bytes(): big-endian, leading zero bytes dropped (empty when
   * nothing is set), so a snapshot reads the same as the apiserver's RangeAllocation.data.
   */
  snapshot(): string {
    // A service CIDR is a million bits: start from the highest byte ever set (released bits may
    // have left zeros above the top one); copy and reverse natively.
    let top = this.highest;
    while (top >= 0 && this.bytes[top] === 0) top--;
    this.highest = top;
    return Buffer.from(this.bytes.subarray(0, top + 1)).reverse().toString('base64');
  }

  /**
   * Replaces the state with a `snapshot()` result. Bits at or beyond `max` are dropped (they can
   * only come from a different range). Throws ErrInvalidRange for data that is not base64.
   */
  restore(data: string): void {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 === 1) {
      throw new ErrInvalidRange(`invalid snapshot data: not base64`);
    }
    const raw = Buffer.from(data, 'base64').reverse(); // now lowest byte first, as this.bytes
    const bytes = wordAligned(this.bytes.length);
    const used = Math.min(raw.length, bytes.length);
    bytes.set(raw.subarray(0, used));
    const tail = this.max & 7;
    if (tail !== 0 && used === bytes.length && used > 0) bytes[used - 1] &= (1 << tail) - 1;
    this.bytes = bytes;
    this.highest = used - 1;
    // Only the words the data reached can hold bits. Indexed, not for-of: a command restores a
    // million-bit range once, in code not yet optimised, where the iterator made this cost ms.
    const words = wordsOf(bytes);
    let count = 0;
    for (let i = 0, n = Math.ceil(used / 4); i < n; i++) if (words[i] !== 0) count += popcount(words[i]);
    this.count = count;
    this.changes++;
  }

  /** Restores a RangeAllocation, first checking it was taken from this very range. */
  restoreAllocation(snap: RangeAllocation): void {
    if (snap.range !== this.rangeSpec) {
      throw new ErrMismatchedNetwork('the provided range does not match the current range');
    }
    this.restore(snap.data);
  }

  /** How many times the bits changed since this bitmap was made: unchanged means no snapshot to take. */
  get version(): number {
    return this.changes;
  }

  private set(offset: number, on: boolean): void {
    this.changes++;
    if (on) {
      this.bytes[offset >> 3] |= 1 << (offset & 7);
      this.highest = Math.max(this.highest, offset >> 3);
      this.count++;
    } else {
      this.bytes[offset >> 3] &= ~(1 << (offset & 7));
      this.count--;
    }
  }
}

/** The set bits of a 32-bit word (SWAR). */
function popcount(w: number): number {
  w -= (w >>> 1) & 0x55555555;
  w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
  return Math.imul((w + (w >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** `n` zero bytes on a buffer whose length is a multiple of 4, so wordsOf can read it (the padding stays 0). */
function wordAligned(n: number): Uint8Array {
  return new Uint8Array(new ArrayBuffer(Math.ceil(n / 4) * 4), 0, n);
}

/** The bytes of a wordAligned array as 32-bit words (padding included). */
function wordsOf(bytes: Uint8Array): Uint32Array {
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.buffer.byteLength >> 2);
}

/**
 * What every value range (IPs, ports, pool addresses) does the same way over its bitmap: a value
 * maps to an offset (-1 when it is not in the range) and back.
 */
export abstract class BitmapRange<T> {
  protected abstract readonly bitmap: AllocationBitmap;

  /** The offset of `value`, or -1 when it is not a usable value of this range. */
  abstract offsetOf(value: T): number;

  /** The value at `offset` (no range check). */
  protected abstract valueAt(offset: number): T;

  /** Frees `value`. Releasing an unallocated or out-of-range value is a no-op. */
  release(value: T): void {
    const offset = this.offsetOf(value);
    if (offset >= 0) this.bitmap.release(offset);
  }

  /** Whether `value` is allocated. */
  has(value: T): boolean {
    const offset = this.offsetOf(value);
    return offset >= 0 && this.bitmap.has(offset);
  }

  /** Values left. */
  free(): number {
    return this.bitmap.free();
  }

  /** Values taken. */
  used(): number {
    return this.bitmap.used();
  }

  /** Calls `fn` for each allocated value, lowest first. */
  forEach(fn: (value: T) => void): void {
    this.bitmap.forEach((offset) => fn(this.valueAt(offset)));
  }

  /** Grows with every change to the allocated set (see AllocationBitmap.version). */
  get version(): number {
    return this.bitmap.version;
  }
}

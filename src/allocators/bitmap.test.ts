import { describe, expect, it } from 'vitest';
import {
  AllocationBitmap,
  contiguousScan,
  randomScan,
  randomScanWithOffset,
  type ScanStrategy,
} from './bitmap.js';
import { ErrInvalidRange, ErrMismatchedNetwork } from './errors.js';
import { seededRandom } from './random.js';

const fixed = (x: number) => () => x;

function taken(b: AllocationBitmap): number[] {
  const out: number[] = [];
  b.forEach((o) => out.push(o));
  return out;
}

describe('AllocationBitmap allocate/release', () => {
  const cases = [
    { name: 'allocating a free offset sets it', pre: [], op: (b: AllocationBitmap) => b.allocate(3), result: true, taken: [3] },
    { name: 'allocating a taken offset returns false', pre: [3], op: (b: AllocationBitmap) => b.allocate(3), result: false, taken: [3] },
    { name: 'releasing frees the offset', pre: [3, 5], op: (b: AllocationBitmap) => b.release(3), result: undefined, taken: [5] },
    { name: 'releasing an unset offset is a no-op', pre: [5], op: (b: AllocationBitmap) => b.release(4), result: undefined, taken: [5] },
    { name: 'releasing out of range is a no-op', pre: [5], op: (b: AllocationBitmap) => b.release(99), result: undefined, taken: [5] },
    { name: 'the last offset is usable', pre: [], op: (b: AllocationBitmap) => b.allocate(9), result: true, taken: [9] },
  ];
  it.each(cases)('$name', ({ pre, op, result, taken: want }) => {
    const b = new AllocationBitmap(10, 'r', contiguousScan());
    for (const o of pre) b.allocate(o);
    expect(op(b)).toBe(result);
    expect(taken(b)).toEqual(want);
    expect(b.used()).toBe(want.length);
    expect(b.free()).toBe(10 - want.length);
    for (const o of want) expect(b.has(o)).toBe(true);
  });

  it.each([
    { name: 'negative', offset: -1, message: 'offset -1 out of range [0,10]' },
    { name: 'max itself', offset: 10, message: 'offset 10 out of range [0,10]' },
  ])('allocate rejects an offset out of range: $name', ({ offset, message }) => {
    const b = new AllocationBitmap(10, 'r', contiguousScan());
    expect(() => b.allocate(offset)).toThrow(message);
    expect(b.used()).toBe(0);
  });
});

describe('scan strategies', () => {
  interface Case {
    name: string;
    strategy: ScanStrategy;
    max: number;
    pre: number[];
    want: number[];
  }
  const cases: Case[] = [
    { name: 'contiguous fills gaps lowest first', strategy: contiguousScan(), max: 5, pre: [0, 2], want: [1, 3, 4, -1] },
    { name: 'random starts at floor(r*max) and wraps', strategy: randomScan(fixed(0.7)), max: 5, pre: [3, 4], want: [0, 1, 2, -1] },
    { name: 'random takes its start when free', strategy: randomScan(fixed(0.5)), max: 4, pre: [], want: [2, 3, 0, 1, -1] },
    {
      name: 'with offset: upper band first, lower band last',
      strategy: randomScanWithOffset(3, fixed(0)),
      max: 6,
      pre: [],
      want: [3, 4, 5, 0, 1, 2, -1],
    },
    {
      name: 'with offset: random start inside each band',
      strategy: randomScanWithOffset(2, fixed(0.5)),
      max: 6,
      pre: [],
      want: [4, 5, 2, 3, 1, 0, -1],
    },
    { name: 'with offset 0 behaves as random', strategy: randomScanWithOffset(0, fixed(0)), max: 3, pre: [], want: [0, 1, 2, -1] },
    { name: 'with offset >= max uses the lower band only', strategy: randomScanWithOffset(9, fixed(0)), max: 2, pre: [], want: [0, 1, -1] },
    { name: 'empty range is always full', strategy: randomScanWithOffset(0, fixed(0)), max: 0, pre: [], want: [-1] },
  ];
  it.each(cases)('$name', ({ strategy, max, pre, want }) => {
    const b = new AllocationBitmap(max, 'r', strategy);
    for (const o of pre) b.allocate(o);
    const got = want.map(() => b.allocateNext());
    expect(got).toEqual(want);
    expect(b.free()).toBe(0);
  });

  it('a seeded random gives the same sequence twice', () => {
    const run = () => {
      const b = new AllocationBitmap(1000, 'r', randomScanWithOffset(100, seededRandom(7)));
      return Array.from({ length: 20 }, () => b.allocateNext());
    };
    const first = run();
    expect(run()).toEqual(first);
    expect(new Set(first).size).toBe(20);
    expect(first.every((o) => o >= 100)).toBe(true);
  });
});

describe('snapshot and restore', () => {
  // Data is Go's big.Int.Bytes(): big-endian, no leading zeros; bit n is offset n.
  const cases = [
    { name: 'empty bitmap is empty data', max: 16, set: [], data: '' },
    { name: 'offset 0', max: 16, set: [0], data: 'AQ==' },
    { name: 'offsets 0 and 9 are 0x0201', max: 16, set: [0, 9], data: 'AgE=' },
    { name: 'offset 7 only', max: 16, set: [7], data: 'gA==' },
    { name: 'high offset keeps lower zero bytes', max: 32, set: [24], data: 'AQAAAA==' },
  ];
  it.each(cases)('$name', ({ max, set, data }) => {
    const b = new AllocationBitmap(max, 'r', contiguousScan());
    for (const o of set) b.allocate(o);
    expect(b.snapshot()).toBe(data);
    const c = new AllocationBitmap(max, 'r', contiguousScan());
    c.allocate(max - 1);
    c.restore(data);
    expect(taken(c)).toEqual(set);
    expect(c.used()).toBe(set.length);
  });

  it.each([
    { name: 'a service CIDR (2^20 offsets), ends and middle', max: 1 << 20, set: [0, 31, 32, 500_001, (1 << 20) - 1] },
    { name: 'an odd size, top byte partly used', max: 1_000_003, set: [7, 8, 999_999, 1_000_002] },
    { name: 'a dense run across word edges', max: 200, set: Array.from({ length: 70 }, (_, i) => 60 + i) },
  ])('round-trips a large bitmap: $name', ({ max, set }) => {
    const b = new AllocationBitmap(max, 'r', contiguousScan());
    for (const o of set) b.allocate(o);
    // The reference encoding, byte by byte: big-endian, leading zero bytes dropped.
    const bytes = new Uint8Array(Math.ceil(max / 8));
    for (const o of set) bytes[o >> 3] |= 1 << (o & 7);
    let top = bytes.length - 1;
    while (top >= 0 && bytes[top] === 0) top--;
    const want = Buffer.from(Array.from({ length: top + 1 }, (_, i) => bytes[top - i])).toString('base64');
    expect(b.snapshot()).toBe(want);
    const c = new AllocationBitmap(max, 'r', contiguousScan());
    c.restore(want);
    expect(taken(c)).toEqual(set);
    expect(c.used()).toBe(set.length);
  });

  it('snapshots only up to the highest bit still set, after releases and restores', () => {
    const b = new AllocationBitmap(1 << 20, 'r', contiguousScan());
    b.allocate(3);
    b.allocate(900_000);
    b.release(900_000); // the top bit goes: the snapshot shrinks back
    expect(b.snapshot()).toBe('CA==');
    const c = new AllocationBitmap(1 << 20, 'r', contiguousScan());
    c.restore(b.snapshot());
    c.allocate(700_000); // above all the restored data
    expect(taken(c)).toEqual([3, 700_000]);
    const d = new AllocationBitmap(1 << 20, 'r', contiguousScan());
    d.restore(c.snapshot());
    expect(taken(d)).toEqual([3, 700_000]);
    expect(d.used()).toBe(2);
  });

  it('counts a change to the bits, not a no-op', () => {
    const b = new AllocationBitmap(64, 'r', contiguousScan());
    const v0 = b.version;
    b.release(3); // not set: nothing changes
    expect(b.version).toBe(v0);
    b.allocate(3);
    expect(b.version).toBeGreaterThan(v0);
  });

  it('drops bits beyond max on restore', () => {
    const b = new AllocationBitmap(10, 'r', contiguousScan());
    b.restore(Buffer.from([0xff, 0xff]).toString('base64'));
    expect(taken(b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(b.free()).toBe(0);
  });

  it.each([
    { name: 'not base64', data: 'no!pe', error: ErrInvalidRange, message: 'invalid snapshot data: not base64' },
  ])('rejects bad data: $name', ({ data, error, message }) => {
    const b = new AllocationBitmap(10, 'r', contiguousScan());
    expect(() => b.restore(data)).toThrow(error);
    expect(() => b.restore(data)).toThrow(message);
  });

  it('restoreAllocation checks the range spec', () => {
    const b = new AllocationBitmap(10, '30000-30009', contiguousScan());
    expect(() => b.restoreAllocation({ range: '1-10', data: '' })).toThrow(ErrMismatchedNetwork);
    expect(() => b.restoreAllocation({ range: '1-10', data: '' })).toThrow(
      'the provided range does not match the current range',
    );
    b.restoreAllocation({ range: '30000-30009', data: 'Ag==' });
    expect(taken(b)).toEqual([1]);
  });
});

import { describe, expect, it } from 'vitest';
import { ErrAllocated, ErrFull, ErrInvalidRange, ErrMismatchedNetwork, ErrNotInRange } from './errors.js';
import { calculatePortRangeOffset, parsePortRange, PortRange } from './port-range.js';
import { seededRandom } from './random.js';

const zero = () => 0;

function ports(r: PortRange): number[] {
  const out: number[] = [];
  r.forEach((p) => out.push(p));
  return out;
}

describe('parsePortRange (net.ParsePortRange)', () => {
  it.each([
    { name: 'MIN-MAX', value: '30000-32767', base: 30000, size: 2768, text: '30000-32767' },
    { name: 'BASE+OFFSET', value: '30000+2767', base: 30000, size: 2768, text: '30000-32767' },
    { name: 'a single port', value: '80', base: 80, size: 1, text: '80-80' },
    { name: 'surrounding spaces', value: ' 1-2 ', base: 1, size: 2, text: '1-2' },
    { name: 'empty', value: '', base: 0, size: 0, text: '' },
  ])('parses $name', ({ value, base, size, text }) => {
    expect(parsePortRange(value)).toEqual({ base, size });
    expect(new PortRange(value).range).toBe(text);
  });

  it.each([
    { name: 'letters', value: 'a-b', message: 'strconv.Atoi: parsing "a": invalid syntax' },
    { name: 'missing low', value: '-5', message: 'strconv.Atoi: parsing "": invalid syntax' },
    { name: 'both notations', value: '1-2+3', message: 'unable to parse port range: 1-2+3' },
    { name: 'above 65535', value: '30000-70000', message: 'the port range cannot be greater than 65535: 30000-70000' },
    { name: 'offset past 65535', value: '65000+1000', message: 'the port range cannot be greater than 65535: 65000+1000' },
    { name: 'reversed', value: '32767-30000', message: 'end port cannot be less than start port: 32767-30000' },
  ])('rejects $name', ({ value, message }) => {
    expect(() => parsePortRange(value)).toThrow(ErrInvalidRange);
    expect(() => parsePortRange(value)).toThrow(message);
  });
});

describe('calculatePortRangeOffset (min 16, max 128, step 32)', () => {
  it.each([
    { name: 'tiny range', size: 16, want: 0 },
    { name: 'just above min', size: 17, want: 16 },
    { name: '1000 ports', size: 1000, want: 31 },
    { name: 'default 30000-32767', size: 2768, want: 86 },
    { name: 'every port', size: 65536, want: 128 },
  ])('$name', ({ size, want }) => {
    expect(calculatePortRangeOffset(size)).toBe(want);
  });
});

describe('PortRange.allocate', () => {
  it.each([
    { name: 'a free port', pre: [], port: 30080, error: undefined, message: undefined },
    { name: 'the first port', pre: [], port: 30000, error: undefined, message: undefined },
    { name: 'the last port', pre: [], port: 32767, error: undefined, message: undefined },
    { name: 'a taken port', pre: [30080], port: 30080, error: ErrAllocated, message: 'provided port is already allocated' },
    {
      name: 'below the range',
      pre: [],
      port: 80,
      error: ErrNotInRange,
      message: 'provided port is not in the valid range. The range of valid ports is 30000-32767',
    },
    {
      name: 'just above the range',
      pre: [],
      port: 32768,
      error: ErrNotInRange,
      message: 'provided port is not in the valid range. The range of valid ports is 30000-32767',
    },
  ])('$name', ({ pre, port, error, message }) => {
    const r = new PortRange();
    for (const p of pre) r.allocate(p);
    if (error) {
      expect(() => r.allocate(port)).toThrow(error);
      expect(() => r.allocate(port)).toThrow(message);
      expect(r.used()).toBe(pre.length);
    } else {
      r.allocate(port);
      expect(r.has(port)).toBe(true);
      expect(ports(r)).toEqual([port]);
    }
  });

  it('a range written as BASE+OFFSET names itself MIN-MAX in errors', () => {
    const r = new PortRange('30000+9');
    expect(() => r.allocate(30010)).toThrow(
      'provided port is not in the valid range. The range of valid ports is 30000-30009',
    );
  });
});

describe('PortRange.allocateNext', () => {
  it.each([
    { name: 'random 0 starts at the upper band (30086)', range: '30000-32767', count: 3, want: [30086, 30087, 30088] },
    {
      name: 'a 20-port range: upper band 30016-30019 first, then the static band',
      range: '30000-30019',
      count: 6,
      want: [30016, 30017, 30018, 30019, 30000, 30001],
    },
    { name: 'a 16-port range has no static band', range: '30000-30015', count: 2, want: [30000, 30001] },
  ])('$name', ({ range, count, want }) => {
    const r = new PortRange(range, { random: zero });
    expect(Array.from({ length: count }, () => r.allocateNext())).toEqual(want);
  });

  it('first allocations of a seeded random land above 30085, deterministically', () => {
    const run = () => {
      const r = new PortRange(undefined, { random: seededRandom(2024) });
      return Array.from({ length: 100 }, () => r.allocateNext());
    };
    const got = run();
    expect(run()).toEqual(got);
    expect(Math.min(...got)).toBeGreaterThanOrEqual(30086);
    expect(new Set(got).size).toBe(100);
  });

  it('throws ErrFull (`range is full`) once every port is taken', () => {
    const r = new PortRange('30000-30003', { random: seededRandom(3) });
    const got = Array.from({ length: 4 }, () => r.allocateNext()).sort();
    expect(got).toEqual([30000, 30001, 30002, 30003]);
    expect(() => r.allocateNext()).toThrow(ErrFull);
    expect(() => r.allocateNext()).toThrow('range is full');
    r.release(30002);
    expect(r.allocateNext()).toBe(30002);
  });

  it('an empty range is always full', () => {
    expect(() => new PortRange('').allocateNext()).toThrow('range is full');
  });
});

describe('PortRange.release', () => {
  it.each([
    { name: 'an allocated port', pre: [30001, 30002], port: 30001, left: [30002] },
    { name: 'an unallocated port is a no-op', pre: [30002], port: 30001, left: [30002] },
    { name: 'a port out of range is a no-op', pre: [30002], port: 80, left: [30002] },
  ])('$name', ({ pre, port, left }) => {
    const r = new PortRange();
    for (const p of pre) r.allocate(p);
    r.release(port);
    expect(ports(r)).toEqual(left);
  });
});

describe('PortRange snapshot and restore', () => {
  it('round-trips through a RangeAllocation', () => {
    const r = new PortRange();
    r.allocate(30000);
    r.allocate(30009);
    const snap = r.snapshot();
    expect(snap).toEqual({ range: '30000-32767', data: 'AgE=' });
    const back = PortRange.fromSnapshot(snap);
    expect(ports(back)).toEqual([30000, 30009]);
    expect(back.free()).toBe(2766);
    expect(() => back.allocate(30009)).toThrow('provided port is already allocated');
  });

  it('accepts the same range in BASE+OFFSET form', () => {
    const r = new PortRange();
    r.restore({ range: '30000+2767', data: 'AQ==' });
    expect(ports(r)).toEqual([30000]);
  });

  it.each([
    {
      name: 'another range',
      snap: { range: '30000-30100', data: '' },
      error: ErrMismatchedNetwork,
      message: 'the provided port range does not match the current port range',
    },
    { name: 'a malformed range', snap: { range: 'x', data: '' }, error: ErrInvalidRange, message: 'strconv.Atoi: parsing "x": invalid syntax' },
  ])('restore rejects $name', ({ snap, error, message }) => {
    const r = new PortRange();
    expect(() => r.restore(snap)).toThrow(error);
    expect(() => r.restore(snap)).toThrow(message);
  });
});

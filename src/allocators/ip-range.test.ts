import { describe, expect, it } from 'vitest';
import { contiguousScan } from './bitmap.js';
import { ErrAllocated, ErrFull, ErrInvalidRange, ErrMismatchedNetwork, ErrNotInRange } from './errors.js';
import { calculateIPRangeOffset, IPRange, type IPRangeOptions } from './ip-range.js';
import { seededRandom } from './random.js';

const zero = () => 0;

function ips(r: IPRange): string[] {
  const out: string[] = [];
  r.forEach((ip) => out.push(ip));
  return out;
}

describe('IPRange geometry', () => {
  const cases = [
    { name: 'default service CIDR', cidr: undefined, canonical: '10.96.0.0/12', max: 1048574, band: 256, first: '10.96.0.1', last: '10.111.255.254' },
    { name: 'a /24', cidr: '192.168.1.0/24', canonical: '192.168.1.0/24', max: 254, band: 16, first: '192.168.1.1', last: '192.168.1.254' },
    { name: 'host bits are masked off', cidr: '10.96.7.9/16', canonical: '10.96.0.0/16', max: 65534, band: 256, first: '10.96.0.1', last: '10.96.255.254' },
    { name: 'a /30 has two usable addresses', cidr: '10.0.0.0/30', canonical: '10.0.0.0/30', max: 2, band: 0, first: '10.0.0.1', last: '10.0.0.2' },
    { name: 'a /32 has none', cidr: '10.0.0.7/32', canonical: '10.0.0.7/32', max: 0, band: 0, first: undefined, last: undefined },
  ];
  it.each(cases)('$name', ({ cidr, canonical, max, band, first, last }) => {
    const r = new IPRange(cidr);
    expect(r.cidr).toBe(canonical);
    expect(r.max).toBe(max);
    expect(r.staticBand).toBe(band);
    expect(r.free()).toBe(max);
    if (first !== undefined && last !== undefined) {
      expect(r.offsetOf(first)).toBe(0);
      expect(r.offsetOf(last)).toBe(max - 1);
      expect(r.ipAt(max - 1)).toBe(last);
    }
  });

  it.each([
    { name: 'no prefix', cidr: '10.96.0.0', message: 'invalid CIDR address: 10.96.0.0' },
    { name: 'prefix too long', cidr: '10.96.0.0/33', message: 'invalid CIDR address: 10.96.0.0/33' },
    { name: 'bad octet', cidr: '10.300.0.0/12', message: 'invalid CIDR address: 10.300.0.0/12' },
    { name: 'IPv6', cidr: 'fd00::/108', message: 'invalid CIDR address: fd00::/108' },
  ])('rejects a malformed CIDR: $name', ({ cidr, message }) => {
    expect(() => new IPRange(cidr)).toThrow(ErrInvalidRange);
    expect(() => new IPRange(cidr)).toThrow(message);
  });
});

describe('calculateIPRangeOffset (min 16, max 256, step 16)', () => {
  it.each([
    { name: '/29', size: 8, want: 0 },
    { name: '/28', size: 16, want: 0 },
    { name: '/27', size: 32, want: 16 },
    { name: '/24', size: 256, want: 16 },
    { name: '/23', size: 512, want: 32 },
    { name: '/21', size: 2048, want: 128 },
    { name: '/20', size: 4096, want: 256 },
    { name: '/12', size: 1 << 20, want: 256 },
  ])('$name', ({ size, want }) => {
    expect(calculateIPRangeOffset(size)).toBe(want);
  });
});

describe('IPRange.allocate', () => {
  interface Case {
    name: string;
    options?: IPRangeOptions;
    pre?: string[];
    ip: string;
    error?: new (...args: never[]) => Error;
    message?: string;
  }
  const cases: Case[] = [
    { name: 'a free address in range', ip: '10.96.0.10' },
    { name: 'the kubernetes Service address', ip: '10.96.0.1' },
    { name: 'the last usable address', ip: '10.111.255.254' },
    { name: 'leading zeros are read as decimal', ip: '10.96.0.010' },
    {
      name: 'a taken address',
      pre: ['10.96.0.10'],
      ip: '10.96.0.10',
      error: ErrAllocated,
      message: 'provided IP is already allocated',
    },
    {
      name: 'the network address',
      ip: '10.96.0.0',
      error: ErrNotInRange,
      message: 'the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    },
    {
      name: 'the broadcast address',
      ip: '10.111.255.255',
      error: ErrNotInRange,
      message: 'the provided IP (10.111.255.255) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    },
    {
      name: 'outside the CIDR (1.33 multi-CIDR allocator)',
      ip: '1.1.1.1',
      error: ErrMismatchedNetwork,
      message: 'the provided network does not match the current range',
    },
    {
      name: 'outside the CIDR (bitmap Range policy)',
      options: { outsideCIDR: 'not-in-range' },
      ip: '10.112.0.1',
      error: ErrNotInRange,
      message: 'the provided IP (10.112.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    },
    {
      name: 'not an IPv4 address',
      ip: 'fd00::1',
      error: ErrNotInRange,
      message: 'the provided IP (fd00::1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    },
  ];
  it.each(cases)('$name', ({ options, pre = [], ip, error, message }) => {
    const r = new IPRange(undefined, options);
    for (const p of pre) r.allocate(p);
    if (error) {
      expect(() => r.allocate(ip)).toThrow(error);
      expect(() => r.allocate(ip)).toThrow(message);
      expect(r.used()).toBe(pre.length);
    } else {
      r.allocate(ip);
      expect(r.has(ip)).toBe(true);
      expect(r.used()).toBe(1);
    }
  });
});

describe('IPRange.allocateNext', () => {
  it.each([
    { name: 'random 0 starts the upper band at 10.96.1.1', cidr: '10.96.0.0/12', count: 3, want: ['10.96.1.1', '10.96.1.2', '10.96.1.3'] },
    { name: 'a /27 uses the upper band (offsets 16..29) before the static band', cidr: '10.0.0.0/27', count: 16, want: [
      '10.0.0.17', '10.0.0.18', '10.0.0.19', '10.0.0.20', '10.0.0.21', '10.0.0.22', '10.0.0.23',
      '10.0.0.24', '10.0.0.25', '10.0.0.26', '10.0.0.27', '10.0.0.28', '10.0.0.29', '10.0.0.30',
      '10.0.0.1', '10.0.0.2',
    ] },
    { name: 'a /28 has no static band', cidr: '10.0.0.0/28', count: 2, want: ['10.0.0.1', '10.0.0.2'] },
  ])('$name', ({ cidr, count, want }) => {
    const r = new IPRange(cidr, { random: zero });
    expect(Array.from({ length: count }, () => r.allocateNext())).toEqual(want);
  });

  it('first allocations of a seeded random all land in the upper band, deterministically', () => {
    const run = () => {
      const r = new IPRange('10.96.0.0/12', { random: seededRandom(42) });
      return Array.from({ length: 50 }, () => r.allocateNext());
    };
    const got = run();
    expect(run()).toEqual(got);
    const r = new IPRange();
    for (const ip of got) expect(r.offsetOf(ip)).toBeGreaterThanOrEqual(256);
    expect(new Set(got).size).toBe(50);
  });

  it('skips addresses users already took', () => {
    const r = new IPRange('10.0.0.0/28', { random: zero });
    r.allocate('10.0.0.1');
    r.allocate('10.0.0.2');
    expect(r.allocateNext()).toBe('10.0.0.3');
  });

  it('throws ErrFull when every address is taken, and nothing changes', () => {
    const r = new IPRange('10.0.0.0/29', { random: seededRandom(1) });
    const got = Array.from({ length: 6 }, () => r.allocateNext()).sort();
    expect(got).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6']);
    expect(() => r.allocateNext()).toThrow(ErrFull);
    expect(() => r.allocateNext()).toThrow('range is full');
    expect(r.free()).toBe(0);
    r.release('10.0.0.4');
    expect(r.allocateNext()).toBe('10.0.0.4');
  });

  it('accepts an injected strategy', () => {
    const r = new IPRange('10.96.0.0/12', { strategy: contiguousScan() });
    expect([r.allocateNext(), r.allocateNext()]).toEqual(['10.96.0.1', '10.96.0.2']);
  });
});

describe('IPRange.release', () => {
  it.each([
    { name: 'an allocated address', pre: ['10.96.0.10', '10.96.0.11'], ip: '10.96.0.10', left: ['10.96.0.11'] },
    { name: 'an unallocated address is a no-op', pre: ['10.96.0.11'], ip: '10.96.0.10', left: ['10.96.0.11'] },
    { name: 'an address outside the CIDR is a no-op', pre: ['10.96.0.11'], ip: '1.1.1.1', left: ['10.96.0.11'] },
    { name: 'the broadcast address is a no-op', pre: ['10.96.0.11'], ip: '10.111.255.255', left: ['10.96.0.11'] },
  ])('$name', ({ pre, ip, left }) => {
    const r = new IPRange();
    for (const p of pre) r.allocate(p);
    r.release(ip);
    expect(ips(r)).toEqual(left);
    expect(r.has(ip)).toBe(false);
  });
});

describe('IPRange snapshot and restore', () => {
  it('round-trips through a RangeAllocation', () => {
    const r = new IPRange();
    r.allocate('10.96.0.1');
    r.allocate('10.96.0.10');
    const snap = r.snapshot();
    // Offsets 0 and 9: big-endian 0x0201, as the apiserver writes it.
    expect(snap).toEqual({ range: '10.96.0.0/12', data: 'AgE=' });
    const back = IPRange.fromSnapshot(snap);
    expect(ips(back)).toEqual(['10.96.0.1', '10.96.0.10']);
    expect(back.used()).toBe(2);
    expect(() => back.allocate('10.96.0.10')).toThrow('provided IP is already allocated');
  });

  it('restore replaces the state', () => {
    const r = new IPRange();
    r.allocate('10.96.0.5');
    r.restore({ range: '10.96.0.0/12', data: 'AQ==' });
    expect(ips(r)).toEqual(['10.96.0.1']);
  });

  it.each([
    { name: 'another CIDR', snap: { range: '10.0.0.0/24', data: '' }, error: ErrMismatchedNetwork, message: 'the provided network does not match the current range' },
    { name: 'a malformed CIDR', snap: { range: 'nope', data: '' }, error: ErrInvalidRange, message: 'invalid CIDR address: nope' },
    { name: 'bad data', snap: { range: '10.96.0.0/12', data: '%%' }, error: ErrInvalidRange, message: 'invalid snapshot data: not base64' },
  ])('restore rejects $name', ({ snap, error, message }) => {
    const r = new IPRange();
    expect(() => r.restore(snap)).toThrow(error);
    expect(() => r.restore(snap)).toThrow(message);
  });

  it('accepts the same CIDR written sloppily', () => {
    const r = new IPRange();
    r.restore({ range: '10.96.1.0/12', data: 'AQ==' });
    expect(ips(r)).toEqual(['10.96.0.1']);
  });
});

describe('IPRange.dryRun', () => {
  it('checks the range only and never changes state', () => {
    const r = new IPRange();
    r.allocate('10.96.0.10');
    const dry = r.dryRun();
    expect(() => dry.allocate('10.96.0.10')).not.toThrow();
    expect(() => dry.allocate('10.96.0.0')).toThrow(
      'the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
    expect(dry.allocateNext()).toBe('10.96.0.0');
    dry.release('10.96.0.10');
    expect(dry.has('10.96.0.10')).toBe(true);
    expect(r.used()).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { ErrAllocated, ErrFull, ErrInvalidRange, ErrMismatchedNetwork, ErrNotInRange } from './errors.js';
import { LoadBalancerPool, MAX_POOL_SIZE, parsePool } from './lb-pool.js';

function ips(p: LoadBalancerPool): string[] {
  const out: string[] = [];
  p.forEach((ip) => out.push(ip));
  return out;
}

describe('parsePool', () => {
  it.each([
    { name: 'a CIDR includes every address', spec: '192.168.49.240/28', text: '192.168.49.240/28', size: 16 },
    { name: 'a CIDR with host bits is masked', spec: '192.168.49.245/28', text: '192.168.49.240/28', size: 16 },
    { name: 'FIRST-LAST inclusive', spec: '172.18.255.200-172.18.255.250', text: '172.18.255.200-172.18.255.250', size: 51 },
    { name: 'FIRST-LAST with spaces', spec: ' 10.0.0.1 - 10.0.0.1 ', text: '10.0.0.1-10.0.0.1', size: 1 },
    { name: 'empty', spec: '', text: '', size: 0 },
    { name: 'none', spec: 'none', text: '', size: 0 },
  ])('$name', ({ spec, text, size }) => {
    expect(parsePool(spec)).toMatchObject({ text, size });
  });

  it.each([
    { name: 'garbage', spec: 'pool', message: 'invalid load balancer pool "pool": expected a CIDR or FIRST-LAST' },
    { name: 'bad CIDR', spec: '10.0.0.0/40', message: 'invalid load balancer pool "10.0.0.0/40": expected a CIDR or FIRST-LAST' },
    { name: 'reversed', spec: '10.0.0.9-10.0.0.1', message: 'invalid load balancer pool "10.0.0.9-10.0.0.1": last address is before the first' },
    { name: 'too large', spec: '10.0.0.0/8', message: `invalid load balancer pool "10.0.0.0/8": more than ${MAX_POOL_SIZE} addresses` },
  ])('rejects $name', ({ spec, message }) => {
    expect(() => new LoadBalancerPool(spec)).toThrow(ErrInvalidRange);
    expect(() => new LoadBalancerPool(spec)).toThrow(message);
  });
});

describe('LoadBalancerPool.allocateNext', () => {
  it.each([
    { name: 'lowest first from a range', pool: '172.18.255.200-172.18.255.202', pre: [], count: 3, want: ['172.18.255.200', '172.18.255.201', '172.18.255.202'] },
    { name: 'lowest first from a CIDR, network address included', pool: '192.168.49.240/30', pre: [], count: 2, want: ['192.168.49.240', '192.168.49.241'] },
    { name: 'fills gaps left by users', pool: '10.0.0.1-10.0.0.5', pre: ['10.0.0.1', '10.0.0.3'], count: 2, want: ['10.0.0.2', '10.0.0.4'] },
  ])('$name', ({ pool, pre, count, want }) => {
    const p = new LoadBalancerPool(pool);
    for (const ip of pre) p.allocate(ip);
    expect(Array.from({ length: count }, () => p.allocateNext())).toEqual(want);
  });

  it.each([
    { name: 'an exhausted pool', pool: '10.0.0.1-10.0.0.1', pre: ['10.0.0.1'] },
    { name: 'no pool at all (Services stay <pending>)', pool: '', pre: [] },
  ])('throws ErrFull for $name', ({ pool, pre }) => {
    const p = new LoadBalancerPool(pool);
    for (const ip of pre) p.allocate(ip);
    expect(() => p.allocateNext()).toThrow(ErrFull);
    expect(() => p.allocateNext()).toThrow('range is full');
  });

  it('reuses a released address first', () => {
    const p = new LoadBalancerPool('10.0.0.1-10.0.0.3');
    p.allocateNext();
    p.allocateNext();
    p.release('10.0.0.1');
    expect(p.allocateNext()).toBe('10.0.0.1');
  });
});

describe('LoadBalancerPool.allocate', () => {
  it.each([
    { name: 'a free address', pool: '10.0.0.1-10.0.0.3', pre: [], ip: '10.0.0.2', error: undefined, message: undefined },
    { name: 'a taken address', pool: '10.0.0.1-10.0.0.3', pre: ['10.0.0.2'], ip: '10.0.0.2', error: ErrAllocated, message: 'provided IP is already allocated' },
    {
      name: 'outside the pool',
      pool: '10.0.0.1-10.0.0.3',
      pre: [],
      ip: '10.0.0.4',
      error: ErrNotInRange,
      message: 'the provided IP (10.0.0.4) is not in the load balancer pool 10.0.0.1-10.0.0.3',
    },
    {
      name: 'any address with no pool',
      pool: '',
      pre: [],
      ip: '10.0.0.4',
      error: ErrNotInRange,
      message: 'the provided IP (10.0.0.4) is not in the load balancer pool (empty)',
    },
  ])('$name', ({ pool, pre, ip, error, message }) => {
    const p = new LoadBalancerPool(pool);
    for (const x of pre) p.allocate(x);
    if (error) {
      expect(() => p.allocate(ip)).toThrow(error);
      expect(() => p.allocate(ip)).toThrow(message);
    } else {
      p.allocate(ip);
      expect(p.has(ip)).toBe(true);
    }
    expect(p.used()).toBe(pre.length + (error ? 0 : 1));
  });

  it('release of a foreign or free address is a no-op', () => {
    const p = new LoadBalancerPool('10.0.0.1-10.0.0.3');
    p.allocate('10.0.0.2');
    p.release('10.0.0.9');
    p.release('10.0.0.1');
    expect(ips(p)).toEqual(['10.0.0.2']);
    expect(p.free()).toBe(2);
  });
});

describe('LoadBalancerPool snapshot and restore', () => {
  it('round-trips', () => {
    const p = new LoadBalancerPool('192.168.49.240/28');
    p.allocateNext();
    p.allocate('192.168.49.249');
    const snap = p.snapshot();
    expect(snap).toEqual({ range: '192.168.49.240/28', data: 'AgE=' });
    const back = LoadBalancerPool.fromSnapshot(snap);
    expect(ips(back)).toEqual(['192.168.49.240', '192.168.49.249']);
    expect(back.allocateNext()).toBe('192.168.49.241');
  });

  it('an empty pool snapshots to empty strings', () => {
    const p = new LoadBalancerPool('none');
    expect(p.isEmpty()).toBe(true);
    expect(p.snapshot()).toEqual({ range: '', data: '' });
    expect(LoadBalancerPool.fromSnapshot({ range: '', data: '' }).isEmpty()).toBe(true);
  });

  it('rejects a snapshot of another pool', () => {
    const p = new LoadBalancerPool('10.0.0.1-10.0.0.3');
    const snap = { range: '10.0.0.1-10.0.0.4', data: '' };
    expect(() => p.restore(snap)).toThrow(ErrMismatchedNetwork);
    expect(() => p.restore(snap)).toThrow('the provided pool does not match the current pool');
  });
});

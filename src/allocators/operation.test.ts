import { describe, expect, it } from 'vitest';
import { ErrAllocated, ErrFull } from './errors.js';
import { IP_ALLOCATED_MESSAGE, IPRange } from './ip-range.js';
import { AllocationOperation } from './operation.js';
import { PortRange } from './port-range.js';

const zero = () => 0;

function ports(r: PortRange): number[] {
  const out: number[] = [];
  r.forEach((p) => out.push(p));
  return out;
}

// Each case starts from a range holding 30001 and 30002, runs steps on an operation, then ends it.
describe('AllocationOperation over ports', () => {
  interface Case {
    name: string;
    dryRun?: boolean;
    steps: (op: AllocationOperation<number>) => void;
    end: 'commit' | 'finish' | 'commit+finish' | 'rollback';
    want: number[];
    allocated: number[];
  }
  const cases: Case[] = [
    {
      name: 'commit keeps allocations and performs deferred releases',
      steps: (op) => {
        op.allocate(30010);
        op.releaseDeferred(30001);
      },
      end: 'commit',
      want: [30002, 30010],
      allocated: [30010],
    },
    {
      name: 'finish without commit rolls back allocations and keeps deferred releases',
      steps: (op) => {
        op.allocate(30010);
        op.allocateNext();
        op.releaseDeferred(30001);
      },
      end: 'finish',
      want: [30001, 30002],
      allocated: [30010, 30086],
    },
    {
      name: 'finish after commit does nothing more',
      steps: (op) => op.allocate(30010),
      end: 'commit+finish',
      want: [30001, 30002, 30010],
      allocated: [30010],
    },
    {
      name: 'a failed allocate is not recorded, so rollback leaves the owner its port',
      steps: (op) => {
        expect(() => op.allocate(30001)).toThrow('provided port is already allocated');
        expect(() => op.allocate(80)).toThrow(
          'provided port is not in the valid range. The range of valid ports is 30000-32767',
        );
      },
      end: 'rollback',
      want: [30001, 30002],
      allocated: [],
    },
    {
      name: 'dry run never touches the range',
      dryRun: true,
      steps: (op) => {
        op.allocate(30010);
        op.releaseDeferred(30001);
      },
      end: 'commit',
      want: [30001, 30002],
      allocated: [30010],
    },
    {
      name: 'dry run refuses a port taken in the range or earlier in the operation',
      dryRun: true,
      steps: (op) => {
        expect(() => op.allocate(30002)).toThrow(ErrAllocated);
        op.allocate(30010);
        expect(() => op.allocate(30010)).toThrow('provided port is already allocated');
      },
      end: 'finish',
      want: [30001, 30002],
      allocated: [30010],
    },
    {
      name: 'dry run allocateNext previews distinct free ports',
      dryRun: true,
      steps: (op) => {
        expect(op.allocateNext()).toBe(30086);
        expect(op.allocateNext()).toBe(30087);
      },
      end: 'finish',
      want: [30001, 30002],
      allocated: [30086, 30087],
    },
  ];
  it.each(cases)('$name', ({ dryRun, steps, end, want, allocated }) => {
    const r = new PortRange(undefined, { random: zero });
    r.allocate(30001);
    r.allocate(30002);
    const op = new AllocationOperation(r, { dryRun });
    steps(op);
    if (end === 'commit' || end === 'commit+finish') expect(op.commit()).toEqual([]);
    if (end === 'finish' || end === 'commit+finish') op.finish();
    if (end === 'rollback') expect(op.rollback()).toEqual([]);
    expect(ports(r)).toEqual(want);
    expect(op.allocated).toEqual(allocated);
  });

  it('collects release errors instead of stopping', () => {
    const failing = {
      allocate: () => {},
      allocateNext: () => 1,
      release: (v: number) => {
        if (v === 1) throw new Error('boom');
      },
      has: () => false,
    };
    const op = new AllocationOperation<number>(failing);
    op.allocate(1);
    op.allocate(2);
    expect(op.rollback().map((e) => e.message)).toEqual(['boom']);
  });

  it('dry run allocateNext on a full range throws ErrFull and leaves it full', () => {
    const r = new PortRange('30000-30001');
    r.allocate(30000);
    r.allocate(30001);
    const op = new AllocationOperation(r, { dryRun: true });
    expect(() => op.allocateNext()).toThrow(ErrFull);
    expect(ports(r)).toEqual([30000, 30001]);
  });
});

describe('AllocationOperation over IPs', () => {
  it('an update that swaps ClusterIPs: allocate new, release old on commit', () => {
    const r = new IPRange();
    r.allocate('10.96.0.10');
    const op = new AllocationOperation(r);
    op.allocate('10.96.0.20');
    op.releaseDeferred('10.96.0.10');
    op.commit();
    op.finish();
    expect(r.has('10.96.0.10')).toBe(false);
    expect(r.has('10.96.0.20')).toBe(true);
  });

  it('a failed write rolls back the new ClusterIP', () => {
    const r = new IPRange(undefined, { random: zero });
    const op = new AllocationOperation(r);
    expect(op.allocateNext()).toBe('10.96.1.1');
    op.finish();
    expect(r.used()).toBe(0);
  });

  it('dry run uses the IP wording when told to', () => {
    const r = new IPRange();
    r.allocate('10.96.0.10');
    const op = new AllocationOperation(r, { dryRun: true, allocatedMessage: IP_ALLOCATED_MESSAGE });
    expect(() => op.allocate('10.96.0.10')).toThrow('provided IP is already allocated');
  });
});

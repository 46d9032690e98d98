// A tentative allocation, as kube-apiserver's PortAllocationOperation, for ports and IPs alike.
// It is better to leak a value than to hand it out twice, so allocations happen at once and are
// undone on rollback, while releases are deferred until commit (after the owner is written).
import { ErrAllocated } from './errors.js';

/** What an operation needs from a range; IPRange, PortRange and LoadBalancerPool implement it. */
export interface Allocator<T> {
  allocate(value: T): void;
  allocateNext(): T;
  release(value: T): void;
  has(value: T): boolean;
}

export interface OperationOptions {
  /**
   * Never change the allocator: allocate() fails only on values already taken (in the allocator or
   * earlier in this operation, as k8s's dry run), allocateNext() previews a value.
   */
  dryRun?: boolean;
  /** Message of the ErrAllocated a dry run throws; the IP text is the default's alternative. */
  allocatedMessage?: string;
}

/**
 * Records what a create/update allocated and what it will release.
 *
 *   const op = new AllocationOperation(ports);
 *   try { op.allocate(30080); ...; write(service); op.commit(); } finally { op.finish(); }
 */
export class AllocationOperation<T> {
  private readonly allocator: Allocator<T>;
  private readonly dryRun: boolean;
  private readonly allocatedMessage: string;
  private readonly allocatedValues: T[] = [];
  private readonly toRelease: T[] = [];
  private shouldRollback = true;

  constructor(allocator: Allocator<T>, options: OperationOptions = {}) {
    this.allocator = allocator;
    this.dryRun = options.dryRun ?? false;
    this.allocatedMessage = options.allocatedMessage ?? 'provided port is already allocated';
  }

  /** Values allocated by this operation so far, in order. */
  get allocated(): readonly T[] {
    return this.allocatedValues;
  }

  /** Values that commit() will release. */
  get deferred(): readonly T[] {
    return this.toRelease;
  }

  /** Allocates `value` and records it for rollback. Rethrows the allocator's error (nothing recorded). */
  allocate(value: T): void {
    if (this.dryRun) {
      if (this.allocator.has(value) || this.allocatedValues.includes(value)) {
        throw new ErrAllocated(this.allocatedMessage);
      }
    } else {
      this.allocator.allocate(value);
    }
    this.allocatedValues.push(value);
  }

  /**
   * Allocates the allocator's next value and records it. In a dry run the value is taken and given
   * back at once, so the preview is a realistic free value that this operation has not yet used.
   */
  allocateNext(): T {
    if (!this.dryRun) {
      const value = this.allocator.allocateNext();
      this.allocatedValues.push(value);
      return value;
    }
    const tried: T[] = [];
    try {
      for (;;) {
        const value = this.allocator.allocateNext(); // ErrFull ends the search
        tried.push(value);
        if (!this.allocatedValues.includes(value)) {
          this.allocatedValues.push(value);
          return value;
        }
      }
    } finally {
      for (const v of tried) this.allocator.release(v);
    }
  }

  /** Marks `value` to be released when the operation commits. */
  releaseDeferred(value: T): void {
    this.toRelease.push(value);
  }

  /** Releases every value this operation allocated (nothing in a dry run). Errors are collected. */
  rollback(): Error[] {
    if (this.dryRun) return [];
    return this.each(this.allocatedValues, (v) => this.allocator.release(v));
  }

  /**
   * Performs the deferred releases (nothing in a dry run). Call after the owner is written; even
   * when a release fails there is no rollback, since over-allocation is the safe side.
   */
  commit(): Error[] {
    this.shouldRollback = false;
    if (this.dryRun) return [];
    return this.each(this.toRelease, (v) => this.allocator.release(v));
  }

  /** Rolls back unless commit() ran; call from `finally`. */
  finish(): void {
    if (this.shouldRollback) this.rollback();
  }

  private each(values: readonly T[], fn: (v: T) => void): Error[] {
    const errors: Error[] = [];
    for (const v of values) {
      try {
        fn(v);
      } catch (e) {
        errors.push(e instanceof Error ? e : new Error(String(e)));
      }
    }
    return errors;
  }
}

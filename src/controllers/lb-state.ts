// The LoadBalancer address pool's allocations kept in the store (/registry/ranges/svcctl-lbpool),
// so one Service's load-balancer status is decided without listing every Service.
import { LoadBalancerPool } from '../allocators/lb-pool.js';
import type { RangeAllocation } from '../allocators/bitmap.js';
import type { KubeObject, Service } from '../api/types.js';
import type { StoreTxn } from '../store/store.js';

export const LB_POOL_RANGE_KEY = '/registry/ranges/svcctl-lbpool';

interface RangeObject extends KubeObject, RangeAllocation {}

const isLB = (s: Service): boolean => s.spec.type === 'LoadBalancer' && !s.spec.loadBalancerClass;
const ingressIPs = (s: Service): string[] =>
  (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip).filter((ip): ip is string => !!ip);

/** Which pool addresses LoadBalancer Services hold. */
export class LoadBalancerState {
  private dirty = false;

  private constructor(
    private readonly pool: LoadBalancerPool,
    private stored: boolean,
  ) {}

  /**
   * The stored allocations of pool `spec`. When none are stored, or they belong to another pool,
   * they are rebuilt from the Services (listing them all once).
   */
  static async load(tx: StoreTxn, spec: string): Promise<LoadBalancerState> {
    const pool = new LoadBalancerPool(spec);
    const snap = (await tx.get(LB_POOL_RANGE_KEY)) as RangeObject | undefined;
    if (snap && snap.range === pool.pool) {
      pool.restore(snap);
      return new LoadBalancerState(pool, true);
    }
    return LoadBalancerState.fromServices((await tx.list('/registry/services/specs/')) as Service[], spec);
  }

  /** Allocations computed from `services` alone: every pool address a LoadBalancer's status shows. */
  static fromServices(services: readonly Service[], spec: string): LoadBalancerState {
    const pool = new LoadBalancerPool(spec);
    for (const s of services) {
      if (!isLB(s)) continue;
      for (const ip of ingressIPs(s)) if (pool.contains(ip) && !pool.has(ip)) pool.allocate(ip);
    }
    return new LoadBalancerState(pool, false);
  }

  /**
   * Frees what `old` held when `cur` (undefined: deleted) holds it no longer: the Service went
   * away or stopped being a LoadBalancer.
   */
  forget(old: Service, cur: Service | undefined): void {
    if (!isLB(old)) return;
    const keep = cur && isLB(cur) ? new Set(ingressIPs(cur)) : new Set<string>();
    for (const ip of ingressIPs(old)) {
      if (!keep.has(ip) && this.pool.has(ip)) {
        this.pool.release(ip);
        this.dirty = true;
      }
    }
  }

  /**
   * The Service with its new load-balancer status, or undefined when it is right already, as
   * reconcileLoadBalancers decides it: a LoadBalancer keeps pool addresses it holds (and the
   * requested loadBalancerIP), else gets loadBalancerIP or the lowest free address, or `{}`
   * (<pending>) when there is none. Addresses it shows are counted as its own.
   */
  sync(s: Service): Service | undefined {
    if (!isLB(s)) return undefined;
    const have = ingressIPs(s);
    const wanted = s.spec.loadBalancerIP;
    const keeps = have.length > 0 && have.every((ip) => this.pool.contains(ip)) && (!wanted || have.includes(wanted));
    if (keeps) {
      for (const ip of have) this.take(ip);
      return undefined;
    }
    for (const ip of have) {
      if (this.pool.has(ip)) {
        this.pool.release(ip);
        this.dirty = true;
      }
    }
    let ip: string | undefined;
    try {
      if (wanted) {
        this.pool.allocate(wanted);
        ip = wanted;
      } else {
        ip = this.pool.allocateNext();
      }
      this.dirty = true;
    } catch {
      ip = undefined; // no pool, pool full, or the wanted address is taken: <pending>
    }
    const next = structuredClone(s);
    next.status = { ...(next.status ?? {}), loadBalancer: ip ? { ingress: [{ ip, ipMode: 'VIP' }] } : {} };
    return JSON.stringify(next.status) === JSON.stringify(s.status) ? undefined : next;
  }

  /** Whether `ip` is allocated. */
  has(ip: string): boolean {
    return this.pool.has(ip);
  }

  private take(ip: string): void {
    if (!this.pool.has(ip)) {
      this.pool.allocate(ip);
      this.dirty = true;
    }
  }

  /** Writes the allocations when they changed or were not stored. */
  async save(tx: StoreTxn): Promise<void> {
    if (!this.dirty && this.stored) return;
    const snap = this.pool.snapshot();
    const old = (await tx.get(LB_POOL_RANGE_KEY)) as RangeObject | undefined;
    if (!old || old.range !== snap.range || old.data !== snap.data) {
      await tx.put(LB_POOL_RANGE_KEY, { apiVersion: 'v1', kind: 'RangeAllocation', metadata: { name: 'svcctl-lbpool' }, ...snap } as RangeObject);
    }
    this.dirty = false;
    this.stored = true;
  }
}

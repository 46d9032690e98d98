// The simulated cloud load balancer (as MetalLB on bare metal): a LoadBalancer Service gets an
// ingress IP from the cluster's pool, `spec.loadBalancerIP` honoured when free. With no pool, or
// the pool exhausted, the Service keeps an empty status and prints <pending>.
import { LoadBalancerPool } from '../allocators/lb-pool.js';
import type { Service } from '../api/types.js';

const isLB = (s: Service) => s.spec.type === 'LoadBalancer' && !s.spec.loadBalancerClass;
const ingressIPs = (s: Service) => (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip).filter((ip): ip is string => !!ip);

/**
 * Services whose load-balancer status must change: new LoadBalancers get an address, ones whose
 * address no longer fits (not a LoadBalancer any more, or loadBalancerIP changed) are updated.
 * Addresses held by other Services are never handed out again. Pure: returns updated copies.
 */
export function reconcileLoadBalancers(services: Service[], poolSpec: string): Service[] {
  const pool = new LoadBalancerPool(poolSpec);
  const holders = new Map<string, Service>();
  // Addresses already in use stay with their Services (first one wins on a clash).
  for (const s of services) {
    if (!isLB(s)) continue;
    for (const ip of ingressIPs(s)) {
      if (pool.contains(ip) && !pool.has(ip)) {
        pool.allocate(ip);
        holders.set(ip, s);
      }
    }
  }
  const updates: Service[] = [];
  for (const s of services) {
    const have = ingressIPs(s);
    if (!isLB(s)) continue;
    const wanted = s.spec.loadBalancerIP;
    const keeps = have.length > 0 && have.every((ip) => holders.get(ip) === s) && (!wanted || have.includes(wanted));
    if (keeps) continue;
    for (const ip of have) if (holders.get(ip) === s) pool.release(ip);
    let ip: string | undefined;
    try {
      if (wanted) {
        pool.allocate(wanted);
        ip = wanted;
      } else {
        ip = pool.allocateNext();
      }
    } catch {
      ip = undefined; // no pool, pool full, or the wanted address is taken: <pending>
    }
    const next = structuredClone(s);
    next.status = { ...(next.status ?? {}), loadBalancer: ip ? { ingress: [{ ip, ipMode: 'VIP' }] } : {} };
    if (JSON.stringify(next.status) !== JSON.stringify(s.status)) updates.push(next);
    if (ip) holders.set(ip, s);
  }
  return updates;
}

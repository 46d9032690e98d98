// Builders shared by the reconciler tests.
import type { Pod, Service } from '../api/types.js';

export function svc(over: Partial<Service['spec']> = {}, labels?: Record<string, string>): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', uid: 'svc-uid', ...(labels ? { labels } : {}) },
    spec: { selector: { app: 'web' }, clusterIP: '10.96.0.10', ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }], ...over },
  };
}

export function pod(name: string, ip: string | undefined, opts: { ready?: boolean; node?: string; labels?: Record<string, string>; ports?: { name: string; containerPort: number }[]; deleting?: boolean; hostname?: string; subdomain?: string } = {}): Pod {
  const ready = opts.ready ?? true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `${name}-uid`,
      labels: opts.labels ?? { app: 'web' },
      ...(opts.deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}),
    },
    spec: {
      nodeName: opts.node ?? 'node-1',
      containers: [{ name: 'c', ports: opts.ports }],
      ...(opts.hostname ? { hostname: opts.hostname } : {}),
      ...(opts.subdomain ? { subdomain: opts.subdomain } : {}),
    },
    status: ip
      ? { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] }
      : { phase: 'Pending' },
  };
}

// Service rows: printers.go printService, getServiceExternalIP, makePortString, loadBalancerStatusStringer.
import type { Service, ServicePort } from '../../api/types.js';
import { translateTimestampSince } from '../age.js';
import { byteCompare, col, formatLabels, type KindPrinter } from './common.js';

/** Clipping width of non-wide LB addresses (only reachable when rows are generated non-wide). */
const loadBalancerWidth = 16;

/**
 * The LB ingress addresses (ip, else hostname), de-duplicated and sorted, comma-joined; clipped to
 * 16 bytes with `...` when !wide. The apiserver always generates wide rows, so get never clips.
 */
export function loadBalancerStatusString(svc: Service, wide: boolean): string {
  const set = new Set<string>();
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    if (ing.ip) set.add(ing.ip);
    else if (ing.hostname) set.add(ing.hostname);
  }
  let r = [...set].sort(byteCompare).join(',');
  if (!wide && r.length > loadBalancerWidth) r = `${r.slice(0, loadBalancerWidth - 3)}...`;
  return r;
}

/** The EXTERNAL-IP cell: externalIPs, LB ingress (`<pending>` without), the ExternalName, or `<none>`. */
export function serviceExternalIP(svc: Service, wide = true): string {
  const externalIPs = svc.spec.externalIPs ?? [];
  switch (svc.spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatusString(svc, wide);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** makePortString: `80/TCP`, or `80:31790/TCP` with a node port; comma-joined. */
export function servicePortString(ports: ServicePort[] | undefined): string {
  return (ports ?? [])
    .map((p) => {
      const proto = p.protocol ?? '';
      return p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${proto}` : `${p.port}/${proto}`;
    })
    .join(',');
}

export const servicePrinter: KindPrinter<Service> = {
  columns: [
    col('Name'),
    col('Type'),
    col('Cluster-IP'),
    col('External-IP'),
    col('Port(s)'),
    col('Age'),
    col('Selector', 1),
  ],
  row(svc, now) {
    const clusterIPs = svc.spec.clusterIPs ?? [];
    // Only the first of clusterIPs is shown (dual-stack services show their primary family).
    const internalIP = clusterIPs.length > 0 ? clusterIPs[0] : '<none>';
    return [
      svc.metadata.name ?? '',
      svc.spec.type ?? '',
      internalIP,
      serviceExternalIP(svc, true),
      servicePortString(svc.spec.ports) || '<none>',
      translateTimestampSince(svc.metadata.creationTimestamp, now),
      formatLabels(svc.spec.selector),
    ];
  },
};

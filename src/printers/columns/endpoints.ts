// Endpoints and EndpointSlice rows: printers.go printEndpoints/formatEndpoints and
// printEndpointSlice/formatDiscoveryPorts/formatDiscoveryEndpoints.
import type { EndpointPort, Endpoints, EndpointSlice, SliceEndpoint } from '../../api/types.js';
import { translateTimestampSince } from '../age.js';
import { col, joinHostPort, listWithMore, type KindPrinter } from './common.js';

/**
 * formatEndpoints: per subset, per port, per address `ip:port` (addresses alone for a subset
 * without ports); at most 3 shown, then ` + N more...` where N counts every pair; `<none>`
 * without subsets. Only ready `addresses` count, never notReadyAddresses.
 */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

/** formatDiscoveryPorts: port numbers (name when no number, `*` when neither), max 3, `<unset>` when none. */
export function formatDiscoveryPorts(ports: Partial<EndpointPort>[] | undefined | null): string {
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const p of ports ?? []) {
    if (list.length < max) {
      list.push(p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*'));
    } else if (list.length === max) {
      more = true;
    }
    count++;
  }
  return listWithMore(list, more, count, max);
}

/** formatDiscoveryEndpoints: every address of every endpoint (no ports, no brackets), max 3, `<unset>` when none. */
export function formatDiscoveryEndpoints(endpoints: SliceEndpoint[] | undefined | null): string {
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const e of endpoints ?? []) {
    for (const a of e.addresses ?? []) {
      if (list.length < max) list.push(a);
      else if (list.length === max) more = true;
      count++;
    }
  }
  return listWithMore(list, more, count, max);
}

export const endpointsPrinter: KindPrinter<Endpoints> = {
  columns: [col('Name'), col('Endpoints'), col('Age')],
  row(ep, now) {
    return [ep.metadata.name ?? '', formatEndpoints(ep), translateTimestampSince(ep.metadata.creationTimestamp, now)];
  },
};

export const endpointSlicePrinter: KindPrinter<EndpointSlice> = {
  columns: [col('Name'), col('AddressType'), col('Ports'), col('Endpoints'), col('Age')],
  row(es, now) {
    return [
      es.metadata.name ?? '',
      es.addressType ?? '',
      formatDiscoveryPorts(es.ports),
      formatDiscoveryEndpoints(es.endpoints),
      translateTimestampSince(es.metadata.creationTimestamp, now),
    ];
  },
};

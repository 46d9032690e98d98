// Ingress, IngressClass and NetworkPolicy rows: printers.go printIngress, printIngressClass and
// printNetworkPolicy.
import type { KubeObject, LabelSelector } from '../../api/types.js';
import { translateTimestampSince } from '../age.js';
import { arr, byteCompare, col, formatLabelSelector, rec, str, type KindPrinter } from './common.js';

const name = (o: KubeObject): string => o.metadata.name ?? '';
const age = (o: KubeObject, now: Date): string => translateTimestampSince(o.metadata.creationTimestamp, now);

/**
 * formatHosts: the first three non-empty rule hosts, `*` when there are none; past three rules it
 * appends ` + N more...` where N counts every rule after the third (hosts or not), as Go does.
 */
export function formatIngressHosts(rules: unknown): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  const all = arr(rules).map(rec);
  for (const rule of all) {
    if (list.length === max) more = true;
    const host = str(rule.host);
    if (!more && host !== '') list.push(host);
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${all.length - max} more...` : ret;
}

/**
 * ingressLoadBalancerStatusStringer with wide=true (the apiserver always generates wide rows):
 * each ingress point's IP, else its hostname, de-duplicated and sorted, comma-joined.
 */
export function ingressAddress(status: unknown): string {
  const set = new Set<string>();
  for (const ing of arr(rec(rec(status).loadBalancer).ingress).map(rec)) {
    const ip = str(ing.ip);
    const host = str(ing.hostname);
    if (ip !== '') set.add(ip);
    else if (host !== '') set.add(host);
  }
  return [...set].sort(byteCompare).join(',');
}

export const ingressPrinter: KindPrinter = {
  columns: [col('Name'), col('Class'), col('Hosts'), col('Address'), col('Ports'), col('Age')],
  row(o, now) {
    const spec = rec(o.spec);
    const className = typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>';
    // formatPorts: any TLS entry means the ingress also serves 443.
    const ports = arr(spec.tls).length > 0 ? '80, 443' : '80';
    return [name(o), className, formatIngressHosts(spec.rules), ingressAddress(o.status), ports, age(o, now)];
  },
};

/** printIngressClass's PARAMETERS: `Kind[.apiGroup]/name`, `<none>` without parameters. */
export function ingressClassParameters(parameters: unknown): string {
  if (!parameters || typeof parameters !== 'object') return '<none>';
  const p = rec(parameters);
  // apiGroup is a pointer: present-but-empty still adds the dot.
  const group = typeof p.apiGroup === 'string' ? `.${p.apiGroup}` : '';
  return `${str(p.kind)}${group}/${str(p.name)}`;
}

export const ingressClassPrinter: KindPrinter = {
  columns: [col('Name'), col('Controller'), col('Parameters'), col('Age')],
  row(o, now) {
    const spec = rec(o.spec);
    return [name(o), str(spec.controller), ingressClassParameters(spec.parameters), age(o, now)];
  },
};

export const networkPolicyPrinter: KindPrinter = {
  columns: [col('Name'), col('Pod-Selector'), col('Age')],
  // podSelector is a struct, never nil: an absent one formats like an empty one.
  row: (o, now) => [name(o), formatLabelSelector(rec(rec(o.spec).podSelector) as LabelSelector), age(o, now)],
};

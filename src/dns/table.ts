// `svcctl get dns`: every name the cluster DNS serves, one row per record. The names are those
// CoreDNS's zone transfer walks (plugin/kubernetes/xfr.go) plus pod and reverse names; the data
// comes from answerQuery, so the table never disagrees with `svcctl resolve`.
import { answerQuery, endpointHostname, reverseName } from './answer.js';
import { tabwrite } from '../printers/tabwriter.js';
import { DNS_TTL, serviceKey, type DnsServiceView, type DnsView } from './view.js';

export interface DnsRow {
  namespace: string;
  name: string;
  type: string;
  data: string;
}

export interface DnsTableOptions {
  /** Only this namespace (ignored with `all`). Default: `default`. */
  namespace?: string;
  all?: boolean;
}

function byName<T extends { namespace: string; name: string }>(a: T, b: T): number {
  return a.namespace === b.namespace ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.namespace < b.namespace ? -1 : 1;
}

/** The (name, type) questions one Service's records answer. */
function serviceQuestions(view: DnsView, svc: DnsServiceView): [string, string][] {
  const base = `${svc.name}.${svc.namespace}.svc.${view.zone}.`;
  if (svc.type === 'ExternalName') return [[base, 'CNAME']];
  const out: [string, string][] = [[base, 'A']];
  const sets = view.endpoints.get(serviceKey(svc.name, svc.namespace)) ?? [];
  const ports = svc.headless ? sets.flatMap((s) => s.ports) : svc.ports;
  // As per the spec, unnamed ports have no SRV record.
  for (const p of ports) if (p.name !== '' && p.port !== -1) out.push([`_${p.name}._${p.protocol.toLowerCase()}.${base}`, 'SRV']);
  for (const set of sets) for (const a of set.addresses) out.push([`${endpointHostname(a)}.${base}`, 'A']);
  for (const ip of svc.clusterIPs) if (ip !== 'None' && ip !== '') out.push([reverseName(ip), 'PTR']);
  for (const set of sets) for (const a of set.addresses) out.push([reverseName(a.ip), 'PTR']);
  return out;
}

/**
 * Rows for `svcctl get dns`: per Service (sorted by namespace, name) its A or CNAME, SRV per named
 * port, endpoint names, and PTRs; then `a-b-c-d.<ns>.pod.<zone>` per pod with an IP. Names that
 * answer nothing (e.g. a headless Service without ready endpoints) are left out; duplicate rows
 * are dropped. Namespaces that do not exist serve nothing, so they have no rows.
 */
export function dnsTable(view: DnsView, opts: DnsTableOptions = {}): DnsRow[] {
  const want = (ns: string) => view.namespaces.has(ns) && (opts.all || ns === (opts.namespace ?? 'default'));
  const rows: DnsRow[] = [];
  const seen = new Set<string>();
  const add = (namespace: string, name: string, type: string) => {
    // Sorted by data: several PTRs for one endpoint IP otherwise come in EndpointSlice order,
    // which follows the slices' random name suffixes, and the table must not change between runs.
    const answers = answerQuery(view, name, type).answers.filter((rr) => rr.type === type);
    answers.sort((a, b) => (a.data < b.data ? -1 : a.data > b.data ? 1 : 0));
    for (const rr of answers) {
      const key = `${namespace}|${rr.name}|${rr.type}|${rr.data}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({ namespace, name: rr.name, type: rr.type, data: rr.data });
    }
  };
  const services = [...view.services.values()].filter((s) => want(s.namespace)).sort(byName);
  const pods = view.pods.filter((p) => want(p.namespace)).sort(byName);
  const namespaces = [...new Set([...services, ...pods].map((x) => x.namespace))].sort();
  for (const ns of namespaces) {
    for (const svc of services.filter((s) => s.namespace === ns)) {
      for (const [name, type] of serviceQuestions(view, svc)) add(ns, name, type);
    }
    for (const pod of pods.filter((p) => p.namespace === ns)) {
      const dashed = pod.ip.includes('.') ? pod.ip.replaceAll('.', '-') : pod.ip.replaceAll(':', '-');
      add(ns, `${dashed}.${ns}.pod.${view.zone}.`, pod.ip.includes('.') ? 'A' : 'AAAA');
    }
  }
  return rows;
}

/**
 * The rows as kubectl prints a table: NAME TYPE DATA (NAMESPACE first when `allNamespaces`, TTL
 * with `wide`), laid out by kubectl's tabwriter. No rows print nothing (the caller says "No
 * resources found").
 */
export function printDnsTable(rows: DnsRow[], opts: { allNamespaces?: boolean; wide?: boolean } = {}): string {
  if (rows.length === 0) return '';
  const header = [...(opts.allNamespaces ? ['NAMESPACE'] : []), 'NAME', 'TYPE', ...(opts.wide ? ['TTL'] : []), 'DATA'];
  const cells = rows.map((r) => [
    ...(opts.allNamespaces ? [r.namespace] : []),
    r.name,
    r.type,
    ...(opts.wide ? [String(DNS_TTL)] : []),
    r.data,
  ]);
  return tabwrite([header, ...cells]);
}

/** The rows as a kubectl List of records, for -o json|yaml. */
export function dnsRecordList(rows: DnsRow[]): { apiVersion: string; kind: string; items: unknown[]; metadata: { resourceVersion: string } } {
  return {
    apiVersion: 'v1',
    items: rows.map((r) => ({
      apiVersion: 'svcctl.io/v1',
      kind: 'DNSRecord',
      metadata: { name: r.name, namespace: r.namespace },
      type: r.type,
      ttl: DNS_TTL,
      data: r.data,
    })),
    kind: 'List',
    metadata: { resourceVersion: '' },
  };
}

// One DNS question -> the response CoreDNS's kubernetes plugin gives in a kubeadm cluster
// (`kubernetes cluster.local in-addr.arpa ip6.arpa { pods insecure; fallthrough in-addr.arpa
// ip6.arpa; ttl 30 }`). Mirrors plugin/kubernetes (handler.go, kubernetes.go, reverse.go, ns.go)
// and plugin/backend_lookup.go; pure over a DnsView.
import { isIPv6 } from 'node:net';
import { isSubdomain, parseRequest, splitLabels, type DnsRequest } from './parse.js';
import { serviceKey, type DnsAddress, type DnsView } from './view.js';

export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' | 'FORMERR';

/** A resource record. data: A/AAAA address, CNAME/PTR/NS name with trailing dot, SRV
 * `priority weight port target.`, TXT the unquoted text, SOA `mname rname serial refresh retry
 * expire minimum`. */
export interface Rr {
  name: string;
  type: string;
  ttl: number;
  data: string;
}

export interface DnsAnswer {
  rcode: Rcode;
  answers: Rr[];
  additionals?: Rr[];
  /** The zone's SOA on NXDOMAIN and NODATA responses, as CoreDNS's BackendError adds it. */
  authority?: Rr[];
  /** Set when the name is in one of our zones (the AA bit). */
  authoritative?: boolean;
  /**
   * Set when CoreDNS would hand the query to the next plugin (`forward . /etc/resolv.conf`): names
   * outside our zones, and NXDOMAIN in the reverse zones (`fallthrough in-addr.arpa ip6.arpa`).
   * A server with an upstream forwards these; without one the answer stands.
   */
  forward?: boolean;
  /**
   * CNAME targets outside the zone (ExternalName services) CoreDNS resolves through its upstream
   * and appends to the answer; without an upstream the CNAME alone is the answer.
   */
  chase?: { name: string; type: string }[];
}

const DNS_SCHEMA_VERSION = '1.1.0';
const TXT_TTL = 28800;
const MAX_CNAME_CHAIN = 10;
const REVERSE_ZONES = ['in-addr.arpa.', 'ip6.arpa.'];

type LookupError = 'noItems' | 'nsNotExposed' | 'invalid' | null;

/** CoreDNS's msg.Service: a host (IP or name), a port, and the name its key spells. */
interface Item {
  host: string;
  port: number;
  /** The owner name SRV targets and additional records use (msg.Domain(Key)). */
  target: string;
  text?: string;
  ttl: number;
}

interface Lookup {
  items: Item[];
  err: LookupError;
}

interface State {
  /** Lower-cased, fully qualified. */
  name: string;
  /** As asked, fully qualified: answer owner names keep the asker's case. */
  qname: string;
  qtype: string;
}

interface Ctx {
  view: DnsView;
  /** The matched zone in the query's case, with a trailing dot. */
  zone: string;
  chase: { name: string; type: string }[];
}

export function fqdn(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

/** Go's net.ParseIP for dotted quads: four decimal parts 0-255, no leading zeros. */
export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** The canonical (RFC 5952) text of an IPv6 address, as Go's net.IP.String() prints it. */
export function canonicalIPv6(s: string): string {
  const [head, tail = ''] = s.toLowerCase().split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === '' ? [] : tail.split(':');
  const groups = s.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  const nums = groups.map((g) => parseInt(g, 16));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && nums[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
  }
  const hex = nums.map((n) => n.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

function hostType(item: Item): 'A' | 'AAAA' | 'CNAME' | 'TXT' {
  if (isIPv4(item.host)) return 'A';
  if (isIPv6(item.host)) return 'AAAA';
  return item.text !== undefined ? 'TXT' : 'CNAME';
}

/** `a.b.c.d` -> `a-b-c-d`; IPv6 colons become dashes (a trailing dash gets a 0), as CoreDNS. */
export function dashedIP(ip: string): string {
  if (ip.includes('.')) return ip.replaceAll('.', '-');
  const d = ip.replaceAll(':', '-');
  return d.endsWith('-') ? `${d}0` : d;
}

/** The endpoint's first label: its hostname, else its dashed IP (CoreDNS endpointHostname). */
export function endpointHostname(addr: DnsAddress): string {
  return addr.hostname !== '' ? addr.hostname : dashedIP(addr.ip);
}

/** The in-addr.arpa / ip6.arpa name of an IP address, with a trailing dot. */
export function reverseName(ip: string): string {
  if (isIPv4(ip)) return `${ip.split('.').reverse().join('.')}.in-addr.arpa.`;
  const full = canonicalIPv6(ip)
    .split('::')
    .map((p) => (p === '' ? [] : p.split(':')));
  const groups = full.length === 2 ? [...full[0], ...Array<string>(8 - full[0].length - full[1].length).fill('0'), ...full[1]] : full[0];
  return `${[...groups.map((g) => g.padStart(4, '0')).join('')].reverse().join('.')}.ip6.arpa.`;
}

/** dnsutil.ExtractAddressFromReverse: the IP a reverse name spells, or ''. */
export function addressFromReverse(name: string): string {
  const n = fqdn(name.toLowerCase());
  if (n.endsWith('.in-addr.arpa.')) {
    const ip = n.slice(0, -'.in-addr.arpa.'.length).split('.').reverse().join('.');
    return isIPv4(ip) ? ip : '';
  }
  if (n.endsWith('.ip6.arpa.')) {
    const nibbles = n.slice(0, -'.ip6.arpa.'.length).split('.').reverse();
    const groups: string[] = [];
    for (let i = 0; i + 4 <= nibbles.length; i += 4) groups.push(nibbles.slice(i, i + 4).join(''));
    const ip = groups.join(':');
    return groups.length > 0 && isIPv6(ip) ? canonicalIPv6(ip) : '';
  }
  return '';
}

function nameError(err: LookupError): boolean {
  return err !== null;
}

function sortedServices(view: DnsView) {
  return [...view.services.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
}

function findPods(ctx: Ctx, r: DnsRequest): Lookup {
  if (r.service === '') return { items: [], err: null };
  const podname = r.service;
  // Three dashes and no '--' is a dotted quad; anything else is read as IPv6.
  const ip = (podname.match(/-/g) ?? []).length === 3 && !podname.includes('--') ? podname.replaceAll('-', '.') : podname.replaceAll('-', ':');
  if (isIPv4(ip)) return { items: [{ host: ip, port: 0, target: `${podname}.${r.namespace}.pod.${ctx.zone}`, ttl: ctx.view.ttl }], err: null };
  if (isIPv6(ip)) return { items: [{ host: canonicalIPv6(ip), port: 0, target: `${podname}.${r.namespace}.pod.${ctx.zone}`, ttl: ctx.view.ttl }], err: null };
  return { items: [], err: 'noItems' };
}

function matchPort(r: DnsRequest, name: string, protocol: string): boolean {
  return (r.port === '' || r.port === name.toLowerCase()) && (r.protocol === '' || r.protocol === protocol.toLowerCase());
}

function findServices(ctx: Ctx, r: DnsRequest): Lookup {
  if (r.service === '') return { items: [], err: null };
  const { view } = ctx;
  const key = serviceKey(r.service, r.namespace);
  const svc = view.services.get(key);
  if (!svc) return { items: [], err: 'noItems' };
  const base = `${svc.name}.${svc.namespace}.svc.${ctx.zone}`;
  const items: Item[] = [];
  let err: LookupError = 'noItems';
  if (svc.type === 'ExternalName') {
    if (r.endpoint !== '' || r.port !== '' || r.protocol !== '') return { items, err };
    const item: Item = { host: svc.externalName, port: 0, target: base, ttl: view.ttl };
    // An ExternalName that parses as an IP serves nothing at all.
    if (hostType(item) === 'CNAME') return { items: [item], err: null };
    return { items, err };
  }
  if (svc.headless || r.endpoint !== '') {
    for (const set of view.endpoints.get(key) ?? []) {
      for (const addr of set.addresses) {
        if (r.endpoint !== '' && r.endpoint !== endpointHostname(addr).toLowerCase()) continue;
        for (const p of set.ports) {
          if (!matchPort(r, p.name, p.protocol)) continue;
          items.push({ host: addr.ip, port: p.port, target: `${endpointHostname(addr)}.${base}`, ttl: view.ttl });
          err = null;
        }
      }
    }
    return { items, err };
  }
  for (const p of svc.ports) {
    if (!matchPort(r, p.name, p.protocol)) continue;
    err = null;
    for (const ip of svc.clusterIPs) items.push({ host: ip, port: p.port, target: base, ttl: view.ttl });
  }
  return { items, err };
}

/** Kubernetes.Records: parse, then look the request up. */
function records(ctx: Ctx, name: string): Lookup {
  const parsed = parseRequest(name, ctx.zone);
  if (!parsed.ok) return { items: [], err: 'invalid' };
  const r = parsed.request;
  if (r.podOrSvc === '') return { items: [], err: null };
  if (REVERSE_ZONES.some((z) => isSubdomain(name, z))) return { items: [], err: 'noItems' };
  if (!ctx.view.namespaces.has(r.namespace)) return { items: [], err: 'nsNotExposed' };
  return r.podOrSvc === 'pod' ? findPods(ctx, r) : findServices(ctx, r);
}

/** CoreDNS's nsAddrs: the kube-dns Service's cluster IPs, named after it. */
function nameservers(ctx: Ctx): { name: string; ip: string }[] {
  const svc = ctx.view.services.get(serviceKey('kube-dns', 'kube-system'));
  if (!svc || svc.headless) return [];
  return svc.clusterIPs
    .filter((ip) => isIPv4(ip) || isIPv6(ip))
    .map((ip) => ({ name: `${svc.name}.${svc.namespace}.svc.${ctx.zone}`, ip }));
}

/** Kubernetes.Services: Records plus the special TXT, NS and ns.dns names. */
function services(ctx: Ctx, st: State): Lookup {
  const zoneLower = ctx.zone.toLowerCase();
  if (st.qtype === 'TXT') {
    const segs = splitLabels(st.name).slice(0, splitLabels(st.name).length - splitLabels(zoneLower).length);
    if (segs.length === 1 && segs[0] === 'dns-version') {
      return { items: [{ host: '', port: 0, target: st.qname, text: DNS_SCHEMA_VERSION, ttl: TXT_TTL }], err: null };
    }
    // The name exists with other types: NODATA; otherwise (even with no error) NXDOMAIN.
    return records(ctx, st.name).items.length > 0 ? { items: [], err: null } : { items: [], err: 'noItems' };
  }
  if (st.qtype === 'NS') {
    return { items: nameservers(ctx).map((n) => ({ host: n.ip, port: 0, target: n.name, ttl: ctx.view.ttl })), err: null };
  }
  if (st.name === `ns.dns.${zoneLower}`) {
    const want = st.qtype === 'A' ? isIPv4 : st.qtype === 'AAAA' ? isIPv6 : () => false;
    const items = nameservers(ctx)
      .filter((n) => want(n.ip))
      .map((n) => ({ host: n.ip, port: 0, target: st.qname, ttl: ctx.view.ttl }));
    return { items, err: null };
  }
  const found = records(ctx, st.name);
  // SRV for ExternalName services is not implemented in CoreDNS: those entries are dropped.
  if (st.qtype === 'SRV') return { items: found.items.filter((i) => hostType(i) !== 'CNAME'), err: found.err };
  return found;
}

/** plugin.A / plugin.AAAA, following in-zone CNAMEs and noting out-of-zone ones to chase. */
function address(ctx: Ctx, st: State, family: 'A' | 'AAAA', previous: Rr[]): { records: Rr[]; err: LookupError } {
  const { items, err } = services(ctx, st);
  if (err !== null) return { records: [], err };
  const out: Rr[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const what = hostType(item);
    if (what === 'CNAME') {
      const target = fqdn(item.host);
      if (target.toLowerCase() === st.name) continue; // x CNAME x is a loop
      const cname: Rr = { name: st.qname, type: 'CNAME', ttl: item.ttl, data: target };
      if (previous.length > MAX_CNAME_CHAIN) continue;
      if (previous.some((p) => p.name.toLowerCase() === cname.name.toLowerCase() && p.data.toLowerCase() === target.toLowerCase())) continue;
      if (isSubdomain(target, ctx.zone)) {
        const next = address(ctx, { name: target.toLowerCase(), qname: target, qtype: st.qtype }, family, [...previous, cname]);
        if (next.err === null && next.records.length > 0) out.push(cname, ...next.records);
        continue;
      }
      out.push(cname);
      ctx.chase.push({ name: target, type: family });
      continue;
    }
    if (what === family && !seen.has(item.host)) {
      seen.add(item.host);
      out.push({ name: st.qname, type: family, ttl: item.ttl, data: item.host });
    }
  }
  return { records: out, err: null };
}

/** plugin.SRV: priority 0, weight 100/n (n counts every entry, port-less ones included). */
function srv(ctx: Ctx, st: State): { records: Rr[]; extra: Rr[]; err: LookupError } {
  const { items, err } = services(ctx, st);
  if (err !== null) return { records: [], extra: [], err };
  const total = items.length * 100;
  const weight = Math.max(1, Math.floor((100 / total) * 100));
  const records: Rr[] = [];
  const extra: Rr[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (item.port === -1) continue;
    const what = hostType(item);
    if (what !== 'A' && what !== 'AAAA') continue;
    const target = item.target;
    const srvKey = `${target.toLowerCase()}|${item.port}`;
    if (!seen.has(srvKey)) {
      seen.add(srvKey);
      records.push({ name: st.qname, type: 'SRV', ttl: item.ttl, data: `0 ${weight} ${item.port} ${target}` });
    }
    const addrKey = `${target.toLowerCase()}|${item.host}`;
    if (!seen.has(addrKey)) {
      seen.add(addrKey);
      extra.push({ name: target, type: what, ttl: item.ttl, data: item.host });
    }
  }
  return { records, extra, err: null };
}

/** Kubernetes.Reverse + plugin.PTR: a cluster IP names its Service, else endpoints name theirs. */
function ptr(ctx: Ctx, st: State): { records: Rr[]; err: LookupError } {
  const ip = addressFromReverse(st.name);
  if (ip === '') return { records: [], err: records(ctx, st.name).err };
  const { view } = ctx;
  const primary = `${view.zone}.`;
  let hosts: string[] = [];
  const svc = sortedServices(view).find((s) => s.clusterIPs.includes(ip));
  if (svc) {
    hosts = [`${svc.name}.${svc.namespace}.svc.${primary}`];
  } else {
    for (const sets of view.endpoints.values()) {
      for (const set of sets) {
        for (const addr of set.addresses) {
          if (addr.ip === ip) hosts.push(`${endpointHostname(addr)}.${set.service}.${set.namespace}.svc.${primary}`);
        }
      }
    }
  }
  if (hosts.length === 0) return { records: [], err: 'noItems' };
  return { records: [...new Set(hosts)].map((h) => ({ name: st.qname, type: 'PTR', ttl: view.ttl, data: h })), err: null };
}

/** The zone's SOA record (plugin.SOA). */
export function soaRecord(view: DnsView, zone: string): Rr {
  const ttl = Math.min(view.ttl, 300);
  return { name: zone, type: 'SOA', ttl, data: `ns.dns.${zone} hostmaster.${zone} ${view.serial} 7200 1800 86400 ${view.ttl}` };
}

/** The longest of our zones `qname` falls in, in the query's case; '' when none. */
function matchZone(view: DnsView, qname: string): string {
  const zones = [`${view.zone}.`, ...REVERSE_ZONES].filter((z) => isSubdomain(qname, z));
  if (zones.length === 0) return '';
  const z = zones.sort((a, b) => splitLabels(b).length - splitLabels(a).length)[0];
  const n = splitLabels(z).length;
  return `${splitLabels(qname).slice(-n).join('.')}.`;
}

/** Names a stub would refuse to send: empty labels, labels over 63 octets, names over 253. */
function malformed(qname: string): boolean {
  if (qname === '.' || qname === '') return false;
  const labels = fqdn(qname).slice(0, -1).split('.');
  return qname.length > 254 || labels.some((l) => l.length === 0 || l.length > 63);
}

/**
 * Answers one question as CoreDNS's kubernetes plugin would. `qname` may omit the trailing dot
 * (it is always absolute here); `qtype` is a type mnemonic (A, AAAA, SRV, PTR, CNAME, TXT, MX, NS,
 * SOA, ANY, AXFR, ...), case-insensitive. Names are matched case-insensitively; answers keep the
 * asker's case. Names outside the cluster zone and the reverse zones are `{ rcode: 'NXDOMAIN',
 * answers: [], forward: true }` so a server with an upstream can forward them. Never throws.
 */
export function answerQuery(view: DnsView, qname: string, qtype: string): DnsAnswer {
  if (malformed(qname)) return { rcode: 'FORMERR', answers: [] };
  const type = qtype.toUpperCase();
  const q = fqdn(qname);
  const zone = matchZone(view, q);
  if (zone === '') return { rcode: 'NXDOMAIN', answers: [], forward: true };
  const ctx: Ctx = { view, zone, chase: [] };
  const st: State = { name: q.toLowerCase(), qname: q, qtype: type };
  const isReverseZone = REVERSE_ZONES.includes(zone.toLowerCase());

  let recs: Rr[] = [];
  let extra: Rr[] = [];
  let err: LookupError = null;
  switch (type) {
    case 'A':
    case 'AAAA':
      ({ records: recs, err } = address(ctx, st, type, []));
      break;
    case 'SRV':
      ({ records: recs, extra, err } = srv(ctx, st));
      break;
    case 'PTR':
      ({ records: recs, err } = ptr(ctx, st));
      break;
    case 'CNAME': {
      const found = services(ctx, st);
      err = found.err;
      const first = found.items[0];
      if (err === null && first && hostType(first) === 'CNAME') recs = [{ name: q, type: 'CNAME', ttl: first.ttl, data: fqdn(first.host) }];
      break;
    }
    case 'TXT': {
      const found = services(ctx, st);
      err = found.err;
      recs = found.items.filter((i) => i.text !== undefined).map((i) => ({ name: q, type: 'TXT', ttl: i.ttl, data: i.text ?? '' }));
      break;
    }
    case 'MX':
      // Kubernetes entries are never mail entries: the lookup only decides NXDOMAIN vs NODATA.
      err = services(ctx, st).err;
      break;
    case 'SOA':
      if (q === zone) recs = [soaRecord(view, zone)];
      break;
    case 'AXFR':
    case 'IXFR':
      return { rcode: 'REFUSED', answers: [] };
    case 'NS':
      if (st.name === zone.toLowerCase()) {
        const found = services(ctx, st);
        recs = [...new Set(found.items.map((i) => i.target))].map((t) => ({ name: q, type: 'NS', ttl: view.ttl, data: t }));
        extra = found.items.map((i) => ({ name: i.target, type: isIPv4(i.host) ? 'A' : 'AAAA', ttl: i.ttl, data: i.host }));
        break;
      }
      err = address(ctx, { ...st, qtype: 'A' }, 'A', []).err;
      break;
    default:
      // Types Kubernetes cannot hold: a fake A lookup tells NODATA from NXDOMAIN.
      err = address(ctx, { ...st, qtype: 'A' }, 'A', []).err;
      recs = [];
      ctx.chase = [];
  }

  if (nameError(err)) {
    const out: DnsAnswer = { rcode: 'NXDOMAIN', answers: [], authority: [soaRecord(view, zone)], authoritative: true };
    if (isReverseZone) out.forward = true;
    return out;
  }
  if (recs.length === 0) return { rcode: 'NOERROR', answers: [], authority: [soaRecord(view, zone)], authoritative: true };
  const out: DnsAnswer = { rcode: 'NOERROR', answers: recs, authoritative: true };
  if (extra.length > 0) out.additionals = extra;
  if (ctx.chase.length > 0) out.chase = ctx.chase;
  return out;
}

/** One record as a zone-file line: `name ttl IN type data` (TXT data quoted). */
export function rrToText(rr: Rr): string {
  const data = rr.type === 'TXT' ? `"${rr.data}"` : rr.data;
  return `${rr.name} ${rr.ttl} IN ${rr.type} ${data}`;
}

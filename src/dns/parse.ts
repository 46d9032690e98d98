// Query names -> typed requests, as CoreDNS plugin/kubernetes/parse.go reads them.

/** What a name inside the cluster zone asks for. Unset parts are ''. */
export interface DnsRequest {
  /** Named port without its underscore (`http` from `_http`). */
  port: string;
  /** Protocol without its underscore (`tcp` from `_tcp`). */
  protocol: string;
  endpoint: string;
  service: string;
  namespace: string;
  /** 'svc', 'pod', or '' for the apex, `svc.<zone>` and `pod.<zone>` (answered NODATA). */
  podOrSvc: string;
}

export type ParseResult = { ok: true; request: DnsRequest } | { ok: false };

const EMPTY: DnsRequest = { port: '', protocol: '', endpoint: '', service: '', namespace: '', podOrSvc: '' };

/** Splits a name into labels, ignoring a trailing dot. '' and '.' have no labels. */
export function splitLabels(name: string): string[] {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  return n === '' ? [] : n.split('.');
}

/** True when `name` equals `zone` or ends in it, compared label by label, case-insensitively. */
export function isSubdomain(name: string, zone: string): boolean {
  const n = splitLabels(name.toLowerCase());
  const z = splitLabels(zone.toLowerCase());
  if (z.length > n.length) return false;
  return z.every((l, i) => n[n.length - z.length + i] === l);
}

function stripUnderscore(s: string): string {
  return s.startsWith('_') ? s.slice(1) : s;
}

/**
 * Parses `qname` (lower-cased here) relative to `zone`, reading labels right to left:
 *
 *   _port._protocol.service.namespace.pod|svc.zone
 *   endpoint.service.namespace.pod|svc.zone
 *   service.namespace.pod|svc.zone
 *   namespace.pod|svc.zone            (service '')
 *   pod|svc.zone, zone                (podOrSvc '': NODATA)
 *
 * A first label other than pod/svc, or more labels than the first form, is invalid (NXDOMAIN).
 * A name outside the zone is invalid too.
 */
export function parseRequest(qname: string, zone: string): ParseResult {
  const name = qname.toLowerCase();
  if (!isSubdomain(name, zone)) return { ok: false };
  const segs = splitLabels(name).slice(0, splitLabels(name).length - splitLabels(zone).length);
  const r: DnsRequest = { ...EMPTY };
  if (segs.length === 0 || (segs.length === 1 && (segs[0] === 'svc' || segs[0] === 'pod'))) {
    return { ok: true, request: r };
  }
  let last = segs.length - 1;
  r.podOrSvc = segs[last];
  if (r.podOrSvc !== 'pod' && r.podOrSvc !== 'svc') return { ok: false };
  last--;
  r.namespace = segs[last];
  if (--last < 0) return { ok: true, request: r };
  r.service = segs[last];
  if (--last < 0) return { ok: true, request: r };
  // One label left is an endpoint, two are _port._protocol; more is too long to answer.
  if (last === 0) {
    r.endpoint = segs[0];
  } else if (last === 1) {
    r.protocol = stripUnderscore(segs[1]);
    r.port = stripUnderscore(segs[0]);
  } else {
    return { ok: false };
  }
  return { ok: true, request: r };
}

/** All parts joined with dots, as CoreDNS's recordRequest.String() (cluster always ''); for tests. */
export function requestString(r: DnsRequest): string {
  return [r.port, r.protocol, r.endpoint, '', r.service, r.namespace, r.podOrSvc].join('.');
}

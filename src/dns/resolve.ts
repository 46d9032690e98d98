// A pod's stub resolver over answerQuery: the kubelet-written resolv.conf
// (`search <ns>.svc.<zone> svc.<zone> <zone>`, `options ndots:5`), and output formatters.
import { answerQuery, isIPv4, reverseName, type DnsAnswer, type Rr } from './answer.js';
import type { DnsView } from './view.js';

export const NDOTS = 5;

export interface ResolveOptions {
  /** Resolve as a pod in this namespace would (search path); absent = the name is absolute. */
  namespace?: string;
}

export interface ResolveResult extends DnsAnswer {
  /** The candidate whose answer this is, fully qualified. */
  name: string;
  /** Every candidate asked, in order. */
  tried: string[];
}

/** The search domains a pod in `namespace` gets from the kubelet (ClusterFirst DNS policy). */
export function searchPath(view: DnsView, namespace: string): string[] {
  return [`${namespace}.svc.${view.zone}`, `svc.${view.zone}`, view.zone];
}

/** The candidate names glibc's res_search tries for `name`, in order. */
export function candidates(view: DnsView, name: string, namespace?: string): string[] {
  if (name.endsWith('.')) return [name];
  const absolute = `${name}.`;
  if (namespace === undefined) return [absolute];
  const searched = searchPath(view, namespace).map((d) => `${name}.${d}.`);
  const dots = (name.match(/\./g) ?? []).length;
  // With ndots or more dots the name is tried as-is first, else last.
  return dots >= NDOTS ? [absolute, ...searched] : [...searched, absolute];
}

/**
 * Resolves `name` as a stub resolver would: an IPv4 address asked with type PTR is turned into
 * its in-addr.arpa name; a name ending in '.' is asked once; with `namespace`, the search path is
 * walked (before the bare name when it has fewer than 5 dots). The first candidate answering
 * NOERROR with records wins. As glibc does, a NODATA answer (NOERROR, nothing) does not stop the
 * walk but is what is returned when no candidate has records; otherwise the last candidate's
 * NXDOMAIN is. (musl stops at the first NODATA instead.)
 */
export function resolveName(view: DnsView, name: string, qtype: string, opts: ResolveOptions = {}): ResolveResult {
  const query = qtype.toUpperCase() === 'PTR' && isIPv4(name) ? reverseName(name) : name;
  const names = candidates(view, query, opts.namespace);
  let nodata: ResolveResult | undefined;
  let last: ResolveResult | undefined;
  const tried: string[] = [];
  for (const candidate of names) {
    tried.push(candidate);
    const a = answerQuery(view, candidate, qtype);
    last = { ...a, name: candidate, tried };
    if (a.rcode === 'NOERROR' && a.answers.length > 0) return last;
    if (a.rcode === 'NOERROR' && !nodata) nodata = last;
    if (a.rcode !== 'NOERROR' && a.rcode !== 'NXDOMAIN') return last;
  }
  return { ...(nodata ?? last!), tried };
}

function jsonRr(rr: Rr): string {
  return `{"name": ${JSON.stringify(rr.name)}, "type": ${JSON.stringify(rr.type)}, "ttl": ${rr.ttl}, "data": ${JSON.stringify(rr.data)}}`;
}

/**
 * `svcctl resolve -o json`: one line,
 * `{"rcode": "NOERROR", "answers": [{"name": "...", "type": "A", "ttl": 30, "data": "..."}]}`.
 */
export function formatJson(result: Pick<DnsAnswer, 'rcode' | 'answers'>): string {
  return `{"rcode": ${JSON.stringify(result.rcode)}, "answers": [${result.answers.map(jsonRr).join(', ')}]}`;
}

/** BIND's indent(): tabs (width 8) then spaces to reach `to`; at least one character. */
function indent(col: number, to: number): { text: string; col: number } {
  const target = Math.max(to, col + 1);
  const tabs = Math.floor(target / 8) - Math.floor(col / 8);
  const from = tabs > 0 ? Math.floor(target / 8) * 8 : col;
  return { text: '\t'.repeat(Math.max(0, tabs)) + ' '.repeat(target - from), col: target };
}

/** One record as dig prints it (BIND's debug style: TTL at column 24, class 32, type 40, data 48). */
export function digLine(rr: Rr): string {
  let out = rr.name;
  let col = rr.name.length;
  const data = rr.type === 'TXT' ? `"${rr.data}"` : rr.data;
  for (const [field, to] of [[String(rr.ttl), 24], ['IN', 32], [rr.type, 40], [data, 48]] as const) {
    const pad = indent(col, to);
    out += pad.text + field;
    col = pad.col + field.length;
  }
  return out;
}

/**
 * A `;; status: <RCODE>` line, then dig's sections: `;; ANSWER SECTION:` with one dig-formatted
 * line per record, then AUTHORITY and ADDITIONAL when present; empty sections are left out and
 * each section ends with a blank line, as dig prints them.
 */
export function formatDig(result: DnsAnswer): string {
  const sections: [string, Rr[] | undefined][] = [
    ['ANSWER', result.answers],
    ['AUTHORITY', result.authority],
    ['ADDITIONAL', result.additionals],
  ];
  let out = `;; status: ${result.rcode}\n\n`;
  for (const [title, rrs] of sections) {
    if (!rrs || rrs.length === 0) continue;
    out += `;; ${title} SECTION:\n${rrs.map((rr) => `${digLine(rr)}\n`).join('')}\n`;
  }
  return out;
}

// Cluster DNS as CoreDNS's kubernetes plugin answers it (kubeadm: `pods insecure`, TTL 30).
//
// Wiring for the CLI (the integrator's side):
//
//   svcctl resolve NAME [--type A|AAAA|SRV|PTR|CNAME|TXT|...] [-n NS] [-o json]
//     const view = await loadDnsView(store, cluster.clusterDomain);
//     // -n given (or the context namespace): resolve as a pod there would (search path, ndots:5).
//     const r = resolveName(view, name, type ?? 'A', { namespace });
//     stdout: -o json -> formatJson(r) + '\n'; otherwise formatDig(r).
//     Exit code: 0 when r.rcode === 'NOERROR' (NODATA included), 1 otherwise (kubectl: any error).
//     `svcctl resolve 10.96.0.10 --type PTR` works: an IPv4 with PTR becomes its in-addr.arpa name.
//
//   svcctl get dns [-n NS | -A]
//     const rows = dnsTable(view, all ? { all: true } : { namespace });
//     rows.length === 0 -> stderr "No resources found in NS namespace." (-A: "No resources found")
//     else stdout printDnsTable(rows, { allNamespaces: all }).
//
//   svcctl dns serve --listen 127.0.0.1:5353 [--upstream 1.1.1.1:53]
//     const server = await startDnsServer({ listen, upstream, getView: cachedDnsView(store, domain) });
//     print `Listening on ${server.host}:${server.port} (udp, tcp)`; on SIGINT/SIGTERM: await server.close().
export { answerQuery, rrToText, reverseName, type DnsAnswer, type Rcode, type Rr } from './answer.js';
export { parseRequest, requestString, type DnsRequest, type ParseResult } from './parse.js';
export { candidates, digLine, formatDig, formatJson, resolveName, searchPath, type ResolveOptions, type ResolveResult } from './resolve.js';
export { startDnsServer, parseHostPort, type DnsServer, type DnsServerOptions } from './server.js';
export { dnsRecordList, dnsTable, printDnsTable, type DnsRow, type DnsTableOptions } from './table.js';
export { buildDnsView, cachedDnsView, loadDnsView, DNS_TTL, type DnsObjects, type DnsView, type RevisionedReader } from './view.js';

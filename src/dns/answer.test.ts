import { describe, expect, it } from 'vitest';
import { addressFromReverse, answerQuery, canonicalIPv6, reverseName, rrToText } from './answer.js';
import { pod, svc, viewOf } from './testing/cluster.js';

// A small cluster exercising each kind of name. Zone cluster.local, TTL 30.
const cluster = viewOf(
  [
    svc('kube-system', 'kube-dns', { clusterIP: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }),
    svc('default', 'web', { clusterIP: '10.96.0.11', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] }),
    pod('default', 'web-1', '10.244.3.1', { app: 'web' }),
    svc('default', 'hdls', { clusterIP: 'None', selector: { app: 'hdls' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] }),
    pod('default', 'hdls-1', '10.244.1.1', { app: 'hdls' }, { hostname: 'alpha', subdomain: 'hdls' }),
    pod('default', 'hdls-2', '10.244.1.2', { app: 'hdls' }),
    pod('default', 'hdls-3', '10.244.1.3', { app: 'hdls' }, { ready: false }),
    svc('default', 'multi', { clusterIP: 'None', selector: { app: 'multi' }, ports: [{ name: 'a', port: 1000 }, { name: 'b', port: 2000 }] }),
    pod('default', 'multi-1', '10.244.4.1', { app: 'multi' }),
    pod('default', 'multi-2', '10.244.4.2', { app: 'multi' }),
    svc('default', 'pnr', { clusterIP: 'None', selector: { app: 'pnr' }, publishNotReadyAddresses: true, ports: [{ name: 'peer', port: 5000 }] }),
    pod('default', 'pnr-0', '10.244.2.1', { app: 'pnr' }, { ready: false }),
    svc('default', 'empty', { clusterIP: 'None', selector: { app: 'nothing' }, ports: [{ name: 'http', port: 80 }] }),
    svc('default', 'portless', { clusterIP: '10.96.0.20', selector: { app: 'nothing' } }),
    svc('default', 'alias', { type: 'ExternalName', externalName: 'web.default.svc.cluster.local' }),
    svc('default', 'ext', { type: 'ExternalName', externalName: 'example.com' }),
    svc('default', 'loop', { type: 'ExternalName', externalName: 'loop.default.svc.cluster.local' }),
    svc('default', 'extip', { type: 'ExternalName', externalName: '192.0.2.10' }),
  ],
  { namespaces: ['default', 'kube-system'] },
);

const SOA = 'cluster.local. 30 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30';
const SOA_REV = 'in-addr.arpa. 30 IN SOA ns.dns.in-addr.arpa. hostmaster.in-addr.arpa. 1 7200 1800 86400 30';

interface Case {
  name: string;
  qname: string;
  qtype: string;
  rcode: string;
  answer?: string[];
  extra?: string[];
  authority?: string[];
  forward?: boolean;
  chase?: string[];
}

const cases: Case[] = [
  // Services
  { name: 'ClusterIP A', qname: 'web.default.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', answer: ['web.default.svc.cluster.local. 30 IN A 10.96.0.11'] },
  { name: 'no trailing dot', qname: 'web.default.svc.cluster.local', qtype: 'A', rcode: 'NOERROR', answer: ['web.default.svc.cluster.local. 30 IN A 10.96.0.11'] },
  { name: 'upper case keeps the asked case', qname: 'WEB.Default.SVC.cluster.local.', qtype: 'A', rcode: 'NOERROR', answer: ['WEB.Default.SVC.cluster.local. 30 IN A 10.96.0.11'] },
  { name: 'ClusterIP SRV on the bare name', qname: 'web.default.svc.cluster.local.', qtype: 'SRV', rcode: 'NOERROR', answer: ['web.default.svc.cluster.local. 30 IN SRV 0 100 80 web.default.svc.cluster.local.'], extra: ['web.default.svc.cluster.local. 30 IN A 10.96.0.11'] },
  { name: 'named port SRV', qname: '_http._tcp.web.default.svc.cluster.local.', qtype: 'SRV', rcode: 'NOERROR', answer: ['_http._tcp.web.default.svc.cluster.local. 30 IN SRV 0 100 80 web.default.svc.cluster.local.'], extra: ['web.default.svc.cluster.local. 30 IN A 10.96.0.11'] },
  { name: 'SRV target keeps the zone as asked', qname: '_http._tcp.web.default.svc.CLUSTER.local.', qtype: 'SRV', rcode: 'NOERROR', answer: ['_http._tcp.web.default.svc.CLUSTER.local. 30 IN SRV 0 100 80 web.default.svc.CLUSTER.local.'], extra: ['web.default.svc.CLUSTER.local. 30 IN A 10.96.0.11'] },
  { name: 'unknown port name', qname: '_https._tcp.web.default.svc.cluster.local.', qtype: 'SRV', rcode: 'NXDOMAIN', authority: [SOA] },
  { name: 'wrong protocol', qname: '_http._udp.web.default.svc.cluster.local.', qtype: 'SRV', rcode: 'NXDOMAIN', authority: [SOA] },
  { name: 'A on a named-port name answers the cluster IP', qname: '_http._tcp.web.default.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', answer: ['_http._tcp.web.default.svc.cluster.local. 30 IN A 10.96.0.11'] },
  { name: 'endpoint of a ClusterIP service', qname: '10-244-3-1.web.default.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', answer: ['10-244-3-1.web.default.svc.cluster.local. 30 IN A 10.244.3.1'] },
  { name: 'AAAA on IPv4 service is NODATA', qname: 'web.default.svc.cluster.local.', qtype: 'AAAA', rcode: 'NOERROR', authority: [SOA] },
  { name: 'ANY is NODATA', qname: 'web.default.svc.cluster.local.', qtype: 'ANY', rcode: 'NOERROR', authority: [SOA] },
  { name: 'MX on a service is NODATA', qname: 'web.default.svc.cluster.local.', qtype: 'MX', rcode: 'NOERROR', authority: [SOA] },
  { name: 'PTR on a forward name is NODATA', qname: 'web.default.svc.cluster.local.', qtype: 'PTR', rcode: 'NOERROR', authority: [SOA] },
  { name: 'MX on a missing service', qname: 'nosuch.default.svc.cluster.local.', qtype: 'MX', rcode: 'NXDOMAIN', authority: [SOA] },
  { name: 'service with no ports has A', qname: 'portless.default.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', answer: ['portless.default.svc.cluster.local. 30 IN A 10.96.0.20'] },
  { name: 'service with no ports has no SRV', qname: 'portless.default.svc.cluster.local.', qtype: 'SRV', rcode: 'NOERROR', authority: [SOA] },
  // Headless
  { name: 'headless A lists ready endpoints', qname: 'hdls.default.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', answer: ['hdls.default.svc.cluster.local. 30 IN A 10.244.1.1', 'hdls.default.svc.cluster.local. 30 IN A 10.244.1.2'] },
  {
    name: 'headless SRV names each endpoint',
    qname: '_http._tcp.hdls.default.svc.cluster.local.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: ['_http._tcp.hdls.default.svc.cluster.local. 30 IN SRV 0 50 8080 alpha.hdls.default.svc.cluster.local.', '_http._tcp.hdls.default.svc.cluster.local. 30 IN SRV 0 50 8080 10-244-1-2.hdls.default.svc.cluster.local.'],
    extra: ['alpha.hdls.default.svc.cluster.local. 30 IN A 10.244.1.1', '10-244-1-2.hdls.default.svc.cluster.local. 30 IN A 10.244.1.2'],
  },
  {
    name: 'headless bare SRV: weight 100/(endpoints x ports)',
    qname: 'multi.default.svc.cluster.local.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: [
      'multi.default.svc.cluster.local. 30 IN SRV 0 25 1000 10-244-4-1.multi.default.svc.cluster.local.',
      'multi.default.svc.cluster.local. 30 IN SRV 0 25 2000 10-244-4-1.multi.default.svc.cluster.local.',
      'multi.default.svc.cluster.local. 30 IN SRV 0 25 1000 10-244-4-2.multi.default.svc.cluster.local.',
      'multi.default.svc.cluster.local. 30 IN SRV 0 25 2000 10-244-4-2.multi.default.svc.cluster.local.',
    ],
    extra: ['10-244-4-1.multi.default.svc.cluster.local. 30 IN A 10.244.4.1', '10-244-4-2.multi.default.svc.cluster.local. 30 IN A 10.244.4.2'],
  },
  { name: 'hostname.subdomain endpoint', qname: 'alpha.hdls.default.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', answer: ['alpha.hdls.default.svc.cluster.local. 30 IN A 10.244.1.1'] },
  { name: 'dashed IP of an endpoint with a hostname does not exist', qname: '10-244-1-1.hdls.default.svc.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', authority: [SOA] },
  { name: 'dashed IP endpoint', qname: '10-244-1-2.hdls.default.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', answer: ['10-244-1-2.hdls.default.svc.cluster.local. 30 IN A 10.244.1.2'] },
  { name: 'not-ready endpoint does not exist', qname: '10-244-1-3.hdls.default.svc.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', authority: [SOA] },
  { name: 'publishNotReadyAddresses publishes a not-ready pod', qname: 'pnr.default.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', answer: ['pnr.default.svc.cluster.local. 30 IN A 10.244.2.1'] },
  { name: 'headless without endpoints is NXDOMAIN', qname: 'empty.default.svc.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', authority: [SOA] },
  { name: 'TXT on a headless name without endpoints is NXDOMAIN', qname: 'empty.default.svc.cluster.local.', qtype: 'TXT', rcode: 'NXDOMAIN', authority: [SOA] },
  // ExternalName
  { name: 'ExternalName in the zone is followed', qname: 'alias.default.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', answer: ['alias.default.svc.cluster.local. 30 IN CNAME web.default.svc.cluster.local.', 'web.default.svc.cluster.local. 30 IN A 10.96.0.11'] },
  { name: 'ExternalName outside the zone: CNAME, target left to the upstream', qname: 'ext.default.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', answer: ['ext.default.svc.cluster.local. 30 IN CNAME example.com.'], chase: ['example.com. A'] },
  { name: 'ExternalName AAAA', qname: 'ext.default.svc.cluster.local.', qtype: 'AAAA', rcode: 'NOERROR', answer: ['ext.default.svc.cluster.local. 30 IN CNAME example.com.'], chase: ['example.com. AAAA'] },
  { name: 'ExternalName CNAME', qname: 'ext.default.svc.cluster.local.', qtype: 'CNAME', rcode: 'NOERROR', answer: ['ext.default.svc.cluster.local. 30 IN CNAME example.com.'] },
  { name: 'ExternalName TXT is NODATA', qname: 'ext.default.svc.cluster.local.', qtype: 'TXT', rcode: 'NOERROR', authority: [SOA] },
  { name: 'ExternalName pointing at itself answers nothing', qname: 'loop.default.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', authority: [SOA] },
  { name: 'ExternalName that is an IP serves nothing', qname: 'extip.default.svc.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', authority: [SOA] },
  { name: 'no endpoints under an ExternalName', qname: 'x.ext.default.svc.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', authority: [SOA] },
  // Namespaces, wildcards, apex names
  { name: 'namespace name is NODATA', qname: 'default.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', authority: [SOA] },
  { name: 'TXT on a namespace name is NXDOMAIN', qname: 'default.svc.cluster.local.', qtype: 'TXT', rcode: 'NXDOMAIN', authority: [SOA] },
  { name: 'missing namespace', qname: 'nosuchns.svc.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', authority: [SOA] },
  { name: 'service in a missing namespace', qname: 'web.nosuchns.svc.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', authority: [SOA] },
  { name: 'wildcards are not expanded', qname: '*.default.svc.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', authority: [SOA] },
  { name: '"any" is not a wildcard', qname: 'web.any.svc.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', authority: [SOA] },
  { name: 'too many labels', qname: 'a.b.c.web.default.svc.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', authority: [SOA] },
  { name: 'zone apex A is NODATA', qname: 'cluster.local.', qtype: 'A', rcode: 'NOERROR', authority: [SOA] },
  { name: 'zone apex SOA', qname: 'cluster.local.', qtype: 'SOA', rcode: 'NOERROR', answer: [SOA] },
  { name: 'zone apex NS', qname: 'cluster.local.', qtype: 'NS', rcode: 'NOERROR', answer: ['cluster.local. 30 IN NS kube-dns.kube-system.svc.cluster.local.'], extra: ['kube-dns.kube-system.svc.cluster.local. 30 IN A 10.96.0.10'] },
  { name: 'ns.dns name', qname: 'ns.dns.cluster.local.', qtype: 'A', rcode: 'NOERROR', answer: ['ns.dns.cluster.local. 30 IN A 10.96.0.10'] },
  { name: 'SOA below the apex is NODATA', qname: 'nosuch.default.svc.cluster.local.', qtype: 'SOA', rcode: 'NOERROR', authority: [SOA] },
  { name: 'dns-version TXT', qname: 'dns-version.cluster.local.', qtype: 'TXT', rcode: 'NOERROR', answer: ['dns-version.cluster.local. 28800 IN TXT "1.1.0"'] },
  { name: 'dns-version A', qname: 'dns-version.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', authority: [SOA] },
  { name: 'zone transfer refused', qname: 'cluster.local.', qtype: 'AXFR', rcode: 'REFUSED' },
  // Pods (insecure)
  { name: 'any dashed IP answers', qname: '10-244-9-9.default.pod.cluster.local.', qtype: 'A', rcode: 'NOERROR', answer: ['10-244-9-9.default.pod.cluster.local. 30 IN A 10.244.9.9'] },
  { name: 'pod AAAA on IPv4 is NODATA', qname: '10-244-9-9.default.pod.cluster.local.', qtype: 'AAAA', rcode: 'NOERROR', authority: [SOA] },
  { name: 'pod SRV has port 0', qname: '10-244-9-9.default.pod.cluster.local.', qtype: 'SRV', rcode: 'NOERROR', answer: ['10-244-9-9.default.pod.cluster.local. 30 IN SRV 0 100 0 10-244-9-9.default.pod.cluster.local.'], extra: ['10-244-9-9.default.pod.cluster.local. 30 IN A 10.244.9.9'] },
  { name: 'octet over 255', qname: '300-1-1-1.default.pod.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', authority: [SOA] },
  { name: 'leading zero is not an IP', qname: '010-1-1-1.default.pod.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', authority: [SOA] },
  { name: 'IPv6 pod name', qname: 'fd00--1.default.pod.cluster.local.', qtype: 'AAAA', rcode: 'NOERROR', answer: ['fd00--1.default.pod.cluster.local. 30 IN AAAA fd00::1'] },
  { name: 'pod namespace name is NODATA', qname: 'default.pod.cluster.local.', qtype: 'A', rcode: 'NOERROR', authority: [SOA] },
  { name: 'pod in a missing namespace', qname: '10-244-9-9.nosuchns.pod.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', authority: [SOA] },
  // Reverse
  { name: 'PTR for a cluster IP', qname: '11.0.96.10.in-addr.arpa.', qtype: 'PTR', rcode: 'NOERROR', answer: ['11.0.96.10.in-addr.arpa. 30 IN PTR web.default.svc.cluster.local.'] },
  { name: 'PTR for an endpoint with a hostname', qname: '1.1.244.10.in-addr.arpa.', qtype: 'PTR', rcode: 'NOERROR', answer: ['1.1.244.10.in-addr.arpa. 30 IN PTR alpha.hdls.default.svc.cluster.local.'] },
  { name: 'PTR for a ClusterIP service endpoint', qname: '1.3.244.10.in-addr.arpa.', qtype: 'PTR', rcode: 'NOERROR', answer: ['1.3.244.10.in-addr.arpa. 30 IN PTR 10-244-3-1.web.default.svc.cluster.local.'] },
  { name: 'PTR for a not-ready pod falls through', qname: '3.1.244.10.in-addr.arpa.', qtype: 'PTR', rcode: 'NXDOMAIN', authority: [SOA_REV], forward: true },
  { name: 'partial reverse name', qname: '244.10.in-addr.arpa.', qtype: 'PTR', rcode: 'NXDOMAIN', authority: [SOA_REV], forward: true },
  { name: 'A on a reverse name', qname: '11.0.96.10.in-addr.arpa.', qtype: 'A', rcode: 'NXDOMAIN', authority: [SOA_REV], forward: true },
  // Outside, malformed
  { name: 'outside the zone', qname: 'example.com.', qtype: 'A', rcode: 'NXDOMAIN', forward: true },
  { name: 'zone as a substring only', qname: 'web.default.svc.xcluster.local.', qtype: 'A', rcode: 'NXDOMAIN', forward: true },
  { name: 'empty label', qname: 'web..svc.cluster.local.', qtype: 'A', rcode: 'FORMERR' },
];

describe('answerQuery', () => {
  it.each(cases)('$name', (c) => {
    const got = answerQuery(cluster, c.qname, c.qtype);
    expect(got.rcode).toBe(c.rcode);
    expect(got.answers.map(rrToText)).toEqual(c.answer ?? []);
    expect((got.additionals ?? []).map(rrToText)).toEqual(c.extra ?? []);
    expect((got.authority ?? []).map(rrToText)).toEqual(c.authority ?? []);
    expect(got.forward ?? false).toBe(c.forward ?? false);
    expect((got.chase ?? []).map((x) => `${x.name} ${x.type}`)).toEqual(c.chase ?? []);
  });

  it('serves another cluster domain', () => {
    const other = viewOf([svc('default', 'web', { clusterIP: '10.96.0.11', ports: [{ port: 80 }] })], { clusterDomain: 'corp.example.' });
    expect(answerQuery(other, 'web.default.svc.corp.example', 'A').answers.map(rrToText)).toEqual(['web.default.svc.corp.example. 30 IN A 10.96.0.11']);
    expect(answerQuery(other, 'web.default.svc.cluster.local', 'A')).toEqual({ rcode: 'NXDOMAIN', answers: [], forward: true });
  });
});

describe('reverse names', () => {
  it.each([
    { name: 'IPv4', ip: '10.96.0.1', rev: '1.0.96.10.in-addr.arpa.' },
    { name: 'IPv6', ip: 'fd00::1', rev: '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa.' },
  ])('$name', ({ ip, rev }) => {
    expect(reverseName(ip)).toBe(rev);
    expect(addressFromReverse(rev)).toBe(ip);
  });
  it.each([
    { name: 'compresses the longest zero run', ip: '2001:0db8:0:0:1:0:0:1', want: '2001:db8::1:0:0:1' },
    { name: 'single zero group is not compressed', ip: '2001:db8:0:1:1:1:1:1', want: '2001:db8:0:1:1:1:1:1' },
    { name: 'all zero', ip: '::', want: '::' },
  ])('canonicalIPv6 $name', ({ ip, want }) => expect(canonicalIPv6(ip)).toBe(want));
});

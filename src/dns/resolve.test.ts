import { describe, expect, it } from 'vitest';
import { rrToText } from './answer.js';
import { candidates, digLine, formatDig, formatJson, resolveName } from './resolve.js';
import { pod, svc, viewOf } from './testing/cluster.js';

const view = viewOf(
  [
    svc('default', 'web', { clusterIP: '10.96.0.11', ports: [{ name: 'http', port: 80 }] }),
    svc('prod', 'web', { clusterIP: '10.96.0.12', ports: [{ name: 'http', port: 80 }] }),
    svc('prod', 'db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432 }] }),
    pod('prod', 'db-0', '10.244.0.5', { app: 'db' }),
  ],
  { namespaces: ['default', 'prod'] },
);

describe('candidates', () => {
  it.each([
    { name: 'short name walks the search path first', q: 'web', ns: 'prod', want: ['web.prod.svc.cluster.local.', 'web.svc.cluster.local.', 'web.cluster.local.', 'web.'] },
    { name: 'trailing dot is absolute', q: 'web.prod.svc.cluster.local.', ns: 'prod', want: ['web.prod.svc.cluster.local.'] },
    { name: 'four dots still searched first', q: 'a.b.c.d.e', ns: 'x', want: ['a.b.c.d.e.x.svc.cluster.local.', 'a.b.c.d.e.svc.cluster.local.', 'a.b.c.d.e.cluster.local.', 'a.b.c.d.e.'] },
    { name: 'five dots tried as-is first', q: 'a.b.c.d.e.f', ns: 'x', want: ['a.b.c.d.e.f.', 'a.b.c.d.e.f.x.svc.cluster.local.', 'a.b.c.d.e.f.svc.cluster.local.', 'a.b.c.d.e.f.cluster.local.'] },
    { name: 'no namespace, no search', q: 'web.prod.svc.cluster.local', ns: undefined, want: ['web.prod.svc.cluster.local.'] },
  ])('$name', ({ q, ns, want }) => expect(candidates(view, q, ns)).toEqual(want));
});

describe('resolveName', () => {
  it.each([
    { name: 'short name in its namespace', q: 'web', t: 'A', ns: 'prod', rcode: 'NOERROR', answered: 'web.prod.svc.cluster.local.', answer: ['web.prod.svc.cluster.local. 30 IN A 10.96.0.12'] },
    { name: 'name.namespace', q: 'web.default', t: 'A', ns: 'prod', rcode: 'NOERROR', answered: 'web.default.svc.cluster.local.', answer: ['web.default.svc.cluster.local. 30 IN A 10.96.0.11'] },
    { name: 'SRV short name', q: '_pg._tcp.db', t: 'SRV', ns: 'prod', rcode: 'NOERROR', answered: '_pg._tcp.db.prod.svc.cluster.local.', answer: ['_pg._tcp.db.prod.svc.cluster.local. 30 IN SRV 0 100 5432 10-244-0-5.db.prod.svc.cluster.local.'] },
    { name: 'NODATA is kept over later NXDOMAINs', q: 'web', t: 'AAAA', ns: 'prod', rcode: 'NOERROR', answered: 'web.prod.svc.cluster.local.', answer: [] },
    { name: 'nothing anywhere: the last NXDOMAIN', q: 'nosuch', t: 'A', ns: 'prod', rcode: 'NXDOMAIN', answered: 'nosuch.', answer: [] },
    { name: 'PTR from an IP', q: '10.96.0.12', t: 'PTR', ns: undefined, rcode: 'NOERROR', answered: '12.0.96.10.in-addr.arpa.', answer: ['12.0.96.10.in-addr.arpa. 30 IN PTR web.prod.svc.cluster.local.'] },
  ])('$name', ({ q, t, ns, rcode, answered, answer }) => {
    const got = resolveName(view, q, t, ns ? { namespace: ns } : {});
    expect([got.rcode, got.name]).toEqual([rcode, answered]);
    expect(got.answers.map(rrToText)).toEqual(answer);
  });
});

describe('formatters', () => {
  const a = resolveName(view, 'web.prod.svc.cluster.local', 'A');
  it('formatJson', () =>
    expect(formatJson(a)).toBe('{"rcode": "NOERROR", "answers": [{"name": "web.prod.svc.cluster.local.", "type": "A", "ttl": 30, "data": "10.96.0.12"}]}'));
  it('formatJson without answers', () => expect(formatJson({ rcode: 'NXDOMAIN', answers: [] })).toBe('{"rcode": "NXDOMAIN", "answers": []}'));
  it.each([
    { name: 'long name: a space, then tabs from the TTL on', rr: { name: 'web.prod.svc.cluster.local.', type: 'A', ttl: 30, data: '10.96.0.12' }, want: 'web.prod.svc.cluster.local. 30\tIN\tA\t10.96.0.12' },
    { name: 'short name: tabs to the TTL column', rr: { name: 'cluster.local.', type: 'NS', ttl: 30, data: 'x.' }, want: 'cluster.local.\t\t30\tIN\tNS\tx.' },
    { name: 'TXT is quoted', rr: { name: 'dns-version.cluster.local.', type: 'TXT', ttl: 28800, data: '1.1.0' }, want: 'dns-version.cluster.local. 28800 IN\tTXT\t"1.1.0"' },
  ])('digLine $name', ({ rr, want }) => expect(digLine(rr)).toBe(want));
  it('formatDig', () =>
    expect(formatDig(resolveName(view, 'nosuch.prod.svc.cluster.local', 'A'))).toBe(
      ';; status: NXDOMAIN\n\n;; AUTHORITY SECTION:\ncluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30\n\n',
    ));
});

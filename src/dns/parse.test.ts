import { describe, expect, it } from 'vitest';
import { isSubdomain, parseRequest, requestString } from './parse.js';

// Expected strings are CoreDNS's recordRequest.String(): port.protocol.endpoint.cluster.service.namespace.podOrSvc
const cases: { name: string; qname: string; want: string | 'invalid' }[] = [
  { name: 'service', qname: 'webs.mynamespace.svc.inter.webs.tests.', want: '....webs.mynamespace.svc' },
  { name: 'SRV with port and protocol', qname: '_http._tcp.webs.mynamespace.svc.inter.webs.tests.', want: 'http.tcp...webs.mynamespace.svc' },
  { name: 'endpoint', qname: '1-2-3-4.webs.mynamespace.svc.inter.webs.tests.', want: '..1-2-3-4..webs.mynamespace.svc' },
  { name: 'pod', qname: '1-2-3-4.mynamespace.pod.inter.webs.tests.', want: '....1-2-3-4.mynamespace.pod' },
  { name: 'namespace only', qname: 'mynamespace.svc.inter.webs.tests.', want: '.....mynamespace.svc' },
  { name: 'svc apex is empty', qname: 'svc.inter.webs.tests.', want: '......' },
  { name: 'pod apex is empty', qname: 'pod.inter.webs.tests.', want: '......' },
  { name: 'zone apex is empty', qname: 'inter.webs.tests.', want: '......' },
  { name: 'upper case is folded', qname: '_HTTP._TCP.Webs.MyNamespace.SVC.inter.webs.tests', want: 'http.tcp...webs.mynamespace.svc' },
  { name: 'port labels without underscores', qname: 'http.tcp.webs.mynamespace.svc.inter.webs.tests.', want: 'http.tcp...webs.mynamespace.svc' },
  { name: 'not svc or pod', qname: 'webs.mynamespace.foo.inter.webs.tests.', want: 'invalid' },
  { name: 'one bare label', qname: 'dns-version.inter.webs.tests.', want: 'invalid' },
  { name: 'too many labels', qname: '1.2.3.4.webs.mynamespace.svc.inter.webs.tests.', want: 'invalid' },
  { name: 'three labels before the service', qname: 'a.b.c.webs.mynamespace.svc.inter.webs.tests.', want: 'invalid' },
  { name: 'outside the zone', qname: 'webs.mynamespace.svc.other.tests.', want: 'invalid' },
  { name: 'zone is a label suffix, not a substring', qname: 'webs.mynamespace.svc.xinter.webs.tests.', want: 'invalid' },
];

describe('parseRequest', () => {
  it.each(cases)('$name', ({ qname, want }) => {
    const got = parseRequest(qname, 'inter.webs.tests.');
    expect(got.ok ? requestString(got.request) : 'invalid').toBe(want);
  });
});

describe('isSubdomain', () => {
  it.each([
    { name: 'equal', n: 'cluster.local.', z: 'cluster.local', want: true },
    { name: 'child, mixed case', n: 'a.CLUSTER.local', z: 'cluster.local.', want: true },
    { name: 'substring is not a suffix', n: 'acluster.local', z: 'cluster.local', want: false },
    { name: 'longer zone', n: 'local', z: 'cluster.local', want: false },
  ])('$name', ({ n, z, want }) => expect(isSubdomain(n, z)).toBe(want));
});

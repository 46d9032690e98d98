import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fieldErrorString } from '../field.js';
import type { Service } from '../types.js';
import { validateService } from '../validation/service.js';
import { defaultService, initIPFamilies, prepareServiceUpdate } from './service.js';
import { shared } from '../../../test/helpers/shared.js';

function svc(spec: Service['spec']): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec };
}

describe('defaultService', () => {
  it.each([
    {
      name: 'ClusterIP basics',
      in: { ports: [{ port: 80 }] },
      out: { type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] },
    },
    {
      name: 'targetPort 0 and "" default to port, names kept',
      in: { ports: [{ port: 80, targetPort: 0 }, { name: 'b', port: 81, targetPort: '', protocol: 'UDP' }] },
      out: {
        type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }, { name: 'b', port: 81, protocol: 'UDP', targetPort: 81 }],
      },
    },
    {
      name: 'ClientIP gets a 10800s timeout',
      in: { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: {} } },
      out: { type: 'ClusterIP', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } }, internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'ClientIP keeps an explicit timeout',
      in: { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } },
      out: { type: 'ClusterIP', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } }, internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'affinity None drops the config',
      in: { sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } },
      out: { type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'NodePort gets externalTrafficPolicy',
      in: { type: 'NodePort' },
      out: { type: 'NodePort', sessionAffinity: 'None', externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'LoadBalancer gets allocateLoadBalancerNodePorts',
      in: { type: 'LoadBalancer', externalTrafficPolicy: 'Local' },
      out: { type: 'LoadBalancer', sessionAffinity: 'None', externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true },
    },
    {
      name: 'ClusterIP with externalIPs is externally accessible',
      in: { externalIPs: ['1.2.3.4'] },
      out: { type: 'ClusterIP', sessionAffinity: 'None', externalIPs: ['1.2.3.4'], externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'ExternalName gets no traffic policies',
      in: { type: 'ExternalName', externalName: 'x.example.com' },
      out: { type: 'ExternalName', externalName: 'x.example.com', sessionAffinity: 'None' },
    },
    {
      name: 'clusterIP is not touched',
      in: { clusterIP: '10.96.0.5' },
      out: { clusterIP: '10.96.0.5', type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster' },
    },
  ] as { name: string; in: Service['spec']; out: Service['spec'] }[])('$name', ({ in: input, out }) => {
    const s = svc(structuredClone(input));
    defaultService(s);
    expect(s.spec).toEqual(out);
  });
});

describe('initIPFamilies (single-stack IPv4 cluster)', () => {
  it.each([
    { name: 'plain ClusterIP', in: {}, out: { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] }, errs: [] },
    { name: 'clusterIPs from clusterIP', in: { clusterIP: '10.96.0.5' }, out: { clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5'], ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] }, errs: [] },
    { name: 'headless with selector', in: { clusterIP: 'None', selector: { app: 'a' } }, out: { clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'a' }, ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] }, errs: [] },
    { name: 'headless selectorless goes dual', in: { clusterIP: 'None' }, out: { clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] }, errs: [] },
    { name: 'PreferDualStack stays single', in: { ipFamilyPolicy: 'PreferDualStack' }, out: { ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4'] }, errs: [] },
    { name: 'ExternalName untouched', in: { type: 'ExternalName' }, out: { type: 'ExternalName' }, errs: [] },
    { name: 'RequireDualStack refused', in: { ipFamilyPolicy: 'RequireDualStack' }, out: null, errs: ['spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services'] },
    { name: 'IPv6 family refused', in: { ipFamilies: ['IPv6'] }, out: null, errs: ['spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster'] },
    { name: 'IPv6 clusterIP refused', in: { clusterIP: 'fd00::10' }, out: null, errs: ['spec.clusterIPs[0]: Invalid value: []string{"fd00::10"}: IPv6 is not configured on this cluster'] },
    { name: 'SingleStack with two families', in: { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4', 'IPv6'] }, out: null, errs: ["spec.ipFamilyPolicy: Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"] },
    { name: 'pre-validation errors come first', in: { clusterIP: 'None', clusterIPs: ['None', '10.96.0.1'] }, out: null, errs: ["spec.clusterIPs: Invalid value: []string{\"None\", \"10.96.0.1\"}: 'None' must be the first and only value"] },
  ] as { name: string; in: Service['spec']; out: Service['spec'] | null; errs: string[] }[])('$name', ({ in: input, out, errs }) => {
    const s = svc(structuredClone(input));
    expect(initIPFamilies(s).map(fieldErrorString)).toEqual(errs);
    if (out) expect(s.spec).toEqual(out);
  });
});

describe('prepareServiceUpdate', () => {
  it('re-applying a manifest keeps allocated clusterIP and nodePorts', () => {
    const old = svc({ type: 'NodePort', clusterIP: '10.96.0.7', clusterIPs: ['10.96.0.7'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', ports: [{ name: 'http', port: 80, nodePort: 30123 }] });
    const next = svc({ type: 'NodePort', ports: [{ name: 'http', port: 80 }] });
    expect(prepareServiceUpdate(next, old)).toEqual([]);
    expect(next.spec).toEqual({ ...old.spec });
  });

  it('changing clusterIP alone moves clusterIPs too, so validation reports it', () => {
    const old = svc({ clusterIP: '10.96.0.7', clusterIPs: ['10.96.0.7'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    const next = svc({ clusterIP: '10.96.0.8', clusterIPs: ['10.96.0.7'] });
    expect(prepareServiceUpdate(next, old)).toEqual([]);
    expect(next.spec.clusterIPs).toEqual(['10.96.0.8']);
  });
});

// The shared example corpus: expected `field: type` pairs from kube-apiserver 1.33.
interface ExampleCase {
  file: string;
  valid: boolean;
  errors: { field: string; type: string; detail?: string }[];
}
const dir = shared('examples', 'validation');
const examples = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as ExampleCase[];

/** Stands in for the allocators: an IP and node ports where the registry would assign them. */
function fakeAllocate(s: Service): void {
  const spec = s.spec;
  if (spec.type !== 'ExternalName' && (spec.clusterIPs?.length ?? 0) === 0) {
    spec.clusterIP = '10.96.0.10';
    spec.clusterIPs = ['10.96.0.10'];
  }
  const wantsNodePorts = spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
  if (wantsNodePorts) (spec.ports ?? []).forEach((p, i) => { p.nodePort ||= 30100 + i; });
  if (spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' && !spec.healthCheckNodePort) spec.healthCheckNodePort = 30099;
}

function createErrors(s: Service) {
  defaultService(s);
  const init = initIPFamilies(s);
  if (init.length) return init;
  fakeAllocate(s);
  return validateService(s);
}

describe('shared validation examples', () => {
  it.each(examples.map((c) => ({ ...c, name: c.file })))('$name', (c) => {
    const s = parse(readFileSync(join(dir, c.file), 'utf8')) as Service;
    const errs = createErrors(s);
    const got = errs.map((e) => `${e.field}: ${e.type}`);
    expect(got, errs.map(fieldErrorString).join('\n')).toEqual(c.errors.map((e) => `${e.field}: ${e.type}`));
    c.errors.forEach((e, i) => {
      if (e.detail) expect(errs[i].detail).toBe(e.detail);
    });
  });
});

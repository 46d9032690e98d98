import { describe, expect, it } from 'vitest';
import { fieldErrorString } from '../field.js';
import type { Service } from '../types.js';
import { validateService, validateServiceUpdate } from './service.js';

/** A valid Service as it looks after defaulting and allocation. */
function base(): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', resourceVersion: '1' },
    spec: {
      type: 'ClusterIP',
      selector: { app: 'web' },
      ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080 }],
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
    },
  };
}

function nodePort(s: Service): void {
  s.spec.type = 'NodePort';
  s.spec.externalTrafficPolicy = 'Cluster';
  s.spec.ports![0].nodePort = 30080;
}

function loadBalancer(s: Service): void {
  nodePort(s);
  s.spec.type = 'LoadBalancer';
  s.spec.allocateLoadBalancerNodePorts = true;
}

function headless(s: Service): void {
  s.spec.clusterIP = 'None';
  s.spec.clusterIPs = ['None'];
}

function externalName(s: Service): void {
  s.spec = { type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' };
}

interface Case {
  name: string;
  tweak: (s: Service) => void;
  want: string[];
}

const LBONLY = "may only be used when `type` is 'LoadBalancer'";
const cases: Case[] = [
  { name: 'valid ClusterIP', tweak: () => {}, want: [] },
  { name: 'valid NodePort', tweak: nodePort, want: [] },
  { name: 'valid LoadBalancer', tweak: loadBalancer, want: [] },
  { name: 'valid headless without ports', tweak: (s) => { headless(s); s.spec.ports = []; }, want: [] },
  { name: 'valid ExternalName with trailing dot', tweak: (s) => { externalName(s); s.spec.externalName = 'db.example.com.'; }, want: [] },
  { name: 'valid unallocated clusterIP', tweak: (s) => { s.spec.clusterIP = ''; s.spec.clusterIPs = []; }, want: [] },
  { name: 'missing name', tweak: (s) => { delete s.metadata.name; }, want: ['metadata.name: Required value: name or generateName is required'] },
  {
    name: 'name starts with digit',
    tweak: (s) => { s.metadata.name = '1web'; },
    want: [
      `metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    ],
  },
  { name: 'missing namespace', tweak: (s) => { delete s.metadata.namespace; }, want: ['metadata.namespace: Required value'] },
  {
    name: 'bad label value',
    tweak: (s) => { s.metadata.labels = { app: 'a b' }; },
    want: [
      `metadata.labels: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
  },
  {
    name: 'annotations too large',
    tweak: (s) => { s.metadata.annotations = { a: 'x'.repeat(256 * 1024) }; },
    want: ['metadata.annotations: Too long: must have at most 262144 bytes'],
  },
  {
    name: 'topology annotations disagree',
    tweak: (s) => { s.metadata.annotations = { 'service.kubernetes.io/topology-mode': 'Auto', 'service.kubernetes.io/topology-aware-hints': 'auto' }; },
    want: ['metadata.annotations[service.kubernetes.io/topology-mode]: Invalid value: "Auto": must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified'],
  },
  { name: 'ports required', tweak: (s) => { s.spec.ports = []; }, want: ['spec.ports: Required value'] },
  { name: 'headless NodePort', tweak: (s) => { nodePort(s); headless(s); }, want: [`spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services`] },
  { name: 'headless LoadBalancer', tweak: (s) => { loadBalancer(s); headless(s); }, want: [`spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for LoadBalancer services`] },
  { name: 'ExternalName without name', tweak: (s) => { externalName(s); delete s.spec.externalName; }, want: ['spec.externalName: Required value'] },
  {
    name: 'ExternalName with cluster fields',
    tweak: (s) => { externalName(s); s.spec.clusterIPs = ['10.96.0.1']; s.spec.ipFamilies = ['IPv4']; s.spec.ipFamilyPolicy = 'SingleStack'; },
    want: [
      'spec.clusterIPs: Forbidden: may not be set for ExternalName services',
      'spec.ipFamilies: Forbidden: may not be set for ExternalName services',
      'spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services',
    ],
  },
  {
    name: 'ExternalName uppercase',
    tweak: (s) => { externalName(s); s.spec.externalName = 'DB.example.com'; },
    want: [
      `spec.externalName: Invalid value: "DB.example.com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ],
  },
  { name: 'port name required when several', tweak: (s) => { s.spec.ports!.push({ protocol: 'TCP', port: 81, targetPort: 81 }); }, want: ['spec.ports[1].name: Required value'] },
  { name: 'duplicate port name', tweak: (s) => { s.spec.ports!.push({ name: 'http', protocol: 'TCP', port: 81, targetPort: 81 }); }, want: ['spec.ports[1].name: Duplicate value: "http"'] },
  { name: 'port name with dot', tweak: (s) => { s.spec.ports![0].name = 'h.ttp'; }, want: ['spec.ports[0].name: Invalid value: "h.ttp": must not contain dots'] },
  { name: 'port zero', tweak: (s) => { s.spec.ports![0].port = 0; }, want: ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'] },
  { name: 'protocol missing', tweak: (s) => { s.spec.ports![0].protocol = ''; }, want: ['spec.ports[0].protocol: Required value'] },
  { name: 'protocol unsupported', tweak: (s) => { s.spec.ports![0].protocol = 'HTTP'; }, want: ['spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'] },
  { name: 'targetPort out of range', tweak: (s) => { s.spec.ports![0].targetPort = 65536; }, want: ['spec.ports[0].targetPort: Invalid value: 65536: must be between 1 and 65535, inclusive'] },
  { name: 'targetPort numeric string', tweak: (s) => { s.spec.ports![0].targetPort = '8080'; }, want: ['spec.ports[0].targetPort: Invalid value: "8080": must contain at least one letter (a-z)'] },
  {
    name: 'bad appProtocol',
    tweak: (s) => { s.spec.ports![0].appProtocol = 'a/b/c'; },
    want: [
      `spec.ports[0].appProtocol: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
  },
  {
    name: 'bad selector key',
    tweak: (s) => { s.spec.selector = { '-app': 'web' }; },
    want: [
      `spec.selector: Invalid value: "-app": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ],
  },
  { name: 'sessionAffinity missing', tweak: (s) => { s.spec.sessionAffinity = ''; }, want: ['spec.sessionAffinity: Required value'] },
  { name: 'sessionAffinity unsupported', tweak: (s) => { s.spec.sessionAffinity = 'Cookie'; }, want: ['spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"'] },
  { name: 'ClientIP without config', tweak: (s) => { s.spec.sessionAffinity = 'ClientIP'; }, want: ['spec.sessionAffinityConfig: Required value: when session affinity type is ClientIP'] },
  { name: 'ClientIP timeout too big', tweak: (s) => { s.spec.sessionAffinity = 'ClientIP'; s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 86401 } }; }, want: ['spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400'] },
  { name: 'ClientIP timeout max ok', tweak: (s) => { s.spec.sessionAffinity = 'ClientIP'; s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 86400 } }; }, want: [] },
  { name: 'config with affinity None', tweak: (s) => { s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10 } }; }, want: ['spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None'] },
  { name: 'clusterIPs must follow clusterIP', tweak: (s) => { s.spec.clusterIPs = ['10.96.0.11']; }, want: ['spec.clusterIPs: Invalid value: []string{"10.96.0.11"}: first value must match `clusterIP`'] },
  { name: 'clusterIPs required with clusterIP', tweak: (s) => { s.spec.clusterIPs = []; }, want: ['spec.clusterIPs: Required value'] },
  { name: 'clusterIPs without clusterIP', tweak: (s) => { s.spec.clusterIP = ''; }, want: ['spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: must be empty when `clusterIP` is not specified'] },
  { name: 'None plus IP', tweak: (s) => { s.spec.clusterIP = 'None'; s.spec.clusterIPs = ['None', '10.96.0.1']; }, want: [`spec.clusterIPs: Invalid value: []string{"None", "10.96.0.1"}: 'None' must be the first and only value`] },
  { name: 'invalid clusterIP', tweak: (s) => { s.spec.clusterIP = '10.96.0'; s.spec.clusterIPs = ['10.96.0']; }, want: ['spec.clusterIPs[0]: Invalid value: "10.96.0": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'] },
  { name: 'leading zeros accepted (gate off in 1.33)', tweak: (s) => { s.spec.clusterIP = '10.96.0.010'; s.spec.clusterIPs = ['10.96.0.010']; }, want: [] },
  { name: 'two IPv4 clusterIPs', tweak: (s) => { s.spec.clusterIPs = ['10.96.0.10', '10.96.0.11']; s.spec.ipFamilyPolicy = 'PreferDualStack'; }, want: ['spec.clusterIPs: Invalid value: []string{"10.96.0.10", "10.96.0.11"}: may specify no more than one IP for each IP family'] },
  { name: 'three clusterIPs', tweak: (s) => { s.spec.clusterIPs = ['10.96.0.10', 'fd00::1', '10.96.0.11']; }, want: ['spec.clusterIPs: Invalid value: []string{"10.96.0.10", "fd00::1", "10.96.0.11"}: may only hold up to 2 values'] },
  { name: 'ipFamilies unsupported and duplicate', tweak: (s) => { s.spec.ipFamilies = ['IPv5', 'IPv5']; }, want: ['spec.ipFamilies[0]: Unsupported value: "IPv5": supported values: "IPv4", "IPv6"', 'spec.ipFamilies[1]: Unsupported value: "IPv5": supported values: "IPv4", "IPv6"', 'spec.ipFamilies[1]: Duplicate value: "IPv5"'] },
  { name: 'ipFamilyPolicy unsupported', tweak: (s) => { s.spec.ipFamilyPolicy = 'Dual'; }, want: ['spec.ipFamilyPolicy: Unsupported value: "Dual": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"'] },
  { name: 'family mismatch', tweak: (s) => { s.spec.ipFamilies = ['IPv6']; }, want: ['spec.clusterIPs[0]: Invalid value: "10.96.0.10": expected an IPv6 value as indicated by `ipFamilies[0]`'] },
  { name: 'externalIP unspecified', tweak: (s) => { s.spec.externalIPs = ['0.0.0.0']; s.spec.externalTrafficPolicy = 'Cluster'; }, want: ['spec.externalIPs[0]: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)'] },
  { name: 'externalIP invalid', tweak: (s) => { s.spec.externalIPs = ['x']; s.spec.externalTrafficPolicy = 'Cluster'; }, want: ['spec.externalIPs[0]: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'] },
  { name: 'externalIPs need externalTrafficPolicy', tweak: (s) => { s.spec.externalIPs = ['1.2.3.4']; }, want: ['spec.externalTrafficPolicy: Required value'] },
  { name: 'type missing', tweak: (s) => { s.spec.type = ''; }, want: ['spec.type: Required value'] },
  { name: 'type unsupported', tweak: (s) => { s.spec.type = 'Foo'; }, want: ['spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'] },
  { name: 'nodePort on ClusterIP', tweak: (s) => { s.spec.ports![0].nodePort = 30080; }, want: ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"] },
  { name: 'duplicate nodePort', tweak: (s) => { nodePort(s); s.spec.ports!.push({ name: 'b', protocol: 'TCP', port: 81, targetPort: 81, nodePort: 30080 }); }, want: ['spec.ports[1].nodePort: Duplicate value: 30080'] },
  { name: 'same nodePort different protocol ok', tweak: (s) => { nodePort(s); s.spec.ports!.push({ name: 'b', protocol: 'UDP', port: 81, targetPort: 81, nodePort: 30080 }); }, want: [] },
  {
    name: 'duplicate port',
    tweak: (s) => { s.spec.ports!.push({ name: 'b', protocol: 'TCP', port: 80, targetPort: 81 }); },
    want: ['spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}'],
  },
  { name: 'source ranges on ClusterIP', tweak: (s) => { s.spec.loadBalancerSourceRanges = ['10.0.0.0/8']; }, want: [`spec.LoadBalancerSourceRanges: Forbidden: ${LBONLY}`] },
  { name: 'source range invalid', tweak: (s) => { loadBalancer(s); s.spec.loadBalancerSourceRanges = [' 10.0.0.0/8 ', '10.0.0/8']; }, want: ['spec.LoadBalancerSourceRanges[1]: Invalid value: "10.0.0/8": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'] },
  { name: 'source range annotation', tweak: (s) => { s.metadata.annotations = { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8, x' }; }, want: [`metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]: Forbidden: ${LBONLY}`, 'metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]: Invalid value: "x": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'] },
  { name: 'allocateLoadBalancerNodePorts on ClusterIP', tweak: (s) => { s.spec.allocateLoadBalancerNodePorts = false; }, want: [`spec.allocateLoadBalancerNodePorts: Forbidden: ${LBONLY}`] },
  { name: 'allocateLoadBalancerNodePorts required on LB', tweak: (s) => { loadBalancer(s); delete s.spec.allocateLoadBalancerNodePorts; }, want: ['allocateLoadBalancerNodePorts: Required value'] },
  { name: 'loadBalancerClass on ClusterIP', tweak: (s) => { s.spec.loadBalancerClass = 'example.com/lb'; }, want: [`spec.loadBalancerClass: Forbidden: ${LBONLY}`] },
  { name: 'loadBalancerClass bad', tweak: (s) => { loadBalancer(s); s.spec.loadBalancerClass = 'a/b/c'; }, want: [`spec.loadBalancerClass: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`] },
  { name: 'externalTrafficPolicy on ClusterIP', tweak: (s) => { s.spec.externalTrafficPolicy = 'Local'; }, want: ['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services'] },
  { name: 'externalTrafficPolicy missing on NodePort', tweak: (s) => { nodePort(s); s.spec.externalTrafficPolicy = ''; }, want: ['spec.externalTrafficPolicy: Required value'] },
  { name: 'externalTrafficPolicy Global', tweak: (s) => { nodePort(s); s.spec.externalTrafficPolicy = 'Global'; }, want: ['spec.externalTrafficPolicy: Unsupported value: "Global": supported values: "Cluster", "Local"'] },
  { name: 'healthCheckNodePort on NodePort', tweak: (s) => { nodePort(s); s.spec.healthCheckNodePort = 31000; }, want: ["spec.healthCheckNodePort: Invalid value: 31000: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"] },
  { name: 'healthCheckNodePort required', tweak: (s) => { loadBalancer(s); s.spec.externalTrafficPolicy = 'Local'; }, want: ['spec.healthCheckNodePort: Required value'] },
  { name: 'healthCheckNodePort range', tweak: (s) => { loadBalancer(s); s.spec.externalTrafficPolicy = 'Local'; s.spec.healthCheckNodePort = 70000; }, want: ['spec.healthCheckNodePort: Invalid value: 70000: must be between 1 and 65535, inclusive'] },
  { name: 'internalTrafficPolicy required', tweak: (s) => { delete s.spec.internalTrafficPolicy; }, want: ['spec.internalTrafficPolicy: Required value'] },
  { name: 'internalTrafficPolicy unsupported', tweak: (s) => { s.spec.internalTrafficPolicy = 'Node'; }, want: ['spec.internalTrafficPolicy: Unsupported value: "Node": supported values: "Cluster", "Local"'] },
  { name: 'trafficDistribution unsupported', tweak: (s) => { s.spec.trafficDistribution = 'PreferSameZone'; }, want: ['spec.trafficDistribution: Unsupported value: "PreferSameZone": supported values: "PreferClose"'] },
  { name: 'trafficDistribution PreferClose', tweak: (s) => { s.spec.trafficDistribution = 'PreferClose'; }, want: [] },
  {
    name: 'errors come in apiserver order',
    tweak: (s) => { s.spec.type = 'Foo'; s.spec.ports![0].port = 0; s.metadata.name = 'Web'; },
    want: [
      `metadata.name: Invalid value: "Web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ],
  },
];

describe('validateService', () => {
  it.each(cases)('$name', ({ tweak, want }) => {
    const svc = base();
    tweak(svc);
    expect(validateService(svc).map(fieldErrorString)).toEqual(want);
  });

  it('rejects leading zeros when StrictIPCIDRValidation is on', () => {
    const svc = base();
    svc.spec.clusterIP = '10.96.0.010';
    svc.spec.clusterIPs = ['10.96.0.010'];
    expect(validateService(svc, { strictIPCIDRValidation: true }).map(fieldErrorString)).toEqual([
      'spec.clusterIPs[0]: Invalid value: "10.96.0.010": must not have leading 0s',
    ]);
  });
});

const updateCases: Case[] = [
  { name: 'unchanged', tweak: () => {}, want: [] },
  { name: 'clusterIP changed', tweak: (s) => { s.spec.clusterIP = '10.96.0.20'; s.spec.clusterIPs = ['10.96.0.20']; }, want: ['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.20"}: may not change once set'] },
  { name: 'clusterIPs cleared', tweak: (s) => { s.spec.clusterIP = ''; s.spec.clusterIPs = []; }, want: ['spec.clusterIPs[0]: Invalid value: []string{}: primary clusterIP can not be unset'] },
  { name: 'ipFamilies changed', tweak: (s) => { s.spec.ipFamilies = ['IPv6']; }, want: ['spec.ipFamilies[0]: Invalid value: []core.IPFamily{"IPv6"}: may not change once set', 'spec.clusterIPs[0]: Invalid value: "10.96.0.10": expected an IPv6 value as indicated by `ipFamilies[0]`'] },
  { name: 'name changed', tweak: (s) => { s.metadata.name = 'web2'; }, want: ['metadata.name: Invalid value: "web2": field is immutable'] },
  { name: 'resourceVersion missing', tweak: (s) => { delete s.metadata.resourceVersion; }, want: ['metadata.resourceVersion: Invalid value: "": must be specified for an update'] },
  { name: 'to headless', tweak: (s) => { headless(s); }, want: ['spec.clusterIPs[0]: Invalid value: []string{"None"}: may not change once set'] },
  { name: 'to ExternalName skips clusterIPs rules', tweak: (s) => { externalName(s); }, want: [] },
];

describe('validateServiceUpdate', () => {
  it.each(updateCases)('$name', ({ tweak, want }) => {
    const old = base();
    const svc = base();
    tweak(svc);
    expect(validateServiceUpdate(svc, old).map(fieldErrorString)).toEqual(want);
  });

  it('loadBalancerClass may not change on a LoadBalancer', () => {
    const old = base();
    loadBalancer(old);
    old.spec.loadBalancerClass = 'example.com/a';
    const svc = base();
    loadBalancer(svc);
    svc.spec.loadBalancerClass = 'example.com/b';
    expect(validateServiceUpdate(svc, old).map(fieldErrorString)).toEqual([
      'spec.loadBalancerClass: Invalid value: "example.com/b": may not change once set',
    ]);
  });

  it('healthCheckNodePort is immutable', () => {
    const old = base();
    loadBalancer(old);
    old.spec.externalTrafficPolicy = 'Local';
    old.spec.healthCheckNodePort = 31000;
    const svc = structuredClone(old);
    svc.spec.healthCheckNodePort = 31001;
    expect(validateServiceUpdate(svc, old).map(fieldErrorString)).toEqual(['spec.healthCheckNodePort: Forbidden: field is immutable']);
  });
});

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.js';
import { marshalGoYaml, printYaml, resolvesToNonString } from './yaml.js';

// Captured from kubectl 1.32: `kubectl create configmap demo --dry-run=client -o yaml --from-literal=...`.
const configMap = {
  apiVersion: 'v1',
  data: {
    a: 'yes',
    b: '80',
    c: '',
    d: '2024-01-01',
    e: '*star',
    f: 'a: b',
    g: 'line1\nline2',
    h: 'http://x:80/y',
    i: 'tab\there',
    j: 'The quick brown fox jumps over the lazy dog, and then it keeps running far beyond the eightieth column of text',
    k: "it's",
    l: '1e3',
    m: '0x1F',
    n: '- item',
    o: '#x',
    p: 'x #y',
    q: '~',
    r: ' lead',
    s: '<&>',
  },
  kind: 'ConfigMap',
  metadata: { creationTimestamp: null, name: 'demo' },
};
const configMapYaml = `apiVersion: v1
data:
  a: "yes"
  b: "80"
  c: ""
  d: "2024-01-01"
  e: '*star'
  f: 'a: b'
  g: |-
    line1
    line2
  h: http://x:80/y
  i: "tab\\there"
  j: The quick brown fox jumps over the lazy dog, and then it keeps running far beyond
    the eightieth column of text
  k: it's
  l: "1e3"
  m: "0x1F"
  "n": '- item'
  o: '#x'
  p: 'x #y'
  q: "~"
  r: ' lead'
  s: <&>
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: demo
`;

const service = {
  kind: 'Service',
  apiVersion: 'v1',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, creationTimestamp: '2025-01-01T00:00:00Z', annotations: { note: 'a\nb\n' } },
  spec: {
    type: 'ClusterIP',
    clusterIP: '10.96.0.10',
    clusterIPs: ['10.96.0.10'],
    ports: [{ port: 80, protocol: 'TCP', targetPort: 8080, name: 'http' }],
    selector: { app: 'web' },
    sessionAffinity: 'None',
  },
  status: { loadBalancer: {} },
};
const serviceYaml = `apiVersion: v1
kind: Service
metadata:
  annotations:
    note: |
      a
      b
  creationTimestamp: "2025-01-01T00:00:00Z"
  labels:
    app: web
  name: web
  namespace: default
spec:
  clusterIP: 10.96.0.10
  clusterIPs:
  - 10.96.0.10
  ports:
  - name: http
    port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: web
  sessionAffinity: None
  type: ClusterIP
status:
  loadBalancer: {}
`;

describe('marshalGoYaml', () => {
  it.each([
    { name: 'kubectl configmap quoting sample', value: configMap, out: configMapYaml },
    { name: 'service: sorted keys, indentless sequences, literal block', value: service, out: serviceYaml },
    { name: 'nested sequences and empty containers', value: { a: [[1, 2], [], {}], b: [] }, out: 'a:\n- - 1\n  - 2\n- []\n- {}\nb: []\n' },
    { name: 'keep chomping', value: { x: 'a\n\n' }, out: 'x: |+\n  a\n\n' },
    { name: 'leading space in a block', value: { x: ' a\nb' }, out: 'x: |2-\n   a\n  b\n' },
    { name: 'booleans, null, floats', value: { t: true, n: null, f: 0.5, g: 1e-7 }, out: 'f: 0.5\ng: 1e-07\n"n": null\nt: true\n' },
  ])('$name', ({ value, out }) => {
    expect(marshalGoYaml(value)).toBe(out);
  });
});

describe('resolvesToNonString', () => {
  it.each([
    { s: 'on', q: true },
    { s: 'Off', q: true },
    { s: '1_000', q: true },
    { s: '0o17', q: true },
    { s: '.5', q: true },
    { s: '12:30', q: true },
    { s: '2024-1-2 3:04:05', q: true },
    { s: 'v1.2', q: false },
    { s: '10.96.0.1', q: false },
    { s: 'web', q: false },
  ])('$s', ({ s, q }) => {
    expect(resolvesToNonString(s)).toBe(q);
  });
});

describe('printYaml', () => {
  it('wraps several objects in a List', () => {
    const objs = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }] as KubeObject[];
    expect(printYaml(objs, false)).toBe(
      'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: a\nkind: List\nmetadata:\n  resourceVersion: ""\n',
    );
    expect(printYaml(objs, true)).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n');
    expect(printYaml([], false)).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
  });
});

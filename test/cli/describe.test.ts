// describe: golden tests against kubectl 1.32's own output, recorded with
// test/fixtures/describe/record.sh (kubectl-oracle/fakeapi.py over objects.yaml).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Deployment, EndpointSlice, Endpoints, KubeObject, Node, Pod, ReplicaSet, Service } from '../../src/api/types.js';
import {
  describeConfigMap,
  describeDaemonSet,
  describeDeployment,
  describeEndpoints,
  describeEndpointSlice,
  describeIngress,
  describeNamespace,
  describeNode,
  describePersistentVolumeClaim,
  describePod,
  describeReplicaSet,
  describeSecret,
  describeService,
  describeStatefulSet,
  formatEndpointSlices,
  rfc1123z,
  tabbed,
} from '../../src/printers/describe/index.js';
import { Sandbox } from '../helpers/run-cli.js';

const fixtures = join(__dirname, '..', 'fixtures', 'describe');
const objects = parseAllDocuments(readFileSync(join(fixtures, 'objects.yaml'), 'utf8')).map((d) => d.toJS() as KubeObject);
const services = new Map(objects.filter((o) => o.kind === 'Service').map((o) => [o.metadata.name!, o as Service]));
const slices = objects.filter((o) => o.kind === 'EndpointSlice') as EndpointSlice[];

const recorded = readdirSync(fixtures)
  .filter((f) => f.startsWith('svc-') && f.endsWith('.out'))
  .map((f) => {
    const args = readFileSync(join(fixtures, f.replace(/\.out$/, '.args')), 'utf8').trim().split(/[ /]/);
    return { name: f, svc: args[args.length - 1], want: readFileSync(join(fixtures, f), 'utf8') };
  });

describe('describeService matches kubectl describe service', () => {
  it('has fixtures', () => expect(recorded.length).toBe(5));
  it.each(recorded)('$name', ({ svc, want }) => {
    const mine = slices.filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc);
    expect(describeService(services.get(svc)!, mine)).toBe(want);
  });
});

const slice = (n: number, ready: (boolean | undefined)[], portName?: string): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: `s${n}` },
  addressType: 'IPv4',
  endpoints: ready.map((r, i) => ({ addresses: [`10.0.${n}.${i + 1}`], conditions: r === undefined ? {} : { ready: r } })),
  ports: portName === undefined ? [] : [{ name: portName, port: 80 }],
});

describe('formatEndpointSlices', () => {
  it.each([
    { name: 'no slices', slices: [], port: 'http', want: '<none>' },
    { name: 'unknown readiness counts as ready', slices: [slice(1, [undefined, false], 'http')], port: 'http', want: '10.0.1.1:80' },
    { name: 'other port name: nothing (slices exist)', slices: [slice(1, [true], 'web')], port: 'http', want: '' },
    { name: 'only not-ready endpoints: nothing', slices: [slice(1, [false, false], 'http')], port: 'http', want: '' },
    { name: 'an empty slice: nothing', slices: [slice(1, [], 'http')], port: 'http', want: '' },
    { name: 'more than three', slices: [slice(1, [true, true], ''), slice(2, [true, true, true], '')], port: undefined, want: '10.0.1.1:80,10.0.1.2:80,10.0.2.1:80 + 2 more...' },
    { name: 'portless slice: addresses only', slices: [slice(3, [true])], port: 'x', want: '10.0.3.1' },
  ])('$name', ({ slices: s, port, want }) => {
    expect(formatEndpointSlices(s, port)).toBe(want);
  });
});

describe('tabbed (Go tabwriter, padding 2)', () => {
  it.each([
    { name: 'one column', in: 'A:\tx\nLonger:\ty\n', want: 'A:       x\nLonger:  y\n' },
    { name: 'second column is its own block', in: 'A:\tp\t1\nBb:\tq\n', want: 'A:   p  1\nBb:  q\n' },
    { name: 'empty trailing cell keeps padding', in: 'IP:\t\nName:\tn\n', want: 'IP:    \nName:  n\n' },
  ])('$name', ({ in: text, want }) => {
    expect(tabbed(text)).toBe(want);
  });
});

describe('svcctl describe', () => {
  it.each([
    { name: 'short name', args: ['describe', 'svc', 'web'] },
    { name: 'TYPE/NAME', args: ['describe', 'service/web'] },
  ])('$name', async ({ args }) => {
    const sb = new Sandbox();
    try {
      await sb.run(['create', 'service', 'clusterip', 'web', '--tcp=80:8080']);
      const r = await sb.run(args);
      expect(r.stderr).toBe('');
      expect(r.stdout.split('\n').slice(0, 3).join('\n')).toBe('Name:                     web\nNamespace:                default\nLabels:                   app=web');
      // No pod matches: the controller keeps an empty slice, and kubectl prints nothing after the label.
      expect(r.stdout).toContain('\nPort:                     80-8080  80/TCP\nTargetPort:               8080/TCP\nEndpoints:                \n');
      const missing = await sb.run(['describe', 'svc', 'nope']);
      expect(missing.stderr).toBe('Error from server (NotFound): services "nope" not found\n');
    } finally {
      sb.dispose();
    }
  });
});

// Workload kinds: test/fixtures/describe/record-workloads.sh over workloads.yaml, recorded with TZ=UTC.
// `@now-300s` stands for NOW - 300s, with NOW the clock the node describer is given.
process.env.TZ = 'UTC';
const NOW = new Date('2025-01-01T00:00:00Z');
const atNow = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(atNow);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, atNow(x)]));
  const m = typeof v === 'string' ? /^@now-(\d+)s$/.exec(v) : null;
  return m ? new Date(NOW.getTime() - Number(m[1]) * 1000).toISOString().replace(/\.\d+Z$/, 'Z') : v;
};
const workloads = parseAllDocuments(readFileSync(join(fixtures, 'workloads.yaml'), 'utf8')).map((d) => atNow(d.toJS()) as KubeObject);
const ofKind = <T extends KubeObject>(kind: string) => workloads.filter((o) => o.kind === kind) as T[];
const named = <T extends KubeObject>(kind: string, name: string) => ofKind<T>(kind).find((o) => o.metadata.name === name)!;
const pods = ofKind<Pod>('Pod');
const replicaSets = ofKind<ReplicaSet>('ReplicaSet');
const leaseOf = (node: string) => {
  const l = workloads.find((o) => o.kind === 'Lease' && o.metadata.name === node) as { spec: { holderIdentity?: string; renewTime?: string } } | undefined;
  return l ? { holderIdentity: l.spec.holderIdentity, renewTime: l.spec.renewTime } : undefined;
};
const onNode = (node: string) => pods.filter((p) => p.spec.nodeName === node && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
const matching = (rs: ReplicaSet) => pods.filter((p) => Object.entries(rs.spec.selector.matchLabels ?? {}).every(([k, v]) => p.metadata.labels?.[k] === v));

// The Services and EndpointSlices the recording server held (objects.yaml's and workloads.yaml's).
const ingressContext = () => {
  const all = [...objects, ...workloads];
  return { services: all.filter((o) => o.kind === 'Service') as Service[], slices: all.filter((o) => o.kind === 'EndpointSlice') as EndpointSlice[] };
};

const golden: { name: string; got: () => string }[] = [
  { name: 'pod-ready', got: () => describePod(named<Pod>('Pod', 'api-7d9f8c6b5-abcde')) },
  { name: 'pod-unready', got: () => describePod(named<Pod>('Pod', 'api-7d9f8c6b5-fghij')) },
  { name: 'pod-pending', got: () => describePod(named<Pod>('Pod', 'lonely')) },
  { name: 'ep-api', got: () => describeEndpoints(named<Endpoints>('Endpoints', 'api')) },
  { name: 'ep-empty', got: () => describeEndpoints(named<Endpoints>('Endpoints', 'empty')) },
  { name: 'deploy-api', got: () => describeDeployment(named<Deployment>('Deployment', 'api'), replicaSets) },
  { name: 'rs-new', got: () => describeReplicaSet(named<ReplicaSet>('ReplicaSet', 'api-7d9f8c6b5'), matching(named<ReplicaSet>('ReplicaSet', 'api-7d9f8c6b5'))) },
  { name: 'rs-old', got: () => describeReplicaSet(named<ReplicaSet>('ReplicaSet', 'api-5c4b3a291'), matching(named<ReplicaSet>('ReplicaSet', 'api-5c4b3a291'))) },
  { name: 'node-1', got: () => describeNode(named<Node>('Node', 'node-1'), onNode('node-1'), leaseOf('node-1'), NOW) },
  { name: 'node-2', got: () => describeNode(named<Node>('Node', 'node-2'), onNode('node-2'), leaseOf('node-2'), NOW) },
  {
    name: 'ns-default',
    got: () => describeNamespace({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' }, status: { phase: 'Active' } }),
  },
  { name: 'eps-api', got: () => describeEndpointSlice(named<EndpointSlice>('EndpointSlice', 'api-x7k2p')) },
  { name: 'eps-bare', got: () => describeEndpointSlice(named<EndpointSlice>('EndpointSlice', 'bare')) },
  { name: 'pod-vol', got: () => describePod(named<Pod>('Pod', 'vol-pod')) },
  { name: 'rs-tpl', got: () => describeReplicaSet(named<ReplicaSet>('ReplicaSet', 'tpl'), matching(named<ReplicaSet>('ReplicaSet', 'tpl'))) },
  { name: 'secret-opaque', got: () => describeSecret(named('Secret', 'app-secret')) },
  { name: 'secret-token', got: () => describeSecret(named('Secret', 'sa-token')) },
  { name: 'cm-app', got: () => describeConfigMap(named('ConfigMap', 'app-config')) },
  { name: 'pvc-pending', got: () => describePersistentVolumeClaim(named('PersistentVolumeClaim', 'data-pvc'), pods) },
  { name: 'pvc-bound', got: () => describePersistentVolumeClaim(named('PersistentVolumeClaim', 'bound'), pods) },
  { name: 'ing-rules', got: () => describeIngress(named('Ingress', 'shop'), ingressContext()) },
  { name: 'ing-default', got: () => describeIngress(named('Ingress', 'fallback'), ingressContext()) },
  { name: 'sts-db', got: () => describeStatefulSet(named('StatefulSet', 'db'), pods.filter((p) => p.metadata.labels?.app === 'db')) },
  { name: 'ds-agent', got: () => describeDaemonSet(named('DaemonSet', 'agent'), pods.filter((p) => p.metadata.labels?.app === 'agent')) },
];

describe('workload describers match kubectl describe', () => {
  it('records every fixture', () => {
    const outs = readdirSync(fixtures).filter((f) => f.endsWith('.out') && !f.startsWith('svc-'));
    expect(outs.sort()).toEqual(golden.map((g) => `${g.name}.out`).sort());
  });
  it.each(golden)('$name', ({ name, got }) => {
    expect(readFileSync(join(fixtures, `${name}.err`), 'utf8')).toBe('');
    expect(got()).toBe(readFileSync(join(fixtures, `${name}.out`), 'utf8'));
  });
});

describe('rfc1123z', () => {
  it.each([
    { name: 'UTC', iso: '2024-05-01T10:02:01Z', want: 'Wed, 01 May 2024 10:02:01 +0000' },
    { name: 'fraction dropped', iso: '2024-12-31T23:59:59.900Z', want: 'Tue, 31 Dec 2024 23:59:59 +0000' },
    { name: 'absent is Go zero time', iso: undefined, want: 'Mon, 01 Jan 0001 00:00:00 +0000' },
  ])('$name', ({ iso, want }) => {
    expect(rfc1123z(iso)).toBe(want);
  });
});

describe('svcctl describe workloads (wiring)', () => {
  const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n      - name: api\n        image: nginx\n';
  it('describes each kind with its related objects', async () => {
    const sb = new Sandbox();
    try {
      const applied = await sb.run(['apply', '-f', '-'], { stdin: deploy });
      expect(applied.stderr).toBe('');
      const d = await sb.run(['describe', 'deploy', 'api']);
      expect(d.stderr).toBe('');
      expect(d.stdout).toMatch(/\nOldReplicaSets: +<none>\nNewReplicaSet: +api-[a-z0-9]+ \(2\/2 replicas created\)\nEvents:\n/);
      expect(d.stdout).toMatch(/\n  Normal  ScalingReplicaSet  0s +deployment-controller  Scaled up replica set api-[a-z0-9]+ from 0 to 2\n$/);
      const rsName = /NewReplicaSet: +(api-[a-z0-9]+)/.exec(d.stdout)![1];
      const rs = await sb.run(['describe', `replicaset/${rsName}`]);
      expect(rs.stdout).toContain('\nControlled By:  Deployment/api\n');
      expect(rs.stdout).toMatch(/\nPods Status: +2 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed\n/);
      const ns = await sb.run(['describe', 'ns', 'default']);
      expect(ns.stdout).toMatch(/\nStatus: +Active\n\nNo resource quota.\n\nNo LimitRange resource.\n$/);
      const podNames = (await sb.run(['get', 'pods', '-o', 'name'])).stdout.trim().split('\n');
      const pod = await sb.run(['describe', podNames[0]]);
      expect(pod.stderr).toBe('');
      expect(pod.stdout).toContain(`\nControlled By:  ReplicaSet/${rsName}\n`);
      const node = /\nNode: +([^/\n]+)\//.exec(pod.stdout)![1];
      const n = await sb.run(['describe', 'node', node]);
      expect(n.stderr).toBe('');
      expect(n.stdout).toContain(`  HolderIdentity:  ${node}\n`);
      expect(n.stdout).toContain(podNames[0].replace('pod/', ''));
      const ep = await sb.run(['describe', 'ep', 'kubernetes']);
      expect(ep.stdout.split('\n')[0]).toBe('Name:         kubernetes');
      const missing = await sb.run(['describe', 'pod', 'nope']);
      expect(missing.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    } finally {
      sb.dispose();
    }
  });
});

describe('svcctl describe secret and configmap', () => {
  it('a Secret applied with stringData is stored as data and described by size only; a ConfigMap in full', async () => {
    const sb = new Sandbox();
    try {
      const manifest = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: s3cr3t\n  user: admin\ndata:\n  user: b2xk\n';
      expect((await sb.run(['apply', '-f', '-'], { stdin: manifest })).stdout).toBe('secret/db created\n');
      const yaml = (await sb.run(['get', 'secret', 'db', '-o', 'yaml'])).stdout;
      // stringData is write-only: its values land in data (base64), over the same key.
      expect(yaml).toContain('data:\n  password: czNjcjN0\n  user: YWRtaW4=\nkind: Secret\n');
      expect(yaml).not.toContain('stringData:\n');
      const d = await sb.run(['describe', 'secret', 'db']);
      expect(d.stderr).toBe('');
      // Keys sorted (kubectl's order is Go's map order, different each run); values never shown.
      expect(d.stdout).toBe('Name:         db\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  6 bytes\nuser:      5 bytes\n');
      const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  b: "2"\n  a: "1"\n';
      expect((await sb.run(['apply', '-f', '-'], { stdin: cm })).stdout).toBe('configmap/cfg created\n');
      const c = await sb.run(['describe', 'cm', 'cfg']);
      expect(c.stderr).toBe('');
      expect(c.stdout).toContain('\nData\n====\na:\n----\n1\n\nb:\n----\n2\n\n\nBinaryData\n====\n\nEvents:  <none>\n');
    } finally {
      sb.dispose();
    }
  });
});

describe('svcctl describe ingress (wiring)', () => {
  it("shows each backend Service's ready endpoints from the store", async () => {
    const sb = new Sandbox();
    try {
      const manifest = [
        'apiVersion: v1\nkind: Pod\nmetadata: {name: web-0, labels: {app: web}}\nspec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}',
        'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}',
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: front}\nspec: {rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]}',
      ].join('\n---\n');
      expect((await sb.run(['apply', '-f', '-'], { stdin: manifest })).stderr).toBe('');
      const ip = (await sb.run(['get', 'pod', 'web-0', '-o', 'jsonpath={.status.podIP}'])).stdout;
      expect(ip).toMatch(/^10\.244\.\d+\.\d+$/);
      const d = await sb.run(['describe', 'ingress', 'front']);
      expect(d.stderr).toBe('');
      expect(d.stdout).toContain(`\n  *           \n              /   web:80 (${ip}:8080)\n`);
    } finally {
      sb.dispose();
    }
  });
});

describe('svcctl describe: which objects', () => {
  const names = (out: string) => [...out.matchAll(/^Name: +(\S+)$/gm)].map((m) => m[1]);
  it.each([
    { name: 'a type alone: every object in the namespace, two blank lines between', args: ['describe', 'svc'], out: ['kubernetes', 'other', 'web-a', 'web-b'], err: '', code: 0, sep: '\n\n\nName:' },
    { name: 'a selector', args: ['describe', 'svc', '-l', 'tier=web'], out: ['web-a', 'web-b'], err: '', code: 0, sep: '\n\n\nName:' },
    { name: 'TYPE NAME with no such object: every object whose name starts with it', args: ['describe', 'svc', 'web'], out: ['web-a', 'web-b'], err: '', code: 0, sep: '\n\nName:' },
    { name: 'TYPE/NAME is never a prefix', args: ['describe', 'svc/web'], out: [], err: 'Error from server (NotFound): services "web" not found\n', code: 1 },
    { name: 'one missing among several: the others, then the error', args: ['describe', 'svc', 'web-a', 'nope'], out: ['web-a'], err: 'Error from server (NotFound): services "nope" not found\n', code: 1 },
    { name: 'nothing selected', args: ['describe', 'svc', '-l', 'tier=none'], out: [], err: 'No resources found in default namespace.\n', code: 0 },
  ])('$name', async ({ args, out, err, code, sep }) => {
    const sb = new Sandbox();
    try {
      for (const [n, tier] of [['web-a', 'web'], ['web-b', 'web'], ['other', 'db']]) {
        await sb.run(['create', 'service', 'clusterip', n, '--tcp=80']);
        await sb.run(['label', 'svc', n, `tier=${tier}`]);
      }
      const r = await sb.run(args);
      expect(names(r.stdout)).toEqual(out);
      expect(r.stderr).toBe(err);
      expect(r.exitCode).toBe(code);
      if (sep) expect(r.stdout).toMatch(new RegExp(`Events: +<none>${sep}`));
    } finally {
      sb.dispose();
    }
  });
});

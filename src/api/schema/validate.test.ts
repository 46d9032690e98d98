import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeManifests } from '../decode.js';
import { decodeErrorMessage, hasSchema, validateSchema, type SchemaIssue } from './validate.js';
import type { KubeObject } from '../types.js';
import { shared } from '../../../test/helpers/shared.js';

const groupVersion = (apiVersion: string) =>
  apiVersion.includes('/') ? (apiVersion.split('/', 2) as [string, string]) : ['', apiVersion];

function check(yaml: string): Promise<SchemaIssue[]> {
  const [doc] = decodeManifests(yaml, 'f.yaml');
  if (!doc.object) throw new Error(doc.error?.message);
  const [g, v] = groupVersion(doc.object.apiVersion);
  return validateSchema(doc.object, g, v, doc.object.kind);
}

const service = (spec: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n${spec}`;

describe('validateSchema', () => {
  const cases: { name: string; yaml: string; want: Omit<SchemaIssue, 'path'>[] }[] = [
    {
      name: 'a valid Service',
      yaml: service('  type: NodePort\n  selector: {app: web}\n  ports:\n  - name: http\n    port: 80\n    targetPort: http\n    nodePort: 30080\n  - port: 53\n    targetPort: 5353\n    protocol: UDP\n'),
      want: [],
    },
    {
      name: 'a valid Deployment',
      yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      terminationGracePeriodSeconds: 30\n      containers:\n      - name: web\n        image: nginx\n        ports: [{containerPort: 80, name: http}]\n        resources: {limits: {cpu: 500m, memory: 128Mi}, requests: {cpu: 1}}\n        readinessProbe: {httpGet: {path: /, port: http}}\n',
      want: [],
    },
    {
      name: 'a valid ConfigMap with null values',
      yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  annotations:\ndata:\n  a: "1"\nbinaryData: {b: aGk=}\n',
      want: [],
    },
    {
      name: 'unknown top-level spec field',
      yaml: service('  prots:\n  - port: 80\n'),
      want: [{ kind: 'unknownField', message: 'unknown field "spec.prots"' }],
    },
    {
      name: 'unknown field at depth carries indices',
      yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        imagePullPolice: Always\n',
      want: [{ kind: 'unknownField', message: 'unknown field "spec.template.spec.containers[0].imagePullPolice"' }],
    },
    {
      name: 'string port',
      yaml: service('  ports:\n  - port: "80"\n'),
      want: [{ kind: 'type', message: 'json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32' }],
    },
    {
      name: 'number label value (version: 1.0)',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    version: 1.0\n',
      want: [{ kind: 'type', message: 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string' }],
    },
    {
      name: 'ports given as a map',
      yaml: service('  ports: {port: 80}\n'),
      want: [{ kind: 'type', message: 'json: cannot unmarshal object into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort' }],
    },
    {
      name: 'fractional port',
      yaml: service('  ports:\n  - port: 80.5\n'),
      want: [{ kind: 'type', message: 'json: cannot unmarshal number 80.5 into Go struct field ServicePort.spec.ports.port of type int32' }],
    },
    {
      name: 'boolean targetPort (IntOrString)',
      yaml: service('  ports:\n  - port: 80\n    targetPort: yes\n'),
      want: [{ kind: 'type', message: 'json: cannot unmarshal bool into Go value of type int32' }],
    },
    {
      name: 'int64 field',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  terminationGracePeriodSeconds: soon\n  containers: [{name: c, image: i}]\n',
      want: [{ kind: 'type', message: 'json: cannot unmarshal string into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64' }],
    },
    {
      name: 'missing required port',
      yaml: service('  ports:\n  - name: http\n'),
      want: [{ kind: 'required', message: 'spec.ports[0].port: Required value' }],
    },
  ];
  it.each(cases)('$name', async ({ yaml, want }) => {
    expect((await check(yaml)).map(({ kind, message }) => ({ kind, message }))).toEqual(want);
  });

  it('paths are segments', async () => {
    expect((await check(service('  ports:\n  - port: 80\n    prot: TCP\n'))).map((i) => i.path)).toEqual([['spec', 'ports', 0, 'prot']]);
  });

  it('hasSchema', () => {
    expect([hasSchema('', 'v1', 'Service'), hasSchema('apps', 'v1', 'Deployment'), hasSchema('example.com', 'v1', 'Widget')]).toEqual([true, true, false]);
  });
});

describe('decodeErrorMessage', () => {
  const unknown = (f: string): SchemaIssue => ({ kind: 'unknownField', path: [], message: `unknown field "${f}"` });
  const cases: { name: string; issues: SchemaIssue[]; want: string | undefined }[] = [
    { name: 'nothing', issues: [{ kind: 'required', path: [], message: 'x: Required value' }], want: undefined },
    {
      name: 'unknown fields joined',
      issues: [unknown('spec.a'), unknown('spec.b')],
      want: 'Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.a", unknown field "spec.b"',
    },
    {
      name: 'a type error wins',
      issues: [unknown('spec.a'), { kind: 'type', path: [], message: 'json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32' }],
      want: 'Service in version "v1" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32',
    },
  ];
  it.each(cases)('$name', ({ issues, want }) => {
    expect(decodeErrorMessage('Service', 'v1', issues)).toBe(want);
  });
});

function corpusFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return corpusFiles(full);
    return /\.(ya?ml|json)$/.test(name) ? [full] : [];
  });
}

describe('real-world corpus', () => {
  it('built-in kinds produce no unknown-field or type errors', async () => {
    const found: string[] = [];
    let checked = 0;
    for (const f of corpusFiles(shared('corpus', 'real'))) {
      for (const d of decodeManifests(readFileSync(f, 'utf8'), f)) {
        const o = d.object as KubeObject | undefined;
        if (!o || typeof o.apiVersion !== 'string') continue;
        const [g, v] = groupVersion(o.apiVersion);
        if (!hasSchema(g, v, o.kind)) continue;
        checked++;
        for (const i of await validateSchema(o, g, v, o.kind)) {
          if (i.kind !== 'required') found.push(`${f.replace(`${shared('corpus', 'real')}/`, '')}: ${o.kind}: ${i.message}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(400);
    expect(found).toEqual([]);
  });
});

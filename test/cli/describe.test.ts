// describe: golden tests against kubectl 1.32's own output, recorded with
// test/fixtures/describe/record.sh (kubectl-oracle/fakeapi.py over objects.yaml).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, KubeObject, Service } from '../../src/api/types.js';
import { describeService, formatEndpointSlices, tabbed } from '../../src/printers/describe/index.js';
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
    { name: 'other port name', slices: [slice(1, [true], 'web')], port: 'http', want: '<none>' },
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
      expect(r.stdout).toContain('\nPort:                     80-8080  80/TCP\nTargetPort:               8080/TCP\nEndpoints:                <none>\n');
      const missing = await sb.run(['describe', 'svc', 'nope']);
      expect(missing.stderr).toBe('Error from server (NotFound): services "nope" not found\n');
    } finally {
      sb.dispose();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch, PatchError, strategicMergePatch } from './patch.js';

const svc = () => ({
  metadata: { name: 'web', labels: { app: 'web', tier: 'front' } },
  spec: {
    type: 'ClusterIP',
    selector: { app: 'web' },
    ports: [
      { name: 'http', port: 80, targetPort: 8080 },
      { name: 'metrics', port: 9090, targetPort: 9090 },
    ],
    externalIPs: ['1.2.3.4'],
  },
});

describe('mergePatch (RFC 7386)', () => {
  it.each([
    { name: 'maps merge, null removes', patch: { metadata: { labels: { tier: null, env: 'prod' } } }, path: 'metadata.labels', want: { app: 'web', env: 'prod' } },
    { name: 'lists replace whole', patch: { spec: { ports: [{ port: 81 }] } }, path: 'spec.ports', want: [{ port: 81 }] },
    { name: 'a scalar replaces', patch: { spec: { type: 'NodePort' } }, path: 'spec.type', want: 'NodePort' },
  ])('$name', ({ patch, path, want }) => {
    const out = mergePatch(svc(), patch) as Record<string, unknown>;
    expect(path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], out)).toEqual(want);
  });
});

describe('strategicMergePatch', () => {
  const ports = (patch: unknown) => (strategicMergePatch(svc(), { spec: { ports: patch } }) as ReturnType<typeof svc>).spec.ports;
  it.each([
    { name: 'an item with a known merge key merges into its match', patch: [{ port: 80, targetPort: 'http' }], want: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 9090 }] },
    { name: 'a new key is appended', patch: [{ port: 443, name: 'https' }], want: [...svc().spec.ports, { port: 443, name: 'https' }] },
    { name: '$patch: delete removes the match', patch: [{ port: 9090, $patch: 'delete' }], want: [svc().spec.ports[0]] },
    { name: '$patch: replace replaces the list', patch: [{ $patch: 'replace' }, { port: 1 }], want: [{ port: 1 }] },
  ])('ports: $name', ({ patch, want }) => {
    expect(ports(patch)).toEqual(want);
  });

  it.each([
    { name: 'a list without merge key replaces', patch: { spec: { externalIPs: ['5.6.7.8'] } }, want: (o: ReturnType<typeof svc>) => o.spec.externalIPs, value: ['5.6.7.8'] },
    { name: 'null removes a field', patch: { spec: { selector: null } }, want: (o: ReturnType<typeof svc>) => o.spec.selector, value: undefined },
    { name: '$patch: replace replaces a map', patch: { metadata: { labels: { $patch: 'replace', only: 'this' } } }, want: (o: ReturnType<typeof svc>) => o.metadata.labels, value: { only: 'this' } },
  ])('$name', ({ patch, want, value }) => {
    expect(want(strategicMergePatch(svc(), patch) as ReturnType<typeof svc>)).toEqual(value);
  });

  it('leaves its input alone', () => {
    const target = svc();
    strategicMergePatch(target, { spec: { ports: [{ port: 80, targetPort: 1 }] }, metadata: { labels: { app: null } } });
    expect(target).toEqual(svc());
  });
});

describe('jsonPatch (RFC 6902)', () => {
  it.each([
    { name: 'replace', ops: [{ op: 'replace', path: '/spec/type', value: 'NodePort' }], check: (o: ReturnType<typeof svc>) => o.spec.type, want: 'NodePort' },
    { name: 'add to the end of a list', ops: [{ op: 'add', path: '/spec/externalIPs/-', value: '9.9.9.9' }], check: (o: ReturnType<typeof svc>) => o.spec.externalIPs, want: ['1.2.3.4', '9.9.9.9'] },
    { name: 'add at an index', ops: [{ op: 'add', path: '/spec/ports/0', value: { port: 1 } }], check: (o: ReturnType<typeof svc>) => o.spec.ports.map((p) => p.port), want: [1, 80, 9090] },
    { name: 'remove', ops: [{ op: 'remove', path: '/spec/ports/1' }], check: (o: ReturnType<typeof svc>) => o.spec.ports.length, want: 1 },
    { name: 'move and copy', ops: [{ op: 'copy', from: '/metadata/name', path: '/metadata/labels/name' }, { op: 'move', from: '/metadata/labels/tier', path: '/metadata/labels/layer' }], check: (o: ReturnType<typeof svc>) => o.metadata.labels, want: { app: 'web', name: 'web', layer: 'front' } },
    { name: 'a passing test', ops: [{ op: 'test', path: '/spec/selector', value: { app: 'web' } }], check: (o: ReturnType<typeof svc>) => o.spec.selector, want: { app: 'web' } },
    { name: '~1 stands for / in a key', ops: [{ op: 'add', path: '/metadata/labels/a~1b', value: 'x' }], check: (o: ReturnType<typeof svc>) => (o.metadata.labels as Record<string, string>)['a/b'], want: 'x' },
  ])('$name', ({ ops, check, want }) => {
    expect(check(jsonPatch(svc(), ops) as ReturnType<typeof svc>)).toEqual(want);
  });

  it.each([
    { ops: [{ op: 'remove', path: '/spec/nope' }], err: 'unable to remove nonexistent key: nope: missing value' },
    { ops: [{ op: 'test', path: '/spec/type', value: 'NodePort' }], err: 'testing value /spec/type failed: test failed' },
    { ops: [{ op: 'replace', path: '/spec/nope', value: 1 }], err: 'replace operation does not apply: doc is missing key: /spec/nope: missing value' },
    { ops: [{ op: 'frob', path: '/x' }], err: 'Unexpected kind: frob' },
  ])('refuses $ops.0.op', ({ ops, err }) => {
    expect(() => jsonPatch(svc(), ops)).toThrow(new PatchError(err));
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeManifests, resolvePlainScalar } from './decode.js';
import { shared } from '../../test/helpers/shared.js';

const BAD = 'test/fixtures/manifests/bad';
const svc = (extra = '') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n${extra}`;

describe('resolvePlainScalar (go-yaml v2, YAML 1.1)', () => {
  const cases: { name: string; text: string; want: unknown }[] = [
    { name: 'yes is true', text: 'yes', want: true },
    { name: 'On is true', text: 'On', want: true },
    { name: 'y is true', text: 'y', want: true },
    { name: 'NO is false', text: 'NO', want: false },
    { name: 'off is false', text: 'off', want: false },
    { name: 'n is false', text: 'n', want: false },
    { name: 'tilde is null', text: '~', want: null },
    { name: 'Null is null', text: 'Null', want: null },
    { name: 'leading zero is octal', text: '0755', want: 493 },
    { name: 'hex', text: '0x1F', want: 31 },
    { name: 'binary', text: '0b101', want: 5 },
    { name: 'Go 0o octal', text: '0o17', want: 15 },
    { name: 'underscores dropped', text: '1_000', want: 1000 },
    { name: 'negative', text: '-42', want: -42 },
    { name: 'float', text: '1.5', want: 1.5 },
    { name: 'exponent', text: '1e3', want: 1000 },
    { name: 'leading dot float', text: '.5', want: 0.5 },
    { name: 'bad octal falls back to float', text: '089', want: 89 },
    { name: 'sexagesimal stays a string', text: '1:20', want: '1:20' },
    { name: 'timestamp stays a string', text: '2024-01-01', want: '2024-01-01' },
    { name: 'version-like stays a string', text: '1.2.3', want: '1.2.3' },
    { name: 'word', text: 'nginx', want: 'nginx' },
    { name: 'True is true', text: 'True', want: true },
    { name: 'tRUE stays a string', text: 'tRUE', want: 'tRUE' },
  ];
  it.each(cases)('$name', ({ text, want }) => {
    expect(resolvePlainScalar(text)).toStrictEqual(want);
  });
});

describe('decodeManifests values', () => {
  const cases: { name: string; text: string; want: unknown[] }[] = [
    {
      name: 'quoted scalars stay strings, plain ones resolve',
      text: svc('data:\n  a: "yes"\n  b: yes\n  c: \'0755\'\n  d: 0755\n  e: !!str 80\n  f: !Ref x\n'),
      want: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, data: { a: 'yes', b: true, c: '0755', d: 493, e: '80', f: 'x' } }],
    },
    {
      name: 'boolean and number keys become strings',
      text: svc('data:\n  on: 1\n  n: 2\n  80: 3\n'),
      want: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, data: { true: 1, false: 2, '80': 3 } }],
    },
    {
      name: 'multi-document with empty and null documents skipped',
      text: `---\n# nothing\n---\n${svc()}---\n~\n---\n${svc().replace('web', 'api')}`,
      want: [
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } },
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' } },
      ],
    },
    {
      name: 'kind List expands to its items',
      text: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: b}\n',
      want: [
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } },
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' } },
      ],
    },
    {
      name: 'typed ServiceList expands too',
      text: 'apiVersion: v1\nkind: ServiceList\nitems:\n- {apiVersion: v1, kind: Service, metadata: {name: a}}\n',
      want: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } }],
    },
    {
      name: 'JSON document',
      text: '{\n\t"apiVersion": "v1",\n\t"kind": "Service",\n\t"metadata": {"name": "web", "labels": {"v": "1.0"}},\n\t"spec": {"ports": [{"port": 80}]}\n}\n',
      want: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', labels: { v: '1.0' } }, spec: { ports: [{ port: 80 }] } }],
    },
    {
      name: 'merge keys and anchors',
      text: svc('base: &b {p: 1, q: 2}\nspec:\n  <<: *b\n  q: 3\n'),
      want: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, base: { p: 1, q: 2 }, spec: { p: 1, q: 3 } }],
    },
    {
      name: 'constructor and prototype are plain own keys',
      text: svc('data:\n  constructor: a\n  prototype: b\n'),
      want: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, data: { constructor: 'a', prototype: 'b' } }],
    },
  ];
  it.each(cases)('$name', ({ text, want }) => {
    const docs = decodeManifests(text, 'f.yaml');
    expect(docs.map((d) => d.error?.message)).toEqual(want.map(() => undefined));
    expect(docs.map((d) => d.object)).toEqual(want);
  });

  it('never touches Object.prototype', () => {
    decodeManifests(svc('data:\n  constructor: {polluted: true}\n  prototype: {polluted: true}\n'), 'f.yaml');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('decodeManifests positions', () => {
  const text = [
    'apiVersion: v1', // 1
    'kind: Service', // 2
    'metadata:', // 3
    '  name: web', // 4
    'spec:', // 5
    '  ports:', // 6
    '  - name: http', // 7
    '    port: 80', // 8
    '  - name: dns', // 9
    '    port: 53', // 10
    '---', // 11
    'apiVersion: v1', // 12
    'kind: List', // 13
    'items:', // 14
    '- apiVersion: v1', // 15
    '  kind: Pod', // 16
    '  metadata: {name: p, labels: {app: x}}', // 17
  ].join('\n');
  const docs = decodeManifests(text, 'f.yaml');
  const cases: { name: string; doc: number; path: (string | number)[]; want: unknown }[] = [
    { name: 'document start', doc: 0, path: [], want: { line: 1, column: 1 } },
    { name: 'nested key', doc: 0, path: ['metadata', 'name'], want: { line: 4, column: 3 } },
    { name: 'sequence item', doc: 0, path: ['spec', 'ports', 1], want: { line: 9, column: 5 } },
    { name: 'field in sequence item', doc: 0, path: ['spec', 'ports', 1, 'port'], want: { line: 10, column: 5 } },
    { name: 'missing field', doc: 0, path: ['spec', 'type'], want: undefined },
    { name: 'index past the end', doc: 0, path: ['spec', 'ports', 5], want: undefined },
    { name: 'list item relative path', doc: 1, path: ['metadata', 'labels', 'app'], want: { line: 17, column: 32 } },
  ];
  it.each(cases)('$name', ({ doc, path, want }) => {
    expect(docs[doc].locate(path)).toEqual(want);
  });
  it('records file, document index, list index and start', () => {
    expect(docs.map(({ file, docIndex, listIndex, line, column }) => ({ file, docIndex, listIndex, line, column }))).toEqual([
      { file: 'f.yaml', docIndex: 0, listIndex: undefined, line: 1, column: 1 },
      { file: 'f.yaml', docIndex: 1, listIndex: 0, line: 15, column: 3 },
    ]);
  });
});

describe('decodeManifests bad input', () => {
  const validating = (where: string, data: string) =>
    `error validating "${where}": error validating data: ${data}; if you choose to ignore these errors, turn validation off with --validate=false`;
  const cases: { name: string; file: string; want: ({ error: string } | { kind: string })[] }[] = [
    {
      name: 'malformed YAML',
      file: 'malformed.yaml',
      want: [{ error: 'error parsing malformed.yaml:5:11: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context' }],
    },
    {
      name: 'a document that is not a mapping',
      file: 'not-a-mapping.yaml',
      want: [{ error: validating('not-a-mapping.yaml:1:1', 'invalid object to validate') }],
    },
    {
      name: 'missing apiVersion and kind',
      file: 'missing-type-meta.yaml',
      want: [{ error: validating('missing-type-meta.yaml:1:1', '[apiVersion not set, kind not set]') }],
    },
    {
      name: 'duplicate key',
      file: 'duplicate-key.yaml',
      want: [{ error: 'error parsing duplicate-key.yaml:8:5: error converting YAML to JSON: yaml: unmarshal errors: line 8: key "port" already set in map' }],
    },
    {
      name: 'billion laughs',
      file: 'alias-bomb.yaml',
      want: [{ error: 'error parsing alias-bomb.yaml:5:26: error converting YAML to JSON: yaml: line 5: document contains excessive aliasing' }],
    },
    {
      name: '10000-deep flow nesting',
      file: 'deep-flow.yaml',
      want: [{ error: 'error parsing deep-flow.yaml:3:1006: error converting YAML to JSON: yaml: line 3: exceeded max depth of 100' }],
    },
    {
      name: '120-deep nesting',
      file: 'nested-120.yaml',
      want: [{ error: 'error parsing nested-120.yaml:3:107: error converting YAML to JSON: yaml: line 3: exceeded max depth of 100' }],
    },
    {
      name: '__proto__ key',
      file: 'proto-key.yaml',
      want: [{ error: 'error parsing proto-key.yaml:6:3: error converting YAML to JSON: yaml: line 6: key "__proto__" is not allowed' }],
    },
    {
      name: 'a bad document costs only itself',
      file: 'second-doc-bad.yaml',
      want: [
        { kind: 'Service' },
        {
          error:
            'error parsing second-doc-bad.yaml:9:1: error converting YAML to JSON: yaml: line 9: flow sequence in block collection must be sufficiently indented and end with a ]',
        },
        { kind: 'Service' },
      ],
    },
  ];
  it.each(cases)('$name', ({ file, want }) => {
    const docs = decodeManifests(readFileSync(join(BAD, file), 'utf8'), file);
    expect(docs.map((d) => (d.error ? { error: d.error.message } : { kind: d.object?.kind }))).toEqual(want);
    for (const d of docs) if (d.error) expect(d.error.source).toEqual({ file, line: d.line, column: d.column });
  });

  it('alias bomb and deep nesting finish quickly', () => {
    const start = Date.now();
    for (const f of ['alias-bomb.yaml', 'deep-flow.yaml']) decodeManifests(readFileSync(join(BAD, f), 'utf8'), f);
    let block = 'apiVersion: v1\nkind: ConfigMap\ndata:\n';
    for (let i = 1; i <= 10_000; i++) block += `${' '.repeat(i)}a:\n`;
    const docs = decodeManifests(block, 'block.yaml');
    expect(docs[0].error?.message).toMatch(/exceeded max depth of 100$/);
    expect(Date.now() - start).toBeLessThan(5000);
  });
});

/** Every file of the real-world corpus, recursively. */
function corpusFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return corpusFiles(full);
    return /\.(ya?ml|json)$/.test(name) ? [full] : [];
  });
}

describe('real-world corpus', () => {
  const root = shared('corpus', 'real');
  // Three archived files really do repeat `selector:` (kubectl keeps the last one); svcctl reports them.
  const knownDuplicates = ['etcd-controller.yaml', 'etcd-discovery-controller.yaml', 'openshift-controller.yaml'].map(
    (f) =>
      `error parsing ${root}/kubernetes-examples/_archived/openshift-origin/${f}:12:3: error converting YAML to JSON: yaml: unmarshal errors: line 12: key "selector" already set in map`,
  );
  it('decodes every file without crashing; only the known duplicate keys fail', () => {
    const files = corpusFiles(root);
    expect(files.length).toBeGreaterThan(250);
    const errors: string[] = [];
    let objects = 0;
    for (const f of files) {
      for (const d of decodeManifests(readFileSync(f, 'utf8'), f)) {
        if (d.error) errors.push(d.error.message);
        else objects++;
      }
    }
    expect(errors).toEqual(knownDuplicates);
    expect(objects).toBeGreaterThan(500);
  });
});

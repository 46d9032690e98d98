import { describe, expect, it } from 'vitest';
import { printCustomColumns, relaxedJsonPath } from './custom-columns.js';
import { executeJsonPath, JsonPathError } from './jsonpath.js';

const svc = (name: string, ip: string, ports: unknown[], labels: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default', labels, annotations: { 'example.com/owner': 'team-a' } },
  spec: { clusterIP: ip, ports, type: 'ClusterIP' },
});
const web = svc('web', '10.96.0.10', [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'https', port: 443, protocol: 'TCP' }], { app: 'web' });
const db = svc('db', 'None', [{ port: 5432, protocol: 'TCP' }], { app: 'db', tier: 'data' });
const list = { apiVersion: 'v1', items: [web, db], kind: 'List', metadata: { resourceVersion: '' } };

describe('executeJsonPath', () => {
  it.each([
    { name: 'field', tpl: '{.metadata.name}', data: web, out: 'web' },
    { name: 'text around actions', tpl: 'ip={.spec.clusterIP}!', data: web, out: 'ip=10.96.0.10!' },
    { name: 'list wildcard space-separated', tpl: '{.items[*].metadata.name}', data: list, out: 'web db' },
    { name: 'index', tpl: '{.items[0].spec.clusterIP}', data: list, out: '10.96.0.10' },
    { name: 'negative slice', tpl: '{.items[-1:].metadata.name}', data: list, out: 'db' },
    { name: 'slice with step', tpl: '{.spec.ports[0:2:2].port}', data: web, out: '80' },
    { name: 'range with literals', tpl: '{range .items[*]}{.metadata.name}{"\\t"}{.spec.clusterIP}{"\\n"}{end}', data: list, out: 'web\t10.96.0.10\ndb\tNone\n' },
    { name: 'nested range', tpl: '{range .items[*]}{.metadata.name}:{range .spec.ports[*]}{.port},{end};{end}', data: list, out: 'web:80,443,;db:5432,;' },
    { name: 'filter on string', tpl: '{.spec.ports[?(@.name=="https")].port}', data: web, out: '443' },
    { name: 'filter on number', tpl: '{.items[?(@.spec.ports[0].port>1000)].metadata.name}', data: list, out: 'db' },
    { name: 'filter exists', tpl: '{.spec.ports[?(@.name)].name}', data: db, out: '' },
    { name: 'quoted key (escaped dots)', tpl: "{.metadata.annotations['example\\.com/owner']}", data: web, out: 'team-a' },
    { name: 'escaped dots in a field', tpl: '{.metadata.annotations.example\\.com/owner}', data: web, out: 'team-a' },
    { name: 'map printed as JSON', tpl: '{.metadata.labels}', data: db, out: '{"app":"db","tier":"data"}' },
    { name: 'union of quoted keys', tpl: "{.metadata['name','namespace']}", data: web, out: 'web default' },
    { name: 'index union', tpl: '{.spec.ports[0,1].name}', data: web, out: 'http https' },
    { name: 'missing key prints nothing', tpl: '{.spec.externalName}', data: web, out: '' },
    { name: 'recursive descent', tpl: '{..port}', data: web, out: '80 443' },
    { name: 'empty range', tpl: '{range .items[*]}{.x}{end}done', data: { items: [] }, out: 'done' },
    { name: 'number and bool', tpl: '{.a} {.b}', data: { a: 1.5, b: false }, out: '1.5 false' },
  ])('$name', ({ tpl, data, out }) => {
    expect(executeJsonPath(tpl, data)).toBe(out);
  });

  it.each([
    { name: 'missing key, strict', tpl: '{.items[0].spec.nope}', strict: true, err: 'nope is not found' },
    { name: 'double-quoted key', tpl: '{.metadata["name"]}', strict: false, err: 'invalid array index "name"' },
    { name: 'unclosed action', tpl: '{.metadata.name', strict: false, err: 'unclosed action' },
    { name: 'bad character', tpl: '{%}', strict: false, err: "unrecognized character in action: U+0025 '%'" },
    { name: 'out of bounds', tpl: '{.items[5]}', strict: false, err: 'array index out of bounds: index 5, length 2' },
    { name: 'not an array', tpl: '{.metadata[0]}', strict: false, err: 'map[string]interface {} is not array or slice' },
    { name: 'end outside range', tpl: '{end}', strict: false, err: 'not in range, nothing to end' },
    { name: 'unknown identifier', tpl: '{foo}', strict: false, err: 'unrecognized identifier foo' },
    { name: 'unterminated array', tpl: '{.items[0}', strict: false, err: 'unterminated array' },
    { name: 'bad index', tpl: '{.items[x]}', strict: false, err: 'invalid array index x' },
  ])('$name', ({ tpl, strict, err }) => {
    expect(() => executeJsonPath(tpl, list, !strict)).toThrow(new JsonPathError(err));
  });
});

describe('custom-columns', () => {
  it.each([
    { name: 'a.b', expr: 'metadata.name', out: '{.metadata.name}' },
    { name: '.a.b', expr: '.metadata.name', out: '{.metadata.name}' },
    { name: '{a.b}', expr: '{metadata.name}', out: '{.metadata.name}' },
    { name: '{.a.b}', expr: '{.metadata.name}', out: '{.metadata.name}' },
  ])('relaxed path $name', ({ expr, out }) => {
    expect(relaxedJsonPath(expr)).toBe(out);
  });

  it('prints headers as written, <none> for missing, lists comma-joined, maps as Go prints them', () => {
    const out = printCustomColumns('NAME:.metadata.name,IP:.spec.clusterIP,PORTS:.spec.ports[*].port,EXT:.spec.externalName,LABELS:.metadata.labels', [web, db]);
    expect(out).toBe(
      [
        'NAME   IP           PORTS    EXT      LABELS',
        'web    10.96.0.10   80,443   <none>   map[app:web]',
        'db     None         5432     <none>   map[app:db tier:data]',
        '',
      ].join('\n'),
    );
  });

  it.each([
    { name: 'no columns', spec: '', err: 'custom-columns format specified but no custom columns given' },
    { name: 'missing colon', spec: 'NAME', err: 'unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>' },
  ])('$name', ({ spec, err }) => {
    expect(() => printCustomColumns(spec, [web])).toThrow(new JsonPathError(err));
  });
});

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.js';
import { goJsonString, marshalGoJson, printJson } from './json.js';
import { printNames, resourceName } from './name.js';

describe('marshalGoJson', () => {
  it.each([
    { name: 'html escaping as Go', value: { s: '<&>', e: '' }, indent: '    ', out: '{\n    "e": "",\n    "s": "\\u003c\\u0026\\u003e"\n}' },
    { name: 'compact, sorted', value: { b: [1, { d: null, c: true }], a: {} }, indent: '', out: '{"a":{},"b":[1,{"c":true,"d":null}]}' },
    { name: 'empty array indented', value: { items: [] }, indent: '    ', out: '{\n    "items": []\n}' },
  ])('$name', ({ value, indent, out }) => {
    expect(marshalGoJson(value, indent)).toBe(out);
  });

  it.each([
    { s: 'tab\t', out: '"tab\\t"' },
    { s: '\u0001', out: '"\\u0001"' },
    { s: 'a\u2028', out: '"a\\u2028"' },
  ])('string $out', ({ s, out }) => {
    expect(goJsonString(s)).toBe(out);
  });
});

describe('printJson', () => {
  const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } } as KubeObject;
  it.each([
    {
      name: 'list of zero',
      objs: [],
      single: false,
      out: '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
    },
    { name: 'single named object', objs: [ns], single: true, out: '{\n    "apiVersion": "v1",\n    "kind": "Namespace",\n    "metadata": {\n        "name": "a"\n    }\n}\n' },
  ])('$name', ({ objs, single, out }) => {
    expect(printJson(objs as KubeObject[], single)).toBe(out);
  });
});

describe('-o name', () => {
  it.each([
    { name: 'core', obj: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }, out: 'service/web' },
    { name: 'apps', obj: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } }, out: 'deployment.apps/web' },
    { name: 'discovery', obj: { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-x' } }, out: 'endpointslice.discovery.k8s.io/web-x' },
    { name: 'no name', obj: { apiVersion: 'v1', kind: 'Pod', metadata: {} }, out: 'pod/<unknown>' },
  ])('$name', ({ obj, out }) => {
    expect(resourceName(obj as KubeObject)).toBe(out);
  });

  it('prints one line per object, with an operation', () => {
    const objs = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } }, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'b' } }] as KubeObject[];
    expect(printNames(objs)).toBe('service/a\nservice/b\n');
    expect(printNames(objs.slice(0, 1), 'created')).toBe('service/a created\n');
  });
});

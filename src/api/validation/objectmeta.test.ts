import { describe, expect, it } from 'vitest';
import { fieldErrorString } from '../field.js';
import type { ObjectMeta } from '../types.js';
import { nameIsDNS1035Label, nameIsDNSSubdomain } from './names.js';
import { validateObjectMeta } from './objectmeta.js';

const cases: { name: string; meta: ObjectMeta; namespaced?: boolean; want: string[] }[] = [
  { name: 'valid', meta: { name: 'web', namespace: 'default' }, want: [] },
  { name: 'no name', meta: { namespace: 'default' }, want: ['metadata.name: Required value: name or generateName is required'] },
  {
    name: 'bad generateName and no name',
    meta: { generateName: 'Web-', namespace: 'default' },
    want: [
      `metadata.generateName: Invalid value: "Web-": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      'metadata.name: Required value: name or generateName is required',
    ],
  },
  { name: 'namespace with dots', meta: { name: 'web', namespace: 'a.b' }, want: ['metadata.namespace: Invalid value: "a.b": must not contain dots'] },
  { name: 'namespace on cluster-scoped kind', meta: { name: 'n', namespace: 'default' }, namespaced: false, want: ['metadata.namespace: Forbidden: not allowed on this type'] },
  { name: 'negative generation', meta: { name: 'web', namespace: 'default', generation: -1 }, want: ['metadata.generation: Invalid value: -1: must be greater than or equal to 0'] },
  {
    name: 'annotation key with uppercase is fine, with spaces is not',
    meta: { name: 'web', namespace: 'default', annotations: { 'Example.com/Key': 'v', 'a b': 'v' } },
    want: [
      `metadata.annotations: Invalid value: "a b": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ],
  },
  {
    name: 'unqualified non-standard finalizer',
    meta: { name: 'web', namespace: 'default', finalizers: ['custom', 'example.com/ok', 'orphan'] },
    want: ['metadata.finalizers[0]: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified'],
  },
];

describe('validateObjectMeta', () => {
  it.each(cases)('$name', ({ meta, namespaced, want }) => {
    const nameValidator = namespaced === false ? nameIsDNSSubdomain : nameIsDNS1035Label;
    expect(validateObjectMeta(meta, { namespaced: namespaced ?? true, nameValidator }).map(fieldErrorString)).toEqual(want);
  });
});

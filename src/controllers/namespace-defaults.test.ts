import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.js';
import { namespaceDefaults, reconcileNamespaceDefaults, ROOT_CA_CONFIGMAP } from './namespace-defaults.js';

const ns = (over: Partial<KubeObject> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' }, ...over });
const [sa, cm] = namespaceDefaults('team');

describe('reconcileNamespaceDefaults', () => {
  it.each([
    { name: 'a new namespace gets both', args: [ns(), undefined, undefined] as const, create: ['ServiceAccount/default', `ConfigMap/${ROOT_CA_CONFIGMAP}`], update: 0 },
    { name: 'both there: nothing', args: [ns(), sa, cm] as const, create: [], update: 0 },
    { name: 'the ConfigMap edited: put back', args: [ns(), sa, { ...cm, data: { 'ca.crt': 'x', extra: 'y' } }] as const, create: [], update: 1 },
    { name: 'a label added to the ConfigMap stays', args: [ns(), sa, { ...cm, metadata: { ...cm.metadata, labels: { a: 'b' } } }] as const, create: [], update: 0 },
    { name: 'a terminating namespace: nothing', args: [ns({ status: { phase: 'Terminating' } }), undefined, undefined] as const, create: [], update: 0 },
    { name: 'no namespace: nothing', args: [undefined, undefined, undefined] as const, create: [], update: 0 },
  ])('$name', ({ args, create, update }) => {
    const plan = reconcileNamespaceDefaults(...args);
    expect(plan.create.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(create);
    expect(plan.update).toHaveLength(update);
    if (update) expect((plan.update[0] as KubeObject & { data: unknown }).data).toEqual((cm as KubeObject & { data: unknown }).data);
  });
});

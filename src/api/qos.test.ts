import { describe, expect, it } from 'vitest';
import type { Container, PodSpec } from './types.js';
import { computePodQOS } from './qos.js';

const c = (requests?: Record<string, string>, limits?: Record<string, string>): Container =>
  ({ name: 'c', image: 'nginx', resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } }) as Container;
const both = (cpu: string, memory: string) => ({ cpu, memory });

describe('computePodQOS', () => {
  it.each([
    { name: 'no resources', spec: { containers: [{ name: 'c', image: 'nginx' }] }, want: 'BestEffort' },
    { name: 'zero quantities count as unset', spec: { containers: [c(both('0', '0'), both('0', '0'))] }, want: 'BestEffort' },
    { name: 'only other resources', spec: { containers: [c({ 'ephemeral-storage': '1Gi' }, { 'nvidia.com/gpu': '1' })] }, want: 'BestEffort' },
    { name: 'a request alone', spec: { containers: [c({ cpu: '100m' })] }, want: 'Burstable' },
    { name: 'requests equal to limits', spec: { containers: [c(both('500m', '128Mi'), both('500m', '128Mi'))] }, want: 'Guaranteed' },
    { name: 'equal in other notations', spec: { containers: [c(both('1', '1Gi'), both('1000m', '1073741824'))] }, want: 'Guaranteed' },
    { name: 'limits without requests (not yet defaulted)', spec: { containers: [c(undefined, both('1', '1Gi'))] }, want: 'Burstable' },
    { name: 'a limit on cpu only', spec: { containers: [c({ cpu: '1' }, { cpu: '1' })] }, want: 'Burstable' },
    { name: 'a request below its limit', spec: { containers: [c(both('250m', '128Mi'), both('500m', '128Mi'))] }, want: 'Burstable' },
    {
      name: 'one container without limits',
      spec: { containers: [c(both('1', '1Gi'), both('1', '1Gi')), { name: 'd', image: 'nginx' }] },
      want: 'Burstable',
    },
    {
      name: 'an init container counts',
      spec: { initContainers: [c({ cpu: '1' })], containers: [c(both('1', '1Gi'), both('1', '1Gi'))] },
      want: 'Burstable',
    },
    {
      // ComputePodQOS compares the sums over the containers, not each container.
      name: 'sums compared, not containers',
      spec: { containers: [c(both('100m', '1Gi'), both('300m', '1Gi')), c(both('300m', '1Gi'), both('100m', '1Gi'))] },
      want: 'Guaranteed',
    },
  ] as { name: string; spec: PodSpec; want: string }[])('$name: $want', ({ spec, want }) => {
    expect(computePodQOS(spec)).toBe(want);
  });
});

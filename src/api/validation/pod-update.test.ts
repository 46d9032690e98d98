import { describe, expect, it } from 'vitest';
import { fieldErrorString } from '../field.js';
import { validatePodSpecUpdate } from './pod-update.js';
import { specDiff } from './spec-diff.js';
import { GO_TYPES } from '../schema/gotypes.generated.js';

type Spec = Record<string, unknown>;

const base = (): Spec => ({
  containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }], imagePullPolicy: 'IfNotPresent' }],
  restartPolicy: 'Always',
  terminationGracePeriodSeconds: 30,
  dnsPolicy: 'ClusterFirst',
  nodeName: 'node-1',
  tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
});

const FORBIDDEN_HEAD =
  'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,' +
  '`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n';

const errors = async (next: Spec, old: Spec = base()) => (await validatePodSpecUpdate(next, old)).map(fieldErrorString);
const edit = (fn: (s: Spec & { containers: Spec[] }) => void, from = base()): Spec => {
  const s = structuredClone(from) as Spec & { containers: Spec[] };
  fn(s);
  return s;
};

describe('validatePodSpecUpdate', () => {
  it.each([
    { name: 'nothing changed', next: base(), want: [] },
    { name: 'a new image', next: edit((s) => (s.containers[0].image = 'nginx:1.28')), want: [] },
    { name: 'activeDeadlineSeconds set', next: edit((s) => (s.activeDeadlineSeconds = 60)), want: [] },
    { name: 'a toleration added, another one’s seconds changed', next: edit((s) => ((s.tolerations as Spec[])[0].tolerationSeconds = 10, (s.tolerations as Spec[]).push({ key: 'x', operator: 'Exists' }))), want: [] },
    { name: 'grace period from negative to 1', old: edit((s) => (s.terminationGracePeriodSeconds = -1)), next: edit((s) => (s.terminationGracePeriodSeconds = 1)), want: [] },
    { name: 'a container added', next: edit((s) => s.containers.push({ name: 'side', image: 'busybox' })), want: ['spec.containers: Forbidden: pod updates may not add or remove containers'] },
    { name: 'an image emptied', next: edit((s) => (s.containers[0].image = '')), want: ['spec.containers[0].image: Required value'] },
    { name: 'an image with spaces', next: edit((s) => (s.containers[0].image = ' nginx')), want: ['spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace'] },
    {
      name: 'activeDeadlineSeconds raised',
      old: edit((s) => (s.activeDeadlineSeconds = 10)),
      next: edit((s) => (s.activeDeadlineSeconds = 20)),
      want: ['spec.activeDeadlineSeconds: Invalid value: 20: must be less than or equal to previous value'],
    },
    {
      name: 'activeDeadlineSeconds removed',
      old: edit((s) => (s.activeDeadlineSeconds = 10)),
      next: base(),
      want: ['spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value'],
    },
    {
      name: 'activeDeadlineSeconds out of range',
      next: edit((s) => (s.activeDeadlineSeconds = 3000000000)),
      want: ['spec.activeDeadlineSeconds: Invalid value: 3000000000: must be between 0 and 2147483647, inclusive'],
    },
    {
      name: 'a toleration changed',
      next: edit((s) => ((s.tolerations as Spec[])[0].effect = 'NoSchedule')),
      want: ['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds'],
    },
    {
      name: 'a scheduling gate added',
      old: edit((s) => (s.schedulingGates = [{ name: 'g1' }])),
      next: edit((s) => (s.schedulingGates = [{ name: 'g1' }, { name: 'g2' }])),
      want: ["spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'g2'"],
    },
  ])('$name', async ({ next, old, want }) => {
    expect(await errors(next, old)).toEqual(want);
  });

  it('forbids any other change, with a diff of the specs after the updatable fields are put back', async () => {
    const next = edit((s) => {
      s.containers[0].image = 'nginx:1.28'; // allowed: not in the diff
      (s.containers[0].ports as Spec[])[0].containerPort = 8080;
    });
    const [err, ...rest] = await errors(next);
    expect(rest).toEqual([]);
    expect(err.startsWith(FORBIDDEN_HEAD)).toBe(true);
    expect(err.slice(FORBIDDEN_HEAD.length)).toBe(
      [
        '  core.PodSpec{',
        '  \tContainers: []core.Container{',
        '  \t\t{',
        '  \t\t\tName:  "web",',
        '  \t\t\tImage: "nginx:1.27",',
        '  \t\t\tPorts: []core.ContainerPort{',
        '  \t\t\t\t{',
        '- \t\t\t\t\tContainerPort: 80,',
        '+ \t\t\t\t\tContainerPort: 8080,',
        '  \t\t\t\t\tProtocol:      "TCP",',
        '  \t\t\t\t},',
        '  \t\t\t},',
        '  \t\t\tImagePullPolicy: "IfNotPresent",',
        '  \t\t},',
        '  \t},',
        '  \tRestartPolicy:                 "Always",',
        '  \tTerminationGracePeriodSeconds: 30,',
        '  \t... // 3 identical fields',
        '  }',
        '',
      ].join('\n'),
    );
  });
});

describe('specDiff', () => {
  it('shows a field one side lacks as its zero value, maps by their keys, and folds identical elements', () => {
    const old = { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] };
    const next = { nodeSelector: { disk: 'hdd' }, hostname: 'h', containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y', workingDir: '/w' }] };
    expect(specDiff(old, next, GO_TYPES)).toBe(
      [
        '  core.PodSpec{',
        '- \tNodeSelector: {"disk": "ssd"},',
        '+ \tNodeSelector: {"disk": "hdd"},',
        '  \tContainers: []core.Container{',
        '  \t\t... // 1 identical element',
        '  \t\t{',
        '  \t\t\tName:       "b",',
        '  \t\t\tImage:      "y",',
        '- \t\t\tWorkingDir: "",',
        '+ \t\t\tWorkingDir: "/w",',
        '  \t\t},',
        '  \t},',
        '- \tHostname: "",',
        '+ \tHostname: "h",',
        '  }',
        '',
      ].join('\n'),
    );
  });
});

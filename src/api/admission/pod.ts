// The admission plugins a kubeadm apiserver runs on every new Pod, after defaulting: what makes
// a stored Pod look the way `kubectl get pod -o yaml` shows it.
//  - ServiceAccount: serviceAccountName `default`, and the projected `kube-api-access-xxxxx`
//    volume mounted read-only at /var/run/secrets/kubernetes.io/serviceaccount in every container.
//  - DefaultTolerationSeconds: tolerate not-ready and unreachable nodes for 300 s.
//  - Priority: priority 0 and preemptionPolicy PreemptLowerPriority when no class is named.
import type { Container, Pod } from '../types.js';

export const SERVICE_ACCOUNT_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
const TOLERATION_SECONDS = 300;
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

type Obj = Record<string, unknown>;

/** Applies the admission plugins to a new Pod; `random` names the token volume. */
export function admitPod(pod: Pod, random: () => number): void {
  const spec = pod.spec as Pod['spec'] & Obj;
  admitServiceAccount(spec, random);
  admitTolerations(spec);
  if (spec.priority === undefined && !spec.priorityClassName) spec.priority = 0;
  if (spec.preemptionPolicy === undefined && !spec.priorityClassName) spec.preemptionPolicy = 'PreemptLowerPriority';
}

/** The name of a new pod's projected token volume: `kube-api-access-` and 5 random characters. */
export function tokenVolumeName(random: () => number): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += ALPHANUMS[Math.floor(random() * ALPHANUMS.length)];
  return `kube-api-access-${suffix}`;
}

function admitServiceAccount(spec: Pod['spec'] & Obj, random: () => number): void {
  spec.serviceAccountName ??= (spec.serviceAccount as string | undefined) ?? 'default';
  spec.serviceAccount = spec.serviceAccountName;
  if (spec.automountServiceAccountToken === false) return;
  const containers = [...((spec.initContainers as Container[] | undefined) ?? []), ...spec.containers];
  const mounted = (c: Container) => ((c.volumeMounts as { mountPath: string }[] | undefined) ?? []).some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT);
  if (containers.every(mounted)) return;
  const name = tokenVolumeName(random);
  const volumes = ((spec.volumes as Obj[] | undefined) ??= []);
  volumes.push({
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  });
  for (const c of containers) {
    if (mounted(c)) continue;
    const mounts = ((c.volumeMounts as Obj[] | undefined) ??= []);
    mounts.push({ mountPath: SERVICE_ACCOUNT_MOUNT, name, readOnly: true });
  }
}

function admitTolerations(spec: Pod['spec'] & Obj): void {
  const tolerations = ((spec.tolerations as Obj[] | undefined) ??= []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const has = tolerations.some((t) => (t.key === key || (t.key === undefined && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
    if (!has) tolerations.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: TOLERATION_SECONDS });
  }
}

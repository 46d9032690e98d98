// kubectl describe persistentvolumeclaim (pkg/describe/describe.go describePersistentVolumeClaim
// and printPersistentVolumeClaim, kubectl 1.32).
import type { KubeObject, Pod } from '../../api/types.js';
import { translateTimestampSince } from '../age.js';
import { quantityString } from '../columns/common.js';
import { accessModesString, claimClass } from '../columns/core-misc.js';
import { rfc1123z } from './common.js';
import { withEvents, type DescribedEvent } from './events.js';
import { annotationsMultiline, labelsMultiline } from './tabbed.js';

type Fields = Record<string, unknown>;
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/**
 * printPersistentVolumeClaim: a whole claim (`full`), or an ephemeral volume's claim template
 * without name, status and finalizers. `prefix` is what a nested PrefixWriter puts before each of
 * its writes (the template is printed two levels in).
 */
export function printPersistentVolumeClaim(pvc: KubeObject, full: boolean, now: Date, prefix = ''): string {
  const p = prefix;
  const spec = (pvc.spec ?? {}) as Fields;
  const status = (pvc.status ?? {}) as { phase?: string; accessModes?: string[]; capacity?: Record<string, unknown> };
  let t = full ? `${p}Name:\t${str(pvc.metadata.name)}\n${p}Namespace:\t${str(pvc.metadata.namespace)}\n` : '';
  t += `${p}StorageClass:\t${claimClass(pvc)}\n`;
  if (full) {
    const deleting = pvc.metadata.deletionTimestamp;
    t += deleting ? `${p}Status:\tTerminating (lasts ${translateTimestampSince(deleting, now)})\n` : `${p}Status:\t${str(status.phase)}\n`;
  }
  t += `${p}Volume:\t${str(spec.volumeName)}\n`;
  t += labelsMultiline('Labels', pvc.metadata.labels, p);
  t += annotationsMultiline('Annotations', pvc.metadata.annotations, p);
  if (full) t += `${p}Finalizers:\t[${(pvc.metadata.finalizers ?? []).join(' ')}]\n`;
  // Capacity and access modes are the bound volume's: none until a volume is named.
  const bound = !!spec.volumeName;
  t += `${p}Capacity:\t${bound ? quantityString(status.capacity?.storage, '0') : ''}\n`;
  t += `${p}Access Modes:\t${bound ? accessModesString(status.accessModes) : ''}\n`;
  if (spec.volumeMode !== undefined && spec.volumeMode !== null) t += `${p}VolumeMode:\t${str(spec.volumeMode)}\n`;
  const source = spec.dataSource as Fields | undefined;
  if (source) {
    t += `${p}DataSource:\n`;
    if (source.apiGroup !== undefined && source.apiGroup !== null) t += `${p}  APIGroup:\t${str(source.apiGroup)}\n`;
    t += `${p}  Kind:\t${str(source.kind)}\n${p}  Name:\t${str(source.name)}\n`;
  }
  return t;
}

/**
 * getPodsForPVC: the namespace's pods with a volume naming the claim (once per such volume, as
 * kubectl appends them), then pods owning the claim not listed yet.
 */
export function podsForClaim(pvc: KubeObject, pods: Pod[]): Pod[] {
  const out: Pod[] = [];
  for (const pod of pods) {
    for (const v of (pod.spec.volumes ?? []) as { persistentVolumeClaim?: { claimName?: string } }[]) {
      if (v.persistentVolumeClaim && v.persistentVolumeClaim.claimName === pvc.metadata.name) out.push(pod);
    }
  }
  for (const ref of pvc.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = pods.find((p) => p.metadata.uid === ref.uid);
    if (owner && !out.some((p) => p.metadata.uid === owner.metadata.uid)) out.push(owner);
  }
  return out;
}

/** The text of `kubectl describe pvc`; `pods` are the claim's namespace's pods. */
export function describePersistentVolumeClaim(pvc: KubeObject, pods: Pod[], events: DescribedEvent[] = [], now: Date = new Date()): string {
  let t = printPersistentVolumeClaim(pvc, true, now);
  const users = podsForClaim(pvc, pods)
    .map((p) => p.metadata.name ?? '')
    .sort();
  t += users.length ? users.map((n, i) => `${i ? '\t' : 'Used By:\t'}${n}\n`).join('') : 'Used By:\t<none>\n';
  const conditions = ((pvc.status ?? {}) as { conditions?: Fields[] }).conditions ?? [];
  if (conditions.length) {
    t += 'Conditions:\n  Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n  ----\t------\t-----------------\t------------------\t------\t-------\n';
    for (const c of conditions) {
      t += `  ${str(c.type)} \t${str(c.status)} \t${rfc1123z(c.lastProbeTime as string | undefined)} \t${rfc1123z(c.lastTransitionTime as string | undefined)} \t${str(c.reason)} \t${str(c.message)}\n`;
    }
  }
  return withEvents(t, events, now);
}

// PersistentVolume and StorageClass rows: printers.go printPersistentVolume and printStorageClass.
import type { KubeObject } from '../../api/types.js';
import { translateTimestampSince } from '../age.js';
import { col, quantityString, rec, str, type KindPrinter } from './common.js';
import { accessModesString } from './core-misc.js';

const age = (o: KubeObject, now: Date): string => translateTimestampSince(o.metadata.creationTimestamp, now);

/** helper.GetPersistentVolumeClass: the beta annotation wins over spec.storageClassName. */
function volumeClass(o: KubeObject): string {
  const ann = o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'];
  return ann !== undefined ? ann : str(rec(o.spec).storageClassName);
}

export const persistentVolumePrinter: KindPrinter = {
  columns: [
    col('Name'),
    col('Capacity'),
    col('Access Modes'),
    col('Reclaim Policy'),
    col('Status'),
    col('Claim'),
    col('StorageClass'),
    col('VolumeAttributesClass'),
    col('Reason'),
    col('Age'),
    col('VolumeMode', 1),
  ],
  row(o, now) {
    const spec = rec(o.spec);
    const st = rec(o.status);
    // claimRef prints as namespace/name; a missing storage capacity is the zero Quantity, `0`.
    const claim = spec.claimRef && typeof spec.claimRef === 'object' ? `${str(rec(spec.claimRef).namespace)}/${str(rec(spec.claimRef).name)}` : '';
    const phase = o.metadata.deletionTimestamp ? 'Terminating' : str(st.phase);
    return [
      o.metadata.name ?? '',
      quantityString(rec(spec.capacity).storage, '0'),
      accessModesString(spec.accessModes),
      str(spec.persistentVolumeReclaimPolicy),
      phase,
      claim,
      volumeClass(o),
      typeof spec.volumeAttributesClassName === 'string' ? spec.volumeAttributesClassName : '<unset>',
      str(st.reason),
      age(o, now),
      typeof spec.volumeMode === 'string' ? spec.volumeMode : '<unset>',
    ];
  },
};

/** storageutil.IsDefaultAnnotation: the GA or the beta is-default-class annotation set to "true". */
export function isDefaultStorageClass(o: KubeObject): boolean {
  const ann = o.metadata.annotations ?? {};
  return ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

export const storageClassPrinter: KindPrinter = {
  columns: [col('Name'), col('Provisioner'), col('ReclaimPolicy'), col('VolumeBindingMode'), col('AllowVolumeExpansion'), col('Age')],
  row(o, now) {
    // StorageClass fields sit at the top level, not under spec; absent ones print their API defaults.
    const reclaim = typeof o.reclaimPolicy === 'string' ? o.reclaimPolicy : 'Delete';
    const binding = typeof o.volumeBindingMode === 'string' ? o.volumeBindingMode : 'Immediate';
    const expansion = typeof o.allowVolumeExpansion === 'boolean' ? o.allowVolumeExpansion : false;
    const name = (o.metadata.name ?? '') + (isDefaultStorageClass(o) ? ' (default)' : '');
    return [name, str(o.provisioner), reclaim, binding, expansion, age(o, now)];
  },
};

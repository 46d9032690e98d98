// Small core kinds: printers.go printNamespace, printConfigMap, printSecret, printServiceAccount,
// printPersistentVolumeClaim, and cli-runtime's default NAME AGE table for every other kind.
import type { KubeObject } from '../../api/types.js';
import { translateTimestampSince } from '../age.js';
import { col, type KindPrinter } from './common.js';

const name = (o: KubeObject): string => o.metadata.name ?? '';
const age = (o: KubeObject, now: Date): string => translateTimestampSince(o.metadata.creationTimestamp, now);
const count = (v: unknown): number =>
  Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0;
const rec = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export const namespacePrinter: KindPrinter = {
  columns: [col('Name'), col('Status'), col('Age')],
  row: (o, now) => [name(o), str(rec(o.status).phase), age(o, now)],
};

export const configMapPrinter: KindPrinter = {
  columns: [col('Name'), col('Data'), col('Age')],
  row: (o, now) => [name(o), count(o.data) + count(o.binaryData), age(o, now)],
};

export const secretPrinter: KindPrinter = {
  columns: [col('Name'), col('Type'), col('Data'), col('Age')],
  row: (o, now) => [name(o), str(o.type), count(o.data), age(o, now)],
};

export const serviceAccountPrinter: KindPrinter = {
  columns: [col('Name'), col('Secrets'), col('Age')],
  row: (o, now) => [name(o), count(o.secrets), age(o, now)],
};

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order, de-duplicated. */
export function accessModesString(modes: unknown): string {
  const list = Array.isArray(modes) ? (modes as string[]) : [];
  const out: string[] = [];
  if (list.includes('ReadWriteOnce')) out.push('RWO');
  if (list.includes('ReadOnlyMany')) out.push('ROX');
  if (list.includes('ReadWriteMany')) out.push('RWX');
  if (list.includes('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** helper.GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
export function claimClass(o: KubeObject): string {
  const ann = o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (ann !== undefined) return ann;
  return str(rec(o.spec).storageClassName);
}

export const pvcPrinter: KindPrinter = {
  columns: [
    col('Name'),
    col('Status'),
    col('Volume'),
    col('Capacity'),
    col('Access Modes'),
    col('StorageClass'),
    col('VolumeAttributesClass'),
    col('Age'),
    col('VolumeMode', 1),
  ],
  row(o, now) {
    const spec = rec(o.spec);
    const status = rec(o.status);
    const phase = o.metadata.deletionTimestamp ? 'Terminating' : str(status.phase);
    const volumeName = str(spec.volumeName);
    let capacity = '';
    let accessModes = '';
    if (volumeName !== '') {
      accessModes = accessModesString(status.accessModes);
      capacity = str(rec(status.capacity).storage);
    }
    const vac = typeof spec.volumeAttributesClassName === 'string' ? spec.volumeAttributesClassName : '<unset>';
    const volumeMode = typeof spec.volumeMode === 'string' ? spec.volumeMode : '<unset>';
    return [name(o), phase, volumeName, capacity, accessModes, claimClass(o), vac, age(o, now), volumeMode];
  },
};

/** cli-runtime's objectMetaColumnDefinitions: what kubectl prints for kinds without a printer. */
export const defaultPrinter: KindPrinter = {
  columns: [col('Name'), col('Age')],
  row: (o, now) => [name(o), age(o, now)],
};

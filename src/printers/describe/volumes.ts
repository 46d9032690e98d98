// describeVolumes (pkg/describe/describe.go, kubectl 1.32): the `Volumes:` block of pods and pod
// templates, one entry per volume with what its source says.
import { quantityString } from '../columns/common.js';
import { quantityValue } from './node.js';
import type { KubeObject } from '../../api/types.js';
import { printPersistentVolumeClaim } from './pvc.js';
import { MAX_ANNOTATION_LENGTH } from './tabbed.js';

type Fields = Record<string, unknown>;

const L = (level: number) => '  '.repeat(level);
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
/** Go's `%v` of a bool field: false when unset. */
const bool = (v: unknown): string => String(v === true);
/** Go's `%v` of a *bool: `<nil>` when unset. Deviation: kubectl 1.32 prints the pointer's address when set; we print its value. */
const boolPointer = (v: unknown): string => (typeof v === 'boolean' ? String(v) : '<nil>');

/** The lines under a volume's name for the sources kubectl describes (level-2 `Type:` first). */
const SOURCES: [string, (s: Fields) => string][] = [
  ['hostPath', (s) => `${L(2)}Type:\tHostPath (bare host directory volume)\n    Path:\t${str(s.path)}\n    HostPathType:\t${s.type === undefined ? '<none>' : str(s.type)}\n`],
  [
    'emptyDir',
    (s) => {
      const size = quantityValue(s.sizeLimit as string | number | undefined) > 0 ? quantityString(s.sizeLimit) : '<unset>';
      return `${L(2)}Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${str(s.medium)}\n    SizeLimit:\t${size}\n`;
    },
  ],
  [
    'gcePersistentDisk',
    (s) => `${L(2)}Type:\tGCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)\n    PDName:\t${str(s.pdName)}\n    FSType:\t${str(s.fsType)}\n    Partition:\t${str(s.partition ?? 0)}\n    ReadOnly:\t${bool(s.readOnly)}\n`,
  ],
  [
    'awsElasticBlockStore',
    (s) => `${L(2)}Type:\tAWSElasticBlockStore (a Persistent Disk resource in AWS)\n    VolumeID:\t${str(s.volumeID)}\n    FSType:\t${str(s.fsType)}\n    Partition:\t${str(s.partition ?? 0)}\n    ReadOnly:\t${bool(s.readOnly)}\n`,
  ],
  ['gitRepo', (s) => `${L(2)}Type:\tGitRepo (a volume that is pulled from git when the pod is created)\n    Repository:\t${str(s.repository)}\n    Revision:\t${str(s.revision)}\n`],
  ['secret', (s) => `${L(2)}Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${str(s.secretName)}\n    Optional:\t${bool(s.optional)}\n`],
  ['configMap', (s) => `${L(2)}Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${str(s.name)}\n    Optional:\t${bool(s.optional)}\n`],
  ['nfs', (s) => `${L(2)}Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${str(s.server)}\n    Path:\t${str(s.path)}\n    ReadOnly:\t${bool(s.readOnly)}\n`],
  [
    'persistentVolumeClaim',
    (s) => `${L(2)}Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${str(s.claimName)}\n    ReadOnly:\t${bool(s.readOnly)}\n`,
  ],
  ['ephemeral', ephemeral],
  ['downwardAPI', downwardAPI],
  ['projected', projected],
  ['csi', csi],
  ['image', (s) => `${L(2)}Type:\tImage (a container image or OCI artifact)\n    Reference:\t${str(s.reference)}\n    PullPolicy:\t${str(s.pullPolicy)}\n`],
];

function downwardAPI(s: Fields): string {
  let t = `${L(2)}Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n`;
  for (const item of (s.items as Fields[] | undefined) ?? []) {
    const field = item.fieldRef as Fields | undefined;
    const resource = item.resourceFieldRef as Fields | undefined;
    if (field) t += `${L(3)}${str(field.fieldPath)} -> ${str(item.path)}\n`;
    if (resource) t += `${L(3)}${str(resource.resource)} -> ${str(item.path)}\n`;
  }
  return t;
}

/**
 * printEphemeralVolumeSource: the claim template printed as a claim that is not a full one,
 * through a PrefixWriter nested two levels (four spaces before each of its writes).
 */
function ephemeral(s: Fields): string {
  const t = `${L(2)}Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n`;
  const template = s.volumeClaimTemplate as { metadata?: KubeObject['metadata']; spec?: unknown } | undefined;
  if (!template) return t;
  const claim: KubeObject = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: template.metadata ?? {}, spec: template.spec };
  return t + printPersistentVolumeClaim(claim, false, new Date(0), L(2));
}

/** printCSIVolumeSource, with its VolumeAttributes lines written as kubectl's PrefixWriter writes them. */
function csi(s: Fields): string {
  let t = `${L(2)}Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${str(s.driver)}\n    FSType:\t${str(s.fsType)}\n    ReadOnly:\t${bool(s.readOnly)}\n`;
  t += `${L(2)}VolumeAttributes:\t`;
  const attrs = Object.entries((s.volumeAttributes as Record<string, string> | undefined) ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (!attrs.length) return `${t}<none>\n`;
  attrs.forEach(([k, v], i) => {
    const line = `${k}=${v}`;
    t += `${i ? `${L(2)}${L(2)}\t` : ''}${L(2)}${line.length > MAX_ANNOTATION_LENGTH ? `${line.slice(0, MAX_ANNOTATION_LENGTH)}...` : line}\n`;
  });
  return t;
}

function projected(s: Fields): string {
  let t = `${L(2)}Type:\tProjected (a volume that contains injected data from multiple sources)\n`;
  for (const source of (s.sources as Fields[] | undefined) ?? []) {
    const secret = source.secret as Fields | undefined;
    const configMap = source.configMap as Fields | undefined;
    const token = source.serviceAccountToken as Fields | undefined;
    if (secret) t += `${L(2)}SecretName:\t${str(secret.name)}\n    SecretOptionalName:\t${boolPointer(secret.optional)}\n`;
    else if (source.downwardAPI) t += `${L(2)}DownwardAPI:\ttrue\n`;
    else if (configMap) t += `${L(2)}ConfigMapName:\t${str(configMap.name)}\n    ConfigMapOptional:\t${boolPointer(configMap.optional)}\n`;
    else if (token) t += `${L(2)}TokenExpirationSeconds:\t${str(token.expirationSeconds)}\n`;
  }
  return t;
}

/**
 * describeVolumes: `Volumes:\t<none>`, or each volume's name and its source's lines. `space` is the
 * template indent ('' for pods, '  ' for templates). The in-tree cloud and cluster-filesystem
 * sources kubectl still knows (iSCSI, RBD, Cinder, ...) are not reproduced: they print `<unknown>`.
 */
export function describeVolumes(volumes: Fields[] | undefined, space: string): string {
  if (!volumes?.length) return `${space}Volumes:\t<none>\n`;
  let t = `${space}Volumes:\n`;
  for (const v of volumes) {
    t += `${L(1)}${space ? ' ' : ''}${str(v.name)}:\n`;
    const source = SOURCES.find(([field]) => v[field] !== undefined && v[field] !== null);
    t += source ? source[1](v[source[0]] as Fields) : `${L(1)}<unknown>\n`;
  }
  return t;
}

// PodSpec and PodTemplateSpec validation as kube-apiserver 1.33 runs it (ValidatePodSpec,
// ValidatePodTemplateSpec and what they call in pkg/apis/core/validation/validation.go), on v1
// JSON that has already been defaulted. Errors come out in Go's append order; where Go walks a
// map (resources, labels) we walk its keys sorted so the output is stable.
//
// Not validated: resourceClaims, ephemeralContainers, pod-level resources, hostNetwork ports,
// securityContext, imagePullSecrets, affinity, dnsConfig, readinessGates, schedulingGates,
// topologySpreadConstraints, hostUsers, nodeName, hostAliases, priorityClassName, runtimeClassName,
// preemptionPolicy, overhead, os; per container lifecycle handlers, envFrom, volumeDevices,
// resizePolicy, securityContext, resource names, integer and hugepage-size quantities; volume
// sources other than emptyDir/hostPath/secret/configMap/persistentVolumeClaim/downwardAPI/projected
// (counted, not checked), fieldRef/resourceFieldRef beyond their required fields, projected
// clusterTrustBundle, a claimName naming a generic ephemeral volume's PVC (needs the pod name),
// image-volume mount rules; template pod annotations, seccomp/AppArmor, ephemeral containers.
import { type FieldError, type FieldPath, duplicate, forbidden, invalid, notSupported, required } from '../field.js';
import {
  inclusiveRangeError,
  isDNS1123Label,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  maxLenError,
  nameIsDNSSubdomain,
  regexError,
} from './names.js';
import { validateAnnotations, validateLabelName, validateLabels } from './objectmeta.js';
import { parseQuantity, type Quantity } from '../quantity.js';
import { sortStrings } from '../strings.js';

type Obj = Record<string, unknown>;
type Volumes = Map<string, Obj>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
// Keeps indexes aligned with the input: a non-object entry decodes as Go's zero struct.
const objs = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => (isObj(x) ? x : {})) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const int = (v: unknown): number => (typeof v === 'number' ? v : 0);
// A Go pointer field is set when the JSON key holds a value (null decodes as nil).
const isSet = (v: unknown): boolean => v !== undefined && v !== null;

const MAX_INT32 = 2147483647;
const IS_NEGATIVE = 'must be greater than or equal to 0';
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const NOT_SIDECAR = 'may not be set for init containers without restartPolicy=Always';

function notFound(path: FieldPath, value: string): FieldError {
  return { type: 'Not found', field: String(path), badValue: value, detail: '', showValue: true };
}

function dns1123Label(value: string, path: FieldPath): FieldError[] {
  return isDNS1123Label(value).map((m) => invalid(path, value, m));
}

// ---- paths inside volumes and mounts

function validatePathNoBacksteps(target: string, path: FieldPath): FieldError[] {
  return target.split('/').includes('..') ? [invalid(path, target, "must not contain '..'")] : [];
}

function validateLocalDescendingPath(target: string, path: FieldPath): FieldError[] {
  const errs = target.startsWith('/') ? [invalid(path, target, 'must be a relative path')] : [];
  return [...errs, ...validatePathNoBacksteps(target, path)];
}

function validateLocalNonReservedPath(target: string, path: FieldPath): FieldError[] {
  const errs = validateLocalDescendingPath(target, path);
  // '../x' was already reported as a backstep.
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(invalid(path, target, "must not start with '..'"));
  return errs;
}

// ---- volumes

function validateFileMode(mode: unknown, path: FieldPath): FieldError[] {
  return isSet(mode) && (int(mode) > 0o777 || int(mode) < 0) ? [invalid(path, mode, FILE_MODE_ERROR)] : [];
}

function validateKeyToPath(kp: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(kp.key)) errs.push(required(path.child('key')));
  if (!str(kp.path)) errs.push(required(path.child('path')));
  errs.push(...validateLocalNonReservedPath(str(kp.path), path.child('path')));
  errs.push(...validateFileMode(kp.mode, path.child('mode')));
  return errs;
}

// Only the required fields of an ObjectFieldSelector; the field path itself is not checked.
function validateFieldRefRequired(ref: Obj, path: FieldPath): FieldError[] {
  if (!str(ref.apiVersion)) return [required(path.child('apiVersion'))];
  if (!str(ref.fieldPath)) return [required(path.child('fieldPath'))];
  return [];
}

// Go hands every item the downwardAPI path itself, not the item's index.
function validateDownwardAPIFile(file: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(file.path)) errs.push(required(path.child('path')));
  errs.push(...validateLocalNonReservedPath(str(file.path), path.child('path')));
  if (isObj(file.fieldRef)) {
    errs.push(...validateFieldRefRequired(file.fieldRef, path.child('fieldRef')));
    if (isObj(file.resourceFieldRef))
      errs.push(invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (!isObj(file.resourceFieldRef)) {
    errs.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateFileMode(file.mode, path.child('mode')));
  return errs;
}

const SUPPORTED_HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function validateHostPath(src: Obj, path: FieldPath): FieldError[] {
  const p = str(src.path);
  if (!p) return [required(path.child('path'))];
  const errs = validatePathNoBacksteps(p, path.child('path'));
  if (isSet(src.type) && !SUPPORTED_HOST_PATH_TYPES.includes(str(src.type)))
    errs.push(notSupported(path.child('type'), src.type, SUPPORTED_HOST_PATH_TYPES));
  return errs;
}

function validateEmptyDir(src: Obj, path: FieldPath): FieldError[] {
  const limit = parseQuantity(src.sizeLimit);
  return limit && limit.nanos < 0n ? [forbidden(path.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity')] : [];
}

/** secret (secretName) and configMap (name) volumes share everything but the name field. */
function keyedSource(nameField: string) {
  return (src: Obj, path: FieldPath): FieldError[] => {
    const errs = str(src[nameField]) ? [] : [required(path.child(nameField))];
    errs.push(...validateFileMode(src.defaultMode, path.child('defaultMode')));
    objs(src.items).forEach((kp, i) => errs.push(...validateKeyToPath(kp, path.child('items').index(i))));
    return errs;
  };
}

function validatePVCSource(src: Obj, path: FieldPath): FieldError[] {
  return str(src.claimName) ? [] : [required(path.child('claimName'))];
}

function validateDownwardAPIVolume(src: Obj, path: FieldPath): FieldError[] {
  const errs = validateFileMode(src.defaultMode, path.child('defaultMode'));
  for (const file of objs(src.items)) errs.push(...validateDownwardAPIFile(file, path));
  return errs;
}

// validateProjectionSources; duplicate paths across sources are reported at the projected path.
function validateProjected(src: Obj, path: FieldPath): FieldError[] {
  const errs = validateFileMode(src.defaultMode, path.child('defaultMode'));
  const paths = new Set<string>();
  const claimPath = (p: string, bad: unknown): void => {
    if (!p) return;
    if (paths.has(p)) errs.push(invalid(path, bad, 'conflicting duplicate paths'));
    else paths.add(p);
  };
  objs(src.sources).forEach((source, i) => {
    const srcPath = path.child('sources').index(i);
    let count = 0;
    for (const kind of ['secret', 'configMap']) {
      const ref = source[kind];
      if (!isObj(ref)) continue;
      count++;
      if (!str(ref.name)) errs.push(required(srcPath.child(kind, 'name')));
      objs(ref.items).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, srcPath.child(kind, 'items').index(j)));
        claimPath(str(kp.path), str(ref.name));
      });
    }
    if (isObj(source.downwardAPI)) {
      count++;
      for (const file of objs(source.downwardAPI.items)) {
        errs.push(...validateDownwardAPIFile(file, srcPath.child('downwardAPI')));
        claimPath(str(file.path), str(file.path));
      }
    }
    if (isObj(source.serviceAccountToken)) {
      count++;
      errs.push(...validateTokenProjection(source.serviceAccountToken, srcPath.child('serviceAccountToken'), path));
    }
    if (isObj(source.clusterTrustBundle)) count++;
    if (count > 1) errs.push(forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

// Go reports a missing token path at the projected volume's `path`, not the source's.
function validateTokenProjection(token: Obj, path: FieldPath, projectedPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const exp = int(token.expirationSeconds);
  if (exp < 600) errs.push(invalid(path.child('expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
  if (exp > 2 ** 32) errs.push(invalid(path.child('expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
  const p = str(token.path);
  if (!p) errs.push(required(projectedPath.child('path')));
  else errs.push(...validateLocalNonReservedPath(p, projectedPath.child('path')));
  return errs;
}

type SourceValidator = (src: Obj, path: FieldPath) => FieldError[];

// Every v1 volume source in the order validateVolumeSource tries them, with the name its
// "more than 1" error uses (Go misspells two of them) and, for the checked subset, a validator.
const VOLUME_SOURCES: [key: string, errName: string, check?: SourceValidator][] = [
  ['emptyDir', 'emptyDir', validateEmptyDir],
  ['hostPath', 'hostPath', validateHostPath],
  ['gitRepo', 'gitRepo'],
  ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['secret', 'secret', keyedSource('secretName')],
  ['nfs', 'nfs'],
  ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'],
  ['persistentVolumeClaim', 'persistentVolumeClaim', validatePVCSource],
  ['rbd', 'rbd'],
  ['cinder', 'cinder'],
  ['cephfs', 'cephFS'],
  ['quobyte', 'quobyte'],
  ['downwardAPI', 'downwarAPI', validateDownwardAPIVolume],
  ['fc', 'fc'],
  ['flexVolume', 'flexVolume'],
  ['configMap', 'configMap', keyedSource('name')],
  ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'],
  ['projected', 'projected', validateProjected],
  ['scaleIO', 'scaleIO'],
  ['csi', 'csi'],
  ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

function validateVolumeSource(vol: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const [key, errName, check] of VOLUME_SOURCES) {
    const src = vol[key];
    if (!isObj(src)) continue;
    if (count > 0) {
      errs.push(forbidden(path.child(errName), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    if (check) errs.push(...check(src, path.child(key)));
  }
  if (count === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

/** ValidateVolumes: only volumes without errors are mountable by name. */
function validateVolumes(volumes: Obj[], path: FieldPath): { vols: Volumes; errs: FieldError[] } {
  const vols: Volumes = new Map();
  const errs: FieldError[] = [];
  volumes.forEach((vol, i) => {
    const idx = path.index(i);
    const name = str(vol.name);
    const el = validateVolumeSource(vol, idx);
    if (!name) el.push(required(idx.child('name')));
    else el.push(...dns1123Label(name, idx.child('name')));
    if (vols.has(name)) el.push(duplicate(idx.child('name'), name));
    if (el.length === 0) vols.set(name, vol);
    else errs.push(...el);
  });
  return { vols, errs };
}

// ---- containers

const SUPPORTED_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateContainerPorts(ports: Obj[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const idx = path.index(i);
    const name = str(port.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) errs.push(...msgs.map((m) => invalid(idx.child('name'), name, m)));
      else if (names.has(name)) errs.push(duplicate(idx.child('name'), name));
      else names.add(name);
    }
    const containerPort = int(port.containerPort);
    if (containerPort === 0) errs.push(required(idx.child('containerPort')));
    else errs.push(...isValidPortNum(containerPort).map((m) => invalid(idx.child('containerPort'), containerPort, m)));
    const hostPort = int(port.hostPort);
    if (hostPort !== 0) errs.push(...isValidPortNum(hostPort).map((m) => invalid(idx.child('hostPort'), hostPort, m)));
    const protocol = str(port.protocol);
    if (!protocol) errs.push(required(idx.child('protocol')));
    else if (!SUPPORTED_PROTOCOLS.includes(protocol)) errs.push(notSupported(idx.child('protocol'), protocol, SUPPORTED_PROTOCOLS));
  });
  return errs;
}

/** AccumulateUniqueHostPorts: protocol/hostIP/hostPort must not repeat across `containers`. */
function checkHostPortConflicts(containers: Obj[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    objs(c.ports).forEach((p, pi) => {
      const hostPort = int(p.hostPort);
      if (hostPort === 0) return;
      const key = `${str(p.protocol)}/${str(p.hostIP)}/${hostPort}`;
      if (seen.has(key)) errs.push(duplicate(path.index(ci).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

/**
 * IsRelaxedEnvVarName: RelaxedEnvironmentVariableValidation is beta and on in 1.33 (GA in 1.34),
 * so any printable ASCII but '=' is allowed. An empty name is caught as Required before this.
 */
function isRelaxedEnvVarName(name: string): string[] {
  return /^[\x20-\x3c\x3e-\x7e]*$/.test(name)
    ? []
    : ["a valid environment variable name must consist only of printable ASCII characters other than '='"];
}

/** validation.IsConfigMapKey. */
function isConfigMapKey(key: string): string[] {
  const errs: string[] = [];
  if (Buffer.byteLength(key) > 253) errs.push(maxLenError(253));
  if (!/^[-._a-zA-Z0-9]+$/.test(key))
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name'));
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** validateConfigMapKeySelector / validateSecretKeySelector: an empty name fails the name regex, not Required. */
function validateKeySelector(ref: Obj, path: FieldPath): FieldError[] {
  const name = str(ref.name);
  const key = str(ref.key);
  const errs = nameIsDNSSubdomain(name, false).map((m) => invalid(path.child('name'), name, m));
  if (!key) errs.push(required(path.child('key')));
  else errs.push(...isConfigMapKey(key).map((m) => invalid(path.child('key'), key, m)));
  return errs;
}

function validateEnvVarValueFrom(ev: Obj, path: FieldPath): FieldError[] {
  const from = ev.valueFrom;
  if (!isObj(from)) return [];
  const errs: FieldError[] = [];
  let count = 0;
  if (isObj(from.fieldRef)) {
    count++;
    errs.push(...validateFieldRefRequired(from.fieldRef, path.child('fieldRef')));
  }
  if (isObj(from.resourceFieldRef)) count++;
  for (const kind of ['configMapKeyRef', 'secretKeyRef']) {
    const ref = from[kind];
    if (!isObj(ref)) continue;
    count++;
    errs.push(...validateKeySelector(ref, path.child(kind)));
  }
  if (count === 0) errs.push(invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (str(ev.value)) errs.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  else if (count > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  return errs;
}

function validateEnv(env: Obj[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  env.forEach((ev, i) => {
    const idx = path.index(i);
    const name = str(ev.name);
    if (!name) errs.push(required(idx.child('name')));
    else errs.push(...isRelaxedEnvVarName(name).map((m) => invalid(idx.child('name'), name, m)));
    errs.push(...validateEnvVarValueFrom(ev, idx.child('valueFrom')));
  });
  return errs;
}

const SUPPORTED_MOUNT_PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];
const SUPPORTED_RECURSIVE_READ_ONLY = ['Disabled', 'Enabled', 'IfPossible'];

function validateMountPropagation(mode: string, container: Obj, path: FieldPath): FieldError[] {
  const errs = SUPPORTED_MOUNT_PROPAGATIONS.includes(mode) ? [] : [notSupported(path, mode, SUPPORTED_MOUNT_PROPAGATIONS)];
  const sc = container.securityContext;
  const privileged = isObj(sc) && sc.privileged === true;
  if (mode === 'Bidirectional' && !privileged)
    errs.push(forbidden(path, 'Bidirectional mount propagation is available only to privileged containers'));
  return errs;
}

function validateMountRecursiveReadOnly(mnt: Obj, path: FieldPath): FieldError[] {
  if (!isSet(mnt.recursiveReadOnly)) return [];
  const rro = str(mnt.recursiveReadOnly);
  if (rro === 'Disabled') return [];
  if (rro !== 'Enabled' && rro !== 'IfPossible') return [notSupported(path, mnt.recursiveReadOnly, SUPPORTED_RECURSIVE_READ_ONLY)];
  const errs: FieldError[] = [];
  if (mnt.readOnly !== true) errs.push(forbidden(path, 'may only be specified when readOnly is true'));
  if (isSet(mnt.mountPropagation) && mnt.mountPropagation !== 'None')
    errs.push(forbidden(path, 'may only be specified when mountPropagation is None or not specified'));
  return errs;
}

/**
 * ValidateVolumeMounts. Go reports subPath, subPathExpr, mountPropagation and recursiveReadOnly
 * problems at `volumeMounts.<field>`, without the mount's index; kept.
 */
function validateVolumeMounts(mounts: Obj[], vols: Volumes, container: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  mounts.forEach((mnt, i) => {
    const idx = path.index(i);
    const name = str(mnt.name);
    const mountPath = str(mnt.mountPath);
    if (!name) errs.push(required(idx.child('name')));
    if (!vols.has(name)) errs.push(notFound(idx.child('name'), name));
    if (!mountPath) errs.push(required(idx.child('mountPath')));
    if (mountPoints.has(mountPath)) errs.push(invalid(idx.child('mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    const subPath = str(mnt.subPath);
    const subPathExpr = str(mnt.subPathExpr);
    if (subPath) errs.push(...validateLocalDescendingPath(subPath, path.child('subPath')));
    if (subPathExpr) {
      if (subPath) errs.push(invalid(idx.child('subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(subPathExpr, path.child('subPathExpr')));
    }
    if (isSet(mnt.mountPropagation)) errs.push(...validateMountPropagation(str(mnt.mountPropagation), container, path.child('mountPropagation')));
    errs.push(...validateMountRecursiveReadOnly(mnt, path.child('recursiveReadOnly')));
  });
  return errs;
}

const SUPPORTED_PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function validatePullPolicy(policy: string, path: FieldPath): FieldError[] {
  if (!policy) return [required(path)];
  return SUPPORTED_PULL_POLICIES.includes(policy) ? [] : [notSupported(path, policy, SUPPORTED_PULL_POLICIES)];
}

const SUPPORTED_TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

function validateTerminationMessagePolicy(policy: string, path: FieldPath): FieldError[] {
  if (!policy) return [required(path)];
  return SUPPORTED_TERMINATION_MESSAGE_POLICIES.includes(policy) ? [] : [notSupported(path, policy, SUPPORTED_TERMINATION_MESSAGE_POLICIES)];
}

/** helper.IsOvercommitAllowed: native (unprefixed or kubernetes.io/) resources other than hugepages. */
function isOvercommitAllowed(name: string): boolean {
  return (!name.includes('/') || name.includes('kubernetes.io/')) && !name.startsWith('hugepages-');
}

function quantities(v: unknown): [string, Quantity][] {
  if (!isObj(v)) return [];
  const out: [string, Quantity][] = [];
  for (const k of sortStrings(Object.keys(v))) {
    const q = parseQuantity(v[k]);
    if (q) out.push([k, q]);
  }
  return out;
}

/**
 * validateResourceRequirements for a container: no negative quantity, requests within limits
 * (equal to them for resources that cannot be overcommitted), hugepages alongside cpu or memory.
 * A request/limit mismatch is reported at `requests` itself, as Go does.
 */
function validateResources(resources: unknown, path: FieldPath): FieldError[] {
  const r = isObj(resources) ? resources : {};
  const limits = new Map(quantities(r.limits));
  const errs: FieldError[] = [];
  let cpuOrMemory = false;
  let hugePages = false;
  const note = (name: string): void => {
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
    if (name.startsWith('hugepages-')) hugePages = true;
  };
  for (const [name, q] of limits) {
    if (q.nanos < 0n) errs.push(invalid(path.child('limits').key(name), q.text, IS_NEGATIVE));
    note(name);
  }
  for (const [name, q] of quantities(r.requests)) {
    if (q.nanos < 0n) errs.push(invalid(path.child('requests').key(name), q.text, IS_NEGATIVE));
    const limit = limits.get(name);
    if (limit) {
      if (q.nanos !== limit.nanos && !isOvercommitAllowed(name))
        errs.push(invalid(path.child('requests'), q.text, `must be equal to ${name} limit of ${limit.text}`));
      else if (q.nanos > limit.nanos)
        errs.push(invalid(path.child('requests'), q.text, `must be less than or equal to ${name} limit of ${limit.text}`));
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(path.child('limits'), 'Limit must be set for non overcommitable resources'));
    }
    note(name);
  }
  if (hugePages && !cpuOrMemory) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}

function validateContainerCommon(c: Obj, vols: Volumes, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (!name) errs.push(required(path.child('name')));
  else errs.push(...dns1123Label(name, path.child('name')));
  // Go only checks for emptiness: " " is a valid image in a template.
  if (!str(c.image)) errs.push(required(path.child('image')));
  errs.push(...validateTerminationMessagePolicy(str(c.terminationMessagePolicy), path.child('terminationMessagePolicy')));
  errs.push(...validateContainerPorts(objs(c.ports), path.child('ports')));
  errs.push(...validateEnv(objs(c.env), path.child('env')));
  errs.push(...validateVolumeMounts(objs(c.volumeMounts), vols, c, path.child('volumeMounts')));
  errs.push(...validatePullPolicy(str(c.imagePullPolicy), path.child('imagePullPolicy')));
  errs.push(...validateResources(c.resources, path.child('resources')));
  return errs;
}

// ---- probes

function validatePortNumOrName(port: unknown, path: FieldPath): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(path, port, m));
  const n = int(port);
  return isValidPortNum(n).map((m) => invalid(path, n, m));
}

const SUPPORTED_HTTP_SCHEMES = ['HTTP', 'HTTPS'];

function validateHTTPGet(h: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(h.path)) errs.push(required(path.child('path')));
  errs.push(...validatePortNumOrName(h.port, path.child('port')));
  if (!SUPPORTED_HTTP_SCHEMES.includes(str(h.scheme))) errs.push(notSupported(path.child('scheme'), str(h.scheme), SUPPORTED_HTTP_SCHEMES));
  // Header names are reported at httpHeaders, without the header's index.
  for (const header of objs(h.httpHeaders)) {
    const name = str(header.name);
    if (!/^[-A-Za-z0-9]+$/.test(name))
      errs.push(invalid(path.child('httpHeaders'), name, regexError("a valid HTTP header must consist of alphanumeric characters or '-'", '[-A-Za-z0-9]+', 'X-Header-Name')));
  }
  return errs;
}

const PROBE_HANDLERS: [string, (h: Obj, path: FieldPath) => FieldError[]][] = [
  ['exec', (h, p) => (Array.isArray(h.command) && h.command.length > 0 ? [] : [required(p.child('command'))])],
  ['httpGet', validateHTTPGet],
  ['tcpSocket', (h, p) => validatePortNumOrName(h.port, p.child('port'))],
  ['grpc', (h, p) => validatePortNumOrName(int(h.port), p.child('port'))],
];

function validateProbeHandler(probe: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const [key, check] of PROBE_HANDLERS) {
    const h = probe[key];
    if (!isObj(h)) continue;
    if (count > 0) {
      errs.push(forbidden(path.child(key), 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    errs.push(...check(h, path.child(key)));
  }
  if (count === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

const PROBE_COUNTERS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'];

function validateProbe(probe: Obj, path: FieldPath): FieldError[] {
  const errs = validateProbeHandler(probe, path);
  for (const f of PROBE_COUNTERS) if (int(probe[f]) < 0) errs.push(invalid(path.child(f), int(probe[f]), IS_NEGATIVE));
  const grace = probe.terminationGracePeriodSeconds;
  if (isSet(grace) && int(grace) <= 0) errs.push(invalid(path.child('terminationGracePeriodSeconds'), int(grace), 'must be greater than 0'));
  return errs;
}

/** validateLivenessProbe, validateReadinessProbe, validateStartupProbe, in that order. */
function validateProbes(c: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const probe = c[kind];
    if (!isObj(probe)) continue;
    const p = path.child(kind);
    errs.push(...validateProbe(probe, p));
    if (kind === 'readinessProbe') {
      if (isSet(probe.terminationGracePeriodSeconds))
        errs.push(invalid(p.child('terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
    } else if (int(probe.successThreshold) !== 1) {
      errs.push(invalid(p.child('successThreshold'), int(probe.successThreshold), 'must be 1'));
    }
  }
  return errs;
}

/** validateContainers: names unique among regular containers; host ports unique across them. */
function validateContainers(containers: Obj[], vols: Volumes, path: FieldPath): FieldError[] {
  if (containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const idx = path.index(i);
    errs.push(...validateContainerCommon(c, vols, idx));
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(idx.child('name'), name));
    else names.add(name);
    errs.push(...validateProbes(c, idx));
    if (isSet(c.restartPolicy)) errs.push(forbidden(idx.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

/**
 * validateInitContainers: names unique across init and regular containers; probes only on
 * sidecars (restartPolicy Always). Each init container's host ports are checked on their own,
 * and Go reports a clash under initContainers[0] whatever the container's index; kept.
 */
function validateInitContainers(inits: Obj[], regular: Obj[], vols: Volumes, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(regular.map((c) => str(c.name)));
  inits.forEach((c, i) => {
    const idx = path.index(i);
    errs.push(...validateContainerCommon(c, vols, idx));
    let sidecar = false;
    if (isSet(c.restartPolicy)) {
      sidecar = c.restartPolicy === 'Always';
      if (!sidecar) errs.push(notSupported(idx.child('restartPolicy'), c.restartPolicy, ['Always']));
    }
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(idx.child('name'), name));
    else if (name) names.add(name);
    errs.push(...checkHostPortConflicts([c], path));
    if (sidecar) {
      errs.push(...validateProbes(c, idx));
    } else {
      for (const kind of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'])
        if (isSet(c[kind])) errs.push(forbidden(idx.child(kind), NOT_SIDECAR));
    }
  });
  return errs;
}

// ---- pod-level fields

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

/** validateRestartPolicy and validateDNSPolicy: the listed order is Go's, not sorted. */
function validateEnum(value: string, supported: string[], path: FieldPath): FieldError[] {
  if (!value) return [required(path)];
  return supported.includes(value) ? [] : [notSupported(path, value, supported)];
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function validateTolerations(tolerations: Obj[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((t, i) => {
    const idx = path.index(i);
    const key = str(t.key);
    const operator = str(t.operator);
    const value = str(t.value);
    const effect = str(t.effect);
    if (key) errs.push(...validateLabelName(key, idx.child('key')));
    if (!key && operator !== 'Exists')
      errs.push(invalid(idx.child('operator'), operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (isSet(t.tolerationSeconds) && effect !== 'NoExecute')
      errs.push(invalid(idx.child('effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    if (operator === 'Equal' || operator === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length) errs.push(invalid(idx.child('operator'), value, msgs.join(';')));
    } else if (operator === 'Exists') {
      if (value) errs.push(invalid(idx.child('operator'), value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(idx.child('operator'), operator, ['Equal', 'Exists']));
    }
    if (effect && !TAINT_EFFECTS.includes(effect)) errs.push(notSupported(idx.child('effect'), effect, TAINT_EFFECTS));
  });
  return errs;
}

/**
 * ValidatePodSpec for a defaulted v1 spec at `path` (`spec` for a Pod, `spec.template.spec` for
 * a workload). Returns an empty list when valid.
 */
export function validatePodSpec(spec: Record<string, unknown>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!isSet(spec.terminationGracePeriodSeconds)) errs.push(required(path.child('terminationGracePeriodSeconds')));
  const { vols, errs: volumeErrs } = validateVolumes(objs(spec.volumes), path.child('volumes'));
  errs.push(...volumeErrs);
  const containers = objs(spec.containers);
  errs.push(...validateContainers(containers, vols, path.child('containers')));
  errs.push(...validateInitContainers(objs(spec.initContainers), containers, vols, path.child('initContainers')));
  errs.push(...validateEnum(str(spec.restartPolicy), RESTART_POLICIES, path.child('restartPolicy')));
  errs.push(...validateEnum(str(spec.dnsPolicy), DNS_POLICIES, path.child('dnsPolicy')));
  // A node selector is checked as a label set, every error at spec.nodeSelector itself.
  errs.push(...validateLabels(isObj(spec.nodeSelector) ? (spec.nodeSelector as Record<string, string>) : undefined, path.child('nodeSelector')));
  const sa = str(spec.serviceAccountName);
  if (sa) errs.push(...nameIsDNSSubdomain(sa, false).map((m) => invalid(path.child('serviceAccountName'), sa, m)));
  if (isSet(spec.activeDeadlineSeconds)) {
    const ads = int(spec.activeDeadlineSeconds);
    if (ads < 1 || ads > MAX_INT32) errs.push(invalid(path.child('activeDeadlineSeconds'), ads, inclusiveRangeError(1, MAX_INT32)));
  }
  for (const f of ['hostname', 'subdomain']) {
    const v = str(spec[f]);
    if (v) errs.push(...dns1123Label(v, path.child(f)));
  }
  errs.push(...validateTolerations(objs(spec.tolerations), path.child('tolerations')));
  return errs;
}

/**
 * ValidatePodTemplateSpec: template labels and annotations, then the spec. Go names the template's
 * metadata fields without `metadata`: `spec.template.labels`, `spec.template.annotations`.
 */
export function validatePodTemplateSpec(template: Record<string, unknown>, path: FieldPath): FieldError[] {
  const meta = isObj(template.metadata) ? template.metadata : {};
  const asMap = (v: unknown): Record<string, string> | undefined => (isObj(v) ? (v as Record<string, string>) : undefined);
  return [
    ...validateLabels(asMap(meta.labels), path.child('labels')),
    ...validateAnnotations(asMap(meta.annotations), path.child('annotations')),
    ...validatePodSpec(isObj(template.spec) ? template.spec : {}, path.child('spec')),
  ];
}

// v1 Pod, PodSpec and container defaulting (pkg/apis/core/v1/defaults.go SetDefaults_PodSpec,
// SetDefaults_Container, SetDefaults_Probe, SetDefaults_Volume..., and the walk that
// zz_generated.defaults.go does over a PodSpec). PodSpec defaults reach every object embedding a
// pod template (Deployment, ReplicaSet, Job, ...); SetDefaults_Pod only bare Pods.
import type { Container, Pod, PodSpec, PodTemplateSpec } from '../types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const objs = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const unset = (v: unknown): boolean => v === undefined || v === null;
const unsetOrEmpty = (v: unknown): boolean => unset(v) || v === '';

/** v1.TerminationMessagePathDefault. */
export const TERMINATION_MESSAGE_PATH = '/dev/termination-log';
/** v1.DefaultTerminationGracePeriodSeconds. */
export const TERMINATION_GRACE_PERIOD_SECONDS = 30;
/** v1.DefaultSchedulerName. */
export const DEFAULT_SCHEDULER = 'default-scheduler';
/** Secret/ConfigMap/DownwardAPI/Projected volume DefaultMode: 0644. */
export const VOLUME_DEFAULT_MODE = 0o644;

// distribution/reference grammar, enough to tell a parse failure (no tag at all) from a tag.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?';
const REFERENCE = new RegExp(
  `^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$`,
);

/**
 * The tag parsers.ParseImageName finds in `image`: the explicit tag, `latest` when there is
 * neither tag nor digest, '' when only a digest is given or the reference does not parse.
 */
export function imageTag(image: string): string {
  const m = REFERENCE.exec(image);
  if (!m || m[1].length > 255) return '';
  if (m[2]) return m[2];
  return m[3] ? '' : 'latest';
}

/** SetDefaults_Container's pull policy: Always for a `:latest` (or untagged) image, else IfNotPresent. */
export function defaultPullPolicy(image: string | undefined): string {
  return imageTag(image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
}

/** SetDefaults_HTTPGetAction: path "/", scheme HTTP. */
function defaultHTTPGet(h: unknown): void {
  if (!isObj(h)) return;
  if (unsetOrEmpty(h.path)) h.path = '/';
  if (unsetOrEmpty(h.scheme)) h.scheme = 'HTTP';
}

/** SetDefaults_Probe (0 counts as unset), plus its httpGet and grpc.service "" defaults. */
export function defaultProbe(p: Obj): void {
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  defaultHTTPGet(p.httpGet);
  if (isObj(p.grpc) && unset(p.grpc.service)) p.grpc.service = '';
}

/** SetDefaults_ObjectFieldSelector: apiVersion v1. */
function defaultFieldRef(ref: unknown): void {
  if (isObj(ref) && unsetOrEmpty(ref.apiVersion)) ref.apiVersion = 'v1';
}

/**
 * SetDefaults_Container and the generated walk below it, in place: imagePullPolicy,
 * terminationMessagePath /dev/termination-log, terminationMessagePolicy File, ports' protocol TCP,
 * env fieldRef apiVersion v1, probes, lifecycle httpGet. `resources: {}` is added too: Go always
 * serialises that struct, so kubectl shows it on every container.
 */
export function defaultContainer(c: Container): void {
  const x = c as Obj;
  if (unsetOrEmpty(x.imagePullPolicy)) x.imagePullPolicy = defaultPullPolicy(c.image);
  if (unsetOrEmpty(x.terminationMessagePath)) x.terminationMessagePath = TERMINATION_MESSAGE_PATH;
  if (unsetOrEmpty(x.terminationMessagePolicy)) x.terminationMessagePolicy = 'File';
  for (const p of objs(x.ports)) if (unsetOrEmpty(p.protocol)) p.protocol = 'TCP';
  for (const e of objs(x.env)) if (isObj(e.valueFrom)) defaultFieldRef(e.valueFrom.fieldRef);
  if (!isObj(x.resources)) x.resources = {};
  for (const k of ['livenessProbe', 'readinessProbe', 'startupProbe']) if (isObj(x[k])) defaultProbe(x[k]);
  if (isObj(x.lifecycle)) {
    for (const k of ['postStart', 'preStop']) {
      const h = x.lifecycle[k];
      if (isObj(h)) defaultHTTPGet(h.httpGet);
    }
  }
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];

/** SetDefaults_PersistentVolumeClaimSpec: volumeMode Filesystem; `resources: {}` as Go prints it. */
export function defaultPVCSpec(spec: Obj): void {
  if (unset(spec.volumeMode)) spec.volumeMode = 'Filesystem';
  if (!isObj(spec.resources)) spec.resources = {};
}

/**
 * SetDefaults_Volume and the per-source defaults, in place: emptyDir {} when no source is set,
 * hostPath type "", defaultMode 420 on secret/configMap/downwardAPI/projected, fieldRef
 * apiVersion v1, serviceAccountToken expirationSeconds 3600, ephemeral claim volumeMode,
 * image pullPolicy, iscsi/rbd legacy defaults.
 */
export function defaultVolume(v: Obj): void {
  if (!VOLUME_SOURCES.some((k) => !unset(v[k]))) v.emptyDir = {};
  if (isObj(v.hostPath) && unset(v.hostPath.type)) v.hostPath.type = '';
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const s = v[k];
    if (isObj(s) && unset(s.defaultMode)) s.defaultMode = VOLUME_DEFAULT_MODE;
  }
  if (isObj(v.downwardAPI)) for (const i of objs(v.downwardAPI.items)) defaultFieldRef(i.fieldRef);
  if (isObj(v.projected)) {
    for (const src of objs(v.projected.sources)) {
      if (isObj(src.downwardAPI)) for (const i of objs(src.downwardAPI.items)) defaultFieldRef(i.fieldRef);
      if (isObj(src.serviceAccountToken) && unset(src.serviceAccountToken.expirationSeconds)) src.serviceAccountToken.expirationSeconds = 3600;
    }
  }
  if (isObj(v.iscsi) && unsetOrEmpty(v.iscsi.iscsiInterface)) v.iscsi.iscsiInterface = 'default';
  if (isObj(v.rbd)) {
    if (unsetOrEmpty(v.rbd.pool)) v.rbd.pool = 'rbd';
    if (unsetOrEmpty(v.rbd.user)) v.rbd.user = 'admin';
    if (unsetOrEmpty(v.rbd.keyring)) v.rbd.keyring = '/etc/ceph/keyring';
  }
  if (isObj(v.ephemeral) && isObj(v.ephemeral.volumeClaimTemplate)) {
    const t = v.ephemeral.volumeClaimTemplate;
    if (!isObj(t.spec)) t.spec = {};
    defaultPVCSpec(t.spec as Obj);
  }
  if (isObj(v.image) && unsetOrEmpty(v.image.pullPolicy)) v.image.pullPolicy = defaultPullPolicy(v.image.reference as string | undefined);
}

/**
 * SetDefaults_PodSpec plus everything below a PodSpec, in place: dnsPolicy ClusterFirst,
 * restartPolicy Always, securityContext {}, terminationGracePeriodSeconds 30, schedulerName
 * default-scheduler; then volumes and (init, ephemeral) containers.
 */
export function defaultPodSpec(spec: PodSpec): void {
  const s = spec as Obj;
  if (unsetOrEmpty(s.dnsPolicy)) s.dnsPolicy = 'ClusterFirst';
  if (unsetOrEmpty(s.restartPolicy)) s.restartPolicy = 'Always';
  if (unset(s.securityContext)) s.securityContext = {};
  if (unset(s.terminationGracePeriodSeconds)) s.terminationGracePeriodSeconds = TERMINATION_GRACE_PERIOD_SECONDS;
  if (unsetOrEmpty(s.schedulerName)) s.schedulerName = DEFAULT_SCHEDULER;
  for (const v of objs(s.volumes)) defaultVolume(v);
  for (const k of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const c of objs(s[k])) defaultContainer(c as Container);
  }
}

/**
 * A pod template as the apiserver returns it: PodSpec defaults, and `metadata:
 * {creationTimestamp: null}`, which Go prints for the template's (always present) ObjectMeta.
 */
export function defaultPodTemplateSpec(tmpl: PodTemplateSpec | undefined): void {
  if (!isObj(tmpl)) return;
  if (!isObj(tmpl.metadata)) tmpl.metadata = {};
  if (!('creationTimestamp' in tmpl.metadata)) (tmpl.metadata as Obj).creationTimestamp = null;
  if (!isObj(tmpl.spec)) (tmpl as Obj).spec = {};
  defaultPodSpec(tmpl.spec);
}

// Requests default to limits for each resource the container limits but does not request.
function requestsFromLimits(c: Obj): void {
  const r = c.resources;
  if (!isObj(r) || !isObj(r.limits)) return;
  const req = isObj(r.requests) ? r.requests : (r.requests = {});
  for (const [k, v] of Object.entries(r.limits)) if (!(k in req)) (req as Obj)[k] = v;
}

/**
 * SetObjectDefaults_Pod, in place: SetDefaults_Pod (requests from limits, enableServiceLinks
 * true, hostPort = containerPort under hostNetwork) then the PodSpec defaults. Pods created by
 * the apiserver get this; pod templates do not (enableServiceLinks stays off templates).
 */
export function defaultPod(pod: Pod): void {
  const s = (pod.spec ??= { containers: [] }) as Obj;
  for (const k of ['containers', 'initContainers']) for (const c of objs(s[k])) requestsFromLimits(c);
  if (unset(s.enableServiceLinks)) s.enableServiceLinks = true;
  if (s.hostNetwork === true) {
    for (const k of ['containers', 'initContainers']) {
      for (const c of objs(s[k])) for (const p of objs(c.ports)) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
  defaultPodSpec(pod.spec);
}

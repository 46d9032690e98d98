// Defaulting for the other stored kinds: core/v1 Secret, PersistentVolume(Claim), Endpoints,
// LimitRange; scheduling/v1 PriorityClass; autoscaling v1/v2 HorizontalPodAutoscaler;
// networking/v1 NetworkPolicy and IngressClass; storage/v1 StorageClass and CSIDriver; rbac/v1
// bindings; discovery/v1 EndpointSlice. Each mirrors the SetDefaults_* of that group's defaults.go.
import type { KubeObject } from '../types.js';
import { defaultPVCSpec } from './pod.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const objs = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const unset = (v: unknown): boolean => v === undefined || v === null;
const field = (o: Obj, k: string): Obj => (isObj(o[k]) ? (o[k] as Obj) : (o[k] = {}) as Obj);
const spec = (o: KubeObject): Obj => field(o as Obj, 'spec');

/**
 * SetDefaults_Secret: type Opaque. Also what decoding does next (Convert_v1_Secret_To_core_Secret):
 * stringData is write-only, its values go into data (base64 of their UTF-8 bytes, replacing a key
 * data already has), so it is never stored or shown.
 */
export function defaultSecret(o: KubeObject): void {
  if (!o.type) o.type = 'Opaque';
  const s = o as Obj;
  if (!isObj(s.stringData)) return;
  const entries = Object.entries(s.stringData);
  if (entries.length) {
    const data = field(s, 'data');
    for (const [k, v] of entries) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
  }
  delete s.stringData;
}

/** SetDefaults_PersistentVolume: status.phase Pending, reclaim policy Retain, volumeMode Filesystem, hostPath type "". */
export function defaultPersistentVolume(o: KubeObject): void {
  const st = field(o as Obj, 'status');
  if (!st.phase) st.phase = 'Pending';
  const s = spec(o);
  if (!s.persistentVolumeReclaimPolicy) s.persistentVolumeReclaimPolicy = 'Retain';
  if (unset(s.volumeMode)) s.volumeMode = 'Filesystem';
  if (isObj(s.hostPath) && unset(s.hostPath.type)) s.hostPath.type = '';
}

/** SetDefaults_PersistentVolumeClaim(+Spec): status.phase Pending, volumeMode Filesystem, `resources: {}`. */
export function defaultPersistentVolumeClaim(o: KubeObject): void {
  const st = field(o as Obj, 'status');
  if (!st.phase) st.phase = 'Pending';
  defaultPVCSpec(spec(o));
}

/** SetDefaults_Endpoints: each subset port's protocol TCP. */
export function defaultEndpoints(o: KubeObject): void {
  for (const ss of objs(o.subsets)) for (const p of objs(ss.ports)) if (!p.protocol) p.protocol = 'TCP';
}

/** SetDefaults_EndpointPort (discovery/v1): name "" and protocol TCP on each port. */
export function defaultEndpointSlice(o: KubeObject): void {
  for (const p of objs(o.ports)) {
    if (unset(p.name)) p.name = '';
    if (unset(p.protocol)) p.protocol = 'TCP';
  }
}

/**
 * SetDefaults_LimitRangeItem for Container items: default from max, defaultRequest from default,
 * then from min (each only for resources not already given).
 */
export function defaultLimitRange(o: KubeObject): void {
  for (const item of objs(spec(o).limits)) {
    if (item.type !== 'Container') continue;
    const def = field(item, 'default');
    const req = field(item, 'defaultRequest');
    const fill = (to: Obj, from: unknown) => {
      if (isObj(from)) for (const [k, v] of Object.entries(from)) if (!(k in to)) to[k] = v;
    };
    fill(def, item.max);
    fill(req, def);
    fill(req, item.min);
  }
}

/** SetDefaults_PriorityClass: preemptionPolicy PreemptLowerPriority. */
export function defaultPriorityClass(o: KubeObject): void {
  if (unset(o.preemptionPolicy)) o.preemptionPolicy = 'PreemptLowerPriority';
}

// autoscaling/v2 defaultHPAScaleUpRules / defaultHPAScaleDownRules.
const scaleUpRules = (): Obj => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
});
const scaleDownRules = (): Obj => ({ selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });

// copyHPAScalingRules: the user's non-nil fields over the defaults.
function scalingRules(from: unknown, defaults: Obj): Obj {
  if (!isObj(from)) return defaults;
  for (const k of ['selectPolicy', 'stabilizationWindowSeconds', 'policies', 'tolerance']) if (!unset(from[k])) defaults[k] = from[k];
  return defaults;
}

/**
 * SetDefaults_HorizontalPodAutoscaler: minReplicas 1 (autoscaling/v1 and v2); for v2 also a CPU
 * metric at 80% average utilization when no metrics are given, and, when `behavior` is present,
 * both scaleUp and scaleDown rules filled from the defaults (scaleDown keeps no stabilization
 * window: the controller's flag decides it).
 */
export function defaultHorizontalPodAutoscaler(o: KubeObject): void {
  const s = spec(o);
  if (unset(s.minReplicas)) s.minReplicas = 1;
  if (o.apiVersion !== 'autoscaling/v2') return;
  if (!Array.isArray(s.metrics) || s.metrics.length === 0) {
    s.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  if (isObj(s.behavior)) {
    s.behavior.scaleUp = scalingRules(s.behavior.scaleUp, scaleUpRules());
    s.behavior.scaleDown = scalingRules(s.behavior.scaleDown, scaleDownRules());
  }
}

/** SetDefaults_NetworkPolicy(+Port): policyTypes [Ingress] (+Egress with egress rules), port protocol TCP. */
export function defaultNetworkPolicy(o: KubeObject): void {
  const s = spec(o);
  if (!Array.isArray(s.policyTypes) || s.policyTypes.length === 0) {
    s.policyTypes = Array.isArray(s.egress) && s.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
  for (const k of ['ingress', 'egress']) {
    for (const rule of objs(s[k])) for (const p of objs(rule.ports)) if (unset(p.protocol)) p.protocol = 'TCP';
  }
}

/** SetDefaults_IngressClass: parameters.scope Cluster when parameters are given. */
export function defaultIngressClass(o: KubeObject): void {
  const s = spec(o);
  if (isObj(s.parameters) && unset(s.parameters.scope)) s.parameters.scope = 'Cluster';
}

/** SetDefaults_StorageClass: reclaimPolicy Delete, volumeBindingMode Immediate. */
export function defaultStorageClass(o: KubeObject): void {
  if (unset(o.reclaimPolicy)) o.reclaimPolicy = 'Delete';
  if (unset(o.volumeBindingMode)) o.volumeBindingMode = 'Immediate';
}

/**
 * SetDefaults_CSIDriver: attachRequired true, podInfoOnMount false, storageCapacity false,
 * fsGroupPolicy ReadWriteOnceWithFSType, volumeLifecycleModes [Persistent], requiresRepublish false.
 */
export function defaultCSIDriver(o: KubeObject): void {
  const s = spec(o);
  if (unset(s.attachRequired)) s.attachRequired = true;
  if (unset(s.podInfoOnMount)) s.podInfoOnMount = false;
  if (unset(s.storageCapacity)) s.storageCapacity = false;
  if (unset(s.fsGroupPolicy)) s.fsGroupPolicy = 'ReadWriteOnceWithFSType';
  if (!Array.isArray(s.volumeLifecycleModes) || s.volumeLifecycleModes.length === 0) s.volumeLifecycleModes = ['Persistent'];
  if (unset(s.requiresRepublish)) s.requiresRepublish = false;
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/**
 * SetDefaults_RoleBinding / SetDefaults_ClusterRoleBinding / SetDefaults_Subject: roleRef.apiGroup
 * rbac.authorization.k8s.io; a subject's apiGroup "" for ServiceAccount, the RBAC group for User and Group.
 */
export function defaultRoleBinding(o: KubeObject): void {
  if (isObj(o.roleRef) && !o.roleRef.apiGroup) o.roleRef.apiGroup = RBAC_GROUP;
  for (const sub of objs(o.subjects)) {
    if (sub.apiGroup) continue;
    if (sub.kind === 'ServiceAccount') sub.apiGroup = '';
    else if (sub.kind === 'User' || sub.kind === 'Group') sub.apiGroup = RBAC_GROUP;
  }
}

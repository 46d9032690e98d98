// apps/v1 and core/v1 workload defaulting (pkg/apis/apps/v1/defaults.go SetDefaults_Deployment,
// SetDefaults_ReplicaSet, SetDefaults_StatefulSet, SetDefaults_DaemonSet; core/v1
// SetDefaults_ReplicationController), each followed by the pod template's PodSpec defaults as the
// generated SetObjectDefaults_* functions do.
import type { Deployment, KubeObject, ReplicaSet } from '../types.js';
import { defaultPVCSpec, defaultPodTemplateSpec } from './pod.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const unset = (v: unknown): boolean => v === undefined || v === null;
const specOf = (o: KubeObject): Obj => (isObj(o.spec) ? o.spec : (o.spec = {}) as Obj);
const templateOf = (s: Obj) => s.template as Parameters<typeof defaultPodTemplateSpec>[0];

/**
 * SetDefaults_Deployment, in place: replicas 1, strategy RollingUpdate with maxUnavailable and
 * maxSurge 25% (only filled under RollingUpdate), revisionHistoryLimit 10,
 * progressDeadlineSeconds 600; then the template.
 */
export function defaultDeployment(d: Deployment): void {
  const s = specOf(d);
  if (unset(s.replicas)) s.replicas = 1;
  const strategy = isObj(s.strategy) ? s.strategy : (s.strategy = {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = isObj(strategy.rollingUpdate) ? strategy.rollingUpdate : (strategy.rollingUpdate = {});
    if (unset(ru.maxUnavailable)) ru.maxUnavailable = '25%';
    if (unset(ru.maxSurge)) ru.maxSurge = '25%';
  }
  if (unset(s.revisionHistoryLimit)) s.revisionHistoryLimit = 10;
  if (unset(s.progressDeadlineSeconds)) s.progressDeadlineSeconds = 600;
  defaultPodTemplateSpec(templateOf(s));
}

/** SetDefaults_ReplicaSet, in place: replicas 1; then the template. */
export function defaultReplicaSet(rs: ReplicaSet): void {
  const s = specOf(rs);
  if (unset(s.replicas)) s.replicas = 1;
  defaultPodTemplateSpec(templateOf(s));
}

/**
 * SetDefaults_DaemonSet, in place: updateStrategy RollingUpdate with maxUnavailable 1 and maxSurge
 * 0, revisionHistoryLimit 10; then the template.
 */
export function defaultDaemonSet(ds: KubeObject): void {
  const s = specOf(ds);
  const us = isObj(s.updateStrategy) ? s.updateStrategy : (s.updateStrategy = {});
  if (!us.type) us.type = 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    const ru = isObj(us.rollingUpdate) ? us.rollingUpdate : (us.rollingUpdate = {});
    if (unset(ru.maxUnavailable)) ru.maxUnavailable = 1;
    if (unset(ru.maxSurge)) ru.maxSurge = 0;
  }
  if (unset(s.revisionHistoryLimit)) s.revisionHistoryLimit = 10;
  defaultPodTemplateSpec(templateOf(s));
}

/**
 * SetDefaults_StatefulSet, in place: podManagementPolicy OrderedReady, updateStrategy
 * RollingUpdate with partition 0, persistentVolumeClaimRetentionPolicy Retain/Retain
 * (StatefulSetAutoDeletePVC is on in 1.33), replicas 1, revisionHistoryLimit 10; then the
 * template and each volumeClaimTemplate (status.phase Pending, volumeMode Filesystem).
 */
export function defaultStatefulSet(sts: KubeObject): void {
  const s = specOf(sts);
  if (!s.podManagementPolicy) s.podManagementPolicy = 'OrderedReady';
  const us = isObj(s.updateStrategy) ? s.updateStrategy : (s.updateStrategy = {});
  if (!us.type) {
    us.type = 'RollingUpdate';
    if (!isObj(us.rollingUpdate)) us.rollingUpdate = {};
  }
  if (us.type === 'RollingUpdate' && isObj(us.rollingUpdate) && unset(us.rollingUpdate.partition)) us.rollingUpdate.partition = 0;
  const ret = isObj(s.persistentVolumeClaimRetentionPolicy) ? s.persistentVolumeClaimRetentionPolicy : (s.persistentVolumeClaimRetentionPolicy = {});
  if (!ret.whenDeleted) ret.whenDeleted = 'Retain';
  if (!ret.whenScaled) ret.whenScaled = 'Retain';
  if (unset(s.replicas)) s.replicas = 1;
  if (unset(s.revisionHistoryLimit)) s.revisionHistoryLimit = 10;
  defaultPodTemplateSpec(templateOf(s));
  if (Array.isArray(s.volumeClaimTemplates)) {
    for (const pvc of s.volumeClaimTemplates) {
      if (!isObj(pvc)) continue;
      const meta = isObj(pvc.metadata) ? pvc.metadata : (pvc.metadata = {}) as Obj;
      if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
      const status = isObj(pvc.status) ? pvc.status : (pvc.status = {});
      if (!status.phase) status.phase = 'Pending';
      defaultPVCSpec(isObj(pvc.spec) ? pvc.spec : (pvc.spec = {}) as Obj);
    }
  }
}

/**
 * SetDefaults_ReplicationController, in place: selector and (empty) metadata.labels from the
 * template's labels, replicas 1; then the template.
 */
export function defaultReplicationController(rc: KubeObject): void {
  const s = specOf(rc);
  const labels = isObj(s.template) && isObj(s.template.metadata) ? s.template.metadata.labels : undefined;
  if (isObj(labels)) {
    if (!isObj(s.selector) || Object.keys(s.selector).length === 0) s.selector = { ...labels };
    if (!rc.metadata.labels || Object.keys(rc.metadata.labels).length === 0) rc.metadata.labels = { ...(labels as Record<string, string>) };
  }
  if (unset(s.replicas)) s.replicas = 1;
  defaultPodTemplateSpec(templateOf(s));
}

/** SetObjectDefaults_PodTemplate (the core/v1 PodTemplate kind): the template's PodSpec defaults. */
export function defaultPodTemplate(pt: KubeObject): void {
  defaultPodTemplateSpec((pt as Obj).template as Parameters<typeof defaultPodTemplateSpec>[0]);
}

// The decode-time defaulting kube-apiserver runs on every object it is given, by kind. Services
// keep their own create/update path (service.ts, called from the Service registry).
import type { Deployment, KubeObject, Pod, ReplicaSet } from '../types.js';
import { defaultCronJob, defaultJob } from './batch.js';
import {
  defaultCSIDriver, defaultEndpointSlice, defaultEndpoints, defaultHorizontalPodAutoscaler, defaultIngressClass,
  defaultLimitRange, defaultNetworkPolicy, defaultPersistentVolume, defaultPersistentVolumeClaim, defaultPriorityClass,
  defaultRoleBinding, defaultSecret, defaultStorageClass,
} from './misc.js';
import { defaultPod } from './pod.js';
import {
  defaultDaemonSet, defaultDeployment, defaultPodTemplate, defaultReplicaSet, defaultReplicationController, defaultStatefulSet,
} from './workloads.js';

const BY_KIND: Record<string, (o: KubeObject) => void> = {
  Pod: (o) => defaultPod(o as Pod),
  PodTemplate: defaultPodTemplate,
  ReplicationController: defaultReplicationController,
  Deployment: (o) => defaultDeployment(o as Deployment),
  ReplicaSet: (o) => defaultReplicaSet(o as ReplicaSet),
  StatefulSet: defaultStatefulSet,
  DaemonSet: defaultDaemonSet,
  Job: defaultJob,
  CronJob: defaultCronJob,
  Secret: defaultSecret,
  PersistentVolume: defaultPersistentVolume,
  PersistentVolumeClaim: defaultPersistentVolumeClaim,
  Endpoints: defaultEndpoints,
  EndpointSlice: defaultEndpointSlice,
  LimitRange: defaultLimitRange,
  PriorityClass: defaultPriorityClass,
  HorizontalPodAutoscaler: defaultHorizontalPodAutoscaler,
  NetworkPolicy: defaultNetworkPolicy,
  IngressClass: defaultIngressClass,
  StorageClass: defaultStorageClass,
  CSIDriver: defaultCSIDriver,
  RoleBinding: defaultRoleBinding,
  ClusterRoleBinding: defaultRoleBinding,
};

/**
 * Applies `kind`'s SetDefaults_* functions to `obj` in place (what decoding a request body does
 * in kube-apiserver). Kinds without defaulting (and Service, defaulted by its registry) are left alone.
 */
export function defaultObject(kind: string, obj: KubeObject): void {
  BY_KIND[kind]?.(obj);
}

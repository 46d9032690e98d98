// The registry of table printers by kind, and the builder of a resource type's table.
import type { KubeObject } from '../../api/types.js';
import { resourceByKind } from '../../api/scheme.js';
import { controllerRevisionPrinter, cronJobPrinter, daemonSetPrinter, jobPrinter, replicationControllerPrinter, statefulSetPrinter } from './apps-batch.js';
import { hpaPrinter } from './autoscaling.js';
import type { KindPrinter, TableData } from './common.js';
import { configMapPrinter, defaultPrinter, namespacePrinter, pvcPrinter, secretPrinter, serviceAccountPrinter } from './core-misc.js';
import { endpointSlicePrinter, endpointsPrinter } from './endpoints.js';
import { createdAtPrinter } from './created-at.js';
import { eventPrinter } from './event.js';
import { ingressClassPrinter, ingressPrinter, networkPolicyPrinter } from './networking.js';
import { nodePrinter } from './node.js';
import { podPrinter } from './pod.js';
import { leasePrinter, podDisruptionBudgetPrinter, priorityClassPrinter } from './policy-misc.js';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbac.js';
import { servicePrinter } from './service.js';
import { persistentVolumePrinter, storageClassPrinter } from './storage.js';
import { deploymentPrinter, replicaSetPrinter } from './workloads.js';

export type { Cell, Column, KindPrinter, TableData } from './common.js';

const printers: Record<string, KindPrinter> = {
  Service: servicePrinter as KindPrinter,
  Endpoints: endpointsPrinter as KindPrinter,
  EndpointSlice: endpointSlicePrinter as KindPrinter,
  Pod: podPrinter as KindPrinter,
  Node: nodePrinter as KindPrinter,
  Namespace: namespacePrinter,
  Deployment: deploymentPrinter as KindPrinter,
  ReplicaSet: replicaSetPrinter as KindPrinter,
  ConfigMap: configMapPrinter,
  Secret: secretPrinter,
  ServiceAccount: serviceAccountPrinter,
  PersistentVolumeClaim: pvcPrinter,
  Event: eventPrinter,
  StatefulSet: statefulSetPrinter,
  ControllerRevision: controllerRevisionPrinter,
  DaemonSet: daemonSetPrinter,
  ReplicationController: replicationControllerPrinter,
  Job: jobPrinter,
  CronJob: cronJobPrinter,
  HorizontalPodAutoscaler: hpaPrinter,
  Ingress: ingressPrinter,
  IngressClass: ingressClassPrinter,
  NetworkPolicy: networkPolicyPrinter,
  PersistentVolume: persistentVolumePrinter,
  StorageClass: storageClassPrinter,
  PodDisruptionBudget: podDisruptionBudgetPrinter,
  RoleBinding: roleBindingPrinter,
  ClusterRoleBinding: clusterRoleBindingPrinter,
  Lease: leasePrinter,
  PriorityClass: priorityClassPrinter,
  // No printer of their own on the server: the default table convertor's NAME, CREATED AT.
  Role: createdAtPrinter,
  ClusterRole: createdAtPrinter,
  CustomResourceDefinition: createdAtPrinter,
};

/** The printer for a kind; kinds without one get kubectl's default `NAME AGE` table. */
export function tableFor(kind: string): KindPrinter {
  return printers[kind] ?? defaultPrinter;
}

/**
 * The table of one resource type (all rows in the given order, every column generated, as the
 * apiserver does). Group and scope come from the scheme; unknown kinds count as namespaced
 * core objects unless their apiVersion names a group.
 */
export function buildTable(kind: string, objects: KubeObject[], now: Date): TableData {
  const printer = tableFor(kind);
  const rt = resourceByKind(kind);
  const apiVersion = objects[0]?.apiVersion ?? '';
  const group = rt ? rt.group : apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return {
    kind,
    group,
    namespaced: rt ? rt.namespaced : true,
    columns: printer.columns,
    rows: objects.map((o) => printer.row(o, now)),
    objects,
  };
}

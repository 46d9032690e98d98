// The simulated cluster's settings, kept in the store so every process sees the same cluster.
import type { KubeObject } from '../api/types.js';

export interface ClusterConfig {
  clusterDomain: string;
  serviceCIDR: string;
  podCIDR: string;
  /** `30000-32767` */
  nodePortRange: string;
  nodeCount: number;
  /** A CIDR, `FIRST-LAST`, or '' for none (LoadBalancer Services stay <pending>). */
  lbPool: string;
  /** The node network; node-N gets the (N+1)th address of it. */
  nodeCIDR: string;
  /** How far `sim advance` has moved the cluster's clock ahead of real time. */
  clockOffsetSeconds?: number;
  /**
   * kube-apiserver's NamespaceAutoProvision admission plugin (default on): an object created in a
   * namespace that does not exist creates the namespace, so cluster states and manifest folders
   * that take their namespaces for granted apply cleanly. Off (`cluster init
   * --disable-admission-plugins=NamespaceAutoProvision`), NamespaceLifecycle refuses the object:
   * `namespaces "x" not found`, as a kubeadm cluster does. Absent in older state: on.
   */
  namespaceAutoProvision?: boolean;
}

export const DEFAULT_CLUSTER: ClusterConfig = {
  clusterDomain: 'cluster.local',
  serviceCIDR: '10.96.0.0/12',
  podCIDR: '10.244.0.0/16',
  nodePortRange: '30000-32767',
  nodeCount: 3,
  lbPool: '172.18.255.200-172.18.255.250',
  nodeCIDR: '172.18.0.0/16',
  namespaceAutoProvision: true,
};

/** The admission plugins a cluster runs, in kube-apiserver's names. */
export function admissionPlugins(cfg: ClusterConfig): string[] {
  return ['NamespaceLifecycle', ...(cfg.namespaceAutoProvision !== false ? ['NamespaceAutoProvision'] : [])];
}

export interface ClusterConfigObject extends KubeObject {
  spec: ClusterConfig;
}

export function configObject(cfg: ClusterConfig, now: Date): ClusterConfigObject {
  return {
    apiVersion: 'svcctl.io/v1',
    kind: 'ClusterConfig',
    metadata: { name: 'cluster', creationTimestamp: isoSeconds(now) },
    spec: cfg,
  };
}

/** RFC 3339 with whole seconds, as the apiserver stamps creationTimestamp (metav1.Time). */
export function isoSeconds(d: Date): string {
  // A write stamps everything with one clock reading: each distinct second is formatted once.
  const seconds = Math.floor(d.getTime() / 1000);
  if (seconds !== lastStamp.seconds) lastStamp = { seconds, text: d.toISOString().replace(/\.\d+Z$/, 'Z') };
  return lastStamp.text;
}

let lastStamp = { seconds: Number.NaN, text: '' };

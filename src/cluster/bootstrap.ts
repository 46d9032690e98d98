// Creates the simulated cluster on first use: settings, the four system namespaces, the nodes, and
// the `kubernetes` Service holding the first address of the service CIDR.
import { resourceByKind } from '../api/scheme.js';
import type { KubeObject, Node, Service } from '../api/types.js';
import { formatIPv4, parseCIDR } from '../allocators/ipv4.js';
import { Registry } from '../registry/registry.js';
import { namespaceDefaults } from '../controllers/namespace-defaults.js';
import type { Store, StoreTxn } from '../store/store.js';
import { CLUSTER_CONFIG_KEY } from '../store/keys.js';
import { type ClusterConfig, type ClusterConfigObject, DEFAULT_CLUSTER, configObject, isoSeconds } from './config.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
export const KUBERNETES_VERSION = 'v1.33.0';

/** The cluster's settings, creating the default cluster when the store has none yet. */
export async function ensureCluster(store: Store, now: () => Date, random: () => number): Promise<ClusterConfig> {
  const existing = (await store.get(CLUSTER_CONFIG_KEY)) as ClusterConfigObject | undefined;
  if (existing) return existing.spec;
  return store.transaction(async (tx) => {
    const again = (await tx.get(CLUSTER_CONFIG_KEY)) as ClusterConfigObject | undefined;
    if (again) return again.spec;
    await createCluster(tx, DEFAULT_CLUSTER, now, random);
    return DEFAULT_CLUSTER;
  });
}

/** Writes a new cluster with `cfg` into an empty store (within the caller's transaction). */
export async function createCluster(tx: StoreTxn, cfg: ClusterConfig, now: () => Date, random: () => number): Promise<void> {
  await tx.put(CLUSTER_CONFIG_KEY, configObject(cfg, now()));
  const reg = new Registry(tx, { cluster: cfg, now, random });
  const nsType = resourceByKind('Namespace')!;
  for (const name of SYSTEM_NAMESPACES) {
    await reg.create(nsType, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    // What the controller manager puts in each namespace once it starts.
    for (const o of namespaceDefaults(name)) await reg.create(resourceByKind(o.kind)!, o);
  }
  const nodeType = resourceByKind('Node')!;
  for (const node of nodeObjects(cfg, now())) await reg.putSystem(nodeType, node);
  await reg.create(resourceByKind('Service')!, kubernetesService(cfg));
  const { endpoints, slice } = kubernetesEndpoints(cfg, now());
  await reg.putSystem(resourceByKind('Endpoints')!, endpoints);
  await reg.putSystem(resourceByKind('EndpointSlice')!, slice);
  await reg.flush();
}

/** `node-1..N`: internal IPs from the node network, one /24 of the pod CIDR each. */
export function nodeObjects(cfg: ClusterConfig, now: Date): Node[] {
  const nodeNet = parseCIDR(cfg.nodeCIDR);
  const podNet = parseCIDR(cfg.podCIDR);
  return Array.from({ length: cfg.nodeCount }, (_, i) => {
    const name = `node-${i + 1}`;
    const podCIDR = `${formatIPv4(podNet.base + (i + 1) * 256)}/24`;
    const ip = formatIPv4(nodeNet.base + i + 2);
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        uid: `00000000-0000-4000-8000-00000000000${i + 1}`.slice(-36),
        creationTimestamp: isoSeconds(now),
        labels: {
          'beta.kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
        },
      },
      spec: { podCIDR, podCIDRs: [podCIDR] },
      status: {
        addresses: [
          { type: 'InternalIP', address: ip },
          { type: 'Hostname', address: name },
        ],
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' } as never],
        nodeInfo: {
          architecture: 'amd64',
          containerRuntimeVersion: 'containerd://1.7.27',
          kernelVersion: '6.1.0-svcctl',
          kubeProxyVersion: '',
          kubeletVersion: KUBERNETES_VERSION,
          operatingSystem: 'linux',
          osImage: 'Debian GNU/Linux 12 (bookworm)',
        },
      },
    };
  });
}

function firstServiceIP(cfg: ClusterConfig): string {
  return formatIPv4(parseCIDR(cfg.serviceCIDR).base + 1);
}

function kubernetesService(cfg: ClusterConfig): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { component: 'apiserver', provider: 'kubernetes' },
    },
    spec: {
      type: 'ClusterIP',
      clusterIP: firstServiceIP(cfg),
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
    },
  };
}

/** The apiserver's own endpoints (it maintains them itself, so no controller mirrors them). */
function kubernetesEndpoints(cfg: ClusterConfig, now: Date): { endpoints: KubeObject; slice: KubeObject } {
  const apiserverIP = formatIPv4(parseCIDR(cfg.nodeCIDR).base + 2);
  const meta = (labels: Record<string, string>, uid: string) => ({
    name: 'kubernetes',
    namespace: 'default',
    uid,
    creationTimestamp: isoSeconds(now),
    labels,
  });
  return {
    endpoints: {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: meta({ 'endpointslice.kubernetes.io/skip-mirror': 'true' }, '00000000-0000-4000-8000-0000000000e1'),
      subsets: [{ addresses: [{ ip: apiserverIP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    },
    slice: {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: meta({ 'kubernetes.io/service-name': 'kubernetes' }, '00000000-0000-4000-8000-0000000000e2'),
      addressType: 'IPv4',
      endpoints: [{ addresses: [apiserverIP], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    },
  };
}

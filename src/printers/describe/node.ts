// kubectl describe node (pkg/describe/describe.go describeNode + describeNodeResource, kubectl 1.32).
import type { Node, Pod } from '../../api/types.js';
import { humanDuration } from '../age.js';
import { rfc1123z } from './common.js';
import { annotationsMultiline, labelsMultiline } from './tabbed.js';
import { withEvents, type DescribedEvent } from './events.js';

/** The node's Lease in kube-node-lease, as far as the describer prints it. */
export interface NodeLease {
  holderIdentity?: string;
  acquireTime?: string;
  renewTime?: string;
}

type Quantities = Record<string, string | number>;
type NodeStatus = {
  capacity?: Quantities;
  allocatable?: Quantities;
  addresses?: { type: string; address: string }[];
  conditions?: { type: string; status: string; lastHeartbeatTime?: string; lastTransitionTime?: string; reason?: string; message?: string }[];
  nodeInfo?: Record<string, string>;
};

const SUFFIX: Record<string, number> = { m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/** A resource.Quantity's numeric value (decimal and binary suffixes, exponents); NaN if malformed. */
export function quantityValue(q: string | number | undefined): number {
  if (q === undefined) return 0;
  const m = /^([+-]?[0-9.]+)(?:[eE]([+-]?[0-9]+)|(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei))?$/.exec(String(q));
  if (!m) return NaN;
  return Number(m[1]) * (m[2] !== undefined ? 10 ** Number(m[2]) : m[3] ? SUFFIX[m[3]] : 1);
}

/** findNodeRoles: node-role.kubernetes.io/<role> keys and kubernetes.io/role values, sorted, unique. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort();
}

type Sum = { text: string; value: number };

// Totals of one resource over containers. Quantity.String() canonical forms are not reproduced for
// sums of several non-zero values: a single value keeps its text, several print as a plain number.
function total(pods: Pod[], kind: 'requests' | 'limits', resource: string): Sum {
  const values: (string | number)[] = [];
  for (const p of pods) {
    for (const c of p.spec.containers) {
      const r = (c.resources as Record<string, Quantities | undefined> | undefined)?.[kind]?.[resource];
      if (r !== undefined && quantityValue(r) !== 0) values.push(r);
    }
  }
  const value = values.reduce<number>((a, v) => a + quantityValue(v), 0);
  if (values.length === 0) return { text: '0', value: 0 };
  if (values.length === 1) return { text: String(values[0]), value };
  return { text: resource === 'cpu' && !Number.isInteger(value) ? `${Math.round(value * 1000)}m` : String(value), value };
}

const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.trunc((part / whole) * 100));

/**
 * The text of `kubectl describe node`: `pods` are the node's non-terminated pods (spec.nodeName =
 * node, phase not Succeeded/Failed), `lease` its Lease (undefined: kubectl's not-found line), `now` the clock.
 */
export function describeNode(node: Node, pods: Pod[], lease: NodeLease | undefined, now: Date, events: DescribedEvent[] = []): string {
  const st = (node.status ?? {}) as NodeStatus;
  const spec = node.spec as { podCIDR?: string; podCIDRs?: string[]; providerID?: string; unschedulable?: boolean; taints?: { key: string; value?: string; effect: string }[] };
  let t = `Name:\t${node.metadata.name}\n`;
  t += `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`;
  t += labelsMultiline('Labels', node.metadata.labels);
  t += annotationsMultiline('Annotations', node.metadata.annotations);
  t += `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`;
  const taints = [...(spec.taints ?? [])].sort((a, b) => `${a.effect},${a.key}`.localeCompare(`${b.effect},${b.key}`));
  t += taints.length ? taints.map((x, i) => `${i === 0 ? 'Taints:' : ''}\t${x.key}${x.value ? `=${x.value}` : ''}:${x.effect}\n`).join('') : 'Taints:\t<none>\n';
  t += `Unschedulable:\t${spec.unschedulable ? 'true' : 'false'}\n`;
  if (lease) {
    t += `Lease:\n  HolderIdentity:\t${lease.holderIdentity ?? '<unset>'}\n`;
    t += `  AcquireTime:\t${lease.acquireTime ? rfc1123z(lease.acquireTime) : '<unset>'}\n`;
    t += `  RenewTime:\t${lease.renewTime ? rfc1123z(lease.renewTime) : '<unset>'}\n`;
  } else {
    t += `Lease:\tFailed to get lease: leases.coordination.k8s.io "${node.metadata.name}" not found\n`;
  }
  if (st.conditions?.length) {
    t += 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n';
    t += '  ----\t------\t-----------------\t------------------\t------\t-------\n';
    for (const c of st.conditions) {
      t += `  ${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`;
    }
  }
  t += 'Addresses:\n' + (st.addresses ?? []).map((a) => `  ${a.type}:\t${a.address}\n`).join('');
  for (const [title, list] of [['Capacity', st.capacity], ['Allocatable', st.allocatable]] as const) {
    const keys = Object.keys(list ?? {}).sort();
    if (keys.length) t += `${title}:\n` + keys.map((k) => `  ${k}:\t${list![k]}\n`).join('');
  }
  const info = st.nodeInfo ?? {};
  t += 'System Info:\n';
  for (const [label, key] of [
    ['Machine ID', 'machineID'], ['System UUID', 'systemUUID'], ['Boot ID', 'bootID'], ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'], ['Operating System', 'operatingSystem'], ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'], ['Kubelet Version', 'kubeletVersion'], ['Kube-Proxy Version', 'kubeProxyVersion'],
  ]) {
    t += `  ${label}:\t${info[key] ?? ''}\n`;
  }
  if (spec.podCIDR) t += `PodCIDR:\t${spec.podCIDR}\n`;
  if (spec.podCIDRs?.length) t += `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`;
  if (spec.providerID) t += `ProviderID:\t${spec.providerID}\n`;
  const alloc = Object.keys(st.allocatable ?? {}).length ? st.allocatable! : (st.capacity ?? {});
  const of = (r: string) => quantityValue(alloc[r]);
  t += `Non-terminated Pods:\t(${pods.length} in total)\n`;
  t += '  Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n';
  t += '  ---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n';
  for (const p of pods) {
    const cell = (kind: 'requests' | 'limits', r: string) => {
      const s = total([p], kind, r);
      return `${s.text} (${pct(s.value, of(r))}%)`;
    };
    const created = p.metadata.creationTimestamp ? new Date(p.metadata.creationTimestamp).getTime() : NaN;
    const age = Number.isNaN(created) ? '<unknown>' : humanDuration((now.getTime() - created) / 1000);
    t += `  ${p.metadata.namespace ?? ''}\t${p.metadata.name}\t\t${cell('requests', 'cpu')}\t${cell('limits', 'cpu')}\t${cell('requests', 'memory')}\t${cell('limits', 'memory')}\t${age}\n`;
  }
  t += 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n';
  t += '  Resource\tRequests\tLimits\n  --------\t--------\t------\n';
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const req = total(pods, 'requests', r);
    const lim = total(pods, 'limits', r);
    t += `  ${r}\t${req.text} (${pct(req.value, of(r))}%)\t${lim.text} (${pct(lim.value, of(r))}%)\n`;
  }
  return withEvents(t, events, now);
}

// The kubelet, simulated: reports a scheduled pod that has an address from its node's range
// (NodeIPs gives them) Running, with readiness driven by readinessProbe.initialDelaySeconds and
// `sim ready`.
import type { Pod, PodCondition, PodStatus } from '../api/types.js';
import { computePodQOS } from '../api/qos.js';
import { deepEqual, isPodTerminal, timestamp } from './common.js';
import { fnv32aText } from './names.js';
import type { ClusterNode } from './scheduler.js';

/** Set by `svcctl sim ready pod/NAME=true|false`: overrides the readiness the kubelet computes. */
export const SIM_READY_ANNOTATION = 'sim.svcctl.io/ready';

/** A 64-hex-digit id derived from a seed string (container and image ids look real, stay stable). */
function hexId(seed: string): string {
  // Two FNV-1a hashes of the seed from different offset bases (64 bits between them, so that ids
  // of different seeds do not collide), stretched to 256 bits by integer mixing (murmur3's
  // finalizer): every pod's container id is made here, and hashing strings per word cost more.
  let a = fnv32aText(seed);
  let b = fnv32aText(seed, 0x050c5d1f);
  // Joined, not appended: the pod keeps one flat string instead of a tree of pieces.
  const bytes = new Array<string>(32);
  for (let i = 0; i < 8; i++) {
    a = fmix32((a ^ Math.imul(b, 0x9e3779b1)) + i);
    b = fmix32(b + a);
    bytes[4 * i] = HEX8[a >>> 24];
    bytes[4 * i + 1] = HEX8[(a >>> 16) & 0xff];
    bytes[4 * i + 2] = HEX8[(a >>> 8) & 0xff];
    bytes[4 * i + 3] = HEX8[a & 0xff];
  }
  return bytes.join('');
}

/** Two hex digits for each byte value. */
const HEX8 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** murmur3's 32-bit finalizer: every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Image ids by image: a cluster runs few images and many pods. */
const imageIds = new Map<string, string>();

/** The imageID containerd reports for `image` (normalized): `<repository>@sha256:<digest>`. */
function imageIdOf(image: string): string {
  let id = imageIds.get(image);
  if (id === undefined) {
    id = `${image.replace(/:[^:/@]+$/, '')}@sha256:${hexId(image)}`;
    imageIds.set(image, id);
  }
  return id;
}

/** The image reference containerd reports: `nginx` -> `docker.io/library/nginx:latest`. */
export function normalizeImage(image: string): string {
  let ref = normalizedImages.get(image);
  if (ref === undefined) {
    ref = normalizeReference(image);
    normalizedImages.set(image, ref);
  }
  return ref;
}

const normalizedImages = new Map<string, string>();

function normalizeReference(image: string): string {
  let ref = image;
  const first = ref.split('/')[0];
  const hasRegistry = ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) ref = `docker.io/${ref.includes('/') ? '' : 'library/'}${ref}`;
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  if (!last.includes(':') && !ref.includes('@')) ref += ':latest';
  return ref;
}

/** The readiness the kubelet reports at `now`: the sim override, else probes' initial delays. */
export function podReadyAt(pod: Pod, startTime: string, now: Date): boolean {
  const forced = pod.metadata.annotations?.[SIM_READY_ANNOTATION];
  if (forced === 'true') return true;
  if (forced === 'false') return false;
  const delay = Math.max(0, ...pod.spec.containers.map((c) => c.readinessProbe?.initialDelaySeconds ?? 0));
  return now.getTime() >= Date.parse(startTime) + delay * 1000;
}

/**
 * The status the kubelet on `node` reports for a scheduled pod at `now`, or 'unchanged'. What the
 * pod already has (podIP, phase, startTime, condition transition times, restart counts) is kept;
 * Ready/ContainersReady follow podReadyAt, or `readiness` when given. Unscheduled and terminal
 * pods are left alone, and so is a pod without an address: addresses come from the node's range
 * (NodeIPs), and a pod its full range could not address stays Pending, as a real node leaves it
 * when its IPAM has nothing left.
 */
export function kubeletSync(pod: Pod, node: ClusterNode, now: Date, readiness?: boolean): Pod | 'unchanged' {
  if (!pod.spec.nodeName || pod.spec.nodeName !== node.name || isPodTerminal(pod)) return 'unchanged';
  const old: PodStatus = pod.status ?? {};
  const podIP = old.podIP;
  if (!podIP) return 'unchanged';
  const ts = timestamp(now);
  const startTime = old.startTime ?? ts;
  const ready = readiness ?? podReadyAt(pod, startTime, now);
  // Earlier conditions and container statuses are looked up by a backward scan (the last of a
  // name wins, as a map built from them would have it): a handful each, for every pod synced.
  const prevConditions = old.conditions ?? [];
  const prev = (type: string): PodCondition | undefined => {
    for (let i = prevConditions.length - 1; i >= 0; i--) if (prevConditions[i].type === type) return prevConditions[i];
    return undefined;
  };
  const cond = (type: string, status: boolean, reason?: string, message?: string): PodCondition => {
    const s = status ? 'True' : 'False';
    const p = prev(type);
    const lastTransitionTime = p && p.status === s ? (p.lastTransitionTime ?? ts) : ts;
    // Key order as the apiserver serialises PodCondition.
    return status || !reason
      ? { lastProbeTime: null, lastTransitionTime, status: s, type }
      : { lastProbeTime: null, lastTransitionTime, message, reason, status: s, type };
  };
  // Only a condition that is False carries the message.
  const notReadyMsg = ready ? '' : `containers with unready status: [${pod.spec.containers.map((c) => c.name).join(' ')}]`;
  const conditions: PodCondition[] = [
    cond('PodReadyToStartContainers', true),
    cond('Initialized', true),
    cond('Ready', ready, 'ContainersNotReady', notReadyMsg),
    cond('ContainersReady', ready, 'ContainersNotReady', notReadyMsg),
    cond('PodScheduled', true),
  ];
  const oldStatuses = (old.containerStatuses ?? []) as Record<string, unknown>[];
  const priorStatus = (name: string): Record<string, unknown> | undefined => {
    for (let i = oldStatuses.length - 1; i >= 0; i--) if (oldStatuses[i].name === name) return oldStatuses[i];
    return undefined;
  };
  const containerStatuses = pod.spec.containers.map((c) => {
    const prior = priorStatus(c.name);
    const image = normalizeImage(c.image ?? '');
    return {
      containerID: (prior?.containerID as string) ?? `containerd://${hexId(`${pod.metadata.namespace}/${pod.metadata.name}/${c.name}/${ts}`)}`,
      image,
      imageID: (prior?.imageID as string) ?? imageIdOf(image),
      lastState: prior?.lastState ?? {},
      name: c.name,
      ready,
      restartCount: (prior?.restartCount as number) ?? 0,
      started: true,
      state: prior?.state ?? { running: { startedAt: startTime } },
    };
  });
  const status: PodStatus = {
    ...old,
    conditions,
    containerStatuses,
    hostIP: node.internalIP,
    hostIPs: [{ ip: node.internalIP }],
    phase: old.phase && old.phase !== 'Pending' ? old.phase : 'Running',
    podIP,
    podIPs: [{ ip: podIP }],
    qosClass: (old.qosClass as string) ?? computePodQOS(pod.spec),
    startTime,
  };
  if (deepEqual(status, old)) return 'unchanged';
  return { ...pod, status };
}

/**
 * The readiness a pod's stored status already shows in full: 'ready' when the kubelet, finding
 * the pod ready, would leave it as it is ('notReady' likewise), undefined when it would change it
 * either way (or the pod has no node, address or start time yet, or has ended). Worked out on the
 * node the status names (hostIP): its result holds on a node of that name and address only.
 */
export function settledReadiness(pod: Pod): 'ready' | 'notReady' | undefined {
  const status = pod.status;
  const nodeName = pod.spec?.nodeName;
  if (!nodeName || !status?.podIP || !status.hostIP || !status.startTime || isPodTerminal(pod)) return undefined;
  const node: ClusterNode = { name: nodeName, internalIP: status.hostIP, podCIDR: '' };
  // The clock matters only to what would change (new transition times): any instant will do.
  const epoch = new Date(0);
  if (kubeletSync(pod, node, epoch, true) === 'unchanged') return 'ready';
  if (kubeletSync(pod, node, epoch, false) === 'unchanged') return 'notReady';
  return undefined;
}

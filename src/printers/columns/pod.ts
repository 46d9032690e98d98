// Pod rows: printers.go printPod (READY, STATUS reason, RESTARTS with last-restart age, wide columns).
import type { Pod } from '../../api/types.js';
import { translateTimestampSince } from '../age.js';
import { col, type KindPrinter } from './common.js';

interface ContainerState {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string };
}
interface ContainerStatus {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

/** node.NodeUnreachablePodReason */
const nodeUnreachablePodReason = 'NodeLost';

/** podutil.IsRestartableInitContainer: a sidecar, i.e. an init container with restartPolicy Always. */
const restartable = (c: Record<string, unknown> | undefined): boolean => c?.restartPolicy === 'Always';

function statuses(v: unknown): ContainerStatus[] {
  return Array.isArray(v) ? (v as ContainerStatus[]) : [];
}

/** Keeps the later of two RFC 3339 timestamps ('' is Go's zero time). */
function later(a: string, b: string | undefined): string {
  if (!b) return a;
  if (!a) return b;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/**
 * The READY, STATUS and RESTARTS cells of a pod, following printPod: init containers first
 * (`Init:N/M`, `Init:<reason>`), then regular containers from last to first, then
 * Terminating/Unknown for pods being deleted. RESTARTS gains ` (<age> ago)` after a restart.
 */
export function podStatusCells(pod: Pod, now: Date): { ready: string; status: string; restarts: string } {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestartDate = '';
  let lastRestartableInitDate = '';

  const podPhase = status.phase ?? '';
  let reason = typeof status.reason === 'string' && status.reason !== '' ? status.reason : podPhase;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, Record<string, unknown>>();
  for (const c of spec.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (restartable(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = statuses(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    if (c.lastState?.terminated) lastRestartDate = later(lastRestartDate, c.lastState.terminated.finishedAt);
    const isRestartable = restartable(initContainers.get(c.name));
    if (isRestartable) {
      restartableInitRestarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) {
        lastRestartableInitDate = later(lastRestartableInitDate, c.lastState.terminated.finishedAt);
      }
    }
    const term = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (isRestartable && c.started === true) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (term) {
      if (!term.reason) {
        reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
      } else {
        reason = `Init:${term.reason}`;
      }
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  const initializedTrue = (status.conditions ?? []).find((c) => c.type === 'Initialized')?.status === 'True';
  if (!initializing || initializedTrue) {
    restarts = restartableInitRestarts;
    lastRestartDate = lastRestartableInitDate;
    let hasRunning = false;
    const cs = statuses(status.containerStatuses);
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      restarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) lastRestartDate = later(lastRestartDate, c.lastState.terminated.finishedAt);
      const waiting = c.state?.waiting;
      const term = c.state?.terminated;
      if (waiting && waiting.reason) {
        reason = waiting.reason;
      } else if (term && term.reason) {
        reason = term.reason;
      } else if (term && !term.reason) {
        reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      } else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  const deleting = Boolean(pod.metadata.deletionTimestamp);
  if (deleting && status.reason === nodeUnreachablePodReason) {
    reason = 'Unknown';
  } else if (deleting && podPhase !== 'Failed' && podPhase !== 'Succeeded') {
    reason = 'Terminating';
  }

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestartDate) {
    restartsStr = `${restarts} (${translateTimestampSince(lastRestartDate, now)} ago)`;
  }
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsStr };
}

/** READINESS GATES: `<none>`, or `true/total` over spec.readinessGates against status.conditions. */
function readinessGates(pod: Pod): string {
  const gates = Array.isArray(pod.spec?.readinessGates) ? (pod.spec.readinessGates as { conditionType: string }[]) : [];
  if (gates.length === 0) return '<none>';
  let trueConditions = 0;
  for (const g of gates) {
    const c = (pod.status?.conditions ?? []).find((x) => x.type === g.conditionType);
    if (c?.status === 'True') trueConditions++;
  }
  return `${trueConditions}/${gates.length}`;
}

export const podPrinter: KindPrinter<Pod> = {
  columns: [
    col('Name'),
    col('Ready'),
    col('Status'),
    col('Restarts'),
    col('Age'),
    col('IP', 1),
    col('Node', 1),
    col('Nominated Node', 1),
    col('Readiness Gates', 1),
  ],
  row(pod, now) {
    const s = podStatusCells(pod, now);
    const podIPs = pod.status?.podIPs ?? [];
    const nominated = typeof pod.status?.nominatedNodeName === 'string' ? pod.status.nominatedNodeName : '';
    return [
      pod.metadata.name ?? '',
      s.ready,
      s.status,
      s.restarts,
      translateTimestampSince(pod.metadata.creationTimestamp, now),
      (podIPs.length > 0 ? podIPs[0].ip : '') || '<none>',
      pod.spec?.nodeName || '<none>',
      nominated || '<none>',
      readinessGates(pod),
    ];
  },
};

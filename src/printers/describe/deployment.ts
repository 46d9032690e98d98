// kubectl describe deployment (pkg/describe/describe.go describeDeployment, kubectl 1.32).
import { formatLabelSelector } from '../../api/labels.js';
import type { Deployment, ReplicaSet } from '../../api/types.js';
import { rfc1123z } from './common.js';
import { describePodTemplate } from './containers.js';
import { annotationsMultiline, labelsMultiline } from './tabbed.js';
import { withEvents, type DescribedEvent } from './events.js';

const stable = (v: unknown): string =>
  Array.isArray(v) ? `[${v.map(stable).join(',')}]` : v && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${k}:${stable((v as Record<string, unknown>)[k])}`).join(',')}}` : JSON.stringify(v);

/**
 * deploymentutil.GetAllReplicaSets: of `all` (the namespace's ReplicaSets), those the Deployment
 * controls; the new one is the oldest whose template equals the Deployment's once the
 * pod-template-hash label is dropped; the rest are old, in the given order.
 */
export function splitReplicaSets(d: Deployment, all: ReplicaSet[]): { oldRSs: ReplicaSet[]; newRS?: ReplicaSet } {
  const owned = all.filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid));
  const want = stable(d.spec.template);
  const same = (rs: ReplicaSet) => {
    const labels = { ...(rs.spec.template.metadata?.labels ?? {}) };
    delete labels['pod-template-hash'];
    const meta = { ...(rs.spec.template.metadata ?? {}), labels };
    if (Object.keys(labels).length === 0) delete (meta as { labels?: unknown }).labels;
    return stable({ ...rs.spec.template, metadata: meta }) === want;
  };
  const byAge = [...owned].sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  const newRS = byAge.find(same);
  return { oldRSs: owned.filter((rs) => rs !== newRS), newRS };
}

const rsList = (list: ReplicaSet[]) =>
  list.map((rs) => `${rs.metadata.name} (${(rs.status as { replicas?: number } | undefined)?.replicas ?? 0}/${rs.spec.replicas ?? 1} replicas created)`).join(', ') || '<none>';

type Status = { replicas?: number; updatedReplicas?: number; availableReplicas?: number; unavailableReplicas?: number; conditions?: { type: string; status: string; reason?: string }[] };
type Strategy = { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };

/** The text of `kubectl describe deployment`, given the ReplicaSets of its namespace. */
export function describeDeployment(d: Deployment, replicaSets: ReplicaSet[], events: DescribedEvent[] = [], now: Date = new Date()): string {
  const st = (d.status ?? {}) as Status;
  const strategy = (d.spec.strategy ?? {}) as Strategy;
  let t = `Name:\t${d.metadata.name}\nNamespace:\t${d.metadata.namespace ?? ''}\n`;
  t += `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`;
  t += labelsMultiline('Labels', d.metadata.labels);
  t += annotationsMultiline('Annotations', d.metadata.annotations);
  t += `Selector:\t${formatLabelSelector(d.spec.selector)}\n`;
  t += `Replicas:\t${d.spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`;
  t += `StrategyType:\t${strategy.type ?? ''}\n`;
  t += `MinReadySeconds:\t${(d.spec.minReadySeconds as number | undefined) ?? 0}\n`;
  if (strategy.rollingUpdate) t += `RollingUpdateStrategy:\t${strategy.rollingUpdate.maxUnavailable ?? 0} max unavailable, ${strategy.rollingUpdate.maxSurge ?? 0} max surge\n`;
  t += describePodTemplate(d.spec.template);
  if (st.conditions?.length) {
    t += 'Conditions:\n  Type\tStatus\tReason\n  ----\t------\t------\n';
    for (const c of st.conditions) t += `  ${c.type} \t${c.status}\t${c.reason ?? ''}\n`;
  }
  const { oldRSs, newRS } = splitReplicaSets(d, replicaSets);
  if (oldRSs.length || newRS) t += `OldReplicaSets:\t${rsList(oldRSs)}\nNewReplicaSet:\t${rsList(newRS ? [newRS] : [])}\n`;
  return withEvents(t, events, now);
}

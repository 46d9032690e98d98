// `svcctl rollout status|history|undo|restart`: kubectl's rollout commands for Deployments,
// StatefulSets and DaemonSets, over the ReplicaSets and ControllerRevisions the controllers keep.
import { qualifiedResource, qualifiedSingular, resourceByKind, type ResourceType } from '../../api/scheme.js';
import type { Deployment, KubeObject, PodTemplateSpec, ReplicaSet } from '../../api/types.js';
import { controllerOf } from '../../api/owners.js';
import { clone } from '../../store/store.js';
import { objectKey, typePrefix } from '../../store/keys.js';
import { type Engine, letTimePass, openEngine, write } from '../../engine.js';
import { SvcctlError } from '../../errors.js';
import { tabbed } from '../../printers/describe/tabbed.js';
import { describePodTemplate } from '../../printers/describe/containers.js';
import {
  DESIRED_REPLICAS_ANNOTATION,
  equalIgnoreHash,
  MAX_REPLICAS_ANNOTATION,
  POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
} from '../../controllers/deployment.js';
import type { ControllerRevision, StatefulSet } from '../../controllers/statefulset.js';
import type { DaemonSet } from '../../controllers/daemonset.js';
import type { CommandContext } from '../context.js';
import { parseGetArgs } from './get.js';
import { parseDuration } from './sim.js';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
/** Annotations a rollback keeps from the Deployment rather than taking from the ReplicaSet. */
const SKIPPED_ON_ROLLBACK = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

export interface RolloutFlags {
  watch?: boolean;
  timeout?: string;
  revision?: string;
  toRevision?: string;
}

/** schema.GroupKind's String(): `Kind.group`, or `Kind` in the core group. */
const groupKind = (t: ResourceType): string => (t.group ? `${t.kind}.${t.group}` : t.kind);

/** The kinds with a rollout history: a Deployment's in ReplicaSets, the others' in ControllerRevisions. */
const WITH_HISTORY = ['Deployment', 'StatefulSet', 'DaemonSet'];

/** TYPE NAME... or TYPE/NAME..., read as get reads them; every type needs names here. */
function targets(args: string[]): { type: ResourceType; name: string }[] {
  if (!args.length) throw SvcctlError.plain('required resource not specified');
  return parseGetArgs(args).flatMap(({ type, names }) => {
    if (!names.length) throw SvcctlError.plain('resource(s) were provided, but no name was specified');
    return names.map((name) => ({ type, name }));
  });
}

async function getObject(engine: Engine, type: ResourceType, namespace: string, name: string): Promise<KubeObject> {
  const obj = await engine.store.get(objectKey(type, namespace, name));
  if (!obj) throw SvcctlError.notFound(qualifiedResource(type), name);
  return obj;
}

type List = (prefix: string) => Promise<KubeObject[]>;

/** The objects of `kind` in the owner's namespace whose controller is `owner`. */
async function ownedBy<T extends KubeObject>(list: List, kind: string, owner: KubeObject): Promise<T[]> {
  const all = (await list(typePrefix(resourceByKind(kind)!, owner.metadata.namespace))) as T[];
  return all.filter((o) => controllerOf(o)?.uid === owner.metadata.uid);
}

const revisionOfRs = (rs: ReplicaSet): number | undefined => {
  const v = rs.metadata.annotations?.[REVISION_ANNOTATION];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
};

/** The rollout history: revision -> template (with its change cause) and, for rollbacks, the holder. */
async function history(list: List, type: ResourceType, obj: KubeObject): Promise<Map<number, { template: PodTemplateSpec; source: KubeObject; cause?: string }>> {
  const out = new Map<number, { template: PodTemplateSpec; source: KubeObject; cause?: string }>();
  if (type.kind === 'Deployment') {
    for (const rs of await ownedBy<ReplicaSet>(list, 'ReplicaSet', obj)) {
      const v = revisionOfRs(rs);
      if (v !== undefined) out.set(v, { template: rs.spec.template, source: rs, cause: rs.metadata.annotations?.[CHANGE_CAUSE] });
    }
  } else {
    for (const rev of await ownedBy<ControllerRevision>(list, 'ControllerRevision', obj)) {
      const { $patch: _patch, ...template } = rev.data.spec.template;
      out.set(rev.revision, { template: template as unknown as PodTemplateSpec, source: rev, cause: rev.metadata.annotations?.[CHANGE_CAUSE] });
    }
  }
  return out;
}

/** The DeploymentStatusViewer / DaemonSetStatusViewer / StatefulSetStatusViewer text for `obj`, and whether the rollout is done. */
export function rolloutStatus(obj: KubeObject, revision?: number): { text: string; done: boolean } {
  const generation = obj.metadata.generation ?? 0;
  const st = (obj.status ?? {}) as Record<string, number | string | undefined>;
  const n = (k: string) => Number(st[k] ?? 0);
  if (obj.kind === 'Deployment') {
    const d = obj as Deployment;
    const name = d.metadata.name;
    if (revision !== undefined && revision > 0) {
      const running = Number(d.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
      if (revision !== running) throw SvcctlError.plain(`desired revision (${revision}) is different from the running revision (${running})`);
    }
    if (generation > n('observedGeneration')) return { text: 'Waiting for deployment spec update to be observed...\n', done: false };
    const conditions = (d.status?.conditions ?? []) as { type: string; reason?: string }[];
    if (conditions.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) {
      throw SvcctlError.plain(`deployment "${name}" exceeded its progress deadline`);
    }
    const replicas = d.spec.replicas ?? 1;
    if (n('updatedReplicas') < replicas) {
      return { text: `Waiting for deployment "${name}" rollout to finish: ${n('updatedReplicas')} out of ${replicas} new replicas have been updated...\n`, done: false };
    }
    if (n('replicas') > n('updatedReplicas')) {
      return { text: `Waiting for deployment "${name}" rollout to finish: ${n('replicas') - n('updatedReplicas')} old replicas are pending termination...\n`, done: false };
    }
    if (n('availableReplicas') < n('updatedReplicas')) {
      return { text: `Waiting for deployment "${name}" rollout to finish: ${n('availableReplicas')} of ${n('updatedReplicas')} updated replicas are available...\n`, done: false };
    }
    return { text: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  if (obj.kind === 'DaemonSet') {
    const name = obj.metadata.name;
    if ((obj as DaemonSet).spec.updateStrategy?.type !== 'RollingUpdate') throw SvcctlError.plain('rollout status is only available for RollingUpdate strategy type');
    if (generation > n('observedGeneration')) return { text: 'Waiting for daemon set spec update to be observed...\n', done: false };
    const desired = n('desiredNumberScheduled');
    if (n('updatedNumberScheduled') < desired) {
      return { text: `Waiting for daemon set "${name}" rollout to finish: ${n('updatedNumberScheduled')} out of ${desired} new pods have been updated...\n`, done: false };
    }
    if (n('numberAvailable') < desired) {
      return { text: `Waiting for daemon set "${name}" rollout to finish: ${n('numberAvailable')} of ${desired} updated pods are available...\n`, done: false };
    }
    return { text: `daemon set "${name}" successfully rolled out\n`, done: true };
  }
  const s = obj as StatefulSet;
  const strategy = s.spec.updateStrategy ?? {};
  if (strategy.type !== 'RollingUpdate') throw SvcctlError.plain('rollout status is only available for RollingUpdate strategy type');
  if (!n('observedGeneration') || generation > n('observedGeneration')) return { text: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const replicas = s.spec.replicas ?? 1;
  if (n('readyReplicas') < replicas) return { text: `Waiting for ${replicas - n('readyReplicas')} pods to be ready...\n`, done: false };
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (partition !== undefined && n('updatedReplicas') < replicas - partition) {
      return { text: `Waiting for partitioned roll out to finish: ${n('updatedReplicas')} out of ${replicas - partition} new pods have been updated...\n`, done: false };
    }
    return { text: `partitioned roll out complete: ${n('updatedReplicas')} new pods have been updated...\n`, done: true };
  }
  if (st.updateRevision !== st.currentRevision) {
    return { text: `waiting for statefulset rolling update to complete ${n('updatedReplicas')} pods at revision ${st.updateRevision ?? ''}...\n`, done: false };
  }
  return { text: `statefulset rolling update complete ${n('currentReplicas')} pods at revision ${st.currentRevision ?? ''}...\n`, done: true };
}

async function status(ctx: CommandContext, engine: Engine, type: ResourceType, name: string, flags: RolloutFlags): Promise<void> {
  if (!WITH_HISTORY.includes(type.kind)) throw SvcctlError.plain(`no status viewer has been implemented for ${groupKind(type)}`);
  const revision = flags.revision === undefined ? undefined : Number(flags.revision);
  const timeout = flags.timeout ? parseDuration(flags.timeout) * 1000 : 0;
  const started = Date.now();
  let seen: string | undefined;
  for (;;) {
    const obj = await getObject(engine, type, ctx.namespace, name);
    // Printed for each version of the object, as kubectl prints each watch event.
    if (obj.metadata.resourceVersion !== seen) {
      seen = obj.metadata.resourceVersion;
      const { text, done } = rolloutStatus(obj, revision);
      ctx.io.stdout.write(text);
      if (done || flags.watch === false) return;
    }
    if (timeout && Date.now() - started >= timeout) throw SvcctlError.plain('timed out waiting for the condition');
    // Time passes for the cluster too: the controllers catch up with it (readiness delays).
    await letTimePass(engine, 1000);
  }
}

async function showHistory(ctx: CommandContext, engine: Engine, type: ResourceType, name: string, flags: RolloutFlags): Promise<void> {
  if (!WITH_HISTORY.includes(type.kind)) throw SvcctlError.plain(`no history viewer has been implemented for "${groupKind(type)}"`);
  const obj = await getObject(engine, type, ctx.namespace, name);
  const info = await history((p) => engine.store.list(p), type, obj);
  const revision = flags.revision === undefined ? 0 : Number(flags.revision);
  let text: string;
  if (info.size === 0) text = 'No rollout history found.';
  else if (revision > 0) {
    const entry = info.get(revision);
    if (!entry) throw SvcctlError.plain('unable to find the specified revision');
    // printTemplate: DescribePodTemplate straight into a buffer, no tabwriter (the tabs stay), the
    // change cause among the template's annotations.
    const template = clone(entry.template);
    if (entry.cause) template.metadata = { ...(template.metadata ?? {}), annotations: { ...(template.metadata?.annotations ?? {}), [CHANGE_CAUSE]: entry.cause } };
    text = describePodTemplate(template);
  } else {
    const rows = [...info.keys()].sort((a, b) => a - b).map((r) => `${r}\t${info.get(r)!.cause || '<none>'}\n`);
    text = tabbed(`REVISION\tCHANGE-CAUSE\n${rows.join('')}`);
  }
  const withRevision = revision > 0 ? `with revision #${revision}` : '';
  ctx.io.stdout.write(`${qualifiedSingular(type)}/${name} ${withRevision}\n${text}\n`);
}

async function undo(ctx: CommandContext, engine: Engine, type: ResourceType, name: string, flags: RolloutFlags): Promise<void> {
  if (!WITH_HISTORY.includes(type.kind)) throw SvcctlError.plain(`no rollbacker has been implemented for "${groupKind(type)}"`);
  const toRevision = flags.toRevision === undefined ? 0 : Number(flags.toRevision);
  let outcome = '';
  await write(engine, async (reg) => {
    const obj = (await reg.get(type, ctx.namespace, name)) as KubeObject | undefined;
    if (!obj) throw SvcctlError.notFound(qualifiedResource(type), name);
    if (type.kind === 'Deployment' && (obj.spec as { paused?: boolean }).paused) {
      throw SvcctlError.plain("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    }
    const info = await history((p) => reg.tx.list(p), type, obj);
    // The revision asked for, or the one before the latest.
    const revisions = [...info.keys()].sort((a, b) => b - a);
    const target = toRevision > 0 ? toRevision : revisions[1];
    const entry = target === undefined ? undefined : info.get(target);
    if (!entry) {
      if (toRevision > 0) throw SvcctlError.plain(`unable to find specified revision ${toRevision} in history`);
      throw SvcctlError.plain(type.kind === 'Deployment' ? `no rollout history found for deployment "${name}"` : 'no last revision to roll back to');
    }
    const spec = obj.spec as { template: PodTemplateSpec };
    if (equalIgnoreHash(entry.template, spec.template)) {
      // The revision as asked for: 0 when none was.
      outcome = `skipped rollback (current template already matches revision ${toRevision})`;
      return;
    }
    const template = clone(entry.template);
    if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH_LABEL];
    const next = { ...obj, spec: { ...(obj.spec as object), template } } as KubeObject;
    if (type.kind === 'Deployment') {
      // The ReplicaSet's annotations come back with its template, the rollout bookkeeping excepted.
      const annotations: Record<string, string> = {};
      for (const [k, v] of Object.entries(obj.metadata.annotations ?? {})) if (SKIPPED_ON_ROLLBACK.has(k)) annotations[k] = v;
      for (const [k, v] of Object.entries(entry.source.metadata.annotations ?? {})) if (!SKIPPED_ON_ROLLBACK.has(k)) annotations[k] = v;
      next.metadata = { ...obj.metadata, annotations };
    }
    await reg.update(type, next);
    outcome = 'rolled back';
  });
  ctx.io.stdout.write(`${qualifiedSingular(type)}/${name} ${outcome}\n`);
}

/** RFC 3339 in local time with its offset, as Go's time.Now().Format(time.RFC3339). */
function rfc3339Local(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const zone = offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${zone}`;
}

async function restart(ctx: CommandContext, engine: Engine, type: ResourceType, name: string): Promise<void> {
  const resource = qualifiedResource(type);
  if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(type.kind)) throw SvcctlError.plain(`${resource} "${name}" restarting is not supported`);
  await write(engine, async (reg) => {
    const obj = (await reg.get(type, ctx.namespace, name)) as KubeObject | undefined;
    if (!obj) throw SvcctlError.notFound(resource, name);
    const spec = obj.spec as { paused?: boolean; template: PodTemplateSpec };
    if (type.kind === 'Deployment' && spec.paused) throw SvcctlError.plain(`${resource} "${name}" can't restart paused deployment (run rollout resume first)`);
    const stamp = rfc3339Local(ctx.now());
    if (spec.template.metadata?.annotations?.[RESTARTED_AT] === stamp) {
      throw SvcctlError.plain(`failed to create patch for ${name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`);
    }
    const template = { ...spec.template, metadata: { ...(spec.template.metadata ?? {}), annotations: { ...(spec.template.metadata?.annotations ?? {}), [RESTARTED_AT]: stamp } } };
    await reg.update(type, { ...obj, spec: { ...spec, template } } as KubeObject);
  });
  ctx.io.stdout.write(`${qualifiedSingular(type)}/${name} restarted\n`);
}

export async function runRollout(ctx: CommandContext, sub: 'status' | 'history' | 'undo' | 'restart', args: string[], flags: RolloutFlags = {}): Promise<number> {
  const list = targets(args);
  const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  for (const { type, name } of list) {
    if (sub === 'status') await status(ctx, engine, type, name, flags);
    else if (sub === 'history') await showHistory(ctx, engine, type, name, flags);
    else if (sub === 'undo') await undo(ctx, engine, type, name, flags);
    else await restart(ctx, engine, type, name);
  }
  return 0;
}

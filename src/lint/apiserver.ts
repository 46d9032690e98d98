// The apiserver layer: every object created, in a scratch in-memory cluster, through the same
// registry, validation, allocation and controllers apply uses. The user's state is never opened.
import { resourceByKind } from '../api/scheme.js';
import { fieldErrorString } from '../api/field.js';
import { type Engine, openEngine, write } from '../engine.js';
import { SvcctlError } from '../errors.js';
import { MemoryStore } from '../store/memory.js';
import type { Store } from '../store/store.js';
import { ScratchStore } from './scratch-store.js';
import { objectKey } from '../store/keys.js';
import { fieldSegments } from './locate.js';
import type { PathSegment } from '../api/decode.js';
import type { KubeObject } from '../api/types.js';
import type { Registry } from '../registry/registry.js';
import type { LintObject } from './types.js';
import { seededRandom } from '../allocators/random.js';

export interface ApiserverIssue {
  target: LintObject;
  path: PathSegment[];
  message: string;
  /** Field errors are `apiserver-validation`; other refusals `apiserver-error`. */
  other?: boolean;
}

/** Why the scratch store may refuse something apply would not: these are other rules' findings. */
function coveredElsewhere(detail: string): boolean {
  // node-port-collision names both Services; duplicate-object names both documents.
  return detail === 'provided port is already allocated';
}

/**
 * Creates `objects` (built-in kinds only, each resolved to its namespace) as apply creates them;
 * Namespaces first, and namespaces the input uses but does not define are created beforehand, as
 * CI manifests assume they exist. Returns every refusal.
 *
 * All creates share one transaction with one controller run at the end (a transaction and a
 * controller run per object made lint quadratic). A refused object leaves nothing behind: the
 * registry stages nothing before its last step and gives back what a refused Service took from
 * the address and port ranges (tentative allocation). Should the batch itself fail (a
 * controller error), the objects are created again one transaction each, as before.
 */
export async function apiserverLayer(objects: LintObject[]): Promise<ApiserverIssue[]> {
  try {
    return await createBatched(objects);
  } catch (err) {
    if (!(err instanceof BatchFailed)) throw err;
    // Under the test suite's shared-object check, a failing batch is a bug to see, not to absorb.
    if (process.env.SVCCTL_CHECK_SHARED === '1') throw err;
    return createOneByOne(objects);
  }
}

/** Why the batch gave up: the per-object path then decides. */
class BatchFailed extends Error {}

async function scratchEngine(objects: LintObject[], store: Store): Promise<Engine> {
  const fixed = () => new Date('2025-01-01T00:00:00Z');
  // A fixed seed: the scratch cluster's names and addresses are the same every run.
  // The controllers run as for apply; their Events have no reader here, so they are not stored.
  const engine: Engine = { ...(await openEngine(store, fixed, seededRandom(1))), recordEvents: false };
  const nsType = resourceByKind('Namespace')!;
  const defined = new Set(objects.filter((o) => o.obj.kind === 'Namespace' && o.type).map((o) => o.name));
  const used = new Set(objects.filter((o) => o.type?.namespaced && o.namespace).map((o) => o.namespace));
  const missing = [...used].filter((ns) => !defined.has(ns));
  for (const ns of missing) {
    // An invalid namespace name stays missing: objects in it then fail as apply's would (NotFound).
    await write(engine, async (reg) => {
      if (!(await reg.get(nsType, undefined, ns))) await reg.create(nsType, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    }).catch(() => undefined);
  }
  return engine;
}

/** Namespaces first, then the rest in input order; the registry's input for each (namespace set). */
function plan(objects: LintObject[]): { o: LintObject; input: KubeObject; key?: string }[] {
  const ordered = [...objects.filter((o) => o.obj.kind === 'Namespace'), ...objects.filter((o) => o.obj.kind !== 'Namespace')];
  return ordered.map((o) => {
    const type = o.type!;
    // The registry copies what it is given: only the namespace needs a metadata of its own here.
    const input: KubeObject = { ...o.obj, metadata: { ...(o.obj.metadata ?? {}) } };
    if (type.namespaced) input.metadata.namespace = o.namespace;
    return { o, input, key: o.name ? objectKey(type, input.metadata.namespace, o.name) : undefined };
  });
}

async function createBatched(objects: LintObject[]): Promise<ApiserverIssue[]> {
  const engine = await scratchEngine(objects, new ScratchStore());
  const issues: ApiserverIssue[] = [];
  await write(engine, async (reg) => {
    const created = new Set<string>();
    for (const { o, input, key } of plan(objects)) {
      // A second document of the same object would be an update: duplicate-object reports it.
      if (key && created.has(key)) continue;
      if (key && (await reg.tx.get(key))) {
        created.add(key); // bootstrap objects (default namespace, ...)
        continue;
      }
      // A refused object leaves nothing behind: the registry gives back what it allocated.
      try {
        await reg.create(o.type!, input);
        if (key) created.add(key);
      } catch (err) {
        issues.push(...toIssues(o, err));
      }
    }
  }).catch((err: unknown) => {
    // The caller falls back to one transaction per object; the core never prints.
    throw err instanceof BatchFailed ? err : new BatchFailed(String((err as Error)?.message ?? err));
  });
  return issues;
}

/** The previous path: one transaction (and controller run) per object. */
async function createOneByOne(objects: LintObject[]): Promise<ApiserverIssue[]> {
  const engine = await scratchEngine(objects, new MemoryStore());
  const issues: ApiserverIssue[] = [];
  const created = new Set<string>();
  for (const { o, input, key } of plan(objects)) {
    if (key && created.has(key)) continue;
    try {
      await write(engine, async (reg) => {
        if (key && (await reg.tx.get(key))) return; // bootstrap objects (default namespace, ...)
        await reg.create(o.type!, input);
      });
      if (key) created.add(key);
    } catch (err) {
      issues.push(...toIssues(o, err));
    }
  }
  return issues;
}

function toIssues(o: LintObject, err: unknown): ApiserverIssue[] {
  if (!(err instanceof SvcctlError)) {
    return [{ target: o, path: [], message: `internal error: ${String((err as Error)?.message ?? err)}`, other: true }];
  }
  if (err.reason === 'AlreadyExists') return [];
  if (err.reason === 'Invalid' && err.causes.length > 0) {
    return err.causes
      .filter((c) => !coveredElsewhere(c.detail))
      .map((c) => ({ target: o, path: fieldSegments(c.field), message: `The ${err.kind} "${err.objectName}" is invalid: ${fieldErrorString(c)}` }));
  }
  // A namespace that is missing (NamespaceLifecycle) or cannot be created (NamespaceAutoProvision).
  const aboutNamespace = (err.reason === 'NotFound' && err.message.startsWith('namespaces ')) || (err.reason === 'Forbidden' && / is forbidden: Namespace "/.test(err.message));
  const path = aboutNamespace ? ['metadata', 'namespace'] : [];
  return [{ target: o, path, message: err.message, other: true }];
}

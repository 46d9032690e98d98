// The engine every command stands on: the store, the cluster's settings, and one way to write
// (registry calls + controllers to a fixpoint, in one transaction).
import type { Node } from './api/types.js';
import type { ClusterConfig, ClusterConfigObject } from './cluster/config.js';
import type { Registry } from './registry/registry.js';
import { CLUSTER_CONFIG_KEY } from './store/keys.js';
import type { Store } from './store/store.js';

export interface Engine {
  store: Store;
  cluster: ClusterConfig;
  now: () => Date;
  random: () => number;
  /** Store the controllers' Events (default true; lint's scratch cluster turns it off). */
  recordEvents?: boolean;
}

/** Opens the cluster in `store` (creating the default one on first use). Its clock runs ahead by `sim advance`. */
export async function openEngine(store: Store, now: () => Date, random: () => number): Promise<Engine> {
  // Read-only commands on an existing cluster never load the registry, validation or controllers.
  const existing = (await store.get(CLUSTER_CONFIG_KEY)) as ClusterConfigObject | undefined;
  const cluster = existing?.spec ?? (await (await import('./cluster/bootstrap.js')).ensureCluster(store, now, random));
  const offset = (cluster.clockOffsetSeconds ?? 0) * 1000;
  return { store, cluster, now: offset ? () => new Date(now().getTime() + offset) : now, random };
}

/** Above this many changed objects in one write, the controllers resync instead of queueing. */
const BATCH_RESYNC_THRESHOLD = 200;

/** Thrown inside a transaction to roll it back on purpose (server-side dry run). */
class DryRunRollback<T> extends Error {
  constructor(readonly value: T) {
    super('dry run');
  }
}

export interface WriteOptions {
  /** Run everything, then roll back: kubectl's --dry-run=server. */
  dryRun?: boolean;
  /**
   * Resync every object instead of only what `fn` changed (time-driven work such as `sim advance`).
   * A write whose `fn` makes no registry call at all resyncs too.
   */
  resync?: boolean;
}

/** Engines whose clock letTimePass has set running. */
const running = new WeakSet<Engine>();

/**
 * Waits `ms` of real time, then lets the controllers catch up with the cluster's clock (a full
 * resync): what a command that waits on the cluster (rollout status, wait, get -w) sees happen
 * meanwhile. A command's clock stands at the moment it was run; from its first wait on, it runs
 * with real time, so that readiness delays pass and objects other commands write meanwhile are
 * not judged by a clock behind theirs.
 */
export async function letTimePass(engine: Engine, ms: number): Promise<void> {
  if (!running.has(engine)) {
    const base = engine.now;
    const started = performance.now();
    engine.now = () => new Date(base().getTime() + Math.floor(performance.now() - started));
    running.add(engine);
  }
  await new Promise((r) => setTimeout(r, ms));
  await write(engine, async () => undefined, { resync: true });
}

/**
 * Runs `fn` against a Registry in one store transaction, then the controllers until nothing
 * changes, then commits (or, for a dry run, rolls back). Either all of it lands or none of it.
 */
export async function write<T>(engine: Engine, fn: (reg: Registry) => Promise<T>, opts: WriteOptions = {}): Promise<T> {
  // Loaded here, outside the transaction: only writing commands pay for the apiserver path.
  const { Registry } = await import('./registry/registry.js');
  try {
    return await engine.store.transaction(async (tx) => {
      const reg = new Registry(tx, { cluster: engine.cluster, now: engine.now, random: engine.random, dryRun: opts.dryRun });
      const result = await fn(reg);
      // A write that touches a great many objects (lint's batch) is cheaper as one full resync,
      // whose rounds read each kind once, than as a work queue item by item.
      const many = reg.changed.length + reg.deleted.length > BATCH_RESYNC_THRESHOLD;
      await reconcile(reg, engine, opts.resync === true || reg.calls === 0 || many);
      await reg.flush();
      if (opts.dryRun) throw new DryRunRollback(result);
      return result;
    });
  } catch (err) {
    if (err instanceof DryRunRollback) return err.value as T;
    throw err;
  }
}

/**
 * Runs the controllers inside the registry's transaction until they reach a fixpoint: from what the
 * registry changed, or (resync) over every object.
 */
async function reconcile(reg: Registry, engine: Engine, resync: boolean): Promise<void> {
  const { runControllers } = await import('./controllers/runner.js');
  const nodes = (await reg.tx.list('/registry/minions/')) as Node[];
  await runControllers(reg.tx, {
    now: engine.now(),
    random: engine.random,
    recordEvents: engine.recordEvents,
    deleted: reg.deleted,
    ...(resync ? {} : { changed: reg.changed, previous: reg.previous }),
    cluster: {
      clusterDomain: engine.cluster.clusterDomain,
      lbPool: engine.cluster.lbPool,
      nodes: nodes.map((n) => ({
        name: n.metadata.name!,
        podCIDR: n.spec.podCIDR ?? '',
        internalIP: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
      })),
    },
  });
}

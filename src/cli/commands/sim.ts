// `svcctl sim`: what kubectl has no verb for. Readiness flips, crashes, and simulated time; the
// controllers react at once (endpoints come and go).
import { resourceByKind } from '../../api/scheme.js';
import type { Pod } from '../../api/types.js';
import type { ClusterConfigObject } from '../../cluster/config.js';
import { SIM_READY_ANNOTATION } from '../../controllers/kubelet.js';
import { openEngine, write } from '../../engine.js';
import { SvcctlError } from '../../errors.js';
import { CLUSTER_CONFIG_KEY } from '../../store/keys.js';
import type { CommandContext } from '../context.js';

function podRef(ref: string): string {
  const m = /^(?:pods?|po)\/(.+)$/.exec(ref);
  if (!m) throw SvcctlError.plain(`expected pod/NAME, got "${ref}"`);
  return m[1];
}

/** `sim ready pod/NAME=true|false`: the simulated kubelet reports the pod (not) ready. */
export async function runSimReady(ctx: CommandContext, spec: string): Promise<number> {
  const m = /^(.+)=(true|false)$/.exec(spec);
  if (!m) throw SvcctlError.plain(`expected pod/NAME=true|false, got "${spec}"`);
  const name = podRef(m[1]);
  const type = resourceByKind('Pod')!;
  const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  await write(engine, async (reg) => {
    const pod = (await reg.get(type, ctx.namespace, name)) as Pod | undefined;
    if (!pod) throw SvcctlError.notFound('pods', name);
    pod.metadata.annotations = { ...pod.metadata.annotations, [SIM_READY_ANNOTATION]: m[2] };
    await reg.putSystem(type, pod);
  });
  ctx.io.stdout.write(`pod/${name} ${m[2] === 'true' ? 'ready' : 'not ready'}\n`);
  return 0;
}

/** `sim kill pod/NAME`: the pod dies; its ReplicaSet (if any) replaces it with a new name and IP. */
export async function runSimKill(ctx: CommandContext, ref: string): Promise<number> {
  const name = podRef(ref);
  const type = resourceByKind('Pod')!;
  const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  await write(engine, (reg) => reg.delete(type, ctx.namespace, name));
  ctx.io.stdout.write(`pod/${name} killed\n`);
  return 0;
}

/** `30s`, `5m`, `1h30m`, `2d` -> seconds; `0` alone too (Go's time.ParseDuration takes it unitless). */
export function parseDuration(s: string): number {
  if (s === '0') return 0;
  const re = /(\d+)(d|h|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (const m of s.matchAll(re)) {
    total += Number(m[1]) * { d: 86400, h: 3600, m: 60, s: 1 }[m[2] as 'd' | 'h' | 'm' | 's'];
    consumed += m[0].length;
  }
  if (!s || consumed !== s.length) throw SvcctlError.plain(`invalid duration "${s}": use e.g. 30s, 5m, 1h30m`);
  return total;
}

/** `sim advance 30s`: moves the cluster's clock ahead, then lets the controllers catch up. */
export async function runSimAdvance(ctx: CommandContext, duration: string): Promise<number> {
  const seconds = parseDuration(duration);
  const store = await ctx.openStore();
  await openEngine(store, ctx.now, ctx.random);
  await store.transaction(async (tx) => {
    const cfg = (await tx.get(CLUSTER_CONFIG_KEY)) as ClusterConfigObject;
    cfg.spec.clockOffsetSeconds = (cfg.spec.clockOffsetSeconds ?? 0) + seconds;
    await tx.put(CLUSTER_CONFIG_KEY, cfg);
  });
  const engine = await openEngine(store, ctx.now, ctx.random);
  await write(engine, async () => undefined, { resync: true });
  ctx.io.stdout.write(`simulated time advanced by ${duration}\n`);
  return 0;
}

// `svcctl get -w` / `--watch-only`: kubectl's watch over the store. The list is printed, then every
// change as the objects are seen to change (each event flushed on its own, so its row is aligned
// by itself, as kubectl's tabwriter flushes it); the cluster's time passes meanwhile, as for
// `rollout status`. It runs until interrupted (exit 1, as kubectl) or --request-timeout runs out.
import type { ResourceType } from '../../api/scheme.js';
import type { KubeObject } from '../../api/types.js';
import { type Engine, letTimePass } from '../../engine.js';
import { SvcctlError } from '../../errors.js';
import { objectKey, typePrefix } from '../../store/keys.js';
import type { CommandContext } from '../context.js';
import { type OutputSpec, printObjects } from '../flags/print-flags.js';
import type { GetFlags } from '../program.js';
import { parseDuration } from './sim.js';

/** How often the store is looked at again (and the cluster's clock catches up). */
const POLL_MS = 1000;

/** kubectl's --request-timeout: a duration, or a plain number of seconds; 0 means none. */
export function requestTimeoutMs(value: string | undefined): number {
  if (value === undefined) return 0;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  return parseDuration(value) * 1000;
}

interface WatchTarget {
  type: ResourceType;
  names: string[];
  namespace: string | undefined;
  matches: (o: KubeObject) => boolean;
}

async function current(engine: Engine, t: WatchTarget): Promise<KubeObject[]> {
  if (!t.names.length) return (await engine.store.list(typePrefix(t.type, t.namespace))).filter(t.matches);
  const found: KubeObject[] = [];
  for (const name of t.names) {
    const obj = await engine.store.get(objectKey(t.type, t.namespace, name));
    if (obj && t.matches(obj)) found.push(obj);
  }
  return found;
}

const rvOf = (o: KubeObject): number => Number(o.metadata.resourceVersion ?? 0);
const keyOf = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

export async function watchObjects(ctx: CommandContext, engine: Engine, target: WatchTarget, output: OutputSpec, flags: GetFlags & { watchOnly?: boolean; requestTimeout?: string }): Promise<number> {
  const timeout = requestTimeoutMs(flags.requestTimeout);
  const started = Date.now();
  let printed = 0;
  const print = async (objects: KubeObject[]) => {
    if (!objects.length) return;
    for (const obj of objects) {
      // The header goes with the first row printed; the YAML printer separates documents.
      const text = await printObjects(output, [{ type: target.type, objects: [obj] }], {
        now: engine.now(),
        single: true,
        withNamespace: Boolean(flags.allNamespaces),
        kindPrefix: false,
        flags: printed ? { ...flags, headers: false } : flags,
      });
      ctx.io.stdout.write(output.kind === 'yaml' && printed ? `---\n${text}` : text);
      printed++;
    }
  };

  let seen = new Map((await current(engine, target)).map((o) => [keyOf(o), o]));
  if (!flags.watchOnly && seen.size) {
    // The list is one flush: its rows share the header's column widths.
    ctx.io.stdout.write(
      await printObjects(output, [{ type: target.type, objects: [...seen.values()] }], {
        now: engine.now(),
        single: false,
        withNamespace: Boolean(flags.allNamespaces),
        kindPrefix: false,
        flags,
      }),
    );
    printed = seen.size;
  }
  const interrupted = () => {
    process.exit(1);
  };
  process.once('SIGINT', interrupted);
  try {
    while (!timeout || Date.now() - started < timeout) {
      await letTimePass(engine, timeout ? Math.min(POLL_MS, Math.max(0, timeout - (Date.now() - started))) : POLL_MS);
      const now = new Map((await current(engine, target)).map((o) => [keyOf(o), o]));
      // Changes in the order they were written; objects that went, after them (their last state).
      const changed = [...now.values()].filter((o) => seen.get(keyOf(o))?.metadata.resourceVersion !== o.metadata.resourceVersion).sort((a, b) => rvOf(a) - rvOf(b));
      const gone = [...seen.values()].filter((o) => !now.has(keyOf(o)));
      await print([...changed, ...gone]);
      seen = now;
    }
  } finally {
    process.removeListener('SIGINT', interrupted);
  }
  return 0;
}

/** The one resource type a watch may follow (SingleResourceType). */
export function watchTarget(requests: { type: ResourceType; names: string[] }[]): { type: ResourceType; names: string[] } {
  if (requests.length !== 1) throw SvcctlError.plain('you may only specify a single resource type');
  return requests[0];
}

// `svcctl scale deployment|replicaset NAME --replicas=N`: endpoints follow in the same transaction.
import { qualifiedSingular, resolveResourceArg } from '../../api/scheme.js';
import { openEngine, write } from '../../engine.js';
import { SvcctlError } from '../../errors.js';
import { qualifiedResource } from '../../api/scheme.js';
import type { CommandContext } from '../context.js';

export async function runScale(ctx: CommandContext, args: string[], flags: { replicas?: string }): Promise<number> {
  if (flags.replicas === undefined) throw SvcctlError.plain('required flag(s) "replicas" not set');
  const replicas = Number(flags.replicas);
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw SvcctlError.plain('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  }
  const targets = args.flatMap((a, i) => (a.includes('/') ? [a.split('/', 2)] : i === 0 ? [] : [[args[0], a]]));
  if (!targets.length) throw SvcctlError.plain('resource(s) were provided, but no name was specified');
  const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  for (const [typeArg, name] of targets) {
    const type = resolveResourceArg(typeArg);
    if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(type.kind)) {
      throw SvcctlError.plain(`cannot scale ${qualifiedResource(type)}: no scale subresource`);
    }
    await write(engine, async (reg) => {
      const obj = await reg.get(type, ctx.namespace, name);
      if (!obj) throw SvcctlError.notFound(qualifiedResource(type), name);
      (obj.spec as { replicas?: number }).replicas = replicas;
      return reg.update(type, obj);
    });
    ctx.io.stdout.write(`${qualifiedSingular(type)}/${name} scaled\n`);
  }
  return 0;
}

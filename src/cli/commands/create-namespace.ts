// `svcctl create namespace NAME`
import { resourceByKind } from '../../api/scheme.js';
import { openEngine, write } from '../../engine.js';
import type { CommandContext } from '../context.js';
import { parseDryRun } from '../flags/dry-run.js';
import { objectPrinter } from '../flags/print-flags.js';

export async function runCreateNamespace(ctx: CommandContext, name: string, flags: { output?: string; dryRun?: string | boolean }): Promise<number> {
  const dryRun = parseDryRun(flags.dryRun);
  const printer = await objectPrinter(flags.output, { typed: true });
  const input = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
  const type = resourceByKind('Namespace')!;
  let obj = input as typeof input & { spec?: unknown; status?: unknown };
  if (dryRun !== 'client') {
    const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
    obj = (await write(engine, (reg) => reg.create(type, input), { dryRun: dryRun === 'server' })) as typeof obj;
  } else {
    // What kubectl prints for an object it built and did not send: no timestamp yet.
    obj = { ...input, metadata: { ...input.metadata, creationTimestamp: null }, spec: {}, status: {} } as typeof obj;
  }
  if (printer) ctx.io.stdout.write(printer([obj]));
  else {
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
    ctx.io.stdout.write(`namespace/${name} created${suffix}\n`);
  }
  return 0;
}

// `svcctl create -f FILE|DIR|-`: kubectl create from manifests. Every object is created (an
// existing one is an AlreadyExists error), with no last-applied annotation, one transaction each.
import { qualifiedSingular } from '../../api/scheme.js';
import { type Engine, openEngine, write } from '../../engine.js';
import type { CommandContext } from '../context.js';
import { parseDryRun } from '../flags/dry-run.js';
import { checkSchema, forEachFileObject } from './object-input.js';

export interface CreateFileFlags {
  filename?: string[];
  recursive?: boolean;
  output?: string;
  dryRun?: string | boolean;
}

export async function runCreateFromFiles(ctx: CommandContext, flags: CreateFileFlags): Promise<number> {
  const dryRun = parseDryRun(flags.dryRun);
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  let engine: Engine | undefined;
  return forEachFileObject(ctx, flags, 'creating', async (input, type, original) => {
    let created = input;
    if (dryRun !== 'client') {
      await checkSchema(type, original);
      engine ??= await openEngine(await ctx.openStore(), ctx.now, ctx.random);
      const e = engine;
      created = await write(e, (reg) => reg.create(type, input), { dryRun: dryRun === 'server' });
    }
    return { obj: created, line: `${qualifiedSingular(type)}/${created.metadata.name} created${suffix}\n` };
  });
}

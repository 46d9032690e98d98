// `svcctl create -f FILE|DIR|-`: kubectl create from manifests. Every object is created (an
// existing one is an AlreadyExists error), with no last-applied annotation, one transaction each.
import { qualifiedSingular } from '../../api/scheme.js';
import type { KubeObject } from '../../api/types.js';
import { type Engine, openEngine, write } from '../../engine.js';
import { formatError, SvcctlError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { parseDryRun } from '../flags/dry-run.js';
import { loadManifests, requireFilenames } from '../flags/filenames.js';
import { objectPrinter } from '../flags/print-flags.js';
import { checkSchema, resolveNamespace, typedObjects } from './object-input.js';

export interface CreateFileFlags {
  filename?: string[];
  recursive?: boolean;
  output?: string;
  dryRun?: string | boolean;
}

export async function runCreateFromFiles(ctx: CommandContext, flags: CreateFileFlags): Promise<number> {
  const filenames = requireFilenames(flags.filename);
  const dryRun = parseDryRun(flags.dryRun);
  const printer = await objectPrinter(flags.output);
  const { docs, errors } = await loadManifests(ctx, filenames, flags.recursive);
  const printed: KubeObject[] = [];
  let engine: Engine | undefined;
  for (const { doc, obj, type } of typedObjects(docs, errors)) {
    try {
      const input = structuredClone(obj);
      resolveNamespace(ctx, type, input);
      let created = input;
      if (dryRun !== 'client') {
        await checkSchema(type, obj);
        engine ??= await openEngine(await ctx.openStore(), ctx.now, ctx.random);
        created = await write(engine, (reg) => reg.create(type, input), { dryRun: dryRun === 'server' });
      }
      if (printer) printed.push(created);
      else {
        const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
        ctx.io.stdout.write(`${qualifiedSingular(type)}/${created.metadata.name} created${suffix}\n`);
      }
    } catch (err) {
      errors.push(err instanceof SvcctlError ? err.withSource('creating', doc.file) : SvcctlError.internal(String(err)));
    }
  }
  if (printer && printed.length) ctx.io.stdout.write(printer(printed));
  for (const err of errors) ctx.io.stderr.write(formatError(err));
  return errors.length ? 1 : 0;
}

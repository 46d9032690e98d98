// `svcctl replace -f FILE|DIR|-`: kubectl replace. Every object in the files takes the place of the
// stored one (an update, as PUT: what the file leaves out is dropped, server-set fields aside);
// with --force, the stored one is deleted and the object created anew.
import { qualifiedResource, qualifiedSingular } from '../../api/scheme.js';
import type { KubeObject } from '../../api/types.js';
import { type Engine, openEngine, write } from '../../engine.js';
import { formatError, SvcctlError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { loadManifests, requireFilenames } from '../flags/filenames.js';
import { objectPrinter } from '../flags/print-flags.js';
import { checkSchema, resolveNamespace, typedObjects } from './object-input.js';

export interface ReplaceFlags {
  filename?: string[];
  recursive?: boolean;
  output?: string;
  force?: boolean;
}

export async function runReplace(ctx: CommandContext, flags: ReplaceFlags): Promise<number> {
  const filenames = requireFilenames(flags.filename);
  const printer = await objectPrinter(flags.output);
  const { docs, errors } = await loadManifests(ctx, filenames, flags.recursive);
  const printed: KubeObject[] = [];
  let engine: Engine | undefined;
  for (const { doc, obj, type } of typedObjects(docs, errors)) {
    try {
      const input = structuredClone(obj);
      resolveNamespace(ctx, type, input);
      await checkSchema(type, obj);
      engine ??= await openEngine(await ctx.openStore(), ctx.now, ctx.random);
      const name = input.metadata.name!;
      const ns = input.metadata.namespace;
      let stored: KubeObject;
      if (flags.force) {
        // Two requests, as kubectl makes them: a create that fails leaves the object deleted.
        await write(engine, (reg) => reg.delete(type, ns, name));
        ctx.io.stdout.write(`${type.singular} "${name}" deleted\n`);
        delete input.metadata.resourceVersion;
        stored = await write(engine, (reg) => reg.create(type, input));
      } else {
        stored = await write(engine, async (reg) => {
          if (!(await reg.get(type, ns, name))) throw SvcctlError.notFound(qualifiedResource(type), name);
          return reg.update(type, input);
        });
      }
      if (printer) printed.push(stored);
      else ctx.io.stdout.write(`${qualifiedSingular(type)}/${name} replaced\n`);
    } catch (err) {
      errors.push(err instanceof SvcctlError ? err.withSource('replacing', doc.file) : SvcctlError.internal(String(err)));
    }
  }
  if (printer && printed.length) ctx.io.stdout.write(printer(printed));
  for (const err of errors) ctx.io.stderr.write(formatError(err));
  return errors.length ? 1 : 0;
}

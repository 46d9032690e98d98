// `svcctl replace -f FILE|DIR|-`: kubectl replace. Every object in the files takes the place of the
// stored one (an update, as PUT: what the file leaves out is dropped, server-set fields aside);
// with --force, the stored one is deleted and the object created anew.
import { qualifiedResource, qualifiedSingular } from '../../api/scheme.js';
import type { KubeObject } from '../../api/types.js';
import { type Engine, openEngine, write } from '../../engine.js';
import { SvcctlError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { checkSchema, forEachFileObject } from './object-input.js';

export interface ReplaceFlags {
  filename?: string[];
  recursive?: boolean;
  output?: string;
  force?: boolean;
}

export async function runReplace(ctx: CommandContext, flags: ReplaceFlags): Promise<number> {
  let engine: Engine | undefined;
  return forEachFileObject(ctx, flags, 'replacing', async (input, type, original) => {
    await checkSchema(type, original);
    engine ??= await openEngine(await ctx.openStore(), ctx.now, ctx.random);
    const e = engine;
    const name = input.metadata.name!;
    const ns = input.metadata.namespace;
    let stored: KubeObject;
    if (flags.force) {
      // Two requests, as kubectl makes them: a create that fails leaves the object deleted.
      await write(e, (reg) => reg.delete(type, ns, name));
      ctx.io.stdout.write(`${type.singular} "${name}" deleted\n`);
      delete input.metadata.resourceVersion;
      stored = await write(e, (reg) => reg.create(type, input));
    } else {
      stored = await write(e, async (reg) => {
        if (!(await reg.get(type, ns, name))) throw SvcctlError.notFound(qualifiedResource(type), name);
        return reg.update(type, input);
      });
    }
    return { obj: stored, line: `${qualifiedSingular(type)}/${name} replaced\n` };
  });
}

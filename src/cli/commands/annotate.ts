// `svcctl annotate TYPE NAME key=value... key-`: kubectl annotate.
import { qualifiedResource, qualifiedSingular } from '../../api/scheme.js';
import { openEngine, write } from '../../engine.js';
import { SvcctlError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { parseGetArgs } from './get.js';
import { splitPairs } from './label.js';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** cmdutil.ParsePairs(args, "annotation", true): `k=v` to set, `k-` to remove. */
function parsePairs(pairs: string[]): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const p of pairs) {
    if (p.includes('=') && !p.startsWith('=')) set[p.slice(0, p.indexOf('='))] = p.slice(p.indexOf('=') + 1);
    else if (p.endsWith('-') && p !== '-') remove.push(p.slice(0, -1));
    else invalid.push(p);
  }
  if (invalid.length) throw SvcctlError.plain(`invalid annotation format: ${invalid.join(', ')}`);
  const both = remove.filter((k) => k in set);
  if (both.length) throw SvcctlError.plain(`can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);
  return { set, remove };
}

export async function runAnnotate(ctx: CommandContext, args: string[], flags: { overwrite?: boolean }): Promise<number> {
  const { resources, pairs } = splitPairs(args);
  if (!pairs.length) throw SvcctlError.plain('at least one annotation update is required');
  const change = parsePairs(pairs);
  const requests = parseGetArgs(resources);
  if (!requests.length) throw SvcctlError.plain('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  for (const { type, names } of requests) {
    if (!names.length) throw SvcctlError.plain('resource(s) were provided, but no name was specified');
    for (const name of names) {
      const namespace = type.namespaced ? ctx.namespace : undefined;
      await write(engine, async (reg) => {
        const obj = await reg.get(type, namespace, name);
        if (!obj) throw SvcctlError.notFound(qualifiedResource(type), name);
        const current = obj.metadata.annotations ?? {};
        if (!flags.overwrite) {
          // validateNoAnnotationOverwrites (the change cause may always be overwritten).
          const taken = Object.entries(change.set).filter(([k, v]) => k !== CHANGE_CAUSE && k in current && current[k] !== v);
          if (taken.length) {
            throw SvcctlError.plain(`--overwrite is false but found the following declared annotation(s): ${taken.map(([k]) => `'${k}' already has a value (${current[k]})`).join('; ')}`);
          }
        }
        const annotations = { ...current, ...change.set };
        for (const k of change.remove) delete annotations[k];
        obj.metadata.annotations = annotations;
        // The apiserver validates the keys and total size, as for any update.
        await reg.update(type, obj);
      });
      ctx.io.stdout.write(`${qualifiedSingular(type)}/${name} annotated\n`);
    }
  }
  return 0;
}

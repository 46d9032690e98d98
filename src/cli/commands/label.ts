// `svcctl label TYPE NAME key=value... key-`: kubectl label. Controllers react in the same
// transaction (a pod relabelled out of a Service's selector leaves its endpoints).
import { qualifiedResource, qualifiedSingular } from '../../api/scheme.js';
import { validateLabels } from '../../api/validation/objectmeta.js';
import { FieldPath } from '../../api/field.js';
import { openEngine, write } from '../../engine.js';
import { SvcctlError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { parseGetArgs } from './get.js';

export interface LabelFlags {
  overwrite?: boolean;
}

interface LabelChange {
  set: Record<string, string>;
  remove: string[];
}

/** `a=b c- d=` -> what to set and what to remove, with kubectl's errors for anything else. */
export function parseLabelArgs(items: string[]): LabelChange {
  const change: LabelChange = { set: {}, remove: [] };
  for (const item of items) {
    if (item.endsWith('-') && !item.includes('=')) change.remove.push(item.slice(0, -1));
    else if (item.includes('=')) {
      const [k, ...v] = item.split('=');
      change.set[k] = v.join('=');
    } else throw SvcctlError.plain(`invalid label spec: ${item}`);
  }
  const errs = validateLabels(change.set, FieldPath.root('metadata').child('labels'));
  if (errs.length) throw SvcctlError.plain(`invalid label spec: ${errs.map((e) => e.detail).join('; ')}`);
  return change;
}

/** Resource arguments come first; the first `k=v` or `k-` starts the pairs (label, annotate). */
export function splitPairs(args: string[]): { resources: string[]; pairs: string[] } {
  const at = args.findIndex((a) => a.includes('=') || (a.endsWith('-') && a.length > 1 && !a.includes('/')));
  if (at === 0) throw SvcctlError.plain('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  return at < 0 ? { resources: args, pairs: [] } : { resources: args.slice(0, at), pairs: args.slice(at) };
}

export async function runLabel(ctx: CommandContext, args: string[], flags: LabelFlags): Promise<number> {
  const { resources, pairs } = splitPairs(args);
  if (!pairs.length) throw SvcctlError.plain('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const change = parseLabelArgs(pairs);
  const requests = parseGetArgs(resources);
  const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  for (const { type, names } of requests) {
    if (!names.length) throw SvcctlError.plain('resource(s) were provided, but no name was specified');
    for (const name of names) {
      const namespace = type.namespaced ? ctx.namespace : undefined;
      const outcome = await write(engine, async (reg) => {
        const obj = await reg.get(type, namespace, name);
        if (!obj) throw SvcctlError.notFound(qualifiedResource(type), name);
        const labels = { ...(obj.metadata.labels ?? {}) };
        for (const [k, v] of Object.entries(change.set)) {
          if (k in labels && labels[k] !== v && !flags.overwrite) {
            throw SvcctlError.plain(`'${k}' already has a value (${labels[k]}), and --overwrite is false`);
          }
          labels[k] = v;
        }
        for (const k of change.remove) delete labels[k];
        const before = JSON.stringify(obj.metadata.labels ?? {});
        const after = JSON.stringify(labels);
        if (after === before) return 'not labeled';
        obj.metadata.labels = labels;
        await reg.update(type, obj);
        // updateDataChangeMsg: an object that got smaller without --overwrite was unlabeled.
        return !flags.overwrite && after.length < before.length ? 'unlabeled' : 'labeled';
      });
      ctx.io.stdout.write(`${qualifiedSingular(type)}/${name} ${outcome}\n`);
    }
  }
  return 0;
}

// `svcctl patch TYPE NAME -p PATCH [--type strategic|merge|json]`: kubectl patch. The apiserver's
// update path (defaults, validation, allocation) and the controllers follow, as for apply.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { qualifiedResource, qualifiedSingular } from '../../api/scheme.js';
import type { KubeObject } from '../../api/types.js';
import { jsonEqual } from '../../apply/merge.js';
import { jsonPatch, mergePatch, PatchError, strategicMergePatch } from '../../apply/patch.js';
import { openEngine, write } from '../../engine.js';
import { SvcctlError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { parseDryRun } from '../flags/dry-run.js';
import { objectPrinter } from '../flags/print-flags.js';
import { dryRunSuffix } from './create-service.js';
import { parseGetArgs } from './get.js';

export interface PatchFlags {
  patch?: string;
  patchFile?: string;
  type?: string;
  output?: string;
  dryRun?: string | boolean;
}

const PATCHERS: Record<string, (target: unknown, patch: unknown) => unknown> = {
  json: jsonPatch,
  merge: mergePatch,
  strategic: (target, patch) => strategicMergePatch(target, patch),
};

export async function runPatch(ctx: CommandContext, args: string[], flags: PatchFlags): Promise<number> {
  if (flags.patch !== undefined && flags.patchFile !== undefined) throw SvcctlError.plain('cannot specify --patch and --patch-file together');
  if (flags.patch === undefined && flags.patchFile === undefined) throw SvcctlError.plain('must specify --patch or --patch-file containing the contents of the patch');
  const type = (flags.type ?? 'strategic').toLowerCase();
  const patcher = PATCHERS[type];
  if (!patcher) throw SvcctlError.plain(`--type must be one of [json merge strategic], not ${JSON.stringify(flags.type)}`);
  let text = flags.patch ?? '';
  if (flags.patchFile !== undefined) {
    try {
      text = readFileSync(flags.patchFile, 'utf8');
    } catch (err) {
      throw SvcctlError.plain(`unable to read patch file: open ${flags.patchFile}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`);
    }
  }
  // kubectl reads the patch as YAML (JSON is YAML) and sends it as JSON.
  let patch: unknown;
  try {
    patch = parseYaml(text);
  } catch (err) {
    throw SvcctlError.plain(`unable to parse ${JSON.stringify(flags.patch ?? '')}: ${(err as Error).message.split('\n')[0]}`);
  }
  const printer = await objectPrinter(flags.output);
  const dryRun = parseDryRun(flags.dryRun);
  const requests = parseGetArgs(args);
  if (!requests.length) throw SvcctlError.plain('You must provide one or more resources by argument or filename.');
  const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  for (const { type: rt, names } of requests) {
    if (!names.length) throw SvcctlError.plain('resource(s) were provided, but no name was specified');
    for (const name of names) {
      const namespace = rt.namespaced ? ctx.namespace : undefined;
      const [obj, changed] = await write(
        engine,
        async (reg) => {
          const current = await reg.get(rt, namespace, name);
          if (!current) throw SvcctlError.notFound(qualifiedResource(rt), name);
          let next: KubeObject;
          try {
            next = patcher(current, patch) as KubeObject;
          } catch (err) {
            if (err instanceof PatchError) throw SvcctlError.plain(err.message);
            throw err;
          }
          // The patch may not move the object: identity stays the stored one's.
          next = { ...next, apiVersion: current.apiVersion, kind: current.kind, metadata: { ...next.metadata, name, namespace: current.metadata.namespace } };
          if (dryRun === 'client') return [next, !jsonEqual(next, current)] as const;
          const stored = await reg.update(rt, next);
          return [stored, stored.metadata.resourceVersion !== current.metadata.resourceVersion] as const;
        },
        { dryRun: dryRun === 'server' },
      );
      if (printer) ctx.io.stdout.write(printer([obj]));
      else ctx.io.stdout.write(`${qualifiedSingular(rt)}/${name} ${changed ? 'patched' : 'patched (no change)'}${dryRunSuffix(dryRun)}\n`);
    }
  }
  return 0;
}

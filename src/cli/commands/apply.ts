// `svcctl apply -f`: kubectl's client-side apply. Each object is created, or three-way merged with
// its last-applied configuration and updated, in its own transaction; one object's failure does
// not stop the others; errors are printed after the successes and the exit code is 1.
import type { DecodedDoc } from '../../api/decode.js';
import { type ResourceType, qualifiedSingular, resourceForKind, resourceMappingError } from '../../api/scheme.js';
import type { KubeObject } from '../../api/types.js';
import { LAST_APPLIED, jsonEqual, sortedJson, threeWayMerge } from '../../apply/merge.js';
import { type Engine, openEngine, write } from '../../engine.js';
import { formatError, SvcctlError } from '../../errors.js';
import { objectKey } from '../../store/keys.js';
import type { CommandContext } from '../context.js';
import { parseDryRun } from '../flags/dry-run.js';
import { loadManifests, requireFilenames } from '../flags/filenames.js';
import { objectPrinter } from '../flags/print-flags.js';
import type { ApplyFlags } from '../program.js';
import { checkSchema, resolveNamespace } from './object-input.js';

type Outcome = 'created' | 'configured' | 'unchanged';

export async function runApply(ctx: CommandContext, flags: ApplyFlags): Promise<number> {
  const filenames = requireFilenames(flags.filename);
  const dryRun = parseDryRun(flags.dryRun);
  const printer = await objectPrinter(flags.output);
  const { docs, errors } = await loadManifests(ctx, filenames, flags.recursive);
  let engine: Engine | undefined;
  const printed: KubeObject[] = [];
  for (const doc of docs) {
    try {
      if (doc.error) throw doc.error;
      engine ??= await openEngine(await ctx.openStore(), ctx.now, ctx.random);
      const { obj, type, outcome } = await applyOne(ctx, engine, doc, dryRun);
      if (printer) printed.push(obj);
      else {
        const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
        ctx.io.stdout.write(`${qualifiedSingular(type)}/${obj.metadata.name} ${outcome}${suffix}\n`);
      }
    } catch (err) {
      errors.push(err instanceof SvcctlError ? err : SvcctlError.internal(String((err as Error)?.stack ?? err)));
    }
  }
  if (printer && printed.length) ctx.io.stdout.write(printer(printed));
  for (const err of errors) ctx.io.stderr.write(formatError(err));
  if (docs.length === 0 && errors.length === 0) {
    throw SvcctlError.plain('no objects passed to apply');
  }
  return errors.length ? 1 : 0;
}

export async function applyOne(
  ctx: CommandContext,
  engine: Engine,
  doc: DecodedDoc,
  dryRun: 'none' | 'client' | 'server',
): Promise<{ obj: KubeObject; type: ResourceType; outcome: Outcome }> {
  const input = doc.object!;
  const type = resourceForKind(input.apiVersion, input.kind);
  const name = input.metadata?.name ?? '';
  if (!type) {
    throw resourceMappingError(input, doc.file);
  }
  const modified = structuredClone(input);
  resolveNamespace(ctx, type, modified);
  // The annotation holds the file's object as applied, without itself (GetModifiedConfiguration).
  const annotations = { ...(modified.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  // An empty map stays: kubectl's last-applied reads `"annotations":{}` for unannotated objects.
  const bare = { ...modified, metadata: { ...modified.metadata, annotations } };
  modified.metadata.annotations = { ...annotations, [LAST_APPLIED]: `${sortedJson(bare)}\n` };

  const current = await engine.store.get(objectKey(type, modified.metadata.namespace, name));
  if (dryRun === 'client') {
    return { obj: modified, type, outcome: current ? 'configured' : 'created' };
  }
  const verb = current ? 'patching' : 'creating';
  try {
    await checkSchema(type, input);
    return await write(
      engine,
      async (reg) => {
        const live = await reg.get(type, modified.metadata.namespace, name);
        if (!live) return { obj: await reg.create(type, modified), type, outcome: 'created' as Outcome };
        const original = parseLastApplied(live);
        const merged = threeWayMerge(original, modified, live) as KubeObject;
        if (jsonEqual(merged, live)) return { obj: live, type, outcome: 'unchanged' as Outcome };
        return { obj: await reg.update(type, merged), type, outcome: 'configured' as Outcome };
      },
      { dryRun: dryRun === 'server' },
    );
  } catch (err) {
    throw err instanceof SvcctlError ? err.withSource(verb, doc.file) : err;
  }
}

function parseLastApplied(obj: KubeObject): unknown {
  const raw = obj.metadata.annotations?.[LAST_APPLIED];
  if (!raw) return {};
  try {
    return JSON.parse(raw);
  } catch {
    return {};
  }
}

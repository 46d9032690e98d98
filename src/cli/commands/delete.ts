// `svcctl delete`: by TYPE NAME..., TYPE/NAME, -l, --all, or -f. Controllers react in the same
// transaction (a deleted Deployment's pods go; a deleted pod of a ReplicaSet comes back).
import { type ResourceType, qualifiedResource, qualifiedSingular } from '../../api/scheme.js';
import { type Engine, openEngine, write } from '../../engine.js';
import { formatError, SvcctlError } from '../../errors.js';
import { objectKey, typePrefix } from '../../store/keys.js';
import type { CommandContext } from '../context.js';
import { parseDryRun } from '../flags/dry-run.js';
import { loadManifests } from '../flags/filenames.js';
import type { DeleteFlags } from '../program.js';
import { parseGetArgs } from './get.js';
import { typedObjects } from './object-input.js';
import { selectorFilter } from './selectors.js';

/** Namespaces the NamespaceLifecycle admission plugin never lets go. */
const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

interface Target {
  type: ResourceType;
  namespace?: string;
  name: string;
  file?: string;
}

/** parseCascadingFlag: a strategy name, or the deprecated booleans (with kubectl's warning). */
function cascadeOf(ctx: CommandContext, v: string | boolean | undefined): 'background' | 'foreground' | 'orphan' {
  const value = v === true || v === undefined ? 'background' : String(v);
  if (value === 'background' || value === 'foreground' || value === 'orphan') return value;
  const truthy = ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value);
  if (!truthy && !['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) {
    throw SvcctlError.plain(`invalid cascade value (${value}). Must be "background", "foreground", or "orphan"`);
  }
  const instead = truthy ? 'background' : 'orphan';
  ctx.io.stderr.write(`warning: --cascade=${value} is deprecated (boolean value) and can be replaced with --cascade=${instead}.\n`);
  return instead;
}

/** The grace period as kubectl settles it from --grace-period, --now and --force (Complete, Validate). */
function gracePeriodOf(ctx: CommandContext, flags: DeleteFlags): number {
  let grace = Number(flags.gracePeriod ?? '-1');
  if (!Number.isInteger(grace)) throw SvcctlError.plain(`invalid argument "${flags.gracePeriod}" for "--grace-period" flag: strconv.ParseInt: parsing "${flags.gracePeriod}": invalid syntax`);
  if (flags.now) {
    if (grace !== -1) throw SvcctlError.plain('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  // --grace-period=0 alone means 1, to avoid accidental data loss; --force bypasses that.
  if (grace === 0 && !flags.force) grace = 1;
  if (flags.force && grace < 0) grace = 0;
  if (flags.force && grace > 0) throw SvcctlError.plain('--force and --grace-period greater than 0 cannot be specified together');
  if (grace === 0) {
    ctx.io.stderr.write('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  }
  return grace;
}

export async function runDelete(ctx: CommandContext, args: string[], flags: DeleteFlags): Promise<number> {
  const dryRun = parseDryRun(flags.dryRun);
  const cascade = cascadeOf(ctx, flags.cascade);
  // Deletion is immediate here whatever the grace period; only the words differ.
  const operation = gracePeriodOf(ctx, flags) === 0 ? 'force deleted' : 'deleted';
  const errors: SvcctlError[] = [];
  const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  const targets = flags.filename?.length
    ? await targetsFromFiles(ctx, flags, errors)
    : await targetsFromArgs(ctx, engine, args, flags);
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  for (const t of targets) {
    try {
      if (t.type.kind === 'Namespace' && IMMORTAL_NAMESPACES.has(t.name)) {
        throw SvcctlError.forbidden(`namespaces "${t.name}" is forbidden: this namespace may not be deleted`);
      }
      if (dryRun === 'client') {
        const exists = await engine.store.get(objectKey(t.type, t.namespace, t.name));
        if (!exists) throw SvcctlError.notFound(qualifiedResource(t.type), t.name);
      } else {
        await write(engine, (reg) => reg.delete(t.type, t.namespace, t.name, { orphanDependents: cascade === 'orphan' }), { dryRun: dryRun === 'server' });
      }
      ctx.io.stdout.write(`${qualifiedSingular(t.type)} "${t.name}" ${operation}${suffix}\n`);
    } catch (err) {
      if (flags.ignoreNotFound && err instanceof SvcctlError && err.reason === 'NotFound') continue;
      errors.push(err instanceof SvcctlError ? err.withSource('deleting', t.file) : SvcctlError.internal(String(err)));
    }
  }
  if (!targets.length && !errors.length && (flags.selector !== undefined || flags.all)) {
    ctx.io.stdout.write(`No resources found\n`);
  }
  for (const err of errors) ctx.io.stderr.write(formatError(err));
  return errors.length ? 1 : 0;
}

async function targetsFromArgs(ctx: CommandContext, engine: Engine, args: string[], flags: DeleteFlags): Promise<Target[]> {
  if (!args.length) {
    throw SvcctlError.plain(
      "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  }
  const requests = parseGetArgs(args);
  const targets: Target[] = [];
  for (const req of requests) {
    const namespace = req.type.namespaced ? ctx.namespace : undefined;
    if (req.names.length) {
      for (const name of req.names) targets.push({ type: req.type, namespace, name });
      continue;
    }
    if (flags.selector === undefined && !flags.all) {
      throw SvcctlError.plain('resource(s) were provided, but no name was specified');
    }
    const matches = selectorFilter(flags.selector);
    for (const o of await engine.store.list(typePrefix(req.type, namespace))) {
      if (matches(o)) targets.push({ type: req.type, namespace, name: o.metadata.name! });
    }
  }
  return targets;
}

async function targetsFromFiles(ctx: CommandContext, flags: DeleteFlags, errors: SvcctlError[]): Promise<Target[]> {
  const { docs, errors: readErrors } = await loadManifests(ctx, flags.filename!, flags.recursive);
  errors.push(...readErrors);
  const targets: Target[] = [];
  for (const { doc, obj, type } of typedObjects(docs, errors)) {
    const namespace = type.namespaced ? (obj.metadata?.namespace ?? ctx.namespace) : undefined;
    targets.push({ type, namespace, name: obj.metadata.name!, file: doc.file });
  }
  return targets;
}

// `svcctl get`: kubectl get over the store (or, with --local, over -f files).
import { type ResourceType, RESOURCES, qualifiedResource, resolveResourceArg } from '../../api/scheme.js';
import type { KubeObject, Service } from '../../api/types.js';
import { openEngine } from '../../engine.js';
import { formatError, SvcctlError } from '../../errors.js';
import { typePrefix } from '../../store/keys.js';
import type { CommandContext } from '../context.js';
import { loadManifests } from '../flags/filenames.js';
import { parseOutput, printObjects } from '../flags/print-flags.js';
import type { GetFlags } from '../program.js';

/** One requested resource type and the names asked for (none = list all). */
interface Request {
  type: ResourceType;
  names: string[];
}

/** The order `kubectl get all` lists its types in. */
const ALL_ORDER = ['Pod', 'ReplicationController', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'HorizontalPodAutoscaler', 'CronJob', 'Job'];

/** Parses `svc`, `svc,ep`, `svc web db`, `svc/web deploy/api`, `all`. */
export function parseGetArgs(args: string[]): Request[] {
  if (args.some((a) => a.includes('/'))) {
    const byType = new Map<ResourceType, string[]>();
    for (const a of args) {
      const [t, name] = a.split('/', 2);
      if (!name) throw SvcctlError.plain(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'svcctl get resource/<resource_name>' instead of 'svcctl get resource resource/<resource_name>'`);
      const type = resolveResourceArg(t);
      byType.set(type, [...(byType.get(type) ?? []), name]);
    }
    return [...byType].map(([type, names]) => ({ type, names }));
  }
  const [types, ...names] = args;
  const requests: Request[] = [];
  for (const t of types.split(',').filter(Boolean)) {
    if (t === 'all') {
      for (const kind of ALL_ORDER) requests.push({ type: RESOURCES.find((r) => r.kind === kind)!, names });
    } else {
      requests.push({ type: resolveResourceArg(t), names });
    }
  }
  return requests;
}

export async function runGet(ctx: CommandContext, args: string[], flags: GetFlags): Promise<number> {
  const output = parseOutput(flags.output);
  if (flags.filename?.length) return getFromFiles(ctx, flags, output);
  if (!args.length) {
    ctx.io.stderr.write(
      'You must specify the type of resource to get. Use "svcctl api-resources" for a complete list of supported resources.\n\n',
    );
    throw SvcctlError.plain('Required resource not specified.\nUse "svcctl explain <resource>" for a detailed description of that resource (e.g. svcctl explain pods).\nSee \'svcctl get -h\' for help and examples');
  }
  if (args[0] === 'dns') {
    const { runGetDns } = await import('./dns.js');
    return runGetDns(ctx, Boolean(flags.allNamespaces), flags.output);
  }
  const requests = parseGetArgs(args);
  const allNamespaces = Boolean(flags.allNamespaces);
  const { selectorFilter } = await import('./selectors.js');
  const matches = selectorFilter(flags.selector, flags.fieldSelector);
  const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  if (flags.watch || flags.watchOnly) {
    const { watchObjects, watchTarget } = await import('./get-watch.js');
    const { type, names } = watchTarget(requests);
    const namespace = allNamespaces || !type.namespaced ? undefined : ctx.namespace;
    return watchObjects(ctx, engine, { type, names, namespace, matches }, output, flags);
  }
  const groups: { type: ResourceType; objects: KubeObject[] }[] = [];
  const errors: SvcctlError[] = [];
  for (const req of requests) {
    const ns = allNamespaces || !req.type.namespaced ? undefined : ctx.namespace;
    let objects: KubeObject[];
    if (req.names.length) {
      objects = [];
      for (const name of req.names) {
        const key = req.type.namespaced
          ? `/registry/${req.type.storage}/${ns ?? ctx.namespace}/${name}`
          : `/registry/${req.type.storage}/${name}`;
        const obj = await engine.store.get(key);
        if (obj) objects.push(obj);
        else if (!flags.ignoreNotFound) errors.push(SvcctlError.notFound(qualifiedResource(req.type), name));
      }
    } else {
      objects = await engine.store.list(typePrefix(req.type, ns));
    }
    groups.push({ type: req.type, objects: objects.filter(matches) });
  }
  const total = groups.reduce((n, g) => n + g.objects.length, 0);
  const named = requests.some((r) => r.names.length);
  if (total > 0 || output.kind !== 'table') {
    const text = await printObjects(output, groups, {
      now: engine.now(),
      single: named && total === 1 && requests.length === 1 && requests[0].names.length === 1,
      withNamespace: allNamespaces,
      kindPrefix: requests.length > 1,
      flags,
    });
    ctx.io.stdout.write(text);
  }
  for (const err of errors) ctx.io.stderr.write(formatError(err));
  if (total === 0 && errors.length === 0 && output.kind === 'table' && !named) {
    ctx.io.stderr.write(allNamespaces ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
  }
  return errors.length ? 1 : 0;
}

/** `get -f FILES [--local]`: the files' objects, from the files (--local) or as stored. */
async function getFromFiles(ctx: CommandContext, flags: GetFlags, output: ReturnType<typeof parseOutput>): Promise<number> {
  const { docs, errors } = await loadManifests(ctx, flags.filename!, flags.recursive);
  const { typedObjects } = await import('./object-input.js');
  const { objectKey } = await import('../../store/keys.js');
  const groups: { type: ResourceType; objects: KubeObject[] }[] = [];
  const engine = flags.local ? undefined : await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  const now = engine ? engine.now() : ctx.now();
  for (const { obj, type } of typedObjects(docs, errors)) {
    let shown: KubeObject | undefined = obj;
    // Without a store, show what the apiserver would store: its defaults filled in.
    if (!engine) {
      shown = structuredClone(obj);
      if (type.kind === 'Service') {
        const { defaultService, normalizeClusterIPs } = await import('../../api/defaults/service.js');
        defaultService(shown as Service);
        normalizeClusterIPs(shown as Service);
      } else {
        (await import('../../api/defaults/objects.js')).defaultObject(type.kind, shown);
      }
    }
    if (engine) {
      const ns = type.namespaced ? (obj.metadata?.namespace ?? ctx.namespace) : undefined;
      shown = await engine.store.get(objectKey(type, ns, obj.metadata.name!));
      if (!shown) {
        errors.push(SvcctlError.notFound(qualifiedResource(type), obj.metadata.name!));
        continue;
      }
    }
    const last = groups[groups.length - 1];
    if (last && last.type === type) last.objects.push(shown);
    else groups.push({ type, objects: [shown] });
  }
  const total = groups.reduce((n, g) => n + g.objects.length, 0);
  if (total) {
    ctx.io.stdout.write(
      await printObjects(output, groups, {
        now,
        single: total === 1,
        withNamespace: Boolean(flags.allNamespaces),
        kindPrefix: new Set(groups.map((g) => g.type)).size > 1,
        flags,
      }),
    );
  }
  for (const err of errors) ctx.io.stderr.write(formatError(err));
  return errors.length ? 1 : 0;
}

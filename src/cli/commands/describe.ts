// `svcctl describe TYPE NAME...` / `describe TYPE/NAME`: reads the objects (and what kubectl's
// describer reads beside them) and prints src/printers/describe's text.
import { labelSelectorMatcher } from '../../api/labels.js';
import { type ResourceType, qualifiedResource, resolveResourceArg, resourceByKind } from '../../api/scheme.js';
import type { Deployment, EndpointSlice, Endpoints, KubeObject, Node, Pod, ReplicaSet, Service } from '../../api/types.js';
import { type Engine, openEngine } from '../../engine.js';
import { formatError, SvcctlError } from '../../errors.js';
import {
  describeConfigMap,
  describeDeployment,
  describeEndpoints,
  describeEndpointSlice,
  describeIngress,
  describeNamespace,
  describeNode,
  describePersistentVolumeClaim,
  describePod,
  describeReplicaSet,
  describeSecret,
  describeStatefulSet,
  describeDaemonSet,
} from '../../printers/describe/index.js';
import type { DescribedEvent } from '../../printers/describe/events.js';
import { describeService } from '../../printers/describe/service.js';
import { objectKey, typePrefix } from '../../store/keys.js';
import type { Store } from '../../store/store.js';
import type { CommandContext } from '../context.js';
import type { StatefulSet } from '../../controllers/statefulset.js';
import type { DaemonSet } from '../../controllers/daemonset.js';
import { selectorFilter } from './selectors.js';

/** What describe was asked for: named objects, or (no names) every object of a type. */
interface Request {
  type: ResourceType;
  names: string[];
  /** `TYPE/NAME` form: a missing name is an error, never a prefix. */
  slashForm: boolean;
}

/** TYPE [NAME...], or TYPE/NAME... */
function request(args: string[]): Request[] {
  if (args.length === 0) throw SvcctlError.plain('You must specify the type of resource to describe. Use "svcctl api-resources" for a complete list of supported resources.');
  if (args[0].includes('/')) {
    return args.map((a) => {
      const [t, n] = a.split('/', 2);
      return { type: resolveResourceArg(t), names: [n], slashForm: true };
    });
  }
  return [{ type: resolveResourceArg(args[0]), names: args.slice(1), slashForm: false }];
}

export interface DescribeFlags {
  selector?: string;
  allNamespaces?: boolean;
}

/** Objects of `kind` in `namespace` (all namespaces when undefined). */
async function listKind<T extends KubeObject>(store: Store, kind: string, namespace?: string): Promise<T[]> {
  return (await store.list(typePrefix(resourceByKind(kind)!, namespace))) as T[];
}

/**
 * The Events about `obj`, as kubectl's searchEvents asks for them: involvedObject name, namespace
 * and uid (kind too, except for pods, whose reference kubectl clears), in the object's namespace.
 */
async function eventsOf(store: Store, obj: KubeObject): Promise<DescribedEvent[]> {
  const ns = obj.metadata.namespace;
  const all = (await store.list(typePrefix(resourceByKind('Event')!, ns))) as (DescribedEvent & { involvedObject?: Record<string, string> })[];
  return all.filter((e) => {
    const io = e.involvedObject ?? {};
    return (
      io.name === obj.metadata.name &&
      (io.namespace ?? '') === (ns ?? '') &&
      (obj.kind === 'Pod' || io.kind === obj.kind) &&
      (!obj.metadata.uid || io.uid === obj.metadata.uid)
    );
  });
}

/** Describes `obj`, already read from the store, with the related objects its describer shows. */
async function describeOne(engine: Engine, type: ResourceType, obj: KubeObject): Promise<string> {
  const store = engine.store;
  const namespace = obj.metadata.namespace ?? '';
  const name = obj.metadata.name ?? '';
  const now = engine.now();
  // kubectl's namespace and secret describers print no Events.
  const events = type.kind === 'Namespace' || type.kind === 'Secret' ? [] : await eventsOf(store, obj);
  if (type.kind === 'Service') {
    // kubectl lists EndpointSlices by the kubernetes.io/service-name label.
    const sliceType = resourceByKind('EndpointSlice')!;
    const slices = (await store.list(`/registry/${sliceType.storage}/${namespace}/`)) as EndpointSlice[];
    const mine = slices.filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name);
    return describeService(obj as Service, mine, events, now);
  }
  switch (type.kind) {
    case 'Pod':
      return describePod(obj as Pod, events, now);
    case 'Endpoints':
      return describeEndpoints(obj as Endpoints, events, now);
    case 'EndpointSlice':
      return describeEndpointSlice(obj as EndpointSlice, events, now);
    case 'Secret':
      return describeSecret(obj);
    case 'ConfigMap':
      return describeConfigMap(obj, events, now);
    case 'Ingress': {
      const ctx = { services: await listKind<Service>(store, 'Service', namespace), slices: await listKind<EndpointSlice>(store, 'EndpointSlice', namespace) };
      return describeIngress(obj, ctx, events, now);
    }
    case 'PersistentVolumeClaim':
      return describePersistentVolumeClaim(obj, await listKind<Pod>(store, 'Pod', namespace), events, now);
    case 'Namespace':
      // svcctl stores no ResourceQuota or LimitRange: the describer prints kubectl's "none" lines.
      return describeNamespace(obj);
    case 'Deployment':
      return describeDeployment(obj as Deployment, await listKind<ReplicaSet>(store, 'ReplicaSet', namespace), events, now);
    case 'ReplicaSet': {
      const rs = obj as ReplicaSet;
      const matches = labelSelectorMatcher(rs.spec.selector);
      const pods = (await listKind<Pod>(store, 'Pod', namespace)).filter((p) => matches(p.metadata.labels));
      return describeReplicaSet(rs, pods, events, now);
    }
    case 'StatefulSet': {
      const set = obj as StatefulSet;
      const matches = labelSelectorMatcher(set.spec.selector);
      const pods = (await listKind<Pod>(store, 'Pod', namespace)).filter((p) => matches(p.metadata.labels));
      return describeStatefulSet(set, pods, events, now);
    }
    case 'DaemonSet': {
      const ds = obj as DaemonSet;
      const matches = labelSelectorMatcher(ds.spec.selector);
      const pods = (await listKind<Pod>(store, 'Pod', namespace)).filter((p) => matches(p.metadata.labels));
      return describeDaemonSet(ds, pods, events, now);
    }
    case 'Node': {
      // kubectl: spec.nodeName=NAME, status.phase!=Succeeded, status.phase!=Failed, all namespaces.
      const pods = (await listKind<Pod>(store, 'Pod')).filter(
        (p) => p.spec.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
      );
      // The simulated kubelet holds its node's Lease and renews it continuously.
      const lease = { holderIdentity: name, renewTime: engine.now().toISOString() };
      return describeNode(obj as Node, pods, lease, now, events);
    }
  }
  throw SvcctlError.plain(`svcctl cannot describe ${qualifiedResource(type)} yet`);
}

/**
 * Runs `describe` as kubectl's DescribeOptions does: the objects asked for (every object of the type
 * when no name is given, `-l` filtering), two blank lines between them. Missing objects are
 * reported after the others (exit 1); `TYPE NAME` with no object of that name describes those
 * whose names start with it (DescribeMatchingResources), each followed by a newline.
 */
export async function runDescribe(ctx: CommandContext, args: string[], flags: DescribeFlags = {}): Promise<number> {
  const requests = request(args);
  const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  const store = engine.store;
  const matches = selectorFilter(flags.selector);
  const namespaceOf = (t: ResourceType) => (t.namespaced ? ctx.namespace : undefined);
  const found: KubeObject[] = [];
  const errors: SvcctlError[] = [];
  for (const { type, names } of requests) {
    if (names.length === 0) {
      const all = (await store.list(typePrefix(type, flags.allNamespaces ? undefined : namespaceOf(type)))) as KubeObject[];
      found.push(...all.filter(matches));
      continue;
    }
    for (const name of names) {
      const obj = await store.get(objectKey(type, namespaceOf(type), name));
      if (obj && matches(obj)) found.push(obj);
      else errors.push(SvcctlError.notFound(qualifiedResource(type), name));
    }
  }
  const single = requests.length === 1 && !requests[0].slashForm && requests[0].names.length === 1;
  if (single && errors.length === 1) {
    // kubectl describe pods web: every pod whose name starts with `web`.
    const { type, names } = requests[0];
    const all = (await store.list(typePrefix(type, namespaceOf(type)))) as KubeObject[];
    const prefixed = all.filter((o) => (o.metadata.name ?? '').startsWith(names[0]));
    if (!prefixed.length) throw errors[0];
    for (const o of prefixed) ctx.io.stdout.write(`${await describeOne(engine, type, o)}\n`);
    return 0;
  }
  let first = true;
  for (const o of found) {
    const type = resourceByKind(o.kind)!;
    const text = await describeOne(engine, type, o);
    ctx.io.stdout.write(first ? text : `\n\n${text}`);
    first = false;
  }
  if (!found.length && !errors.length) {
    ctx.io.stderr.write(flags.allNamespaces ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
  }
  for (const e of errors) ctx.io.stderr.write(formatError(e));
  return errors.length ? 1 : 0;
}

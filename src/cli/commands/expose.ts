// `svcctl expose pod|deployment|replicaset|service NAME` and `expose -f FILE`, as kubectl 1.32's
// pkg/cmd/expose/expose.go (RunExpose + createService) with polymorphichelpers' introspection:
// selector, ports, protocols and labels come from the exposed object unless given as flags.
import { type ResourceType, qualifiedResource, resolveResourceArg, resourceByKind } from '../../api/scheme.js';
import type { Deployment, KubeObject, LabelSelectorRequirement, Pod, PodSpec, ReplicaSet, Service, ServicePort } from '../../api/types.js';
import { openEngine, write } from '../../engine.js';
import { SvcctlError } from '../../errors.js';
import { objectKey } from '../../store/keys.js';
import type { CommandContext } from '../context.js';
import { parseDryRun } from '../flags/dry-run.js';
import { objectPrinter } from '../flags/print-flags.js';
import { dryRunSuffix } from './create-service.js';
import { parseLabelSpec } from '../flags/label-spec.js';

export interface ExposeFlags {
  filename?: string[];
  recursive?: boolean;
  port?: string;
  targetPort?: string;
  protocol?: string;
  type?: string;
  name?: string;
  selector?: string;
  labels?: string;
  externalIp?: string;
  loadBalancerIp?: string;
  sessionAffinity?: string;
  clusterIp?: string;
  output?: string;
  dryRun?: string | boolean;
}

/** The kinds kubectl can expose (polymorphichelpers.canBeExposed, without ReplicationController). */
const EXPOSABLE = new Set(['Pod', 'Service', 'Deployment', 'ReplicaSet', 'ReplicationController']);

/** Go's `%+v` of a []LabelSelectorRequirement. */
function goRequirements(reqs: LabelSelectorRequirement[]): string {
  return `[${reqs.map((r) => `{Key:${r.key} Operator:${r.operator} Values:[${(r.values ?? []).join(' ')}]}`).join(' ')}]`;
}

/** MapBasedSelectorForObject: the pod selector of the exposed object, or kubectl's reason why not. */
export function selectorForObject(obj: KubeObject): Record<string, string> {
  switch (obj.kind) {
    case 'Pod': {
      const labels = obj.metadata.labels ?? {};
      if (Object.keys(labels).length === 0) throw new Error('the pod has no labels and cannot be exposed');
      return labels;
    }
    case 'Service': {
      const sel = (obj as Service).spec.selector;
      if (!sel) throw new Error('the service has no pod selector set');
      return sel;
    }
    case 'ReplicationController':
      // A ReplicationController's selector is already a plain map.
      return { ...(((obj.spec as { selector?: Record<string, string> })?.selector) ?? {}) };
    case 'Deployment':
    case 'ReplicaSet': {
      const sel = (obj as Deployment | ReplicaSet).spec.selector;
      if (!sel || Object.keys(sel.matchLabels ?? {}).length === 0) {
        throw new Error(`invalid ${obj.kind.toLowerCase()}: no selectors, therefore cannot be exposed`);
      }
      // Only map-based selectors can become a Service selector.
      if (sel.matchExpressions?.length) {
        throw new Error(`couldn't convert expressions - "${goRequirements(sel.matchExpressions)}" to map-based selector format`);
      }
      return sel.matchLabels!;
    }
  }
  throw new Error(`cannot extract pod selector from ${obj.kind}`);
}

function podSpecOf(obj: KubeObject): PodSpec | undefined {
  if (obj.kind === 'Pod') return (obj as Pod).spec;
  if (obj.kind === 'Deployment' || obj.kind === 'ReplicaSet' || obj.kind === 'ReplicationController') {
    return (obj as Deployment).spec.template?.spec;
  }
  return undefined;
}

/** PortsForObject + MultiProtocolsForObject: port numbers in order, and each port's protocols. */
export function portsForObject(obj: KubeObject): { ports: string[]; protocols: Map<string, string[]> } {
  const ports: string[] = [];
  const protocols = new Map<string, string[]>();
  const add = (port: number, protocol: string | undefined) => {
    const p = String(port);
    ports.push(p);
    protocols.set(p, [...(protocols.get(p) ?? []), protocol || 'TCP']);
  };
  if (obj.kind === 'Service') {
    for (const sp of (obj as Service).spec.ports ?? []) add(sp.port, sp.protocol);
  } else {
    for (const c of podSpecOf(obj)?.containers ?? []) for (const cp of c.ports ?? []) add(cp.containerPort, cp.protocol);
  }
  return { ports, protocols };
}

function goAtoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw SvcctlError.plain(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

/**
 * The Service kubectl expose generates for `obj` with `flags` (no namespace: the caller sets it).
 * Throws kubectl's errors for objects that cannot be exposed or flags that do not parse.
 */
export function buildExposeService(obj: KubeObject, flags: ExposeFlags): Service {
  if (!EXPOSABLE.has(obj.kind)) throw SvcctlError.plain(`cannot expose a ${obj.kind}`);
  // DNS-1035 labels are at most 63 characters; the default name is cut to fit.
  const defaultName = (obj.metadata.name ?? '').slice(0, 63);
  let selector: Record<string, string>;
  if (flags.selector) selector = parseLabelSpec(flags.selector);
  else {
    try {
      selector = selectorForObject(obj);
    } catch (err) {
      throw SvcctlError.plain(`couldn't retrieve selectors via --selector flag or introspection: ${(err as Error).message}`);
    }
  }
  const introspected = portsForObject(obj);
  let portList: string[] = [];
  if (flags.port) portList = [flags.port];
  else if (introspected.ports.length === 0) {
    if (flags.clusterIp !== 'None') throw SvcctlError.plain("couldn't find port via --port flag or introspection");
  } else portList = introspected.ports;
  const protocolMap = introspected.protocols;

  const labelsText = flags.labels ?? '';
  const labels = labelsText ? parseLabelSpec(labelsText) : Object.keys(obj.metadata.labels ?? {}).length ? { ...obj.metadata.labels } : undefined;
  const name = flags.name || defaultName;
  if (!name) throw SvcctlError.plain('name must be specified');

  const ports: ServicePort[] = [];
  portList.forEach((text, i) => {
    const port = goAtoi(text);
    // Several ports need distinct names.
    const portName = portList.length > 1 ? `port-${i + 1}` : undefined;
    let protocol = flags.protocol ?? '';
    if (!protocol && protocolMap.size === 0) protocol = 'TCP';
    else if (!protocol) {
      protocol = 'TCP';
      const found = protocolMap.get(text);
      if (found && found.length > 1) {
        for (const p of found) ports.push({ name: `port-${i + 1}-${p.toLowerCase()}`, port, protocol: p });
        return;
      }
      if (found) protocol = found[0];
    }
    ports.push({ ...(portName ? { name: portName } : {}), port, protocol });
  });
  for (const p of ports) p.targetPort = flags.targetPort ? intstrParse(flags.targetPort) : p.port;

  const spec: Service['spec'] = { selector };
  if (ports.length) spec.ports = ports;
  if (flags.externalIp) spec.externalIPs = [flags.externalIp];
  if (flags.type) spec.type = flags.type;
  if (spec.type === 'LoadBalancer' && flags.loadBalancerIp) spec.loadBalancerIP = flags.loadBalancerIp;
  if (flags.sessionAffinity) {
    if (flags.sessionAffinity !== 'None' && flags.sessionAffinity !== 'ClientIP') {
      throw SvcctlError.plain(`unknown session affinity: ${flags.sessionAffinity}`);
    }
    spec.sessionAffinity = flags.sessionAffinity;
  }
  if (flags.clusterIp) spec.clusterIP = flags.clusterIp;
  const metadata = { name, creationTimestamp: null, ...(labels ? { labels } : {}) } as unknown as Service['metadata'];
  return { apiVersion: 'v1', kind: 'Service', metadata, spec, status: { loadBalancer: {} } };
}

/** intstr.Parse: a number if Atoi accepts it, else the string. */
function intstrParse(s: string): number | string {
  return /^[+-]?[0-9]+$/.test(s) ? Number(s) : s;
}

/** The objects to expose: from -f files as written, or read from the store by TYPE NAME / TYPE/NAME. */
async function exposeTargets(ctx: CommandContext, args: string[], flags: ExposeFlags): Promise<KubeObject[]> {
  if (flags.filename?.length) {
    const { loadManifests } = await import('../flags/filenames.js');
    const { docs, errors } = await loadManifests(ctx, flags.filename, flags.recursive);
    if (errors.length) throw errors[0];
    const bad = docs.find((d) => d.error);
    if (bad) throw bad.error!;
    return docs.map((d) => d.object!);
  }
  let type: ResourceType;
  let name: string;
  if (args.length === 1 && args[0].includes('/')) {
    const [t, n] = args[0].split('/', 2);
    type = resolveResourceArg(t);
    name = n;
  } else if (args.length === 2) {
    type = resolveResourceArg(args[0]);
    name = args[1];
  } else {
    throw SvcctlError.plain('You must provide one or more resources by argument or filename.');
  }
  const obj = await (await ctx.openStore()).get(objectKey(type, ctx.namespace, name));
  if (!obj) throw SvcctlError.notFound(qualifiedResource(type), name);
  return [obj];
}

/** Runs `expose`: prints each Service (-o) or `service/NAME exposed`. */
export async function runExpose(ctx: CommandContext, args: string[], flags: ExposeFlags): Promise<number> {
  const dryRun = parseDryRun(flags.dryRun);
  const printer = await objectPrinter(flags.output, { typed: true });
  for (const obj of await exposeTargets(ctx, args, flags)) {
    let svc = buildExposeService(obj, flags);
    if (dryRun === 'client') {
      if (ctx.explicitNamespace) svc.metadata.namespace = ctx.namespace;
    } else {
      // kubectl creates in the command's namespace, whatever the exposed object's.
      const input: Service = { ...svc, metadata: { ...svc.metadata, namespace: ctx.namespace } };
      delete (input.metadata as { creationTimestamp?: unknown }).creationTimestamp;
      const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
      svc = (await write(engine, (reg) => reg.create(resourceByKind('Service')!, input), { dryRun: dryRun === 'server' })) as Service;
    }
    if (printer) ctx.io.stdout.write(printer([svc]));
    else ctx.io.stdout.write(`service/${svc.metadata.name} exposed${dryRunSuffix(dryRun)}\n`);
  }
  return 0;
}

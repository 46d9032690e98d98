// `svcctl run NAME --image=IMG`: kubectl run (a single Pod), with --expose for a ClusterIP
// Service in front of it. What kubectl builds client-side is reproduced field for field.
import { resourceByKind } from '../../api/scheme.js';
import type { Pod, Service } from '../../api/types.js';
import { openEngine, write } from '../../engine.js';
import { SvcctlError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { parseDryRun } from '../flags/dry-run.js';
import { isImageReference } from '../flags/image-reference.js';
import { parseLabelSpec } from '../flags/label-spec.js';
import { objectPrinter } from '../flags/print-flags.js';
import { dryRunSuffix } from './create-service.js';

export interface RunFlags {
  image?: string;
  port?: string;
  labels?: string;
  env?: string[];
  annotations?: string[];
  restart?: string;
  imagePullPolicy?: string;
  /** The extra arguments are the container's command, not its args. */
  command?: boolean;
  privileged?: boolean;
  expose?: boolean;
  output?: string;
  dryRun?: string | boolean;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** cmdutil.ParsePairs for --annotations: `key=value` each, or kubectl's error naming the bad ones. */
function parseAnnotations(pairs: string[]): Record<string, string> | undefined {
  if (!pairs.length) return undefined;
  const out: Record<string, string> = {};
  const invalid: string[] = [];
  for (const p of pairs) {
    const at = p.indexOf('=');
    if (at > 0) out[p.slice(0, at)] = p.slice(at + 1);
    else invalid.push(p);
  }
  if (invalid.length) throw SvcctlError.plain(`invalid annotations format: ${invalid.join(', ')}`);
  return out;
}

/** The Pod kubectl run builds (BasicPod): `run: NAME` unless --labels, one container named after the pod. */
export function buildRunPod(name: string, flags: RunFlags, namespace?: string, args: string[] = []): Pod {
  const labels = flags.labels ? parseLabelSpec(flags.labels) : { run: name };
  const annotations = parseAnnotations(flags.annotations ?? []);
  const container: Record<string, unknown> = { name, image: flags.image };
  if (args.length) container[flags.command ? 'command' : 'args'] = args;
  if (flags.port) container.ports = [{ containerPort: portNumber(flags.port) }];
  if (flags.env?.length) {
    container.env = flags.env.map((e) => {
      const at = e.indexOf('=');
      if (at <= 0 || !ENV_NAME.test(e.slice(0, at))) throw SvcctlError.plain(`invalid env: ${e}`);
      return { name: e.slice(0, at), value: e.slice(at + 1) };
    });
  }
  container.resources = {};
  if (flags.imagePullPolicy) container.imagePullPolicy = flags.imagePullPolicy;
  if (flags.privileged) container.securityContext = { privileged: true };
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, ...(namespace ? { namespace } : {}), creationTimestamp: null as unknown as string, labels, ...(annotations ? { annotations } : {}) },
    spec: { containers: [container as Pod['spec']['containers'][0]], restartPolicy: flags.restart || 'Always', dnsPolicy: 'ClusterFirst' },
    status: {},
  };
}

/** The Service of --expose: the pod's labels as selector, the port on both sides. */
export function buildRunService(pod: Pod, port: number): Service {
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name: pod.metadata.name, ...(pod.metadata.namespace ? { namespace: pod.metadata.namespace } : {}), creationTimestamp: null as unknown as string },
    spec: { ports: [{ protocol: 'TCP', port, targetPort: port }], selector: { ...pod.metadata.labels } },
    status: { loadBalancer: {} },
  };
}

/** strconv.Atoi, as updatePodPorts parses --port. */
function portNumber(v: string): number {
  if (!/^[+-]?\d+$/.test(v)) throw SvcctlError.plain(`strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

const usage = (message: string) => SvcctlError.usage(`${message}\nSee 'svcctl run -h' for help and examples`);

/** kubectl run: `name` and the arguments after it (`args`, the container's args, or with --command its command). */
export async function runRun(ctx: CommandContext, name: string | undefined, flags: RunFlags, args: string[] = []): Promise<number> {
  if (!name) throw usage('NAME is required for run');
  if (!flags.image) throw SvcctlError.plain('required flag(s) "image" not set');
  if (!isImageReference(flags.image)) throw SvcctlError.plain(`Invalid image name ${JSON.stringify(flags.image)}: invalid reference format`);
  if (flags.expose && !flags.port) throw usage('--port must be set when exposing a service');
  if (flags.restart && !RESTART_POLICIES.includes(flags.restart)) throw usage(`invalid restart policy: ${flags.restart}`);
  if (flags.imagePullPolicy && !PULL_POLICIES.includes(flags.imagePullPolicy)) throw usage(`invalid image pull policy: ${flags.imagePullPolicy}`);
  const printer = await objectPrinter(flags.output, { typed: true });
  const dryRun = parseDryRun(flags.dryRun);
  const pod = buildRunPod(name, flags, ctx.explicitNamespace ? ctx.namespace : undefined, args);
  let service = flags.expose ? buildRunService(pod, portNumber(flags.port!)) : undefined;
  let created: Pod = pod;
  if (dryRun !== 'client') {
    const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
    const namespace = ctx.namespace;
    [service, created] = await write(
      engine,
      async (reg) => {
        const svc = service ? ((await reg.create(resourceByKind('Service')!, { ...service, metadata: { ...service.metadata, namespace } })) as Service) : undefined;
        const p = (await reg.create(resourceByKind('Pod')!, { ...pod, metadata: { ...pod.metadata, namespace } })) as Pod;
        return [svc, p] as [Service | undefined, Pod];
      },
      { dryRun: dryRun === 'server' },
    );
  }
  const objects = [service, created].filter((o): o is Service | Pod => !!o);
  if (!printer) ctx.io.stdout.write(objects.map((o) => `${o.kind.toLowerCase()}/${o.metadata.name} created${dryRunSuffix(dryRun)}\n`).join(''));
  // kubectl run prints the service and the pod through two printers, each separating documents:
  // between them stands `---` twice.
  else if (flags.output === 'yaml') ctx.io.stdout.write(objects.map((o) => printer([o])).join('---\n---\n'));
  else ctx.io.stdout.write(printer(objects));
  return 0;
}

// `svcctl run NAME --image=IMG`: kubectl run (a single Pod), with --expose for a ClusterIP
// Service in front of it. What kubectl builds client-side is reproduced field for field.
import { resourceByKind } from '../../api/scheme.js';
import type { Pod, Service } from '../../api/types.js';
import { openEngine, write } from '../../engine.js';
import { SvcctlError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { parseDryRun } from '../flags/dry-run.js';
import { parseLabelSpec } from '../flags/label-spec.js';
import { objectPrinter } from '../flags/print-flags.js';
import { dryRunSuffix } from './create-service.js';

export interface RunFlags {
  image?: string;
  port?: string;
  labels?: string;
  env?: string[];
  expose?: boolean;
  output?: string;
  dryRun?: string | boolean;
}

/** The Pod kubectl run builds: `run: NAME` unless --labels, one container named after the pod. */
export function buildRunPod(name: string, flags: RunFlags, namespace?: string): Pod {
  const labels = flags.labels ? parseLabelSpec(flags.labels) : { run: name };
  const container: Record<string, unknown> = { name, image: flags.image };
  if (flags.port) container.ports = [{ containerPort: portNumber(flags.port) }];
  if (flags.env?.length) {
    container.env = flags.env.map((e) => {
      const at = e.indexOf('=');
      if (at <= 0) throw SvcctlError.plain(`invalid env: ${e}`);
      return { name: e.slice(0, at), value: e.slice(at + 1) };
    });
  }
  container.resources = {};
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, ...(namespace ? { namespace } : {}), creationTimestamp: null as unknown as string, labels },
    spec: { containers: [container as Pod['spec']['containers'][0]], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' },
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

function portNumber(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw SvcctlError.plain(`invalid argument "${v}" for "--port" flag: strconv.ParseInt: parsing "${v}": invalid syntax`);
  return n;
}

export async function runRun(ctx: CommandContext, name: string | undefined, flags: RunFlags): Promise<number> {
  if (!name) throw SvcctlError.plain('NAME is required for run');
  if (!flags.image) throw SvcctlError.plain('required flag(s) "image" not set');
  if (flags.expose && !flags.port) throw SvcctlError.usage("--port must be set when exposing a service\nSee 'svcctl run -h' for help and examples");
  const printer = await objectPrinter(flags.output, { typed: true });
  const dryRun = parseDryRun(flags.dryRun);
  const pod = buildRunPod(name, flags, ctx.explicitNamespace ? ctx.namespace : undefined);
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

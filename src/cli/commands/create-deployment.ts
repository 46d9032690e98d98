// `svcctl create deployment NAME --image=IMG [--image=...] [--port=N] [--replicas=N] [-- COMMAND...]`:
// the Deployment kubectl builds client-side (labels app=NAME), then the Deployment -> ReplicaSet
// -> Pods controllers run as for apply.
import { resourceByKind } from '../../api/scheme.js';
import type { Deployment } from '../../api/types.js';
import { openEngine, write } from '../../engine.js';
import { SvcctlError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { parseDryRun } from '../flags/dry-run.js';
import { objectPrinter } from '../flags/print-flags.js';
import { randomSuffix } from '../../controllers/names.js';
import { dryRunSuffix, nameFromArgs } from './create-service.js';

export interface CreateDeploymentFlags {
  image?: string[];
  port?: string;
  replicas?: string;
  output?: string;
  dryRun?: string | boolean;
}

/** pflag's Int32: a decimal integer, or kubectl's parse error naming the flag. */
function int32(flag: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (!/^[+-]?\d+$/.test(v)) throw SvcctlError.plain(`invalid argument ${JSON.stringify(v)} for "--${flag}" flag: strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

/** buildPodSpec's container name: the image's last path part without tag or digest; `.` and `_` make it `-`-joined plus 5 random characters. */
function containerName(image: string, random: () => number): string {
  let name = image.split('/').at(-1)!.split(':')[0].split('@')[0];
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, '-')}-${randomSuffix(random)}`;
  return name;
}

/** createDeployment: what kubectl sends. */
export function buildCreateDeployment(name: string, flags: CreateDeploymentFlags, command: string[], random: () => number, namespace?: string): Deployment {
  const labels = { app: name };
  const port = int32('port', flags.port, -1);
  const containers = (flags.image ?? []).map((image, i) => ({
    name: containerName(image, random),
    image,
    ...(command.length ? { command } : {}),
    ...(i === 0 && port >= 0 ? { ports: [{ containerPort: port }] } : {}),
    resources: {},
  }));
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(namespace ? { namespace } : {}), creationTimestamp: null as unknown as string, labels },
    // Keys in DeploymentSpec's field order: -o json prints them so.
    spec: {
      replicas: int32('replicas', flags.replicas, 1),
      selector: { matchLabels: labels },
      template: { metadata: { creationTimestamp: null as unknown as string, labels }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
}

export async function runCreateDeployment(ctx: CommandContext, args: string[], flags: CreateDeploymentFlags): Promise<number> {
  if (!flags.image?.length) throw SvcctlError.plain('required flag(s) "image" not set');
  // NAME, then the command (after --).
  const [first, ...command] = args;
  const name = nameFromArgs(first === undefined ? [] : [first], 'svcctl create deployment');
  if (flags.image.length > 1 && command.length) throw SvcctlError.plain('cannot specify multiple --image options and command');
  const dryRun = parseDryRun(flags.dryRun);
  const printer = await objectPrinter(flags.output, { typed: true });
  let deployment = buildCreateDeployment(name, flags, command, ctx.random, ctx.explicitNamespace ? ctx.namespace : undefined);
  if (dryRun !== 'client') {
    const input = structuredClone(deployment);
    input.metadata.namespace = ctx.namespace;
    delete (input.metadata as { creationTimestamp?: unknown }).creationTimestamp;
    const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
    deployment = (await write(engine, (reg) => reg.create(resourceByKind('Deployment')!, input), { dryRun: dryRun === 'server' })) as Deployment;
  }
  if (printer) ctx.io.stdout.write(printer([deployment]));
  else ctx.io.stdout.write(`deployment.apps/${name} created${dryRunSuffix(dryRun)}\n`);
  return 0;
}

// `svcctl create service clusterip|nodeport|loadbalancer|externalname NAME`, as kubectl 1.32's
// pkg/cmd/create/create_service.go: the same defaults (app=NAME label and selector, port names
// from the --tcp text), the same client-side errors, then the apiserver path unless --dry-run=client.
import { resourceByKind } from '../../api/scheme.js';
import type { Service, ServicePort } from '../../api/types.js';
import { isDNS1123Subdomain, isValidPortName, isValidPortNum } from '../../api/validation/names.js';
import { openEngine, write } from '../../engine.js';
import { SvcctlError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { parseDryRun } from '../flags/dry-run.js';
import { objectPrinter } from '../flags/print-flags.js';

export type CreateServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

/** The sub-command word of each type (`create service nodeport`). */
export const SERVICE_SUBCOMMANDS: Record<string, CreateServiceType> = {
  clusterip: 'ClusterIP',
  nodeport: 'NodePort',
  loadbalancer: 'LoadBalancer',
  externalname: 'ExternalName',
};

export interface CreateServiceFlags {
  /** --tcp, repeatable; each value may hold several comma-separated specs (a StringSlice flag). */
  tcp?: string[];
  clusterip?: string;
  nodePort?: string;
  externalName?: string;
  output?: string;
  dryRun?: string | boolean;
}

/** Go's strconv.ParseUint(s, 10, 16) with its error text (utilsnet.ParsePort, zero allowed). */
function parsePortNumber(s: string): number {
  if (!/^[0-9]+$/.test(s)) throw SvcctlError.plain(`strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n > 65535) throw SvcctlError.plain(`strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

/** Go's strconv.Atoi acceptance: optional sign, decimal digits, fits in int64. */
function goAtoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = Number(s);
  return Math.abs(n) <= 9223372036854775807 ? n : undefined;
}

/**
 * kubectl's parsePorts: `port[:targetPort]` to a ServicePort named after the spec (`:` -> `-`).
 * A numeric target must be a valid port number, otherwise it must be a valid port name.
 */
export function parseTcpSpec(spec: string, nodePort: number): ServicePort {
  const parts = spec.split(':');
  const port = parsePortNumber(parts[0]);
  let targetPort: number | string = port;
  if (parts.length > 1) {
    const num = goAtoi(parts[1]);
    const errs = num === undefined ? isValidPortName(parts[1]) : isValidPortNum(num);
    if (errs.length) throw SvcctlError.plain(errs.join(','));
    targetPort = num ?? parts[1];
  }
  const out: ServicePort = { name: spec.replaceAll(':', '-'), port, protocol: 'TCP', targetPort };
  // NodePort 0 is omitted by Go's omitempty; only --node-port sets it.
  if (nodePort) out.nodePort = nodePort;
  return out;
}

/**
 * The Service kubectl would send (ServiceOptions.Validate + createService), or kubectl's error.
 * `namespace` is set only when -n was given (EnforceNamespace).
 */
export function buildCreateService(type: CreateServiceType, name: string, flags: CreateServiceFlags, namespace?: string): Service {
  const tcp = (flags.tcp ?? []).flatMap((v) => v.split(','));
  const clusterIP = flags.clusterip ?? '';
  if (clusterIP === 'None' && type !== 'ClusterIP') {
    throw SvcctlError.plain('ClusterIP=None can only be used with ClusterIP service type');
  }
  if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName') {
    throw SvcctlError.plain('at least one tcp port specifier must be provided');
  }
  const externalName = flags.externalName ?? '';
  if (type === 'ExternalName' && isDNS1123Subdomain(externalName).length) {
    throw SvcctlError.plain(`invalid service external name ${externalName}`);
  }
  const nodePort = parseNodePort(flags.nodePort);
  const ports = tcp.map((s) => parseTcpSpec(s, nodePort));
  const metadata: Service['metadata'] = { name, labels: { app: name }, creationTimestamp: null } as unknown as Service['metadata'];
  if (namespace) metadata.namespace = namespace;
  const spec: Service['spec'] = { type, selector: { app: name } };
  if (ports.length) spec.ports = ports;
  if (externalName) spec.externalName = externalName;
  if (clusterIP) spec.clusterIP = clusterIP;
  return { apiVersion: 'v1', kind: 'Service', metadata, spec, status: { loadBalancer: {} } };
}

/** --node-port is a cobra IntVar: its parse error is a flag error. */
function parseNodePort(v: string | undefined): number {
  if (v === undefined) return 0;
  const n = goAtoi(v);
  if (n === undefined) {
    throw SvcctlError.plain(`invalid argument ${JSON.stringify(v)} for "--node-port" flag: strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  }
  return n;
}

/** kubectl's NameFromCommandArgs. */
export function nameFromArgs(args: string[], commandPath: string): string {
  if (args.length !== 1) {
    throw SvcctlError.plain(`exactly one NAME is required, got ${args.length}\nSee '${commandPath} -h' for help and examples`);
  }
  return args[0];
}

/** Runs `create service <sub> NAME`: prints the object (-o) or `service/NAME created`. */
export async function runCreateService(ctx: CommandContext, sub: string, args: string[], flags: CreateServiceFlags): Promise<number> {
  const type = SERVICE_SUBCOMMANDS[sub];
  const name = nameFromArgs(args, `svcctl create service ${sub}`);
  const dryRun = parseDryRun(flags.dryRun);
  const printer = await objectPrinter(flags.output, { typed: true });
  let svc = buildCreateService(type, name, flags, ctx.explicitNamespace ? ctx.namespace : undefined);
  if (dryRun !== 'client') {
    const input: Service = { ...svc, metadata: { ...svc.metadata, namespace: ctx.namespace } };
    delete (input.metadata as { creationTimestamp?: unknown }).creationTimestamp;
    const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
    try {
      svc = (await write(engine, (reg) => reg.create(resourceByKind('Service')!, input), { dryRun: dryRun === 'server' })) as Service;
    } catch (err) {
      // kubectl wraps the server's error: `failed to create NodePort service: ...`
      if (err instanceof SvcctlError && err.reason !== 'Internal') {
        throw SvcctlError.plain(`failed to create ${type} service: ${err.message}`);
      }
      throw err;
    }
  }
  if (printer) ctx.io.stdout.write(printer([svc]));
  else ctx.io.stdout.write(`service/${name} created${dryRunSuffix(dryRun)}\n`);
  return 0;
}

/** ` (dry run)` / ` (server dry run)`, as kubectl's PrintFlagsWithDryRunStrategy. */
export function dryRunSuffix(dryRun: 'none' | 'client' | 'server'): string {
  return dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
}

// `svcctl cluster init|info|reset`: the simulated cluster's settings.
import { parseCIDR } from '../../allocators/ipv4.js';
import { parsePool } from '../../allocators/lb-pool.js';
import { parsePortRange } from '../../allocators/port-range.js';
import { createCluster, ensureCluster } from '../../cluster/bootstrap.js';
import { admissionPlugins, type ClusterConfig, DEFAULT_CLUSTER } from '../../cluster/config.js';
import { SvcctlError } from '../../errors.js';
import { CLUSTER_CONFIG_KEY } from '../../store/keys.js';
import type { CommandContext } from '../context.js';
import { stateDir } from '../context.js';
import type { ClusterInitFlags } from '../program.js';

/** Settings from flags over the defaults, each checked before anything is written. */
export function clusterConfigFromFlags(flags: ClusterInitFlags): ClusterConfig {
  const cfg: ClusterConfig = { ...DEFAULT_CLUSTER };
  const check = (flag: string, value: string, parse: (v: string) => unknown) => {
    try {
      parse(value);
    } catch (err) {
      throw SvcctlError.plain(`invalid argument "${value}" for "--${flag}" flag: ${(err as Error).message}`);
    }
  };
  if (flags.nodes !== undefined) {
    // pflag's Int: a decimal integer, then svcctl's range.
    const text = String(flags.nodes);
    if (!/^[+-]?\d+$/.test(text)) throw SvcctlError.plain(`invalid argument "${text}" for "--nodes" flag: strconv.ParseInt: parsing "${text}": invalid syntax`);
    const nodes = Number(text);
    if (nodes < 1 || nodes > 5000) throw SvcctlError.plain(`invalid argument "${text}" for "--nodes" flag: must be between 1 and 5000`);
    cfg.nodeCount = nodes;
  }
  if (flags.serviceCidr !== undefined) {
    check('service-cidr', flags.serviceCidr, parseCIDR);
    cfg.serviceCIDR = flags.serviceCidr;
  }
  if (flags.podCidr !== undefined) {
    check('pod-cidr', flags.podCidr, parseCIDR);
    cfg.podCIDR = flags.podCidr;
  }
  if (flags.nodePortRange !== undefined) {
    check('node-port-range', flags.nodePortRange, parsePortRange);
    cfg.nodePortRange = flags.nodePortRange;
  }
  if (flags.lbPool !== undefined) {
    const pool = flags.lbPool === 'none' ? '' : flags.lbPool;
    check('lb-pool', pool, parsePool);
    cfg.lbPool = pool;
  }
  if (flags.clusterDomain !== undefined) cfg.clusterDomain = flags.clusterDomain.replace(/\.$/, '');
  const plugins = (flag: 'enable' | 'disable', list: string | undefined): string[] => {
    const names = (list ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    const unknown = names.find((p) => !OPTIONAL_ADMISSION_PLUGINS.includes(p));
    if (unknown) throw SvcctlError.plain(`${flag}-admission-plugins plugin "${unknown}" is unknown`);
    return names;
  };
  if (plugins('enable', flags.enableAdmissionPlugins).includes('NamespaceAutoProvision')) cfg.namespaceAutoProvision = true;
  if (plugins('disable', flags.disableAdmissionPlugins).includes('NamespaceAutoProvision')) cfg.namespaceAutoProvision = false;
  return cfg;
}

/** The admission plugins `cluster init` can switch; the rest of a kubeadm cluster's are always on. */
const OPTIONAL_ADMISSION_PLUGINS = ['NamespaceAutoProvision'];

export async function runClusterInit(ctx: CommandContext, flags: ClusterInitFlags): Promise<number> {
  const cfg = clusterConfigFromFlags(flags);
  const store = await ctx.openStore();
  await store.transaction(async (tx) => {
    if (await tx.get(CLUSTER_CONFIG_KEY)) {
      throw SvcctlError.plain(`a cluster already exists in ${await stateDir(ctx, ctx.flags)}; run "svcctl cluster reset" first`);
    }
    await createCluster(tx, cfg, ctx.now, ctx.random);
  });
  ctx.io.stdout.write(`cluster created with ${cfg.nodeCount} node${cfg.nodeCount === 1 ? '' : 's'}\n`);
  return 0;
}

export async function runClusterReset(ctx: CommandContext): Promise<number> {
  const store = await ctx.openStore();
  await store.transaction(async (tx) => {
    await tx.deletePrefix('/registry/');
  });
  await ensureCluster(store, ctx.now, ctx.random);
  ctx.io.stdout.write('cluster reset\n');
  return 0;
}

export async function runClusterInfo(ctx: CommandContext): Promise<number> {
  const cfg = await ensureCluster(await ctx.openStore(), ctx.now, ctx.random);
  const lines = [
    ['Cluster domain', cfg.clusterDomain],
    ['Service CIDR', cfg.serviceCIDR],
    ['Pod CIDR', cfg.podCIDR],
    ['NodePort range', cfg.nodePortRange],
    ['Nodes', String(cfg.nodeCount)],
    ['LoadBalancer pool', cfg.lbPool || '<none>'],
    ['Admission plugins', admissionPlugins(cfg).join(', ')],
  ];
  const width = Math.max(...lines.map(([k]) => k.length)) + 2;
  ctx.io.stdout.write(lines.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}\n`).join(''));
  return 0;
}

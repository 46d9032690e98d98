// Cluster DNS from the command line: `resolve`, `get dns`, `dns serve`. Answers are computed
// from the store at the moment of the query, never stored.
import { openEngine } from '../../engine.js';
import { SvcctlError } from '../../errors.js';
import type { CommandContext } from '../context.js';

export interface ResolveFlags {
  type?: string;
  output?: string;
}

export async function runResolve(ctx: CommandContext, name: string, flags: ResolveFlags): Promise<number> {
  const { loadDnsView, resolveName, formatJson, formatDig } = await import('../../dns/index.js');
  if (flags.output && flags.output !== 'json') {
    throw SvcctlError.plain(`unable to match a printer suitable for the output format "${flags.output}", allowed formats are: json`);
  }
  const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  const view = await loadDnsView(engine.store, engine.cluster.clusterDomain);
  // Without -n the name is absolute; with it, resolved as a pod in that namespace would.
  const result = resolveName(view, name, flags.type ?? 'A', { namespace: ctx.explicitNamespace ? ctx.namespace : undefined });
  ctx.io.stdout.write(flags.output === 'json' ? `${formatJson(result)}\n` : formatDig(result));
  return result.rcode === 'NOERROR' ? 0 : 1;
}

/** `get dns [-n NS | -A] [-o wide|json|yaml]` */
export async function runGetDns(ctx: CommandContext, allNamespaces: boolean, output?: string): Promise<number> {
  if (output && !['wide', 'json', 'yaml'].includes(output)) {
    throw SvcctlError.plain(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml,wide`);
  }
  const { loadDnsView, dnsTable, printDnsTable, dnsRecordList } = await import('../../dns/index.js');
  const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  const view = await loadDnsView(engine.store, engine.cluster.clusterDomain);
  const rows = dnsTable(view, allNamespaces ? { all: true } : { namespace: ctx.namespace });
  if (output === 'json' || output === 'yaml') {
    const list = dnsRecordList(rows);
    const text = output === 'json' ? (await import('../../printers/json.js')).marshalGoJson(list, '    ') : (await import('../../printers/yaml.js')).marshalGoYaml(list);
    ctx.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return 0;
  }
  if (!rows.length) {
    ctx.io.stderr.write(allNamespaces ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
    return 0;
  }
  ctx.io.stdout.write(printDnsTable(rows, { allNamespaces, wide: output === 'wide' }));
  return 0;
}

export interface ServeFlags {
  listen: string;
  upstream?: string;
}

/** Serves until SIGINT/SIGTERM, then closes both sockets and resolves. */
export async function runDnsServe(ctx: CommandContext, flags: ServeFlags): Promise<number> {
  const { cachedDnsView, startDnsServer } = await import('../../dns/index.js');
  const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  // Rebuilt only when the store revision moves: a full read per query capped the rate at ~1k qps.
  // A write is seen within a millisecond; a query per store read would halve the server's rate.
  const getView = cachedDnsView(engine.store, engine.cluster.clusterDomain, { maxStaleMs: 1 });
  const server = await startDnsServer({ listen: flags.listen, upstream: flags.upstream, getView, peekView: getView.peek });
  ctx.io.stdout.write(`Listening on ${server.host}:${server.port} (udp, tcp)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return 0;
}

// Commander wiring only: each action parses flags and calls its command module, loaded lazily so
// a command pays only for what it uses.
import { Command, CommanderError, Option } from 'commander';
import { SvcctlError } from '../errors.js';
import { type CommandContext, type GlobalFlags, makeContext } from './context.js';
import { addExamples } from './help.js';
import type { Runtime } from './io.js';
import type { RunFlags } from './commands/run.js';

/** Thrown to stop with an exit code after output was already written. */
export class ExitSignal extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export interface RunState {
  exitCode: number;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];
/** strconv.ParseBool, as pflag reads `--flag=value` for a bool flag. */
function parseBool(flag: string, v: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw SvcctlError.plain(`invalid argument "${v}" for "--${flag}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`);
}
const collectList = (v: string, prev: string[] = []) => [...prev, ...v.split(',').filter(Boolean)];

/** Runs a command with its context, closing the store afterwards. */
function action<A extends unknown[]>(
  rt: Runtime,
  state: RunState,
  run: (ctx: CommandContext, ...args: A) => Promise<number | void>,
) {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    inheritGivenFlags(cmd, args[args.length - 2] as Record<string, unknown>);
    const flags = cmd.optsWithGlobals() as GlobalFlags;
    const ctx = makeContext(rt, flags);
    try {
      const code = await run(ctx, ...(args.slice(0, -1) as A));
      if (typeof code === 'number') state.exitCode = code;
    } finally {
      await ctx.close();
    }
  };
}

/**
 * Commander hands the flags that follow `create service nodeport web` (-o yaml, --dry-run) to
 * the first command that declares them, `create` itself (for `create -f`). A subcommand takes
 * the flags the user gave to its ancestors (below the program) when it has the same flag and
 * the user did not give it to the subcommand directly.
 */
function inheritGivenFlags(cmd: Command, opts: Record<string, unknown>): void {
  for (let up = cmd.parent; up?.parent; up = up.parent) {
    for (const [key, value] of Object.entries(up.opts())) {
      const declared = cmd.options.some((o) => o.attributeName() === key);
      if (declared && up.getOptionValueSource(key) === 'cli' && cmd.getOptionValueSource(key) !== 'cli') opts[key] = value;
    }
  }
}

function outputFlags(cmd: Command): Command {
  return cmd
    .option('-o, --output <format>', 'Output format: json|yaml|name|wide|custom-columns=...|jsonpath=...')
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client".', 'none');
}

/** The top-level commands, in the order help lists them. */
export const COMMAND_NAMES = ['version', 'apply', 'lint', 'get', 'delete', 'resolve', 'run', 'label', 'set', 'annotate', 'patch', 'edit', 'scale', 'sim', 'dns', 'top', 'diff', 'replace', 'create', 'expose', 'wait', 'rollout', 'api-resources', 'describe', 'cluster', 'completion'];

/**
 * The program with its commands. Given `argv`, only the commands it names are built (any word of
 * it that is a command's name, so an option's value that happens to be one costs nothing but its
 * building): a command line runs one command, and building all of them took every run a few
 * milliseconds. Without `argv`, or when it names none (help, an unknown command) or asks for
 * completion (which walks them all), every command is built.
 */
export function buildProgram(rt: Runtime, state: RunState, argv?: readonly string[]): Command {
  const named = new Set((argv ?? []).filter((a) => COMMAND_NAMES.includes(a)));
  const all = named.size === 0 || named.has('completion');
  const wanted = (name: string) => all || named.has(name);
  const program = new Command('svcctl');
  program
    .description('svcctl controls a local simulated Kubernetes cluster, as kubectl controls a real one.')
    .option('-n, --namespace <namespace>', 'If present, the namespace scope for this CLI request')
    .option('--state <dir>', 'State directory of the embedded store (default $SVCCTL_STATE or ~/.svcctl)')
    .option('--store <url>', 'Store backend: etcd://HOST:PORT for a shared etcd (default: embedded SQLite)')
    .showSuggestionAfterError(false)
    .configureOutput({
      writeOut: (s) => rt.io.stdout.write(s),
      writeErr: (s) => rt.io.stderr.write(s),
      outputError: () => undefined,
    })
    .exitOverride();

  if (wanted('version')) {
    program
      .command('version')
      .description('Print the client version information')
      // kubectl's --client leaves out the server; svcctl is both, and prints the one line either way.
      .option('--client', 'If true, shows client version only (no server required).')
      .action(
        action(rt, state, async (ctx) => {
          ctx.io.stdout.write('svcctl version 0.1.0 (kubectl 1.32 compatible, kube-apiserver 1.33 semantics)\n');
        }),
      );
  }

  if (wanted('apply')) {
    outputFlags(
      program
        .command('apply')
        .description('Apply a configuration to a resource by file name or stdin.')
        .option('-f, --filename <file>', 'The files that contain the configurations to apply.', collect)
        .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.'),
    ).action(
      action(rt, state, async (ctx, opts: ApplyFlags) => {
        const { runApply } = await import('./commands/apply.js');
        return runApply(ctx, opts);
      }),
    );
  }

  if (wanted('lint')) {
    program
      .command('lint')
      .description('Check manifests offline: schema, apiserver validation and cross-object rules (never touches the store).')
      .option('-f, --filename <file>', 'Files, directories or - (stdin) to lint.', collect)
      .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
      .option('-o, --output <format>', 'Output format: text|json|junit|sarif|github', 'text')
      .option('--disable <rule>', 'Do not run this rule (repeatable, or comma-separated).', collect)
      .option('--enable <rule>', 'Run this rule even if a config file disables it.', collect)
      .option('--skip-kinds <kinds>', 'Kinds to skip (repeatable, or comma-separated).', collect)
      .option('--kubernetes-version <version>', 'Kubernetes version whose rules apply (only 1.33 rules exist).')
      .option('--reject-unknown', 'Report kinds svcctl does not know (and no CRD in the input defines) as errors.')
      .option('--warnings-as-errors', 'Treat warnings as errors (and fail on them).')
      .option('--config <file>', 'Config file (default: the nearest .svcctl-lint.yaml upward from the working directory).')
      .action(
        action(rt, state, async (ctx, opts: LintFlagsArg) => {
          const { runLint } = await import('./commands/lint.js');
          return runLint(ctx, opts);
        }),
      );
  }

  if (wanted('get')) {
    program
      .command('get')
      .description('Display one or many resources.')
      .argument('[args...]', 'TYPE[,TYPE...] [NAME...] or TYPE/NAME ...')
      .option('-o, --output <format>', 'Output format: json|yaml|name|wide|custom-columns=...|jsonpath=...')
      .option('-A, --all-namespaces', 'List the requested object(s) across all namespaces.')
      .option('-l, --selector <selector>', 'Selector (label query) to filter on.')
      .option('--field-selector <selector>', 'Selector (field query) to filter on.')
      .option('--show-labels', 'When printing, show all labels as the last column.')
      .option('--no-headers', "When using the default or custom-column output format, don't print headers.")
      .option('-L, --label-columns <label>', 'Labels to be presented as columns.', collect)
      .option('--sort-by <jsonpath>', 'Sort list types using this field specification.')
      .option('-f, --filename <file>', 'Files identifying the resources to get.', collect)
      .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
      .option('--local', 'Print the objects of -f files without reading the store.')
      .option('--ignore-not-found', 'If the requested object does not exist the command will return exit code 0.')
      .option('-w, --watch', 'After listing/getting the requested object, watch for changes.')
      .option('--watch-only', 'Watch for changes to the requested object(s), without listing/getting first.')
      .option('--request-timeout <duration>', 'How long a watch runs (e.g. 30s, 5m; a plain number is seconds; 0 = until interrupted).')
      .action(
        action(rt, state, async (ctx, args: string[], opts: GetFlags) => {
          const { runGet } = await import('./commands/get.js');
          return runGet(ctx, args, opts);
        }),
      );
  }

  if (wanted('delete')) {
    program
      .command('delete')
      .description('Delete resources by file names, stdin, resources and names, or by resources and label selector.')
      .argument('[args...]', 'TYPE NAME... or TYPE/NAME ...')
      .option('-f, --filename <file>', 'Files containing the resources to delete.', collect)
      .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
      .option('-l, --selector <selector>', 'Selector (label query) to filter on.')
      .option('--all', 'Delete all resources, in the namespace of the specified resource types.')
      .option('--ignore-not-found', 'Treat "resource not found" as a successful delete.')
      .option('--dry-run [strategy]', 'Must be "none", "server", or "client".', 'none')
      .option('--cascade [strategy]', 'Must be "background", "orphan", or "foreground".', 'background')
      .option('--grace-period <seconds>', 'Period of time in seconds given to the resource to terminate gracefully (-1: its own).', '-1')
      .option('--now', 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).')
      .option('--force', 'If true, immediately remove resources from the API and bypass graceful deletion.')
      .option('--wait [bool]', 'If true, wait for resources to be gone before returning (deletion is immediate here).')
      .option('--timeout <duration>', 'The length of time to wait before giving up on a delete.')
      .action(
        action(rt, state, async (ctx, args: string[], opts: DeleteFlags & { wait?: boolean | string }) => {
          if (typeof opts.wait === 'string') parseBool('wait', opts.wait);
          const { runDelete } = await import('./commands/delete.js');
          return runDelete(ctx, args, opts);
        }),
      );
  }

  if (wanted('resolve')) {
    program
      .command('resolve')
      .description('Answer a cluster DNS query as CoreDNS would (with -n: as a pod in that namespace would).')
      .argument('<name>', 'A name, or an IPv4 address with --type PTR')
      .option('--type <type>', 'Query type: A, AAAA, SRV, PTR, CNAME, TXT, ANY', 'A')
      .option('-o, --output <format>', 'json')
      .action(
        action(rt, state, async (ctx, name: string, opts: { type?: string; output?: string }) => {
          const { runResolve } = await import('./commands/dns.js');
          return runResolve(ctx, name, opts);
        }),
      );
  }

  if (wanted('run')) {
    outputFlags(
      program
        .command('run')
        .description('Create and run a particular image in a pod.')
        .argument('[name]', 'NAME of the pod')
        .argument('[args...]', "The container's arguments (its command with --command); put them after --")
        .option('--image <image>', 'The image for the container to run.')
        .option('--port <port>', 'The port that this container exposes.')
        .option('-l, --labels <labels>', 'Comma separated labels to apply to the pod. Will override previous values.')
        .option('--env <env>', 'Environment variables to set in the container.', collect)
        .option('--annotations <annotation>', 'Annotations to apply to the pod.', collect)
        .option('--restart <policy>', 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].')
        .option('--image-pull-policy <policy>', 'The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.')
        .option('--command', "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default.")
        .option('--privileged', 'If true, run the container in privileged mode.')
        .option('--expose', 'If true, create a ClusterIP service associated with the pod. Requires `--port`.'),
    ).action(
      action(rt, state, async (ctx, name: string | undefined, args: string[], opts: RunFlags) => {
        const { runRun } = await import('./commands/run.js');
        return runRun(ctx, name, opts, args);
      }),
    );
  }

  if (wanted('label')) {
    program
      .command('label')
      .description('Update the labels on a resource.')
      .argument('<args...>', 'TYPE NAME KEY_1=VAL_1 ... KEY_N=VAL_N, or KEY- to remove')
      .option('--overwrite', 'If true, allow labels to be overwritten.')
      .action(
        action(rt, state, async (ctx, args: string[], opts: { overwrite?: boolean }) => {
          const { runLabel } = await import('./commands/label.js');
          return runLabel(ctx, args, opts);
        }),
      );
  }

  if (wanted('set')) {
    const set = program.command('set').description('Configure application resources.');
    set
      .command('image')
      .description('Update existing container image(s) of resources.')
      .argument('<args...>', 'TYPE NAME CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... (or * for every container)')
      .action(
        action(rt, state, async (ctx, args: string[]) => {
          const { runSetImage } = await import('./commands/set-image.js');
          return runSetImage(ctx, args);
        }),
      );
  }

  if (wanted('annotate')) {
    program
      .command('annotate')
      .description('Update the annotations on a resource.')
      .argument('<args...>', 'TYPE NAME KEY_1=VAL_1 ... KEY_N=VAL_N, or KEY- to remove')
      .option('--overwrite', 'If true, allow annotations to be overwritten.')
      .action(
        action(rt, state, async (ctx, args: string[], opts: { overwrite?: boolean }) => {
          const { runAnnotate } = await import('./commands/annotate.js');
          return runAnnotate(ctx, args, opts);
        }),
      );
  }

  if (wanted('patch')) {
    outputFlags(
      program
        .command('patch')
        .description('Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.')
        .argument('<args...>', 'TYPE NAME or TYPE/NAME')
        .option('-p, --patch <patch>', 'The patch to be applied to the resource JSON file.')
        .option('--patch-file <file>', 'A file containing a patch to be applied to the resource.')
        .option('--type <type>', 'The type of patch being provided; one of [json merge strategic]', 'strategic'),
    ).action(
      action(rt, state, async (ctx, args: string[], opts: PatchFlagsArg) => {
        const { runPatch } = await import('./commands/patch.js');
        return runPatch(ctx, args, opts);
      }),
    );
  }

  if (wanted('edit')) {
    program
      .command('edit')
      .description('Edit a resource from the default editor (KUBE_EDITOR, EDITOR, else vi).')
      .argument('[args...]', 'TYPE NAME... or TYPE/NAME ...')
      .action(
        action(rt, state, async (ctx, args: string[]) => {
          const { runEdit } = await import('./commands/edit.js');
          return runEdit(ctx, args);
        }),
      );
  }

  if (wanted('scale')) {
    program
      .command('scale')
      .description('Set a new size for a deployment or replica set.')
      .argument('<args...>', 'TYPE NAME or TYPE/NAME')
      .option('--replicas <count>', 'The new desired number of replicas. Required.')
      .action(
        action(rt, state, async (ctx, args: string[], opts: { replicas?: string }) => {
          const { runScale } = await import('./commands/scale.js');
          return runScale(ctx, args, opts);
        }),
      );
  }

  if (wanted('sim')) {
    const sim = program.command('sim').description('Simulate what kubectl has no verb for: readiness, crashes, time.');
    sim
      .command('ready')
      .argument('<pod=state>', 'pod/NAME=true|false')
      .description('Make the simulated kubelet report a pod ready or not ready.')
      .action(
        action(rt, state, async (ctx, spec: string) => {
          const { runSimReady } = await import('./commands/sim.js');
          return runSimReady(ctx, spec);
        }),
      );
    sim
      .command('kill')
      .argument('<pod>', 'pod/NAME')
      .description('Crash a pod: its controller replaces it with a new name and IP.')
      .action(
        action(rt, state, async (ctx, ref: string) => {
          const { runSimKill } = await import('./commands/sim.js');
          return runSimKill(ctx, ref);
        }),
      );
    sim
      .command('advance')
      .argument('<duration>', 'e.g. 30s, 5m, 1h30m')
      .description('Move the simulated clock ahead (readiness delays, ages).')
      .action(
        action(rt, state, async (ctx, duration: string) => {
          const { runSimAdvance } = await import('./commands/sim.js');
          return runSimAdvance(ctx, duration);
        }),
      );
  }

  if (wanted('dns')) {
    const dns = program.command('dns').description('Cluster DNS.');
    dns
      .command('serve')
      .description('Serve cluster DNS over UDP and TCP from the store.')
      .option('--listen <host:port>', 'Address to listen on', '127.0.0.1:5353')
      .option('--upstream <host:port>', 'Forward names outside the cluster here (default: NXDOMAIN)')
      .action(
        action(rt, state, async (ctx, opts: { listen: string; upstream?: string }) => {
          const { runDnsServe } = await import('./commands/dns.js');
          return runDnsServe(ctx, opts);
        }),
      );
  }

  if (wanted('top')) {
    // The simulated cluster runs no metrics-server, as a kubeadm cluster out of the box: kubectl top
    // finds no metrics.k8s.io API there.
    const top = program.command('top').description('Display resource (CPU/memory) usage.');
    for (const [name, aliases] of [
      ['pod', ['pods', 'po']],
      ['node', ['nodes', 'no']],
    ] as const) {
      top
        .command(name)
        .aliases([...aliases])
        .description(`Display resource (CPU/memory) usage of ${name}s.`)
        .argument('[name]')
        .option('-A, --all-namespaces', 'List the requested object(s) across all namespaces.')
        .option('-l, --selector <selector>', 'Selector (label query) to filter on.')
        .action(
          action(rt, state, async () => {
            throw SvcctlError.plain('Metrics API not available');
          }),
        );
    }
  }

  if (wanted('diff')) {
    program
      .command('diff')
      .description('Diff the live version against a would-be applied version.')
      .option('-f, --filename <file>', 'Files that contain the configuration to diff.', collect)
      .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
      .action(
        action(rt, state, async (ctx, opts: { filename?: string[]; recursive?: boolean }) => {
          const { runDiff } = await import('./commands/diff.js');
          return runDiff(ctx, opts);
        }),
      );
  }

  if (wanted('replace')) {
    program
      .command('replace')
      .description('Replace a resource by file name or stdin.')
      .option('-f, --filename <file>', 'Files that contain the configuration to replace.', collect)
      .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
      .option('-o, --output <format>', 'Output format: json|yaml|name|jsonpath=...')
      .option('--force', 'Delete the resource, then create it again.')
      .action(
        action(rt, state, async (ctx, opts: { filename?: string[]; recursive?: boolean; output?: string; force?: boolean }) => {
          const { runReplace } = await import('./commands/replace.js');
          return runReplace(ctx, opts);
        }),
      );
  }

  if (wanted('create')) {
    const create = outputFlags(
      program
        .command('create')
        .description('Create a resource from a file or from stdin.')
        .option('-f, --filename <file>', 'Files that contain the configuration to create.', collect)
        .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.'),
    ).action(
      action(rt, state, async (ctx, opts: { filename?: string[]; recursive?: boolean; output?: string; dryRun?: string }) => {
        const { runCreateFromFiles } = await import('./commands/create-from-file.js');
        return runCreateFromFiles(ctx, opts);
      }),
    );
    outputFlags(create.command('namespace').alias('ns').argument('<name>').description('Create a namespace with the specified name.')).action(
      action(rt, state, async (ctx, name: string, opts: { output?: string; dryRun?: string }) => {
        const { runCreateNamespace } = await import('./commands/create-namespace.js');
        return runCreateNamespace(ctx, name, opts);
      }),
    );
    outputFlags(
      create
        .command('deployment')
        .alias('deploy')
        .argument('[args...]', 'NAME, then the command after --')
        .description('Create a deployment with the specified name.')
        .option('--image <image>', 'Image names to run. A deployment can have multiple images set for multi-container pod.', collectList)
        .option('--port <port>', 'The containerPort that this deployment exposes.')
        .option('-r, --replicas <n>', 'Number of replicas to create. Default is 1.'),
    ).action(
      action(rt, state, async (ctx, args: string[], opts: CreateDeploymentFlagsArg) => {
        const { runCreateDeployment } = await import('./commands/create-deployment.js');
        return runCreateDeployment(ctx, args, opts);
      }),
    );
    const dataAction = (kind: 'ConfigMap' | 'Secret') =>
      action(rt, state, async (ctx, args: string[], opts: CreateDataFlagsArg) => {
        const { runCreateData } = await import('./commands/create-data.js');
        return runCreateData(ctx, kind, args, opts);
      });
    outputFlags(
      create
        .command('configmap')
        .alias('cm')
        .argument('[name...]')
        .description('Create a config map from a local file, directory or literal value.')
        .option('--from-literal <key=value>', 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)', collect)
        .option('--from-file <source>', 'Key file can be specified using its file path, or optionally with a key and file path.', collectList),
    ).action(dataAction('ConfigMap'));
    const createSecret = create.command('secret').description('Create a secret using a specified subcommand.');
    outputFlags(
      createSecret
        .command('generic')
        .argument('[name...]')
        .description('Create a secret from a local file, directory, or literal value.')
        .option('--from-literal <key=value>', 'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)', collect)
        .option('--from-file <source>', 'Key files can be specified using their file path, or optionally with a name and file path.', collectList)
        .option('--type <type>', 'The type of secret to create'),
    ).action(dataAction('Secret'));
    const createService = create.command('service').alias('svc').description('Create a service using a specified subcommand.');
    for (const sub of ['clusterip', 'nodeport', 'loadbalancer', 'externalname']) {
      const c = createService.command(sub).argument('[name...]').description(`Create a ${sub} service.`);
      c.option('--tcp <port:targetPort>', "Port pairs can be specified as '<port>:<targetPort>'.", collect);
      if (sub === 'clusterip') c.option('--clusterip <ip>', "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing).");
      if (sub === 'nodeport') c.option('--node-port <port>', 'Port used to expose the service on each node in a cluster.');
      if (sub === 'externalname') c.requiredOption('--external-name <name>', 'External name of service');
      outputFlags(c).action(
        action(rt, state, async (ctx, args: string[], opts: CreateServiceFlagsArg) => {
          const { runCreateService } = await import('./commands/create-service.js');
          return runCreateService(ctx, sub, args, opts);
        }),
      );
    }
  }

  if (wanted('expose')) {
    outputFlags(
      program
        .command('expose')
        .description('Expose a resource as a new Kubernetes service.')
        .argument('[args...]', 'TYPE NAME or TYPE/NAME')
        .option('-f, --filename <file>', 'Filename, directory, or URL to files identifying the resource to expose a service', collect)
        .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
        .option('--port <port>', 'The port that the service should serve on.')
        .option('--target-port <port>', 'Name or number for the port on the container that the service should direct traffic to.')
        .option('--protocol <protocol>', 'The network protocol for the service to be created. Default is TCP.')
        .option('--type <type>', 'Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName.')
        .option('--name <name>', 'The name for the newly created object.')
        .option('--selector <selector>', 'A label selector to use for this service.')
        .option('-l, --labels <labels>', 'Labels to apply to the service created by this call.')
        .option('--external-ip <ip>', 'Additional external IP address (not managed by Kubernetes) to accept for the service.')
        .option('--load-balancer-ip <ip>', 'IP to assign to the LoadBalancer.')
        .option('--session-affinity <affinity>', "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'")
        .option('--cluster-ip <ip>', "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service."),
    ).action(
      action(rt, state, async (ctx, args: string[], opts: ExposeFlagsArg) => {
        const { runExpose } = await import('./commands/expose.js');
        return runExpose(ctx, args, opts);
      }),
    );
  }

  if (wanted('wait')) {
    program
      .command('wait')
      .description('Experimental: Wait for a specific condition on one or many resources.')
      .argument('<args...>', 'TYPE NAME, TYPE/NAME, or TYPE with -l or --all')
      .option('--for <condition>', 'The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath=\'{JSONPath expression}\'=[JSONPath value]].')
      .option('--timeout <duration>', 'The length of time to wait before giving up. Zero means check once and don\'t wait.', '30s')
      .option('-l, --selector <selector>', 'Selector (label query) to filter on.')
      .option('--all', 'Select all resources in the namespace of the specified resource types')
      .action(
        action(rt, state, async (ctx, args: string[], opts: { for?: string; timeout?: string; selector?: string; all?: boolean }) => {
          const { runWait } = await import('./commands/wait.js');
          return runWait(ctx, args, opts);
        }),
      );
  }

  if (wanted('rollout')) {
    const rollout = program.command('rollout').description('Manage the rollout of one or many resources.');
    const rolloutAction = (sub: 'status' | 'history' | 'undo' | 'restart') =>
      action(rt, state, async (ctx, args: string[], opts: { watch?: boolean | string; timeout?: string; revision?: string; toRevision?: string }) => {
        const { runRollout } = await import('./commands/rollout.js');
        const watch = typeof opts.watch === 'string' ? parseBool('watch', opts.watch) : opts.watch;
        return runRollout(ctx, sub, args, { ...opts, watch });
      });
    rollout
      .command('status')
      .description('Show the status of the rollout.')
      .argument('<args...>', 'TYPE NAME or TYPE/NAME (deployment, statefulset)')
      .option('-w, --watch [bool]', "Watch the status of the rollout until it's done.")
      .option('--timeout <duration>', 'The length of time to wait before ending watch, zero means never.')
      .option('--revision <n>', 'Pin to a specific revision for showing its status.')
      .action(rolloutAction('status'));
    rollout
      .command('history')
      .description('View previous rollout revisions and configurations.')
      .argument('<args...>', 'TYPE NAME or TYPE/NAME (deployment, statefulset)')
      .option('--revision <n>', 'See the details, including podTemplate of the revision specified.')
      .action(rolloutAction('history'));
    rollout
      .command('undo')
      .description('Roll back to a previous rollout.')
      .argument('<args...>', 'TYPE NAME or TYPE/NAME (deployment, statefulset)')
      .option('--to-revision <n>', 'The revision to rollback to. Default to 0 (last revision).')
      .action(rolloutAction('undo'));
    rollout
      .command('restart')
      .description('Restart a resource.')
      .argument('<args...>', 'TYPE NAME or TYPE/NAME (deployment, statefulset, daemonset)')
      .action(rolloutAction('restart'));
  }

  if (wanted('api-resources')) {
    program
      .command('api-resources')
      .description('Print the supported API resources on the server.')
      .option('-o, --output <format>', 'Output format. One of: (wide, name).')
      .option('--no-headers', "When using the default or custom-column output format, don't print headers (default print headers).")
      .option('--api-group <group>', 'Limit to resources in the specified API group.')
      .option('--namespaced [bool]', 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.')
      .option('--verbs <verbs>', 'Limit to resources that support the specified verbs.', collectList)
      .option('--categories <categories>', 'Limit to resources that belong to the specified categories.', collectList)
      .option('--sort-by <field>', "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.")
      .action(
        action(rt, state, async (ctx, opts: { output?: string; headers?: boolean; apiGroup?: string; namespaced?: boolean | string; verbs?: string[]; categories?: string[]; sortBy?: string }) => {
          const { runApiResources } = await import('./commands/api-resources.js');
          const namespaced = typeof opts.namespaced === 'string' ? parseBool('namespaced', opts.namespaced) : opts.namespaced;
          return runApiResources(ctx, { ...opts, noHeaders: opts.headers === false, namespaced });
        }),
      );
  }

  if (wanted('describe')) {
    program
      .command('describe')
      .description('Show details of a specific resource or group of resources.')
      .argument('[args...]', 'TYPE [NAME_PREFIX...] or TYPE/NAME ...')
      .option('-l, --selector <selector>', 'Selector (label query) to filter on.')
      .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces.')
      .action(
        action(rt, state, async (ctx, args: string[], opts: { selector?: string; allNamespaces?: boolean }) => {
          const { runDescribe } = await import('./commands/describe.js');
          return runDescribe(ctx, args, opts);
        }),
      );
  }

  if (wanted('cluster')) {
    const cluster = program.command('cluster').description('Create, inspect or reset the simulated cluster.');
    cluster
      .command('init')
      .description('Create the simulated cluster with these settings (fails if one exists; see reset).')
      .option('--nodes <n>', 'Number of nodes')
      .option('--service-cidr <cidr>', 'Service CIDR (default 10.96.0.0/12)')
      .option('--pod-cidr <cidr>', 'Pod CIDR, one /24 a node (default 10.244.0.0/16)')
      .option('--node-port-range <range>', 'NodePort range (default 30000-32767)')
      .option('--lb-pool <pool>', 'LoadBalancer pool: CIDR, FIRST-LAST, or none')
      .option('--cluster-domain <domain>', 'Cluster DNS domain (default cluster.local)')
      .option('--enable-admission-plugins <plugins>', 'Optional admission plugins to run, comma-separated (NamespaceAutoProvision, on by default)')
      .option('--disable-admission-plugins <plugins>', 'Admission plugins not to run (NamespaceAutoProvision: objects need an existing namespace)')
      .action(
        action(rt, state, async (ctx, opts: ClusterInitFlags) => {
          const { runClusterInit } = await import('./commands/cluster.js');
          return runClusterInit(ctx, opts);
        }),
      );
    cluster
      .command('info')
      .description('Print the cluster settings.')
      .action(
        action(rt, state, async (ctx) => {
          const { runClusterInfo } = await import('./commands/cluster.js');
          return runClusterInfo(ctx);
        }),
      );
    cluster
      .command('reset')
      .description('Delete every object and start a fresh default cluster.')
      .action(
        action(rt, state, async (ctx) => {
          const { runClusterReset } = await import('./commands/cluster.js');
          return runClusterReset(ctx);
        }),
      );
  }

  if (wanted('completion')) {
    program
      .command('completion')
      .description('Output shell completion code for the specified shell (bash or zsh).')
      .argument('<shell>', 'bash or zsh')
      .addHelpText('after', '\nExamples:\n  # Load completion into the current bash shell\n  source <(svcctl completion bash)\n')
      .action(
        action(rt, state, async (ctx, shell: string) => {
          const { runCompletion } = await import('./commands/completion.js');
          return runCompletion(ctx, shell, program);
        }),
      );
  }

  addExamples(program);
  installUsageErrors(program, rt);
  return program;
}

export interface ApplyFlags {
  filename?: string[];
  recursive?: boolean;
  output?: string;
  dryRun?: string | boolean;
}

export interface GetFlags {
  output?: string;
  allNamespaces?: boolean;
  selector?: string;
  fieldSelector?: string;
  showLabels?: boolean;
  headers?: boolean;
  labelColumns?: string[];
  sortBy?: string;
  filename?: string[];
  recursive?: boolean;
  local?: boolean;
  ignoreNotFound?: boolean;
  watch?: boolean;
  watchOnly?: boolean;
  requestTimeout?: string;
}

export interface DeleteFlags {
  filename?: string[];
  recursive?: boolean;
  selector?: string;
  all?: boolean;
  ignoreNotFound?: boolean;
  dryRun?: string | boolean;
  cascade?: string | boolean;
  gracePeriod?: string;
  now?: boolean;
  force?: boolean;
}

type CreateServiceFlagsArg = import('./commands/create-service.js').CreateServiceFlags;
type ExposeFlagsArg = import('./commands/expose.js').ExposeFlags;
type LintFlagsArg = import('./commands/lint.js').LintFlags;
type PatchFlagsArg = import('./commands/patch.js').PatchFlags;
type CreateDeploymentFlagsArg = import('./commands/create-deployment.js').CreateDeploymentFlags;
type CreateDataFlagsArg = import('./commands/create-data.js').CreateDataFlags;

export interface ClusterInitFlags {
  nodes?: string;
  serviceCidr?: string;
  podCidr?: string;
  nodePortRange?: string;
  lbPool?: string;
  clusterDomain?: string;
  enableAdmissionPlugins?: string;
  disableAdmissionPlugins?: string;
}

/** Commander errors become kubectl's usage errors: `error: unknown flag: --x` + the help hint. */
function installUsageErrors(program: Command, rt: Runtime): void {
  const visit = (cmd: Command) => {
    cmd.exitOverride((err: CommanderError) => {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
        throw new ExitSignal(0);
      }
      const path = commandPath(cmd);
      rt.io.stderr.write(`error: ${kubectlUsageText(err)}\nSee '${path} --help' for usage.\n`);
      throw new ExitSignal(1);
    });
    cmd.commands.forEach(visit);
  };
  visit(program);
}

function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function kubectlUsageText(err: CommanderError): string {
  const m = /unknown option '([^']+)'/.exec(err.message);
  if (m) return `unknown flag: ${m[1]}`;
  const cmdMatch = /unknown command '([^']+)'/.exec(err.message);
  if (cmdMatch) return `unknown command "${cmdMatch[1]}" for "svcctl"`;
  return err.message.replace(/^error: /, '');
}

export { Option, SvcctlError };

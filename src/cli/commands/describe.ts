// `svcctl describe TYPE NAME...` / `describe TYPE/NAME`: reads the objects (and what kubectl's
// describer reads beside them) and prints src/printers/describe's text. Services only, for now.
import { type ResourceType, qualifiedResource, resolveResourceArg, resourceByKind } from '../../api/scheme.js';
import type { EndpointSlice, Service } from '../../api/types.js';
import { openEngine } from '../../engine.js';
import { SvcctlError } from '../../errors.js';
import { describeService } from '../../printers/describe/service.js';
import { objectKey } from '../../store/keys.js';
import type { Store } from '../../store/store.js';
import type { CommandContext } from '../context.js';

/** TYPE NAME..., or TYPE/NAME... */
function targets(args: string[]): { type: ResourceType; name: string }[] {
  if (args.length === 0) throw SvcctlError.plain('You must specify the type of resource to describe. Use "svcctl api-resources" for a complete list of supported resources.');
  if (args[0].includes('/')) {
    return args.map((a) => {
      const [t, n] = a.split('/', 2);
      return { type: resolveResourceArg(t), name: n };
    });
  }
  const type = resolveResourceArg(args[0]);
  return args.slice(1).map((name) => ({ type, name }));
}

async function describeOne(store: Store, type: ResourceType, namespace: string, name: string): Promise<string> {
  const obj = await store.get(objectKey(type, namespace, name));
  if (!obj) throw SvcctlError.notFound(qualifiedResource(type), name);
  if (type.kind === 'Service') {
    // kubectl lists EndpointSlices by the kubernetes.io/service-name label.
    const sliceType = resourceByKind('EndpointSlice')!;
    const slices = (await store.list(`/registry/${sliceType.storage}/${namespace}/`)) as EndpointSlice[];
    const mine = slices.filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name);
    return describeService(obj as Service, mine);
  }
  throw SvcctlError.plain(`svcctl cannot describe ${qualifiedResource(type)} yet`);
}

/** Runs `describe`; several objects are separated by a blank line, as kubectl does. */
export async function runDescribe(ctx: CommandContext, args: string[]): Promise<number> {
  const list = targets(args);
  const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  let first = true;
  for (const { type, name } of list) {
    const text = await describeOne(engine.store, type, ctx.namespace, name);
    if (!first) ctx.io.stdout.write('\n\n');
    first = false;
    ctx.io.stdout.write(text);
  }
  return 0;
}

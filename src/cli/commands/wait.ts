// `svcctl wait --for=condition=Ready|delete|create|jsonpath='{...}'=VALUE TYPE NAME | -l SEL`:
// kubectl wait. The cluster's time passes while it waits, so readiness delays run out.
import { qualifiedResource, qualifiedSingular, type ResourceType } from '../../api/scheme.js';
import type { KubeObject } from '../../api/types.js';
import { letTimePass, openEngine } from '../../engine.js';
import { formatError, SvcctlError } from '../../errors.js';
import { JsonPath, printResult } from '../../printers/jsonpath.js';
import { objectKey, typePrefix } from '../../store/keys.js';
import type { CommandContext } from '../context.js';
import { parseGetArgs } from './get.js';
import { selectorFilter } from './selectors.js';
import { parseDuration } from './sim.js';

export interface WaitFlags {
  for?: string;
  timeout?: string;
  selector?: string;
  all?: boolean;
}

/** A check of one object: met, or not yet. */
type Check = (obj: KubeObject | undefined) => boolean;

/** conditionFuncFor: delete, create, condition=NAME[=VALUE] (case-folded), jsonpath='{...}'[=VALUE]. */
function checkFor(condition: string): Check {
  const lower = condition.toLowerCase();
  if (lower === 'delete') return (obj) => !obj;
  if (lower === 'create') return (obj) => !!obj;
  if (condition.startsWith('condition=')) {
    let name = condition.slice('condition='.length);
    let value = 'true';
    const eq = name.indexOf('=');
    if (eq >= 0) [name, value] = [name.slice(0, eq), name.slice(eq + 1)];
    return (obj) => {
      const status = (obj?.status ?? {}) as { conditions?: Record<string, unknown>[]; observedGeneration?: number };
      for (const c of status.conditions ?? []) {
        if (typeof c.type !== 'string' || c.type.toLowerCase() !== name.toLowerCase() || typeof c.status !== 'string') continue;
        // A condition observed for an older generation does not count yet.
        const observed = (c.observedGeneration as number | undefined) ?? status.observedGeneration;
        if (obj?.metadata.generation !== undefined && observed !== undefined && observed < obj.metadata.generation) return false;
        return c.status.toLowerCase() === value.toLowerCase();
      }
      return false;
    };
  }
  if (condition.startsWith('jsonpath=')) {
    const input = condition.slice('jsonpath='.length);
    // The expression runs to its closing brace; `=VALUE` may follow.
    const close = input.lastIndexOf('}');
    let expr = close >= 0 ? input.slice(0, close + 1) : input;
    let value: string | undefined;
    const rest = close >= 0 ? input.slice(close + 1) : '';
    if (close < 0 && input.includes('=')) [expr, value] = [input.slice(0, input.indexOf('=')), input.slice(input.indexOf('=') + 1)];
    else if (rest.startsWith('=')) value = rest.slice(1);
    else if (rest) throw SvcctlError.plain("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
    if (!expr) throw SvcctlError.plain('jsonpath expression cannot be empty');
    const path = new JsonPath(expr.startsWith('{') ? expr : `{${expr}}`);
    return (obj) => {
      if (!obj) return false;
      const found = path.findResults(obj).flat();
      if (found.length === 0) return false;
      if (value === undefined) return true;
      if (found.length > 1) throw SvcctlError.plain('given jsonpath expression matches more than one value');
      return printResult(found[0]) === value;
    };
  }
  throw SvcctlError.plain(`unrecognized condition: ${JSON.stringify(condition)}`);
}

export async function runWait(ctx: CommandContext, args: string[], flags: WaitFlags): Promise<number> {
  if (!flags.for) throw SvcctlError.plain('--for must be specified');
  const check = checkFor(flags.for);
  const forDelete = flags.for.toLowerCase() === 'delete';
  const timeoutMs = parseDuration(flags.timeout ?? '30s') * 1000;
  const requests = parseGetArgs(args);
  if (!requests.length) throw SvcctlError.plain('You must provide one or more resources by argument or filename.');
  const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  const matches = selectorFilter(flags.selector);
  const started = Date.now();

  // The objects asked for, as they are now (named ones that are missing stay, to be waited on).
  type Target = { type: ResourceType; name: string };
  const targets: Target[] = [];
  for (const { type, names } of requests) {
    const namespace = type.namespaced ? ctx.namespace : undefined;
    if (names.length) targets.push(...names.map((name) => ({ type, name })));
    else {
      if (!flags.selector && !flags.all) throw SvcctlError.plain('resource(s) were provided, but no name was specified');
      for (const o of (await engine.store.list(typePrefix(type, namespace))) as KubeObject[]) if (matches(o)) targets.push({ type, name: o.metadata.name ?? '' });
    }
  }
  const get = (t: Target) => engine.store.get(objectKey(t.type, t.type.namespaced ? ctx.namespace : undefined, t.name));
  if (!targets.length && !forDelete) throw SvcctlError.plain('no matching resources found');

  const errors: SvcctlError[] = [];
  for (const t of targets) {
    let obj = await get(t);
    if (!obj && !forDelete && flags.for.toLowerCase() !== 'create') {
      errors.push(SvcctlError.notFound(qualifiedResource(t.type), t.name));
      continue;
    }
    // A named object already gone is no wait at all for --for=delete (kubectl ignores it).
    if (forDelete && !obj) continue;
    while (!check(obj)) {
      if (timeoutMs === 0) {
        errors.push(SvcctlError.plain(`condition not met for ${t.type.plural}/${t.name}`));
        break;
      }
      if (Date.now() - started >= timeoutMs) {
        errors.push(SvcctlError.plain(`timed out waiting for the condition on ${t.type.plural}/${t.name}`));
        break;
      }
      // Time passes for the cluster too: the controllers catch up with it.
      await letTimePass(engine, Math.min(1000, timeoutMs));
      obj = await get(t);
    }
    if (check(obj)) ctx.io.stdout.write(`${qualifiedSingular(t.type)}/${t.name} condition met\n`);
  }
  for (const e of errors) ctx.io.stderr.write(formatError(e));
  return errors.length ? 1 : 0;
}

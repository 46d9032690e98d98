// `svcctl set image TYPE NAME container=image...`: kubectl set image, on a pod or a workload's
// pod template (a Deployment's change rolls out a new ReplicaSet).
import { qualifiedResource, qualifiedSingular } from '../../api/scheme.js';
import type { Container, KubeObject, PodSpec } from '../../api/types.js';
import { openEngine, write } from '../../engine.js';
import { SvcctlError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { parseGetArgs } from './get.js';
import { splitPairs } from './label.js';

const TEMPLATED = new Set(['ReplicationController', 'Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'Job']);

/** UpdatePodSpecForObject: the pod spec of a pod, a workload's template or a CronJob's job template. */
function podSpecOf(obj: KubeObject): PodSpec | undefined {
  const spec = obj.spec as { template?: { spec?: PodSpec }; jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } } & PodSpec;
  if (obj.kind === 'Pod') return spec;
  if (TEMPLATED.has(obj.kind)) return spec.template?.spec;
  if (obj.kind === 'CronJob') return spec.jobTemplate?.spec?.template?.spec;
  return undefined;
}

export async function runSetImage(ctx: CommandContext, args: string[]): Promise<number> {
  const { resources, pairs } = splitPairs(args);
  if (!resources.length) throw SvcctlError.plain('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (!pairs.length) throw SvcctlError.plain('at least one image update is required');
  const images = new Map<string, string>();
  for (const p of pairs) {
    const at = p.indexOf('=');
    if (at <= 0) throw SvcctlError.plain(`invalid image format: ${p}`);
    images.set(p.slice(0, at), p.slice(at + 1));
  }
  if (images.has('*') && images.size > 1) throw SvcctlError.plain('all containers are already specified by *, but saw more than one container_name=container_image pairs');
  const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  const errors: string[] = [];
  for (const { type, names } of parseGetArgs(resources)) {
    if (!names.length) throw SvcctlError.plain('resource(s) were provided, but no name was specified');
    for (const name of names) {
      const updated = await write(engine, async (reg) => {
        const obj = await reg.get(type, type.namespaced ? ctx.namespace : undefined, name);
        if (!obj) throw SvcctlError.notFound(qualifiedResource(type), name);
        const spec = podSpecOf(obj);
        if (!spec) {
          errors.push(`error: ${qualifiedResource(type)}/${name} the object is not a pod or does not have a pod template: *v1.${type.kind}\n`);
          return false;
        }
        let changed = false;
        for (const [container, image] of images) {
          let found = false;
          for (const c of [...((spec.initContainers as Container[] | undefined) ?? []), ...spec.containers]) {
            if (container !== '*' && c.name !== container) continue;
            found = true;
            if (c.image !== image) changed = true;
            c.image = image;
          }
          if (!found) errors.push(`error: unable to find container named "${container}"\n`);
        }
        // Nothing to change: no patch is sent, nothing is printed.
        if (changed) await reg.update(type, obj);
        return changed;
      });
      if (updated) ctx.io.stdout.write(`${qualifiedSingular(type)}/${name} image updated\n`);
    }
  }
  for (const e of errors) ctx.io.stderr.write(e);
  return errors.length ? 1 : 0;
}

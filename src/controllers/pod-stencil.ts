// The spec a controller's new pod gets from its template: the template's spec through the Pod
// defaults and the admission plugins, as the apiserver's create path makes it. Worked out once per
// template object and shared by the pods made from it, each with only its own token volume name:
// a ReplicaSet's pods then hold one copy of their containers, not one each. Stored objects are
// never changed in place (the test suite freezes the lint store's), so sharing is safe.
import { admitPod, tokenVolumeName } from '../api/admission/pod.js';
import { defaultPod } from '../api/defaults/pod.js';
import type { Container, Pod, PodSpec } from '../api/types.js';
import { clone } from '../store/store.js';
import type { Random } from './names.js';

type Entry = Record<string, unknown>;
const mountsOf = (c: Container): Entry[] | undefined => c.volumeMounts as Entry[] | undefined;
const volumesOf = (spec: PodSpec): Entry[] | undefined => spec.volumes as Entry[] | undefined;

interface Stencil {
  /** The defaulted and admitted spec, its token volume (if any) named from draws of 0. */
  spec: PodSpec;
  /** Where admission put the token volume in spec.volumes; -1 when it added none (and drew nothing). */
  volume: number;
  /** The containers (init or regular) whose last mount admission added, of the token volume. */
  mounted: Set<Container>;
}

const stencils = new WeakMap<object, Stencil>();

/** The spec made by the create path from `templateSpec`, the token volume named by `random`. */
function makeStencil(templateSpec: PodSpec | undefined, random: Random): Stencil {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: clone(templateSpec) } as Pod;
  defaultPod(pod);
  const spec = pod.spec;
  const containers = [...(spec.initContainers ?? []), ...spec.containers];
  const mountsBefore = containers.map((c) => mountsOf(c)?.length ?? 0);
  const volumesBefore = volumesOf(spec)?.length ?? 0;
  admitPod(pod, random);
  const added = (volumesOf(spec)?.length ?? 0) > volumesBefore;
  return {
    spec,
    volume: added ? volumesBefore : -1,
    mounted: new Set(containers.filter((c, i) => added && (mountsOf(c)?.length ?? 0) > mountsBefore[i])),
  };
}

/**
 * A new pod's spec from a controller's pod template (its `spec`), as the apiserver's create path
 * makes it: Pod defaults, then admission, whose token volume name draws on `random` exactly as a
 * fresh create's would. The result shares all else with the other pods of the same template.
 */
export function podSpecFromTemplate(templateSpec: PodSpec | undefined, random: Random): PodSpec {
  if (!templateSpec || typeof templateSpec !== 'object') return makeStencil(templateSpec, random).spec;
  let stencil = stencils.get(templateSpec);
  if (!stencil) stencils.set(templateSpec, (stencil = makeStencil(templateSpec, () => 0)));
  if (stencil.volume < 0) return stencil.spec;
  const name = tokenVolumeName(random);
  const base = stencil.spec;
  const own = (c: Container): Container => {
    if (!stencil.mounted.has(c)) return c;
    const mounts = mountsOf(c)!;
    return { ...c, volumeMounts: [...mounts.slice(0, -1), { ...mounts[mounts.length - 1], name }] };
  };
  const spec: PodSpec = { ...base, volumes: volumesOf(base)!.map((v, i) => (i === stencil.volume ? { ...v, name } : v)), containers: base.containers.map(own) };
  if (base.initContainers) spec.initContainers = base.initContainers.map(own);
  return spec;
}

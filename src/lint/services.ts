// Reading a Service's spec defensively: rules run on input that may have failed validation.
import type { ServicePort } from '../api/types.js';
import type { LintObject } from './types.js';
import { type PodTemplate, templatesSelectedBy } from './workloads.js';

export interface LooseServiceSpec {
  type?: string;
  selector?: Record<string, string>;
  ports?: ServicePort[];
  externalName?: string;
  loadBalancerSourceRanges?: string[];
}

/** The Service's spec, or undefined when it is not an object. */
export function serviceSpec(o: LintObject): LooseServiceSpec | undefined {
  const spec = (o.obj as { spec?: unknown }).spec;
  return spec && typeof spec === 'object' && !Array.isArray(spec) ? (spec as LooseServiceSpec) : undefined;
}

/** The Service's ports that are objects, with their index. */
export function servicePorts(spec: LooseServiceSpec): [ServicePort, number][] {
  if (!Array.isArray(spec.ports)) return [];
  return spec.ports.map((p, i) => [p, i] as [ServicePort, number]).filter(([p]) => p && typeof p === 'object');
}

/** Pod templates the Service selects (none without a selector). */
export function selectedTemplates(objects: LintObject[], svc: LintObject, spec: LooseServiceSpec): PodTemplate[] {
  const selector = spec.selector;
  if (!selector || typeof selector !== 'object' || Object.keys(selector).length === 0) return [];
  return templatesSelectedBy(objects, svc.namespace, selector);
}

/** Reachable from outside the cluster: NodePort or LoadBalancer. */
export function isExternal(spec: LooseServiceSpec): boolean {
  return spec.type === 'NodePort' || spec.type === 'LoadBalancer';
}

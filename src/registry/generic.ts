// Create/update checks for the kinds that have no registry file of their own: object metadata
// with each kind's name rule, pod specs and workloads' pod templates, workload selectors, and the
// strategies' own fix-ups (a DaemonSet's template generation).
import { type FieldError, FieldPath, invalid, notSupported, required } from '../api/field.js';
import type { ResourceType } from '../api/scheme.js';
import type { Deployment, KubeObject, LabelSelector, Pod } from '../api/types.js';
import { generateJobSelector } from '../api/defaults/batch.js';
import { defaultObject } from '../api/defaults/objects.js';
import { SIM_READY_ANNOTATION } from '../controllers/kubelet.js';
import { TEMPLATE_GENERATION_ANNOTATION } from '../controllers/daemonset.js';
import { type NameValidator, nameIsDNSLabel, nameIsDNSSubdomain } from '../api/validation/names.js';
import { validateAnnotations, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from '../api/validation/objectmeta.js';
import { goLabelSelector, invalidRendered } from '../api/validation/go-value.js';
import { admitPod } from '../api/admission/pod.js';
import { createdPodStatus } from '../api/qos.js';
import { validatePodSpec, validatePodTemplateSpec } from '../api/validation/pod-spec.js';

/** path.IsValidPathSegmentName, the RBAC kinds' name rule. */
const pathSegmentName: NameValidator = (name) => {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const bad = ['/', '%'].filter((c) => name.includes(c));
  return bad.map((c) => `may not contain '${c}'`);
};

function nameValidatorFor(t: ResourceType): NameValidator {
  if (t.kind === 'Namespace') return nameIsDNSLabel;
  if (t.group === 'rbac.authorization.k8s.io') return pathSegmentName;
  return nameIsDNSSubdomain;
}

const WITH_GENERATION = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController']);

/** PrepareForCreate of the generic strategies (and, for Pods, the mutating admission plugins): system-owned fields reset, generation starts at 1. */
export function prepareGenericCreate(t: ResourceType, obj: KubeObject, random: () => number): void {
  if (WITH_GENERATION.has(t.kind)) {
    obj.metadata.generation = 1;
    delete obj.status;
  }
  if (t.kind === 'Namespace') {
    obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name! };
    obj.spec = { finalizers: ['kubernetes'] };
    obj.status = { phase: 'Active' };
  }
  // Decode-time defaulting, then the strategies' own fix-ups that depend on it.
  defaultObject(t.kind, obj);
  if (t.kind === 'Job') generateJobSelector(obj);
  if (t.kind === 'Pod') {
    admitPod(obj as Pod, random);
    pinReadiness(obj as Pod);
    // PrepareForCreate: Pending and the QoS class. What else a manifest's status holds is kept: an
    // address there pins the pod to the node whose range holds it.
    const pod = obj as Pod;
    const created = createdPodStatus(pod.spec);
    pod.status = { ...pod.status, phase: pod.status?.phase ?? created.phase, qosClass: created.qosClass };
  }
  if (t.kind === 'DaemonSet') setTemplateGeneration(obj, templateGenerationOf(obj) ?? 1);
}

/** PrepareForUpdate of the strategies that keep more than generation: a DaemonSet's template generation. */
export function prepareGenericUpdate(t: ResourceType, obj: KubeObject, old: KubeObject): void {
  if (t.kind !== 'DaemonSet') return;
  // Not the client's to set: the old one, plus one when the template changed.
  const was = templateGenerationOf(old) ?? 1;
  const changed = JSON.stringify((obj.spec as { template?: unknown } | undefined)?.template) !== JSON.stringify((old.spec as { template?: unknown } | undefined)?.template);
  setTemplateGeneration(obj, changed ? was + 1 : was);
}

/** A DaemonSet's spec.templateGeneration, which apps/v1 carries in an annotation. */
function templateGenerationOf(ds: KubeObject): number | undefined {
  const v = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  return v !== undefined && /^\d+$/.test(v) && Number(v) >= 1 ? Number(v) : undefined;
}

function setTemplateGeneration(ds: KubeObject, generation: number): void {
  ds.metadata.annotations = { ...ds.metadata.annotations, [TEMPLATE_GENERATION_ANNOTATION]: String(generation) };
}

/**
 * A Pod applied with a Ready condition in its status keeps that readiness: tutorials and tests pin
 * it this way. It is recorded as the simulated kubelet's override (what `sim ready` sets).
 */
function pinReadiness(pod: Pod): void {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  if (!ready || pod.metadata.annotations?.[SIM_READY_ANNOTATION]) return;
  pod.metadata.annotations = { ...pod.metadata.annotations, [SIM_READY_ANNOTATION]: ready.status === 'True' ? 'true' : 'false' };
}

/** validation for create: ObjectMeta with the kind's name rule, then the kind's spec rules. */
export function validateGenericCreate(t: ResourceType, obj: KubeObject): FieldError[] {
  const errs = validateObjectMeta(obj.metadata, { namespaced: t.namespaced, nameValidator: nameValidatorFor(t) });
  errs.push(...validateSpec(t, obj));
  return errs;
}

/** The kinds' spec rules svcctl checks: pod specs, workload selectors and pod templates. */
function validateSpec(t: ResourceType, obj: KubeObject): FieldError[] {
  if (t.kind === 'Pod') return validatePodSpec((obj.spec ?? {}) as Record<string, unknown>, FieldPath.root('spec'));
  if (t.kind === 'Deployment' || t.kind === 'ReplicaSet') return validateWorkloadSelector(obj as Deployment);
  if (t.kind === 'DaemonSet') return validateDaemonSetSpec(obj as Deployment);
  return validateOtherTemplates(t, obj);
}

export function validateGenericUpdate(t: ResourceType, obj: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(obj.metadata, old.metadata);
  errs.push(...validateSpec(t, obj));
  if (t.kind === 'Deployment' || t.kind === 'ReplicaSet' || t.kind === 'DaemonSet') {
    // apps/v1 selectors are immutable.
    const sel = FieldPath.root('spec').child('selector');
    const a = JSON.stringify((obj as Deployment).spec?.selector ?? null);
    const b = JSON.stringify((old as Deployment).spec?.selector ?? null);
    if (a !== b) errs.push(invalidRendered(sel, goLabelSelector((obj as Deployment).spec?.selector), 'field is immutable'));
  }
  return errs;
}

/**
 * ValidateDaemonSetSpec's rules, in its order: the template labels the selector must match, a
 * non-empty selector, then the template (restartPolicy Always, no activeDeadlineSeconds).
 */
function validateDaemonSetSpec(ds: Deployment): FieldError[] {
  const spec = FieldPath.root('spec');
  const errs: FieldError[] = [];
  const sel = ds.spec?.selector;
  const labels = ds.spec?.template?.metadata?.labels ?? {};
  // A missing selector selects nothing (LabelSelectorAsSelector(nil)).
  if (!sel || !selectorMatches(sel, labels)) {
    errs.push(invalid(spec.child('template', 'metadata', 'labels'), labels, '`selector` does not match template `labels`'));
  }
  if (sel && !Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length) {
    errs.push(invalid(spec.child('selector'), sel, 'empty selector is invalid for daemonset'));
  }
  errs.push(...validateAlwaysRunningTemplate(ds, 'DaemonSet'));
  return errs;
}

function selectorMatches(sel: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = e.key in labels;
    const val = labels[e.key];
    if (e.operator === 'In' && !(has && e.values?.includes(val))) return false;
    if (e.operator === 'NotIn' && has && e.values?.includes(val)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** ValidateDeploymentSpec's selector rules: required, non-empty, and matching the template labels. */
function validateWorkloadSelector(d: Deployment): FieldError[] {
  const spec = FieldPath.root('spec');
  const errs: FieldError[] = [];
  if ((d.spec?.replicas ?? 0) < 0) errs.push(invalid(spec.child('replicas'), d.spec.replicas, 'must be greater than or equal to 0'));
  const sel = d.spec?.selector;
  if (!sel) return [...errs, required(spec.child('selector'), '')];
  if (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length) {
    errs.push(invalid(spec.child('selector'), sel, 'empty selector is invalid for deployment'));
  }
  const labels = d.spec?.template?.metadata?.labels ?? {};
  if (!selectorMatches(sel, labels)) {
    errs.push(invalid(spec.child('template', 'metadata', 'labels'), labels, '`selector` does not match template `labels`'));
  }
  errs.push(...validateAlwaysRunningTemplate(d, 'ReplicaSet'));
  return errs;
}

/**
 * A template whose pods must keep running (ValidatePodTemplateSpecForReplicaSet, and the same
 * checks of ValidateDaemonSetSpec): the pod template itself, then restartPolicy Always and no
 * activeDeadlineSeconds.
 */
function validateAlwaysRunningTemplate(w: Deployment, owner: string): FieldError[] {
  const path = FieldPath.root('spec').child('template');
  const template = (w.spec?.template ?? {}) as unknown as Record<string, unknown>;
  const errs = validatePodTemplateSpec(template, path);
  const podSpec = (w.spec?.template?.spec ?? {}) as Pod['spec'] & { restartPolicy?: string; activeDeadlineSeconds?: number };
  const restartPolicy = podSpec.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errs.push(notSupported(path.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (podSpec.activeDeadlineSeconds !== undefined) {
    errs.push(invalid(path.child('spec', 'activeDeadlineSeconds'), podSpec.activeDeadlineSeconds, `activeDeadlineSeconds in ${owner} is not Supported`));
  }
  return errs;
}

/**
 * The pod template of the other workload kinds (a CronJob's inside its job template). A
 * StatefulSet's template spec goes unchecked, as kube-apiserver leaves it (its volume mounts may
 * name claim templates): only its labels and annotations.
 */
function validateOtherTemplates(t: ResourceType, obj: KubeObject): FieldError[] {
  const spec = (obj.spec ?? {}) as { template?: Record<string, unknown>; jobTemplate?: { spec?: { template?: Record<string, unknown> } } };
  if (t.kind === 'StatefulSet') {
    const meta = (spec.template?.metadata ?? {}) as { labels?: Record<string, string>; annotations?: Record<string, string> };
    const path = FieldPath.root('spec').child('template');
    return [...validateLabels(meta.labels, path.child('labels')), ...validateAnnotations(meta.annotations, path.child('annotations'))];
  }
  if (t.kind === 'ReplicationController') {
    return spec.template ? validatePodTemplateSpec(spec.template, FieldPath.root('spec').child('template')) : [];
  }
  if (t.kind === 'Job') return validateJobTemplate(obj.spec as JobSpec | undefined, FieldPath.root('spec'));
  if (t.kind === 'CronJob') return validateJobTemplate(spec.jobTemplate?.spec as JobSpec | undefined, FieldPath.root('spec').child('jobTemplate', 'spec'));
  return [];
}

type JobSpec = { template?: { spec?: { restartPolicy?: string } }; podFailurePolicy?: unknown };

/**
 * validateJobSpec's template rules: the pod template, then a restartPolicy of OnFailure or Never
 * (Always, which defaulting gives a template without one, is as good as missing).
 */
function validateJobTemplate(spec: JobSpec | undefined, path: FieldPath): FieldError[] {
  if (!spec?.template) return [];
  const errs = validatePodTemplateSpec(spec.template as Record<string, unknown>, path.child('template'));
  const policy = spec.template.spec?.restartPolicy ?? '';
  const at = path.child('template', 'spec', 'restartPolicy');
  if (policy === 'Always' || policy === '') errs.push(required(at, 'valid values: "OnFailure", "Never"'));
  else if (policy !== 'OnFailure' && policy !== 'Never') errs.push(notSupported(at, policy, ['OnFailure', 'Never']));
  else if (spec.podFailurePolicy && policy !== 'Never') errs.push(invalid(at, policy, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

// ObjectMeta validation: apimachinery's api/validation/objectmeta.go and meta/v1/validation,
// plus the finalizer check core's ValidateObjectMeta adds.
// Go walks label and annotation maps in random order; we walk them sorted so output is stable.
import { type FieldError, FieldPath, forbidden, invalid, required, tooLong } from '../field.js';
import type { ObjectMeta, OwnerReference } from '../types.js';
import { isQualifiedName, isValidLabelValue, nameIsDNSLabel, type NameValidator } from './names.js';
import { sortStrings } from '../strings.js';

/** apimachinery TotalAnnotationSizeLimitB: 256 KiB over all keys and values. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;
export const FIELD_IMMUTABLE_ERROR_MSG = 'field is immutable';

export interface ObjectMetaOptions {
  /** Namespaced kinds require metadata.namespace; cluster-scoped kinds forbid it. */
  namespaced: boolean;
  /** The kind's ValidateNameFunc (Services: nameIsDNS1035Label). */
  nameValidator: NameValidator;
}

const sortedKeys = (m: Record<string, string> | undefined): string[] => sortStrings(Object.keys(m ?? {}));

/** ValidateLabelName: a label key must be a qualified name. */
export function validateLabelName(key: string, path: FieldPath): FieldError[] {
  return isQualifiedName(key).map((msg) => invalid(path, key, msg));
}

/** ValidateLabels: every key a qualified name, every value a label value; errors at `path` itself. */
export function validateLabels(labels: Record<string, string> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of sortedKeys(labels)) {
    errs.push(...validateLabelName(k, path));
    const v = labels![k];
    for (const msg of isValidLabelValue(String(v ?? ''))) errs.push(invalid(path, v, msg));
  }
  return errs;
}

/** ValidateAnnotations: keys are qualified names (case-insensitive); total size at most 256 KiB. */
export function validateAnnotations(annotations: Record<string, string> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const k of sortedKeys(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg));
    total += Buffer.byteLength(k) + Buffer.byteLength(String(annotations![k] ?? ''));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B)
    errs.push(tooLong(path, '', `must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT_B} bytes`));
  return errs;
}

function validateOwnerReferences(refs: OwnerReference[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const version = (ref.apiVersion ?? '').includes('/') ? ref.apiVersion.split('/')[1] : (ref.apiVersion ?? '');
    if (!version) errs.push(invalid(path.child('apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(path.child('kind'), ref.kind ?? '', 'must not be empty'));
    if (!ref.name) errs.push(invalid(path.child('name'), ref.name ?? '', 'must not be empty'));
    if (!ref.uid) errs.push(invalid(path.child('uid'), ref.uid ?? '', 'must not be empty'));
    if (ref.controller) {
      const cur = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push({
          type: 'Invalid value',
          field: String(path),
          detail: `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`,
          showValue: false,
        });
      } else firstController = cur;
    }
  }
  return errs;
}

// core's helper.IsStandardFinalizerName set.
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function validateFinalizers(finalizers: string[] | undefined, path: FieldPath): FieldError[] {
  const list = finalizers ?? [];
  const errs: FieldError[] = [];
  for (const f of list) errs.push(...isQualifiedName(f).map((m) => invalid(path, f, m)));
  if (list.includes('orphan') && list.includes('foregroundDeletion'))
    errs.push(invalid(path, list, 'finalizer orphan and foregroundDeletion cannot be both set'));
  // core.ValidateObjectMeta: unqualified names must be standard ones.
  list.forEach((f, i) => {
    const p = path.index(i);
    const base = isQualifiedName(f).map((m) => invalid(p, f, m));
    if (base.length) errs.push(...base);
    else if (!f.includes('/') && !STANDARD_FINALIZERS.has(f))
      errs.push(invalid(p, f, 'name is neither a standard finalizer name nor is it fully qualified'));
  });
  return errs;
}

/**
 * ValidateObjectMeta on create (name generation already done): generateName and name checked by
 * `nameValidator`, namespace required/forbidden, generation, labels, annotations, ownerReferences,
 * finalizers. `path` is normally root("metadata").
 */
export function validateObjectMeta(
  meta: ObjectMeta | undefined,
  opts: ObjectMetaOptions,
  path: FieldPath = FieldPath.root('metadata'),
): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  if (m.generateName) {
    for (const msg of opts.nameValidator(m.generateName, true)) errs.push(invalid(path.child('generateName'), m.generateName, msg));
  }
  if (!m.name) errs.push(required(path.child('name'), 'name or generateName is required'));
  else for (const msg of opts.nameValidator(m.name, false)) errs.push(invalid(path.child('name'), m.name, msg));
  errs.push(...validateMetaCommon(m, opts.namespaced, path));
  return errs;
}

function validateMetaCommon(m: ObjectMeta, namespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (namespaced) {
    if (!m.namespace) errs.push(required(path.child('namespace'), ''));
    else for (const msg of nameIsDNSLabel(m.namespace, false)) errs.push(invalid(path.child('namespace'), m.namespace, msg));
  } else if (m.namespace) {
    errs.push(forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  if ((m.generation ?? 0) < 0) errs.push(invalid(path.child('generation'), m.generation, 'must be greater than or equal to 0'));
  errs.push(...validateLabels(m.labels, path.child('labels')));
  errs.push(...validateAnnotations(m.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, path.child('finalizers')));
  return errs;
}

function immutable(newVal: unknown, oldVal: unknown, path: FieldPath): FieldError[] {
  return (newVal ?? '') === (oldVal ?? '') ? [] : [invalid(path, newVal ?? '', FIELD_IMMUTABLE_ERROR_MSG)];
}

/**
 * ValidateObjectMetaUpdate: resourceVersion must be set, generation must not go down, name,
 * namespace, uid, creationTimestamp and deletionTimestamp are immutable; labels, annotations,
 * ownerReferences and finalizers re-validated.
 */
export function validateObjectMetaUpdate(
  newMeta: ObjectMeta,
  oldMeta: ObjectMeta,
  path: FieldPath = FieldPath.root('metadata'),
): FieldError[] {
  const errs: FieldError[] = [];
  if (oldMeta.deletionTimestamp) {
    const extra = [...new Set(newMeta.finalizers ?? [])].filter((f) => !(oldMeta.finalizers ?? []).includes(f)).sort();
    if (extra.length)
      errs.push(
        forbidden(
          path.child('finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`,
        ),
      );
  }
  if (!newMeta.resourceVersion)
    errs.push(invalid(path.child('resourceVersion'), newMeta.resourceVersion ?? '', 'must be specified for an update'));
  if ((newMeta.generation ?? 0) < (oldMeta.generation ?? 0))
    errs.push(invalid(path.child('generation'), newMeta.generation ?? 0, 'must not be decremented'));
  errs.push(...immutable(newMeta.name, oldMeta.name, path.child('name')));
  errs.push(...immutable(newMeta.namespace, oldMeta.namespace, path.child('namespace')));
  errs.push(...immutable(newMeta.uid, oldMeta.uid, path.child('uid')));
  errs.push(...immutable(newMeta.creationTimestamp, oldMeta.creationTimestamp, path.child('creationTimestamp')));
  errs.push(...immutable(newMeta.deletionTimestamp, oldMeta.deletionTimestamp, path.child('deletionTimestamp')));
  errs.push(...validateLabels(newMeta.labels, path.child('labels')));
  errs.push(...validateAnnotations(newMeta.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(newMeta.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateFinalizers(newMeta.finalizers, path.child('finalizers')));
  return errs;
}

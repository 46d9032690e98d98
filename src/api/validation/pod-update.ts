// ValidatePodUpdate's rules for what a Pod update may change (pkg/apis/core/validation): container
// images, activeDeadlineSeconds (lowered), tolerations (added) and scheduling gates (removed);
// any other spec change is Forbidden, with a diff of the two specs.
import { type FieldError, FieldPath, forbidden, invalid, required } from '../field.js';
import { inclusiveRangeError } from './names.js';
import { sameJson, specDiff } from './spec-diff.js';

type Obj = Record<string, unknown>;

const MAX_INT32 = 2147483647;

/** updatablePodSpecFields, joined with commas as the message joins them. */
const UPDATABLE = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
].join(',');

const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

/** ValidateContainerUpdates: the same number of containers, each with an image free of surrounding spaces. */
function containerUpdates(next: Obj[], old: Obj[], path: FieldPath): { errs: FieldError[]; stop: boolean } {
  if (next.length !== old.length) return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  next.forEach((c, i) => {
    const image = typeof c.image === 'string' ? c.image : '';
    if (!image) errs.push(required(path.index(i).child('image')));
    if (image.trim().length !== image.length) errs.push(invalid(path.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

/** validateOnlyAddedTolerations: every old toleration is still there (its tolerationSeconds aside). */
function onlyAddedTolerations(next: Obj[], old: Obj[], path: FieldPath): FieldError[] {
  const key = (t: Obj) => JSON.stringify([t.key ?? '', t.operator ?? '', t.value ?? '', t.effect ?? '']);
  const kept = new Set(next.map(key));
  return old.every((t) => kept.has(key(t))) ? [] : [forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
}

/** validateOnlyDeletedSchedulingGates: one error per gate the old list lacks. */
function onlyDeletedGates(next: Obj[], old: Obj[], path: FieldPath): FieldError[] {
  const had = new Set(old.map((g) => g.name));
  return next.flatMap((g, i) => (had.has(g.name) ? [] : [forbidden(path.index(i).child('name'), `only deletion is allowed, but found new scheduling gate '${String(g.name)}'`)]));
}

/**
 * The update rules of ValidatePodUpdate for two defaulted specs (metadata and the new spec's own
 * validity are checked elsewhere). In the apiserver's order; a container added or removed stops
 * the checks there.
 */
export async function validatePodSpecUpdate(next: Obj, old: Obj): Promise<FieldError[]> {
  const spec = FieldPath.root('spec');
  const errs: FieldError[] = [];
  for (const field of ['containers', 'initContainers']) {
    const r = containerUpdates(list(next[field]), list(old[field]), spec.child(field));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  // activeDeadlineSeconds: set from nothing, or lowered; never removed.
  const ads = next.activeDeadlineSeconds as number | undefined;
  const oldAds = old.activeDeadlineSeconds as number | undefined;
  if (ads !== undefined && ads !== null) {
    if (ads < 0 || ads > MAX_INT32) return [...errs, invalid(spec.child('activeDeadlineSeconds'), ads, inclusiveRangeError(0, MAX_INT32))];
    if (oldAds !== undefined && oldAds !== null && oldAds < ads) return [...errs, invalid(spec.child('activeDeadlineSeconds'), ads, 'must be less than or equal to previous value')];
  } else if (oldAds !== undefined && oldAds !== null) {
    errs.push(invalid(spec.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...onlyAddedTolerations(list(next.tolerations), list(old.tolerations), spec.child('tolerations')));
  errs.push(...onlyDeletedGates(list(next.schedulingGates), list(old.schedulingGates), spec.child('schedulingGates')));
  if (sameJson(next, old)) return errs;

  // The updatable fields taken from the old spec: whatever differs after that may not change.
  const munged: Obj = { ...next };
  for (const field of ['containers', 'initContainers']) {
    if (next[field] !== undefined) munged[field] = list(next[field]).map((c, i) => ({ ...c, image: list(old[field])[i]?.image }));
  }
  for (const field of ['activeDeadlineSeconds', 'schedulingGates', 'tolerations']) {
    if (old[field] === undefined) delete munged[field];
    else munged[field] = old[field];
  }
  const grace = munged.terminationGracePeriodSeconds as number | undefined;
  const oldGrace = old.terminationGracePeriodSeconds as number | undefined;
  if (oldGrace !== undefined && oldGrace < 0 && grace === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (!sameJson(munged, old)) {
    // The Go type names are loaded only for the diff: every update validates, few are refused.
    const { GO_TYPES } = await import('../schema/gotypes.generated.js');
    errs.push(forbidden(spec, `pod updates may not change fields other than ${UPDATABLE}\n${specDiff(old, munged, GO_TYPES)}`));
  }
  return errs;
}

// Field errors whose bad value Go prints with %#v in a form formatBadValue cannot produce
// (typed slices such as []core.IPFamily{"IPv4"}, structs such as core.ServicePort{...}).
// The rendered value travels in `detail` so that fieldErrorString prints exactly what the
// apiserver prints; `badValue` stays unset. (field.ts could grow a rendered-value slot later.)
import type { FieldError, FieldPath } from '../field.js';
import type { LabelSelector, ServicePort } from '../types.js';

/** `path: Invalid value: <rendered>: detail` */
export function invalidRendered(path: FieldPath | string, rendered: string, detail: string): FieldError {
  return { type: 'Invalid value', field: String(path), detail: `${rendered}: ${detail}`, showValue: false };
}

/** `path: Duplicate value: <rendered>` */
export function duplicateRendered(path: FieldPath | string, rendered: string): FieldError {
  return { type: 'Duplicate value', field: String(path), detail: rendered, showValue: false };
}

/** Go's %#v of a slice of a named string type: []core.IPFamily{"IPv4", "IPv6"}. */
export function goTypedStrings(typeName: string, values: string[] | undefined): string {
  if (values === undefined) return `[]${typeName}(nil)`;
  return `[]${typeName}{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

/**
 * Go's %#v of the core.ServicePort key used by the duplicate-port checks, where only
 * Protocol and Port (or NodePort) are set.
 */
export function goServicePortKey(key: Pick<ServicePort, 'protocol'> & { port?: number; nodePort?: number }): string {
  return (
    `core.ServicePort{Name:"", Protocol:${JSON.stringify(key.protocol ?? '')}, AppProtocol:(*string)(nil), ` +
    `Port:${key.port ?? 0}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:${key.nodePort ?? 0}}`
  );
}

/**
 * Go's %#v of a metav1.LabelSelector (what an immutable-selector error prints):
 * `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`.
 */
export function goLabelSelector(sel: LabelSelector | undefined): string {
  if (!sel) return 'null';
  const labels = sel.matchLabels;
  const ml = labels
    ? `map[string]string{${Object.keys(labels)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${JSON.stringify(labels[k])}`)
        .join(', ')}}`
    : 'map[string]string(nil)';
  const exprs = sel.matchExpressions;
  const me = exprs
    ? `[]v1.LabelSelectorRequirement{${exprs
        .map((e) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:${goTypedStrings('string', e.values)}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`;
}

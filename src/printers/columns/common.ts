// Shared pieces of the per-kind table printers (kubernetes pkg/printers/internalversion).
import type { KubeObject, LabelSelector } from '../../api/types.js';

/** A column as printers.go defines it: the name as written there ("Cluster-IP"), and its priority (1 = wide only). */
export interface Column {
  name: string;
  priority: number;
}

/** One cell: printers.go cells are strings or numbers; the table printer renders them with fmt.Sprint. */
export type Cell = string | number | boolean | null;

/**
 * The table for one resource type: the server's metav1.Table. Rows always carry every column
 * (the apiserver generates with Wide: true); the table printer drops priority columns.
 * `objects[i]` is the object behind `rows[i]` (for NAMESPACE and label columns).
 */
export interface TableData {
  kind: string;
  /** API group ('' for core): with the kind it makes the `service/` or `deployment.apps/` prefix. */
  group: string;
  /** Cluster-scoped kinds never get a NAMESPACE column. */
  namespaced: boolean;
  columns: Column[];
  rows: Cell[][];
  objects: KubeObject[];
}

/** A per-kind printer: column definitions plus a pure row function. */
export interface KindPrinter<T extends KubeObject = KubeObject> {
  columns: Column[];
  row(obj: T, now: Date): Cell[];
}

export const col = (name: string, priority = 0): Column => ({ name, priority });

/** Go's byte-wise string order (sort.Strings), not localeCompare. */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** labels.Set.String(): `k=v` pairs sorted as strings, comma-joined ('' when empty). */
export function labelSetString(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .sort(byteCompare)
    .join(',');
}

/** labels.FormatLabels: labelSetString, or `<none>` when there are no labels. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  return labelSetString(labels) || '<none>';
}

/**
 * metav1.LabelSelectorAsSelector(sel).String(): requirements sorted by key; matchLabels as
 * `k=v`, In/NotIn as `k in (a,b)` with sorted values, Exists as `k`, DoesNotExist as `!k`.
 * Returns undefined for an unknown operator (Go's error path). Nil and empty selectors give ''.
 */
export function labelSelectorString(sel: LabelSelector | undefined | null): string | undefined {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort(byteCompare);
    const vals = values.length === 1 ? values[0] : values.join(',');
    switch (e.operator) {
      case 'In':
        reqs.push({ key: e.key, text: `${e.key} in (${vals})` });
        break;
      case 'NotIn':
        reqs.push({ key: e.key, text: `${e.key} notin (${vals})` });
        break;
      case 'Exists':
        reqs.push({ key: e.key, text: e.key });
        break;
      case 'DoesNotExist':
        reqs.push({ key: e.key, text: `!${e.key}` });
        break;
      default:
        return undefined;
    }
  }
  // Array.prototype.sort is stable, which keeps matchLabels before expressions on equal keys.
  return reqs
    .sort((a, b) => byteCompare(a.key, b.key))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  const s = labelSelectorString(sel);
  if (s === undefined) return '<error>';
  return s || '<none>';
}

/** layoutContainerCells: container names and images, each comma-joined in spec order. */
export function layoutContainerCells(containers: { name: string; image?: string }[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/** listWithMoreString: `a,b,c + N more...`, or `<unset>` for an empty list. */
export function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret || '<unset>';
}

/** net.JoinHostPort: IPv6 hosts (anything with a colon) get brackets. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Go's fmt of an integer field that may be absent (zero value 0). */
export function int(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

/** A field read as an object ({} for anything else): printers read untyped kinds defensively. */
export function rec(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** A field read as a string ('' for anything else: Go's zero value). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A field read as a list ([] for anything else). */
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * resource.Quantity.String() of a stored quantity: strings and numbers as written (svcctl keeps
 * no canonical form), `<nil>` for an absent pointer, and `0` for an absent value (`nilAs`).
 */
export function quantityString(v: unknown, nilAs = '<nil>'): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  return nilAs;
}

/** intstr.IntOrString.String(): the decimal int or the string as written. */
export function intOrStringString(v: unknown): string {
  return typeof v === 'number' ? String(v) : str(v);
}

// kubectl's human-readable table output: cli-runtime pkg/printers/tableprinter.go (decorateTable,
// printTable) laid out by tabwriter, and kubectl get's blank line between resource types.
import type { Cell, Column, TableData } from './columns/common.js';
import { labelSetString } from './columns/common.js';
import { tabwrite } from './tabwriter.js';

export interface PrintTableOptions {
  /** -o wide: show priority-1 columns. */
  wide?: boolean;
  /** --no-headers */
  noHeaders?: boolean;
  /** --show-labels: a LABELS column last. */
  showLabels?: boolean;
  /** -L key,...: one column per key, headed by the key's last path segment upper-cased. */
  labelColumns?: string[];
  /** -A: a NAMESPACE column first (never for cluster-scoped kinds). */
  withNamespace?: boolean;
  /** Several resource types requested: names print as `service/web`, `deployment.apps/web`. */
  kindPrefix?: boolean;
}

interface Decorated {
  columns: Column[];
  rows: Cell[][];
}

/** `service`, `deployment.apps`: strings.ToLower(GroupKind.String()). */
export function kindPrefixOf(table: Pick<TableData, 'kind' | 'group'>): string {
  return (table.group ? `${table.kind}.${table.group}` : table.kind).toLowerCase();
}

/** formatLabelHeaders: the part after the last `/`, upper-cased. */
function labelHeader(key: string): string {
  const parts = key.split('/');
  return parts[parts.length - 1].toUpperCase();
}

/** decorateTable: NAMESPACE first, label columns and LABELS last, kind prefix on the name column. */
function decorate(table: TableData, opts: PrintTableOptions): Decorated {
  const withNamespace = Boolean(opts.withNamespace) && table.namespaced;
  const labelKeys = opts.labelColumns ?? [];
  const columns: Column[] = [
    ...(withNamespace ? [{ name: 'Namespace', priority: 0 }] : []),
    ...table.columns,
    ...labelKeys.map((k) => ({ name: labelHeader(k), priority: 0 })),
    ...(opts.showLabels ? [{ name: 'Labels', priority: 0 }] : []),
  ];
  const nameColumn = opts.kindPrefix ? table.columns.findIndex((c) => c.name === 'Name') : -1;
  const prefix = kindPrefixOf(table);
  const rows = table.rows.map((cells, i) => {
    const obj = table.objects[i];
    const row = [...cells];
    if (nameColumn >= 0) row[nameColumn] = `${prefix}/${row[nameColumn] ?? ''}`;
    const labels = obj?.metadata?.labels ?? {};
    return [
      ...(withNamespace ? [obj?.metadata?.namespace ?? ''] : []),
      ...row,
      ...labelKeys.map((k) => labels[k] ?? ''),
      ...(opts.showLabels ? [labelSetString(labels) || '<none>'] : []),
    ];
  });
  return { columns, rows };
}

const SPECIAL = /[\f\n\r\x1b]/;

/** fmt.Sprint of a cell, cut at the first line break (`...` appended), terminal escapes neutralised. */
export function renderCell(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  let s = String(cell);
  if (!SPECIAL.test(s)) return s;
  const brk = s.search(/[\f\n\r]/);
  const truncated = brk >= 0;
  if (truncated) s = s.slice(0, brk);
  s = s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
  return truncated ? `${s}...` : s;
}

/** printTable for one resource type: the tab-separated lines before layout ([] when nothing prints). */
function tableLines(table: TableData, opts: PrintTableOptions): string[][] {
  const d = decorate(table, opts);
  const visible = d.columns.map((c) => Boolean(opts.wide) || c.priority === 0);
  const lines: string[][] = [];
  if (!opts.noHeaders) {
    // No header for an empty table: kubectl then says "No resources found" on stderr.
    if (d.rows.length === 0) return [];
    lines.push(d.columns.filter((_, i) => visible[i]).map((c) => c.name.toUpperCase()));
  }
  for (const row of d.rows) {
    const cells = d.columns.flatMap((_, i) => (visible[i] ? [renderCell(row[i] ?? null)] : []));
    // A tab inside a cell splits it, as it would in tabwriter.
    lines.push(cells.some((c) => c.includes('\t')) ? cells.join('\t').split('\t') : cells);
  }
  return lines;
}

/**
 * Prints one table per resource type, exactly as `kubectl get` does: upper-cased headers, columns
 * padded to the widest cell + 3 (at least 6), the last column unpadded; a blank line between
 * types that printed something (none with --no-headers); '' when no table has rows.
 */
export function printTable(tables: TableData[], opts: PrintTableOptions = {}): string {
  const parts: string[] = [];
  for (const table of tables) {
    // Each resource type gets a fresh tabwriter flush (kubectl resets remembered widths).
    const text = tabwrite(tableLines(table, opts));
    if (text === '') continue;
    if (parts.length > 0 && !opts.noHeaders) parts.push('\n');
    parts.push(text);
  }
  return parts.join('');
}

// -o custom-columns=HEADER:PATH,...: kubectl pkg/cmd/get/customcolumn.go.
import { JsonPath, JsonPathError } from './jsonpath.js';
import { tabwrite } from './tabwriter.js';

export interface CustomColumn {
  header: string;
  /** The JSONPath template, normalised to `{.a.b}`. */
  fieldSpec: string;
}

/**
 * RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all become `{.a.b}`.
 * Throws JsonPathError with kubectl's message for anything else.
 */
export function relaxedJsonPath(expr: string): string {
  if (expr === '') return expr;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m) {
    throw new JsonPathError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${m[1] || m[2]}}`;
}

/** Parses a custom-columns spec; throws JsonPathError with kubectl's wording for a bad spec. */
export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec === '') throw new JsonPathError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) throw new JsonPathError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, i), fieldSpec: relaxedJsonPath(part.slice(i + 1)) };
  });
}

/** Go's fmt.Sprint of a JSON value: `map[k:v]` with sorted keys, `[a b]`, `<nil>`. */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (typeof v === 'object') {
    const m = v as Record<string, unknown>;
    return `map[${Object.keys(m)
      .sort()
      .map((k) => `${k}:${goSprint(m[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}

/** One cell: every match, comma-joined, terminal escapes neutralised; `<none>` when nothing matched. */
function cell(path: JsonPath, obj: unknown): string {
  const values = path.findResults(obj);
  const out: string[] = [];
  if (values.length === 0 || values[0].length === 0) out.push('<none>');
  for (const vs of values) for (const v of vs) out.push(goSprint(v).replaceAll('\x1b', '^[').replaceAll('\r', '\\r'));
  return out.join(',');
}

/**
 * The custom-columns table for `objects` (list items, already flattened), headers as written
 * (not upper-cased) unless `noHeaders`, laid out by kubectl's tabwriter.
 */
export function printCustomColumns(spec: string, objects: unknown[], noHeaders = false): string {
  const columns = parseCustomColumns(spec);
  const lines: string[][] = [];
  if (!noHeaders) lines.push(columns.map((c) => c.header).join('\t').split('\t'));
  for (const obj of objects) {
    const cells = columns.map((c) => cell(new JsonPath(c.fieldSpec, true), obj));
    lines.push(cells.join('\t').split('\t'));
  }
  return tabwrite(lines);
}

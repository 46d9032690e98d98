// The diff a Forbidden pod update carries, in the shape of go-cmp's cmp.Diff(oldPod.Spec, newSpec):
// `  core.PodSpec{`, changed fields as `- ` / `+ ` lines with Go field names, identical runs
// folded into `... // N identical fields`. An approximation: go-cmp walks the internal Go structs
// (every field, in declaration order) and deliberately varies its spacing from run to run, so its
// exact text cannot be matched; this walks the stored JSON with the v1 types' names.
import type { GO_TYPES } from '../schema/gotypes.generated.js';

/** The v1 types' Go names by definition (gotypes.generated, loaded by the caller when needed). */
export type GoTypes = typeof GO_TYPES;

type Obj = Record<string, unknown>;

/** How many identical records go-cmp keeps on each side of a change before folding the rest. */
const CONTEXT = 2;

/** Go's name for a JSON field: `dnsPolicy` -> `DNSPolicy`, `hostIP` -> `HostIP`. */
function goName(json: string): string {
  const m = /^(dns|uid|ip|api|url|tls|tcp|udp|http|grpc|os)(?=[A-Z]|$)/.exec(json);
  return m ? m[1].toUpperCase() + json.slice(m[1].length) : json[0].toUpperCase() + json.slice(1);
}

/** The internal type name go-cmp prints: `v1.Container` -> `core.Container`. */
const coreType = (goType: string): string => goType.replace(/\bv1\./g, 'core.');

interface FieldType {
  goType: string;
  def?: string;
}

const fieldType = (types: GoTypes, def: string | undefined, field: string): FieldType => {
  const f = def ? types[def]?.fields[field] : undefined;
  return { goType: f?.[0] ?? '', def: f?.[1] };
};

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** Whether two JSON values are equal, key order aside (a changed key order is no change). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (!isObj(a) || !isObj(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  return ka.length === Object.keys(b).filter((k) => b[k] !== undefined).length && ka.every((k) => sameJson(a[k], b[k]));
}


/** go-cmp's one-line form of a value: `{Name: "web", Port: 80}`, `{"app": "web"}`, `nil`. */
function compact(types: GoTypes, v: unknown, t: FieldType): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `{${v.map((x) => compact(types, x, { goType: t.goType.replace(/^\[\]/, ''), def: t.def })).join(', ')}}`;
  if (t.goType.startsWith('map[')) {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}: ${compact(types, (v as Obj)[k], { goType: '' })}`).join(', ')}}`;
  }
  return `{${Object.entries(v).map(([k, x]) => `${goName(k)}: ${compact(types, x, fieldType(types, t.def, k))}`).join(', ')}}`;
}

/** The zero value printed for a field one side lacks. */
function zero(present: unknown): string {
  if (typeof present === 'string') return '""';
  if (typeof present === 'number') return '0';
  if (typeof present === 'boolean') return 'false';
  return 'nil';
}

type Line = { mark: ' ' | '-' | '+'; depth: number; text: string; name?: string };

/** A struct's records, changed ones expanded, identical runs folded beyond CONTEXT records of a change. */
function structLines(types: GoTypes, old: Obj, next: Obj, def: string | undefined, depth: number): Line[] {
  const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])];
  const changed = keys.map((k) => !sameJson(old[k], next[k]));
  const near = (i: number) => changed.some((c, j) => c && Math.abs(i - j) <= CONTEXT);
  const out: Line[] = [];
  let folded = 0;
  const flush = () => {
    if (folded) out.push({ mark: ' ', depth, text: `... // ${folded} identical field${folded === 1 ? '' : 's'}` });
    folded = 0;
  };
  keys.forEach((k, i) => {
    const t = fieldType(types, def, k);
    if (!changed[i] && !near(i)) {
      folded++;
      return;
    }
    flush();
    const name = goName(k);
    if (!changed[i]) out.push({ mark: ' ', depth, name, text: `${compact(types, old[k], t)},` });
    else out.push(...changeLines(types, name, old[k], next[k], t, depth));
  });
  flush();
  return out;
}

/** One changed record: nested structs and equal-length lists opened up, anything else as -/+ lines. */
function changeLines(types: GoTypes, name: string, a: unknown, b: unknown, t: FieldType, depth: number): Line[] {
  const elem: FieldType = { goType: t.goType.replace(/^\[\]/, ''), def: t.def };
  if (isObj(a) && isObj(b) && !t.goType.startsWith('map[')) {
    return [{ mark: ' ', depth, text: `${name}: ${coreType(t.goType)}{` }, ...structLines(types, a, b, t.def, depth + 1), { mark: ' ', depth, text: '},' }];
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every(isObj)) {
    const lines: Line[] = [{ mark: ' ', depth, text: `${name}: ${coreType(t.goType)}{` }];
    let identical = 0;
    const flush = () => {
      if (identical) lines.push({ mark: ' ', depth: depth + 1, text: `... // ${identical} identical element${identical === 1 ? '' : 's'}` });
      identical = 0;
    };
    a.forEach((x, i) => {
      if (sameJson(x, b[i])) return void identical++;
      flush();
      lines.push({ mark: ' ', depth: depth + 1, text: '{' }, ...structLines(types, x as Obj, b[i] as Obj, elem.def, depth + 2), { mark: ' ', depth: depth + 1, text: '},' });
    });
    flush();
    return [...lines, { mark: ' ', depth, text: '},' }];
  }
  const lines: Line[] = [];
  lines.push({ mark: '-', depth, name, text: `${a === undefined ? zero(b) : compact(types, a, t)},` });
  lines.push({ mark: '+', depth, name, text: `${b === undefined ? zero(a) : compact(types, b, t)},` });
  return lines;
}

/** Names of consecutive one-line records padded to one column, as gofmt aligns struct literals. */
function render(lines: Line[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j < lines.length && lines[j].name !== undefined && lines[j].depth === lines[i].depth) j++;
    if (j === i) {
      const l = lines[i++];
      out.push(`${l.mark} ${'\t'.repeat(l.depth)}${l.text}`);
      continue;
    }
    const width = Math.max(...lines.slice(i, j).map((l) => l.name!.length + 1));
    for (const l of lines.slice(i, j)) out.push(`${l.mark} ${'\t'.repeat(l.depth)}${`${l.name}:`.padEnd(width + 1)}${l.text}`);
    i = j;
  }
  return out.join('\n');
}

/** The diff of two pod specs as cmp.Diff shows it (see the header for how close it comes). */
export function specDiff(old: Obj, next: Obj, types: GoTypes): string {
  return render([{ mark: ' ', depth: 0, text: 'core.PodSpec{' }, ...structLines(types, old, next, 'core.v1.PodSpec', 1), { mark: ' ', depth: 0, text: '}' }]) + '\n';
}

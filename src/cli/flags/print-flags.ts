// -o: which printer, kubectl's PrintFlags. Tables, yaml, json, name, jsonpath and custom-columns.
import type { ResourceType } from '../../api/scheme.js';
import type { KubeObject } from '../../api/types.js';
import { readFileSync } from 'node:fs';
import { SvcctlError } from '../../errors.js';
import { buildTable } from '../../printers/columns/index.js';
import { printJson, printTypedJson } from '../../printers/json.js';
import { inStructOrder } from '../../printers/struct-order.js';
import { printTable } from '../../printers/table.js';
import { printNames } from '../../printers/name.js';
import { printYaml } from '../../printers/yaml.js';

export type OutputKind = 'table' | 'wide' | 'yaml' | 'json' | 'name' | 'jsonpath' | 'custom-columns';

export interface OutputSpec {
  kind: OutputKind;
  /** The template of jsonpath= / custom-columns=. */
  arg?: string;
}

const ALLOWED = ['json', 'yaml', 'name', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'custom-columns', 'custom-columns-file', 'wide'];

/** Parses -o as kubectl's `get` accepts it; an unknown format is kubectl's error. */
export function parseOutput(o: string | undefined): OutputSpec {
  if (o === undefined || o === '') return { kind: 'table' };
  const eq = o.indexOf('=');
  const name = eq < 0 ? o : o.slice(0, eq);
  const arg = eq < 0 ? undefined : o.slice(eq + 1);
  switch (name) {
    case 'wide':
    case 'yaml':
    case 'json':
    case 'name':
      return { kind: name };
    case 'jsonpath':
    case 'custom-columns':
      // JSONPathPrintFlags and CustomColumnsPrintFlags word it each their own way.
      if (!arg) throw SvcctlError.plain(name === 'jsonpath' ? 'template format specified but no template given' : 'custom-columns format specified but no custom columns given');
      return { kind: name, arg };
    case 'jsonpath-file':
      return { kind: 'jsonpath', arg: readTemplateFile(arg).trimEnd() };
    case 'custom-columns-file':
      return { kind: 'custom-columns', arg: customColumnsFromFile(readTemplateFile(arg)) };
  }
  throw unsupportedOrUnknown(name, o, ALLOWED);
}

/** Formats kubectl accepts that svcctl has no printer for (Go templates, JSONPath results as JSON). */
const NOT_IMPLEMENTED = new Set(['go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath-as-json']);

function unsupportedOrUnknown(name: string, o: string, allowed: string[]): SvcctlError {
  if (NOT_IMPLEMENTED.has(name)) return SvcctlError.plain(`svcctl does not support the ${name} output format; use -o jsonpath=... or -o json`);
  return SvcctlError.plain(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${allowed.join(',')}`);
}

/**
 * kubectl's custom-columns file: a line of headers and a line of field specs, both split on
 * white space, become the `NAME:.path,...` form.
 */
function customColumnsFromFile(text: string): string {
  const [headers, paths] = text.split('\n').map((l) => l.trim().split(/\s+/).filter(Boolean));
  if (!headers?.length || headers.length !== paths?.length) {
    throw SvcctlError.plain(`expected the same number of headers and field specs, got ${headers?.length ?? 0} and ${paths?.length ?? 0}`);
  }
  return headers.map((h, i) => `${h}:${paths[i]}`).join(',');
}

function readTemplateFile(path: string | undefined): string {
  if (!path) throw SvcctlError.plain('template file not specified');
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw SvcctlError.plain(`error reading template ${path}, open ${path}: no such file or directory`);
  }
}

/** What create, apply, run and expose accept for -o (kubectl's PrintFlags without tables). */
const OBJECT_FORMATS = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'yaml'];

/**
 * For commands that print the objects they wrote (apply/create -o): a printer of the allowed
 * formats, or undefined for the default `kind/name verb` lines. Each object is printed on its own,
 * as kubectl prints each one it wrote (a JSONPath template runs once per object).
 */
export async function objectPrinter(o: string | undefined, opts: { typed?: boolean } = {}): Promise<((objs: KubeObject[]) => string) | undefined> {
  if (o === undefined || o === '') return undefined;
  const eq = o.indexOf('=');
  const name = eq < 0 ? o : o.slice(0, eq);
  if (!OBJECT_FORMATS.includes(name)) throw unsupportedOrUnknown(name, o, OBJECT_FORMATS);
  if (name === 'jsonpath' || name === 'jsonpath-file') {
    const template = parseOutput(o).arg!;
    const { executeJsonPath } = await import('../../printers/jsonpath.js');
    return (objs) => objs.map((x) => jsonPath(executeJsonPath, template, x)).join('');
  }
  if (name === 'yaml') return (objs) => objs.map((x, i) => (i ? '---\n' : '') + printYaml([x], true)).join('');
  // Objects kubectl builds from Go structs print their JSON in struct field order.
  if (name === 'json' && opts.typed) return (objs) => objs.map((x) => printTypedJson(inStructOrder(x))).join('');
  if (name === 'json') return (objs) => printJson(objs, objs.length === 1);
  if (name === 'name') return (objs) => printNames(objs);
  throw unsupportedOrUnknown(name, o, OBJECT_FORMATS);
}

export interface PrintContext {
  now: Date;
  /** One object asked for by name: yaml/json print it bare, not as a List. */
  single: boolean;
  withNamespace: boolean;
  kindPrefix: boolean;
  flags: { showLabels?: boolean; headers?: boolean; labelColumns?: string[]; sortBy?: string };
}

/** Renders the result of a `get` in the chosen format (the JSONPath engine loads only when used). */
export async function printObjects(
  spec: OutputSpec,
  groups: { type: ResourceType; objects: KubeObject[] }[],
  pc: PrintContext,
): Promise<string> {
  const needsJsonPath = Boolean(pc.flags.sortBy) || spec.kind === 'jsonpath' || spec.kind === 'custom-columns';
  const jp = needsJsonPath ? await import('../../printers/jsonpath.js') : undefined;
  const sortBy = (objs: KubeObject[]) => (pc.flags.sortBy && jp ? sortByJsonPath(jp.executeJsonPath, objs, pc.flags.sortBy) : objs);
  const all = sortBy(groups.flatMap((g) => g.objects));
  switch (spec.kind) {
    case 'yaml':
      return printYaml(all, pc.single);
    case 'json':
      return printJson(all, pc.single);
    case 'name':
      return printNames(all);
    case 'jsonpath': {
      const { asList } = await import('../../printers/json.js');
      return jsonPath(jp!.executeJsonPath, spec.arg!, pc.single && all.length === 1 ? all[0] : asList(all));
    }
    case 'custom-columns': {
      const { printCustomColumns } = await import('../../printers/custom-columns.js');
      return printCustomColumns(spec.arg!, all, pc.flags.headers === false);
    }
    default:
      return printTables(spec, groups.map((g) => ({ ...g, objects: sortBy(g.objects) })), pc);
  }
}

function printTables(spec: OutputSpec, groups: { type: ResourceType; objects: KubeObject[] }[], pc: PrintContext): string {
  const tables = groups.map((g) => buildTable(g.type.kind, g.objects, pc.now));
  return printTable(tables, {
    wide: spec.kind === 'wide',
    noHeaders: pc.flags.headers === false,
    showLabels: pc.flags.showLabels,
    labelColumns: (pc.flags.labelColumns ?? []).flatMap((l) => l.split(',')),
    withNamespace: pc.withNamespace,
    kindPrefix: pc.kindPrefix,
  });
}

type ExecuteJsonPath = (template: string, data: unknown) => string;

function jsonPath(execute: ExecuteJsonPath, template: string, data: unknown): string {
  try {
    return execute(template, data);
  } catch (err) {
    throw SvcctlError.plain((err as Error).message);
  }
}

/** --sort-by: kubectl's `{.metadata.name}` or `.metadata.name`; numbers compare as numbers. */
function sortByJsonPath(execute: ExecuteJsonPath, objects: KubeObject[], expr: string): KubeObject[] {
  const template = expr.startsWith('{') ? expr : `{${expr}}`;
  const keyed = objects.map((o) => ({ o, k: jsonPath(execute, template, o) }));
  const numeric = keyed.every(({ k }) => k !== '' && !Number.isNaN(Number(k)));
  keyed.sort((a, b) => (numeric ? Number(a.k) - Number(b.k) : a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map(({ o }) => o);
}

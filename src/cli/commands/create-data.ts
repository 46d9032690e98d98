// `svcctl create configmap NAME` and `svcctl create secret generic NAME`, from --from-literal and
// --from-file (files, or every regular file of a directory), as kubectl builds them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { resourceByKind } from '../../api/scheme.js';
import type { KubeObject } from '../../api/types.js';
import { regexError } from '../../api/validation/names.js';
import { openEngine, write } from '../../engine.js';
import { SvcctlError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { parseDryRun } from '../flags/dry-run.js';
import { objectPrinter } from '../flags/print-flags.js';
import { dryRunSuffix, nameFromArgs } from './create-service.js';

export interface CreateDataFlags {
  fromLiteral?: string[];
  fromFile?: string[];
  type?: string;
  output?: string;
  dryRun?: string | boolean;
}

/** validation.IsConfigMapKey: the key rules configmaps and secrets share. */
export function configMapKeyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name'));
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** util.ParseLiteralSource: `key=value`, the value may hold `=`. */
function literal(source: string): [string, string] {
  const at = source.indexOf('=');
  if (at <= 0) throw SvcctlError.plain(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, at), source.slice(at + 1)];
}

/** util.ParseFileSource: `path` (its base name is the key) or `key=path`. */
function fileSource(source: string): [string, string] {
  const n = source.split('=').length - 1;
  if (n === 0) return [basename(source), source];
  if (n > 1) throw SvcctlError.plain("key names or file paths cannot contain '='");
  if (source.startsWith('=')) throw SvcctlError.plain(`key name for file path ${source.slice(1)} missing`);
  if (source.endsWith('=')) throw SvcctlError.plain(`file path for key name ${source.slice(0, -1)} missing`);
  const [key, path] = source.split('=');
  return [key, path];
}

/** Each file source as (key, path), directories expanded to their regular files; paths from `cwd`. */
function files(sources: string[], cwd: string): [string, string][] {
  const out: [string, string][] = [];
  for (const source of sources) {
    const [key, given] = fileSource(source);
    const path = resolve(cwd, given);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw SvcctlError.plain(`error reading ${given}: ${e.code === 'ENOENT' ? 'no such file or directory' : e.message}`);
    }
    if (!isDir) out.push([key, path]);
    else {
      if (source.includes('=')) throw SvcctlError.plain('cannot give a key name for a directory path');
      for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (entry.isFile()) out.push([entry.name, join(path, entry.name)]);
      }
    }
  }
  return out;
}

const isUtf8 = (b: Buffer): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};

/** createConfigMap: files first, then literals; text in data, other bytes in binaryData. */
export function buildConfigMap(name: string, flags: CreateDataFlags, cwd: string, namespace?: string): KubeObject {
  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  const add = (key: string, value: string | Buffer) => {
    const errs = configMapKeyErrors(key);
    if (errs.length) throw SvcctlError.plain(`${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`);
    if (key in data) throw SvcctlError.plain(`cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`);
    if (key in binaryData) throw SvcctlError.plain(`cannot add key ${JSON.stringify(key)}, another key by that name already exists in BinaryData for ConfigMap ${JSON.stringify(name)}`);
    if (typeof value === 'string') data[key] = value;
    else if (isUtf8(value)) data[key] = value.toString('utf8');
    else binaryData[key] = value.toString('base64');
  };
  for (const [key, path] of files(flags.fromFile ?? [], cwd)) add(key, readFileSync(path));
  for (const source of flags.fromLiteral ?? []) add(...literal(source));
  return {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: { name, ...(namespace ? { namespace } : {}), creationTimestamp: null as unknown as string },
    ...(Object.keys(data).length ? { data } : {}),
    ...(Object.keys(binaryData).length ? { binaryData } : {}),
  };
}

/** createSecretGeneric: files first, then literals, every value base64 in data. */
export function buildSecret(name: string, flags: CreateDataFlags, cwd: string, namespace?: string): KubeObject {
  const data: Record<string, string> = {};
  const add = (key: string, value: Buffer) => {
    const errs = configMapKeyErrors(key);
    if (errs.length) throw SvcctlError.plain(`${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(';')}`);
    if (key in data) throw SvcctlError.plain(`cannot add key ${key}, another key by that name already exists`);
    data[key] = value.toString('base64');
  };
  for (const [key, path] of files(flags.fromFile ?? [], cwd)) add(key, readFileSync(path));
  for (const source of flags.fromLiteral ?? []) {
    const [key, value] = literal(source);
    add(key, Buffer.from(value, 'utf8'));
  }
  return {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: { name, ...(namespace ? { namespace } : {}), creationTimestamp: null as unknown as string },
    ...(Object.keys(data).length ? { data } : {}),
    ...(flags.type ? { type: flags.type } : {}),
  };
}

export async function runCreateData(ctx: CommandContext, kind: 'ConfigMap' | 'Secret', args: string[], flags: CreateDataFlags): Promise<number> {
  const path = kind === 'ConfigMap' ? 'svcctl create configmap' : 'svcctl create secret generic';
  const name = nameFromArgs(args, path);
  const dryRun = parseDryRun(flags.dryRun);
  const printer = await objectPrinter(flags.output, { typed: true });
  const namespace = ctx.explicitNamespace ? ctx.namespace : undefined;
  let obj = kind === 'ConfigMap' ? buildConfigMap(name, flags, ctx.io.cwd, namespace) : buildSecret(name, flags, ctx.io.cwd, namespace);
  if (dryRun !== 'client') {
    const input = structuredClone(obj);
    input.metadata.namespace = ctx.namespace;
    delete (input.metadata as { creationTimestamp?: unknown }).creationTimestamp;
    const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
    obj = await write(engine, (reg) => reg.create(resourceByKind(kind)!, input), { dryRun: dryRun === 'server' });
  }
  if (printer) ctx.io.stdout.write(printer([obj]));
  else ctx.io.stdout.write(`${kind.toLowerCase()}/${name} created${dryRunSuffix(dryRun)}\n`);
  return 0;
}

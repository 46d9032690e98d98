// `svcctl edit TYPE NAME...`: kubectl edit. The objects go to a temporary YAML file (a List when
// there are several) under kubectl's header, the editor from KUBE_EDITOR or EDITOR (else vi) opens
// it, and what changed is patched onto the stored objects through the apiserver's update path. A
// refused change reopens the file with the reasons at the top, as kubectl does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fieldErrorString } from '../../api/field.js';
import { qualifiedResource, qualifiedSingular, resourceForKind } from '../../api/scheme.js';
import type { KubeObject } from '../../api/types.js';
import { jsonEqual, threeWayMerge } from '../../apply/merge.js';
import { openEngine, write } from '../../engine.js';
import { SvcctlError } from '../../errors.js';
import { marshalGoYaml } from '../../printers/yaml.js';
import { typePrefix, objectKey } from '../../store/keys.js';
import type { CommandContext } from '../context.js';
import { parseGetArgs } from './get.js';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** Why the file is reopened: a head line and its causes, printed as comments under the header. */
interface Reason {
  head: string;
  causes: string[];
}

/** hashOnLineBreak: every line of a multi-line reason stays a comment. */
const commented = (s: string): string => s.replace(/\n(?!#)/g, '\n# ');

function header(reasons: Reason[]): string {
  let t = HEADER;
  for (const r of reasons) {
    t += `# ${commented(r.head)}${r.causes.length ? ':' : ''}\n`;
    for (const c of r.causes) t += `# * ${commented(c)}\n`;
    t += '#\n';
  }
  return t;
}

/** cmdutil.ManualStrip: the file without its comment lines (`#!` excepted). */
function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !(l.trim().startsWith('#') && !l.trim().startsWith('#!')))
    .join('\n');
}

/** hasLines: any line that is neither blank nor a comment. */
const hasLines = (text: string): boolean => text.split('\n').some((l) => l.trim() && !l.trim().startsWith('#'));

/** The editor command as kubectl builds it: a bare command, a space-split one, or one run by the shell. */
function launch(ctx: CommandContext, file: string): void {
  const env = ctx.io.env;
  const editor = env.KUBE_EDITOR || env.EDITOR || 'vi';
  let command: string;
  let args: string[];
  if (!editor.includes(' ')) [command, args] = [editor, [file]];
  else if (!/["'\\]/.test(editor)) [command, ...args] = [...editor.split(' '), file];
  else [command, args] = [env.SHELL || '/bin/bash', ['-c', `${editor} ${JSON.stringify(file)}`]];
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.error) throw SvcctlError.plain(`unable to launch the editor "${editor}"`);
  if (r.status !== 0) throw SvcctlError.plain(`there was a problem with the editor "${editor}"`);
}

export async function runEdit(ctx: CommandContext, args: string[]): Promise<number> {
  if (!args.length) throw SvcctlError.plain('You must provide one or more resources by argument or filename.');
  const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  const originals: KubeObject[] = [];
  for (const { type, names } of parseGetArgs(args)) {
    const ns = type.namespaced ? ctx.namespace : undefined;
    if (!names.length) originals.push(...(await engine.store.list(typePrefix(type, ns))));
    for (const name of names) {
      const obj = await engine.store.get(objectKey(type, ns, name));
      if (!obj) throw SvcctlError.notFound(qualifiedResource(type), name);
      originals.push(obj);
    }
  }
  if (!originals.length) throw SvcctlError.plain('edit cancelled, no objects found');
  const shown = originals.length === 1 ? originals[0] : { apiVersion: 'v1', items: originals, kind: 'List', metadata: {} };
  const original = header([]) + marshalGoYaml(shown);

  const dir = mkdtempSync(join(tmpdir(), 'svcctl-edit-'));
  const file = join(dir, 'edit.yaml');
  const keep = () => ctx.io.stderr.write(`A copy of your changes has been stored to ${JSON.stringify(file)}\n`);
  let buffer = original;
  let edited = '';
  let retrying = false;
  for (;;) {
    writeFileSync(file, buffer);
    const before = edited;
    launch(ctx, file);
    edited = readFileSync(file, 'utf8');
    if (retrying && stripComments(before) === stripComments(edited)) {
      keep();
      throw SvcctlError.plain('Edit cancelled, no valid changes were saved.');
    }
    if (stripComments(original) === stripComments(edited)) {
      rmSync(dir, { recursive: true, force: true });
      ctx.io.stderr.write('Edit cancelled, no changes made.\n');
      return 0;
    }
    if (!hasLines(edited)) {
      rmSync(dir, { recursive: true, force: true });
      ctx.io.stderr.write('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    let objects: KubeObject[];
    try {
      objects = parseEdited(edited);
    } catch (err) {
      retrying = true;
      buffer = header([{ head: `The edited file had a syntax error: ${(err as Error).message}`, causes: [] }]) + stripComments(edited);
      continue;
    }
    const reasons: Reason[] = [];
    for (const next of objects) {
      const before = originals.find((o) => o.metadata.uid === next.metadata?.uid);
      if (!before) {
        keep();
        throw SvcctlError.plain(`no original object found for ${next.kind ?? ''} "${next.metadata?.name ?? ''}"`);
      }
      const type = resourceForKind(before.apiVersion, before.kind)!;
      if (jsonEqual(before, next)) {
        ctx.io.stdout.write(`${qualifiedSingular(type)}/${before.metadata.name} skipped\n`);
        continue;
      }
      if (next.apiVersion !== before.apiVersion || next.kind !== before.kind || next.metadata?.name !== before.metadata.name) {
        keep();
        throw SvcctlError.plain('At least one of apiVersion, kind and name was changed');
      }
      try {
        await write(engine, async (reg) => {
          const current = await reg.get(type, before.metadata.namespace, before.metadata.name!);
          if (!current) throw SvcctlError.notFound(qualifiedResource(type), before.metadata.name!);
          // The change made in the editor, laid over the object as stored now.
          return reg.update(type, threeWayMerge(before, next, current) as KubeObject);
        });
        ctx.io.stdout.write(`${qualifiedSingular(type)}/${before.metadata.name} edited\n`);
      } catch (err) {
        if (!(err instanceof SvcctlError)) throw err;
        const what = `${qualifiedResource(type)} ${JSON.stringify(before.metadata.name)}`;
        if (err.reason === 'Invalid') {
          ctx.io.stderr.write(`error: ${what} is invalid\n`);
          reasons.push({ head: `${what} was not valid`, causes: err.causes.map(fieldErrorString) });
        } else if (err.reason === 'NotFound') {
          ctx.io.stderr.write(`error: ${what} could not be found on the server\n`);
          ctx.io.stderr.write(`The edits you made on deleted resources have been saved to ${JSON.stringify(file)}\n`);
          return 1;
        } else {
          ctx.io.stderr.write(`error: ${what} could not be patched: ${err.message}\n`);
          ctx.io.stderr.write(`You can run \`svcctl replace -f ${file}\` to try this update again.\n`);
          return 1;
        }
      }
    }
    if (!reasons.length) {
      rmSync(dir, { recursive: true, force: true });
      return 0;
    }
    retrying = true;
    buffer = header(reasons) + stripComments(edited);
  }
}

/** The objects of the edited file, a List's items one by one. */
function parseEdited(text: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(stripComments(text))) {
    if (doc.errors.length) throw new Error(doc.errors[0].message.split('\n')[0]);
    const v = doc.toJS() as KubeObject | null;
    if (!v) continue;
    if (v.kind === 'List' && Array.isArray((v as { items?: unknown }).items)) out.push(...((v as unknown as { items: KubeObject[] }).items));
    else out.push(v);
  }
  return out;
}

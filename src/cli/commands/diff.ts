// `svcctl diff -f FILES`: kubectl diff. Each object as stored (LIVE) and as apply would store it
// (MERGED, from a server-side dry run), as YAML files in two temporary directories, compared by
// `diff -u -N` (or KUBECTL_EXTERNAL_DIFF). Exit 0: no differences; 1: differences; 2 and up: an error.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resourceForKind } from '../../api/scheme.js';
import type { KubeObject } from '../../api/types.js';
import { openEngine } from '../../engine.js';
import { formatError, SvcctlError } from '../../errors.js';
import { marshalGoYaml } from '../../printers/yaml.js';
import { objectKey } from '../../store/keys.js';
import type { CommandContext } from '../context.js';
import { loadManifests, requireFilenames } from '../flags/filenames.js';
import { applyOne } from './apply.js';
import { resolveNamespace } from './object-input.js';

const MASK = '***';

/** Masker: a Secret's values never reach the diff; one that changed is marked before/after. */
function maskSecrets(live: KubeObject | undefined, merged: KubeObject): [KubeObject | undefined, KubeObject] {
  if (merged.kind !== 'Secret') return [live, merged];
  const from = { ...((live as { data?: Record<string, string> } | undefined)?.data ?? {}) };
  const to = { ...((merged as { data?: Record<string, string> }).data ?? {}) };
  for (const k of Object.keys(from)) {
    if (k in to) to[k] = to[k] === from[k] ? MASK : `${MASK} (after)`;
    from[k] = k in to && to[k] !== MASK ? `${MASK} (before)` : MASK;
  }
  for (const k of Object.keys(to)) if (!(k in from)) to[k] = MASK;
  const withData = (o: KubeObject, data: Record<string, string>) => ((o as { data?: unknown }).data === undefined ? o : { ...o, data });
  return [live && withData(live, from), withData(merged, to)];
}

/** `apps.v1.Deployment.default.web`: InfoObject.Name. */
function fileName(obj: KubeObject): string {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  return `${group ? `${group}.` : ''}${version}.${obj.kind}.${obj.metadata.namespace ?? ''}.${obj.metadata.name ?? ''}`;
}

/** The diff program and its arguments: KUBECTL_EXTERNAL_DIFF's command and plain flags, else `diff -u -N`. */
function diffCommand(env: Record<string, string | undefined>, from: string, to: string): [string, string[]] {
  const external = env.KUBECTL_EXTERNAL_DIFF;
  if (!external) return ['diff', ['-u', '-N', from, to]];
  const [cmd, ...flags] = external.split(' ');
  return [cmd, [from, to, ...flags.filter((f) => /^[a-zA-Z0-9-=]+$/.test(f))]];
}

export async function runDiff(ctx: CommandContext, flags: { filename?: string[]; recursive?: boolean }): Promise<number> {
  const filenames = requireFilenames(flags.filename);
  const { docs, errors } = await loadManifests(ctx, filenames, flags.recursive);
  const engine = await openEngine(await ctx.openStore(), ctx.now, ctx.random);
  const live = mkdtempSync(join(tmpdir(), 'LIVE-'));
  const merged = mkdtempSync(join(tmpdir(), 'MERGED-'));
  try {
    for (const doc of docs) {
      try {
        if (doc.error) throw doc.error;
        const { obj } = await applyOne(ctx, engine, doc, 'server');
        const type = resourceForKind(obj.apiVersion, obj.kind)!;
        const input = structuredClone(doc.object!);
        resolveNamespace(ctx, type, input);
        const stored = await engine.store.get(objectKey(type, input.metadata.namespace, input.metadata.name ?? ''));
        const [before, after] = maskSecrets(stored, obj);
        if (before) writeFileSync(join(live, fileName(before)), marshalGoYaml(before));
        writeFileSync(join(merged, fileName(after)), marshalGoYaml(after));
      } catch (err) {
        errors.push(err instanceof SvcctlError ? err : SvcctlError.internal(String(err)));
      }
    }
    if (errors.length) {
      for (const err of errors) ctx.io.stderr.write(formatError(err));
      return 2;
    }
    const [cmd, args] = diffCommand(ctx.io.env, live, merged);
    const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...ctx.io.env } });
    if (r.error) {
      ctx.io.stderr.write(`error: failed to run "${cmd}": executable file not found in $PATH\n`);
      return 2;
    }
    ctx.io.stdout.write(r.stdout);
    ctx.io.stderr.write(r.stderr);
    // diff's own status: 1 means differences were found.
    return r.status ?? 2;
  } finally {
    rmSync(live, { recursive: true, force: true });
    rmSync(merged, { recursive: true, force: true });
  }
}

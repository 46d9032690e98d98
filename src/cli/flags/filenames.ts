// kubectl's FilenameParam: -f FILE|DIR|- (repeatable) and -R, expanded and decoded per document.
import type { DecodedDoc } from '../../api/decode.js';
import { SvcctlError } from '../../errors.js';
import type { CommandContext } from '../context.js';

export interface LoadedManifests {
  docs: DecodedDoc[];
  /** Files that could not be read at all (each a one-line error). */
  errors: SvcctlError[];
}

/** Reads and decodes every document of every -f source; failures are collected, not thrown. */
export async function loadManifests(ctx: CommandContext, filenames: string[], recursive = false): Promise<LoadedManifests> {
  const { expandFilenames, readSource } = await import('../../api/files.js');
  // Same objects, errors and positions as decodeManifests (positions worked out only when asked).
  const { decodeManifestsFast } = await import('../../api/fast-decode.js');
  const { resolve } = await import('node:path');
  const display = new Map<string, string>();
  const files: string[] = [];
  // Every path must exist before anything is applied, as kubectl's builder checks them first.
  for (const f of filenames) {
    const abs = f === '-' ? f : resolve(ctx.io.cwd, f);
    display.set(abs, f);
    try {
      files.push(...(await expandFilenames([abs], { recursive })));
    } catch (err) {
      if (err instanceof SvcctlError && /does not exist/.test(err.message)) {
        throw SvcctlError.plain(`the path "${f}" does not exist`);
      }
      throw err;
    }
  }
  const docs: DecodedDoc[] = [];
  const errors: SvcctlError[] = [];
  for (const file of files) {
    // Messages name files as the user wrote them (relative stays relative).
    const shown = display.get(file) ?? relativeTo(ctx.io.cwd, file);
    try {
      const text = await readSource(file, file === '-' ? stdinIterable(ctx) : undefined);
      docs.push(...decodeManifestsFast(text, file === '-' ? 'STDIN' : shown));
    } catch (err) {
      errors.push(err instanceof SvcctlError ? err : SvcctlError.plain(String((err as Error).message ?? err)));
    }
  }
  return { docs, errors };
}

function relativeTo(cwd: string, file: string): string {
  return file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
}

async function* stdinIterable(ctx: CommandContext): AsyncIterable<string> {
  yield await ctx.io.readStdin();
}

/** kubectl's `error: must specify one of -f and -k` when no -f was given. */
export function requireFilenames(filenames: string[] | undefined): string[] {
  if (!filenames?.length) throw SvcctlError.plain('must specify one of -f and -k');
  return filenames;
}

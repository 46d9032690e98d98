// Files named by -f, read and decoded; what could not be read becomes a finding, not an exception.
import { resolve } from 'node:path';
import type { DecodedDoc } from '../api/decode.js';
import { decodeManifestsFast } from '../api/fast-decode.js';
import { type StdinSource, expandFilenames, readSource } from '../api/files.js';
import { SvcctlError } from '../errors.js';

export interface LoadedInput {
  docs: DecodedDoc[];
  /** Files in the order read, as displayed (relative to the working directory when under it). */
  files: string[];
  /** Files that could not be read at all. */
  unreadable: { file: string; message: string }[];
}

/** Expands `paths` as apply does, reads each file and decodes its documents. Throws only for a missing path. */
export async function loadInput(paths: string[], opts: { recursive?: boolean; cwd: string; stdin?: StdinSource }): Promise<LoadedInput> {
  const abs = paths.map((p) => (p === '-' ? p : resolve(opts.cwd, p)));
  const given = new Map(abs.map((a, i) => [a, paths[i]]));
  const expanded = await expandFilenames(abs, { recursive: opts.recursive });
  const out: LoadedInput = { docs: [], files: [], unreadable: [] };
  for (const file of expanded) {
    const shown = file === '-' ? 'STDIN' : displayName(opts.cwd, file, given.get(file));
    out.files.push(shown);
    try {
      const text = await readSource(file, file === '-' ? opts.stdin : undefined);
      out.docs.push(...decodeManifestsFast(text, shown));
    } catch (err) {
      const message = err instanceof SvcctlError ? err.message : String((err as Error)?.message ?? err);
      out.unreadable.push({ file: shown, message: message.split(file).join(shown) });
    }
  }
  return out;
}

/** Paths under the working directory are shown relative to it, so reports are stable across machines. */
function displayName(cwd: string, file: string, given: string | undefined): string {
  if (file.startsWith(`${cwd}/`)) return file.slice(cwd.length + 1);
  return given ?? file;
}

// Which files `-f` names and how their text is read, after kubectl's FilenameParam / FileVisitor.
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SvcctlError } from '../errors.js';

/** kubectl's resource.FileExtensions: the only files a directory contributes. */
export const MANIFEST_EXTENSIONS = ['.json', '.yaml', '.yml'];

/** Refuse anything bigger: no real manifest is this large, and we hold the text in memory. */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

export interface ExpandOptions {
  recursive?: boolean;
}

/**
 * Expands `-f` arguments into the files to read, in kubectl's order: each argument in turn; a
 * directory contributes its `.json/.yaml/.yml` files in lexical order (walk order, so with
 * `recursive` a subdirectory's files come where its name sorts); a named file is taken whatever its
 * extension; `-` stays `-` (stdin). Throws `the path "x" does not exist` for a missing path.
 */
export async function expandFilenames(paths: string[], opts: ExpandOptions = {}): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    if (p === '-') {
      out.push('-');
      continue;
    }
    const st = statOrUndefined(p);
    if (!st) throw SvcctlError.plain(`the path "${p}" does not exist`);
    if (st.isDirectory()) await walk(p, !!opts.recursive, out);
    else out.push(p);
  }
  return out;
}

// Files are listed and read synchronously: a CLI has nothing else to do meanwhile, and a promise
// per directory entry and per file read left a large lint run waiting on the thread pool.
function statOrUndefined(p: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

async function walk(dir: string, recursive: boolean, out: string[]): Promise<void> {
  const entries = readdirSync(dir, { withFileTypes: true });
  // Go's filepath.Walk sorts by byte order, not locale order.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (recursive) await walk(full, recursive, out);
    } else if (MANIFEST_EXTENSIONS.some((ext) => e.name.endsWith(ext))) {
      out.push(full);
    }
  }
}

/** What readSource can read standard input from. */
export type StdinSource = AsyncIterable<Buffer | string>;

/**
 * The text of one manifest source (`-` reads `stdin`). Throws a one-line SvcctlError naming the
 * file when it is over 16 MiB, contains a NUL byte, or is not valid UTF-8. A leading UTF-8 BOM is
 * dropped, as the YAML decoder would ignore it.
 */
export async function readSource(path: string, stdin?: StdinSource): Promise<string> {
  const name = path === '-' ? 'STDIN' : path;
  const bytes = path === '-' ? await readStdin(stdin, name) : await readFileBounded(path);
  return decodeText(bytes, name);
}

async function readFileBounded(path: string): Promise<Buffer> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw SvcctlError.plain(`the path "${path}" does not exist`);
  }
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_SOURCE_BYTES) throw tooLarge(path, size);
    // Read one byte past the limit: the file may have grown since stat.
    // Not zero-filled: only the bytes read are used.
    const buf = Buffer.allocUnsafe(Math.min(size, MAX_SOURCE_BYTES) + 1);
    let len = 0;
    for (;;) {
      const bytesRead = readSync(fd, buf, len, buf.length - len, len);
      if (bytesRead === 0) break;
      len += bytesRead;
      if (len === buf.length) break;
    }
    if (len > MAX_SOURCE_BYTES) throw tooLarge(path, len);
    return buf.subarray(0, len);
  } finally {
    closeSync(fd);
  }
}

async function readStdin(stdin: StdinSource | undefined, name: string): Promise<Buffer> {
  if (!stdin) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of stdin) {
    const b = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
    total += b.length;
    if (total > MAX_SOURCE_BYTES) throw tooLarge(name, total, true);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

function tooLarge(name: string, size: number, atLeast = false): SvcctlError {
  const mib = (size / (1024 * 1024)).toFixed(1);
  return SvcctlError.plain(
    `error reading ${name}: file is too large (${atLeast ? 'over ' : ''}${mib} MiB); the limit is 16 MiB`,
  );
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function decodeText(bytes: Buffer, name: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw SvcctlError.plain(`error reading ${name}: binary content (NUL byte at offset ${nul}), not a YAML or JSON manifest`);
  }
  // Most manifests are plain ASCII: copied byte for byte, without UTF-8 decoding.
  if (isAscii(bytes)) return bytes.toString('latin1');
  try {
    return utf8.decode(bytes);
  } catch {
    throw SvcctlError.plain(`error reading ${name}: binary content (invalid UTF-8), not a YAML or JSON manifest`);
  }
}

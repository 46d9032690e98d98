import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expandFilenames, readSource, MAX_SOURCE_BYTES } from './files.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'svcctl-files-'));
  for (const f of ['b.yaml', 'a.yml', 'c.json', 'notes.txt', 'Z.yaml']) writeFileSync(join(dir, f), 'x: 1\n');
  mkdirSync(join(dir, 'b'));
  writeFileSync(join(dir, 'b', 'inner.yaml'), 'x: 1\n');
  mkdirSync(join(dir, 'b', 'deeper'));
  writeFileSync(join(dir, 'b', 'deeper', 'z.yaml'), 'x: 1\n');
  writeFileSync(join(dir, 'plain.txt'), 'x: 1\n');
  writeFileSync(join(dir, 'nul.yaml'), Buffer.from('a: \u0000\n', 'latin1'));
  writeFileSync(join(dir, 'latin1.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
  writeFileSync(join(dir, 'bom.yaml'), Buffer.from('\ufeffa: 1\n', 'utf8'));
  writeFileSync(join(dir, 'utf8.txt'), Buffer.from('name: caf\u00e9 \u2713 \u{1F600}\n', 'utf8'));
  writeFileSync(join(dir, 'huge.yaml'), Buffer.alloc(MAX_SOURCE_BYTES + 1, 0x20));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('expandFilenames', () => {
  const cases: { name: string; args: (d: string) => string[]; recursive?: boolean; want: (d: string) => string[] }[] = [
    {
      name: 'a directory lists manifest files in byte order, no subdirectories',
      args: (d) => [d],
      want: (d) => ['Z.yaml', 'a.yml', 'b.yaml', 'bom.yaml', 'c.json', 'huge.yaml', 'latin1.yaml', 'nul.yaml'].map((f) => join(d, f)),
    },
    {
      name: 'recursive walks subdirectories where their names sort',
      args: (d) => [join(d, 'b'), join(d, 'a.yml')],
      recursive: true,
      want: (d) => [join(d, 'b', 'deeper', 'z.yaml'), join(d, 'b', 'inner.yaml'), join(d, 'a.yml')],
    },
    { name: 'a named file is taken whatever its extension', args: (d) => [join(d, 'plain.txt')], want: (d) => [join(d, 'plain.txt')] },
    { name: 'dash is stdin', args: () => ['-'], want: () => ['-'] },
  ];
  it.each(cases)('$name', async ({ args, recursive, want }) => {
    expect(await expandFilenames(args(dir), { recursive })).toEqual(want(dir));
  });

  it('a missing path fails as kubectl does', async () => {
    await expect(expandFilenames(['nope.yaml'])).rejects.toThrow('the path "nope.yaml" does not exist');
  });
});

describe('readSource', () => {
  const cases: { name: string; file: string; want?: string; error?: (d: string) => string }[] = [
    { name: 'text file', file: 'a.yml', want: 'x: 1\n' },
    { name: 'BOM dropped', file: 'bom.yaml', want: 'a: 1\n' },
    { name: 'UTF-8 beyond ASCII decoded', file: 'utf8.txt', want: 'name: caf\u00e9 \u2713 \u{1F600}\n' },
    {
      name: 'NUL byte refused',
      file: 'nul.yaml',
      error: (d) => `error reading ${join(d, 'nul.yaml')}: binary content (NUL byte at offset 3), not a YAML or JSON manifest`,
    },
    {
      name: 'invalid UTF-8 refused',
      file: 'latin1.yaml',
      error: (d) => `error reading ${join(d, 'latin1.yaml')}: binary content (invalid UTF-8), not a YAML or JSON manifest`,
    },
    {
      name: 'over 16 MiB refused',
      file: 'huge.yaml',
      error: (d) => `error reading ${join(d, 'huge.yaml')}: file is too large (16.0 MiB); the limit is 16 MiB`,
    },
  ];
  it.each(cases)('$name', async ({ file, want, error }) => {
    const p = readSource(join(dir, file));
    if (error) await expect(p).rejects.toThrow(error(dir));
    else expect(await p).toBe(want);
  });

  it('reads stdin for -', async () => {
    expect(await readSource('-', Readable.from([Buffer.from('a: '), Buffer.from('1\n')]))).toBe('a: 1\n');
  });
  it('refuses binary stdin', async () => {
    await expect(readSource('-', Readable.from([Buffer.from([0x00])]))).rejects.toThrow(
      'error reading STDIN: binary content (NUL byte at offset 0), not a YAML or JSON manifest',
    );
  });
});

// The fast decode path reads every file exactly as decodeManifests does: same objects, same errors,
// same positions (worked out lazily), over the real corpus and the cases it hands back.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DecodedDoc, decodeManifests } from '../../src/api/decode.js';
import { decodeManifestsFast, needsExactPath } from '../../src/api/fast-decode.js';
import { seededRandom } from '../../src/allocators/random.js';
import { shared } from '../helpers/shared.js';

const root = shared('corpus', 'real');

/** What lint reads of a document: object or error, start, and where its name and first container sit. */
function view(d: DecodedDoc) {
  return {
    object: d.object,
    error: d.error?.message,
    at: `${d.line}:${d.column}`,
    name: d.locate(['metadata', 'name']),
    container: d.locate(['spec', 'template', 'spec', 'containers', 0, 'ports', 0]),
    missing: d.locate(['spec', 'nope']),
  };
}

const cases = [
  { name: 'two documents after a comment', text: '# c\napiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n' },
  { name: 'YAML 1.1 scalars', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: yes\n  b: "on"\n  c: 0755\n  d: 1_000\n  e: ~\n  f: 2025-01-01\n' },
  { name: 'markers and empty documents', text: '---\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n...\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n' },
  { name: 'a document end marker before a bare document', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n...\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n' },
  { name: 'content on the marker line', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n--- {apiVersion: v1, kind: Pod, metadata: {name: b}}\n' },
  { name: 'a duplicate key (exact path)', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n' },
  { name: 'anchors and merge keys (exact path)', text: 'apiVersion: v1\nkind: Pod\nmetadata: &m\n  name: a\nspec:\n  <<: *m\n' },
  { name: 'a List (exact path)', text: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n' },
  { name: 'missing kind (exact path)', text: 'apiVersion: v1\nmetadata:\n  name: a\n' },
  { name: 'a syntax error in the second document', text: 'apiVersion: v1\nkind: Pod\n---\na: [\n' },
  { name: 'NaN (exact path)', text: 'apiVersion: v1\nkind: Pod\nx: .nan\n' },
  { name: 'a tag (exact path)', text: 'apiVersion: v1\nkind: Pod\nx: !!str 1\ny: !Ref a\n' },
];

describe('decodeManifestsFast', () => {
  it.each(cases)('$name', ({ text }) => {
    expect(decodeManifestsFast(text, 'f.yaml').map(view)).toEqual(decodeManifests(text, 'f.yaml').map(view));
  });

  it.skipIf(!existsSync(root))('reads the real corpus as decodeManifests does', () => {
    const files = execFileSync('find', ['.', '-type', 'f', '(', '-name', '*.yaml', '-o', '-name', '*.yml', '-o', '-name', '*.json', ')'], { cwd: root })
      .toString()
      .trim()
      .split('\n');
    expect(files.length).toBeGreaterThan(200);
    for (const f of files) {
      const text = readFileSync(join(root, f), 'utf8');
      expect({ f, docs: decodeManifestsFast(text, f).map(view) }).toEqual({ f, docs: decodeManifests(text, f).map(view) });
    }
  });
});

describe('needsExactPath', () => {
  // The pattern it stands for (U+2028/U+2029 aside, which always take the exact path).
  const PATTERN = /[\t\r\uFEFF]|^%|^\s*\? |[[{]\s*[[{]|__proto__/m;

  it.each([
    { text: 'a: 1\n', want: false },
    { text: 'a:\tb\n', want: true },
    { text: 'a: 1\r\n', want: true },
    { text: '\uFEFFa: 1\n', want: true },
    { text: '%YAML 1.1\n---\na: 1\n', want: true },
    { text: 'a: 50%\n', want: false },
    { text: '? a\n: 1\n', want: true },
    { text: 'x:\n  ? a\n  : 1\n', want: true },
    { text: 'a: why? not\n', want: false },
    { text: 'a: [[1], 2]\n', want: true },
    { text: 'a: { [b]: 1 }\n', want: true },
    { text: 'a: [\n  {b: 1}]\n', want: true },
    { text: 'args: ["--port=8080", "--x"]\nb: {c: d}\n', want: false },
    { text: 'a: __proto__\n', want: true },
    { text: 'a: 1\u2028b: 2\n', want: true },
  ])('$text', ({ text, want }) => {
    expect(needsExactPath(text)).toBe(want);
  });

  it('says what the pattern says, over generated texts', () => {
    const random = seededRandom(7);
    const pieces = ['a', ': ', '\n', ' ', '  ', '? ', '?', '%', '[', '{', ']', '}', ',', '\u00a0', 'x: [', '- ', '\n? ', '\n%'];
    for (let n = 0; n < 5000; n++) {
      let text = '';
      const len = 1 + Math.floor(random() * 12);
      for (let i = 0; i < len; i++) text += pieces[Math.floor(random() * pieces.length)];
      expect({ text, got: needsExactPath(text) }).toEqual({ text, got: PATTERN.test(text) });
    }
  });
});

// The fast decode path reads every file exactly as decodeManifests does: same objects, same errors,
// same positions (worked out lazily), over the real corpus and the cases it hands back.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DecodedDoc, decodeManifests } from '../../src/api/decode.js';
import { decodeManifestsFast } from '../../src/api/fast-decode.js';
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

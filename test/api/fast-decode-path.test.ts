// The fast path really is the path taken: a plain multi-document file is read without the exact
// decoder, which then decodes only the documents whose positions are asked for.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const exact = vi.hoisted(() => ({ calls: [] as string[] }));

vi.mock('../../src/api/decode.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/api/decode.js')>();
  return {
    ...real,
    decodeManifests: (text: string, file: string) => {
      exact.calls.push(text);
      return real.decodeManifests(text, file);
    },
  };
});

const { decodeManifestsFast } = await import('../../src/api/fast-decode.js');
const { decodeManifests: exactDecode } = await import('../../src/api/decode.js');

const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels: {app: web}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    args: ["--port=8080", "--metrics-port=9090"]\n`;

describe('decodeManifestsFast takes the fast path', () => {
  beforeEach(() => {
    exact.calls = [];
  });

  it.each([
    { name: 'documents between markers', text: `${pod('a')}---\n${pod('b')}---\n${pod('c')}`, chunks: [0, 1, 2], lines: [1, 12, 23] },
    { name: 'leading marker and empty documents', text: `---\n---\n${pod('a')}---\n\n# only a comment\n---\n${pod('b')}`, chunks: [1, 3], lines: [3, 17] },
    { name: 'a document end marker before a bare document', text: `${pod('a')}...\n${pod('b')}`, chunks: [0, 1], lines: [1, 12] },
    { name: 'content on the marker line', text: `${pod('a')}--- {apiVersion: v1, kind: Pod, metadata: {name: b}}\n`, chunks: [0, 1], lines: [1, 11] },
  ])('$name', ({ text, chunks, lines }) => {
    const whole = exactDecode(text).map((d) => d.line);
    exact.calls = [];
    const docs = decodeManifestsFast(text, 'f.yaml');
    expect(exact.calls).toEqual([]);
    expect(lines).toEqual(whole);
    expect(docs.map((d) => d.docIndex)).toEqual(chunks);
    // Positions come from an exact decode of that document's own text, made on first use.
    expect(docs.map((d) => d.line)).toEqual(lines);
    expect(exact.calls).toHaveLength(docs.length);
    expect(exact.calls.every((c) => c.length < text.length)).toBe(true);
  });

  it('hands a file it cannot read alike to the exact decoder whole', () => {
    const text = `${pod('a')}---\napiVersion: v1\nkind: Pod\nmetadata: &m\n  name: b\n`;
    decodeManifestsFast(text, 'f.yaml');
    expect(exact.calls).toEqual([text]);
  });
});

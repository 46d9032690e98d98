// The shared printer examples (../shared/examples/printer/printer.json), checked at function level.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../../api/types.js';
import { buildTable } from './index.js';

interface Example {
  file: string;
  kind: string;
  columns: string[];
  row: string[];
  wideColumns: string[];
  wideRow: string[];
  ageSeconds: number;
  referenceNow: string;
}

const dir = new URL('../../../../shared/examples/printer/', import.meta.url);
const examples = JSON.parse(readFileSync(new URL('printer.json', dir), 'utf8')) as Example[];

describe('printer.json examples', () => {
  it.each(examples.map((e) => ({ ...e, name: `${e.file} ${e.kind}` })))('$name', (ex) => {
    const obj = parse(readFileSync(new URL(ex.file, dir), 'utf8')) as KubeObject;
    const now = new Date(ex.referenceNow);
    // The checker pins creationTimestamp to referenceNow - ageSeconds.
    obj.metadata.creationTimestamp = new Date(now.getTime() - ex.ageSeconds * 1000).toISOString().replace('.000Z', 'Z');
    const t = buildTable(ex.kind, [obj], now);
    const narrow = t.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.priority === 0);
    expect(narrow.map(({ c }) => c.name.toUpperCase())).toEqual(ex.columns);
    expect(narrow.map(({ i }) => String(t.rows[0][i]))).toEqual(ex.row);
    expect(t.columns.map((c) => c.name.toUpperCase())).toEqual(ex.wideColumns);
    expect(t.rows[0].map(String)).toEqual(ex.wideRow);
  });
});

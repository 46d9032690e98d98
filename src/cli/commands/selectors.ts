// -l and --field-selector as one object filter.
import { parseSelector, selectorMatches } from '../../api/labels.js';
import type { KubeObject } from '../../api/types.js';
import { SvcctlError } from '../../errors.js';

/** A predicate for `-l` (full label-selector syntax) and `--field-selector` (a=b, a==b, a!=b). */
export function selectorFilter(labelSel?: string, fieldSel?: string): (o: KubeObject) => boolean {
  let labels: ReturnType<typeof parseSelector> | undefined;
  if (labelSel !== undefined) {
    try {
      labels = parseSelector(labelSel);
    } catch (err) {
      throw SvcctlError.plain((err as Error).message);
    }
  }
  const fields = fieldSel ? parseFieldSelector(fieldSel) : [];
  return (o) =>
    (!labels || selectorMatches(labels, o.metadata?.labels)) &&
    fields.every(({ path, op, value }) => {
      const actual = String(fieldValue(o, path) ?? '');
      return op === '!=' ? actual !== value : actual === value;
    });
}

function parseFieldSelector(s: string): { path: string[]; op: string; value: string }[] {
  return s.split(',').map((term) => {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(term.trim());
    if (!m) throw SvcctlError.plain(`invalid selector: '${s}'; can't understand '${term}'`);
    return { path: m[1].split('.'), op: m[2], value: m[3] };
  });
}

function fieldValue(o: KubeObject, path: string[]): unknown {
  let cur: unknown = o;
  for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

// From a field as the apiserver names it (`spec.ports[0].port`) back to a line and column.
import type { DecodedDoc, PathSegment } from '../api/decode.js';

/**
 * Splits a field path string into segments: `spec.ports[0].port` -> ['spec','ports',0,'port'],
 * `metadata.labels[app.kubernetes.io/name]` -> ['metadata','labels','app.kubernetes.io/name'].
 */
export function fieldSegments(field: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /\[([^\]]*)\]|([^.[\]]+)/g;
  for (let m = re.exec(field); m; m = re.exec(field)) {
    if (m[1] !== undefined) out.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    else out.push(m[2]);
  }
  return out;
}

/**
 * Position of the deepest existing node along `path`: the field itself when the file has it, else
 * its nearest present parent (a missing required field points at the map that lacks it), else the
 * document's start.
 */
export function locateField(doc: DecodedDoc, path: PathSegment[]): { line: number; column: number } {
  for (let n = path.length; n > 0; n--) {
    const at = doc.locate(path.slice(0, n));
    if (at) return at;
  }
  return { line: doc.line, column: doc.column };
}

// kubectl describe's output writer: Go's text/tabwriter as describe.go's tabbedString sets it up
// (minwidth 0, padding 2, spaces). Columns align per block of consecutive lines that have a cell there.

const PADDING = 2;

/**
 * Aligns tab-separated `text` as Go's tabwriter.Init(out, 0, 8, 2, ' ', 0) + Flush would: a cell is
 * text ended by a tab; the text after a line's last tab is not aligned.
 */
export function tabbed(text: string): string {
  const lines = text.split('\n');
  const trailingNewline = lines[lines.length - 1] === '';
  if (trailingNewline) lines.pop();
  const cells = lines.map((l) => l.split('\t'));
  const out: string[] = [];
  const emit = (from: number, to: number, widths: number[]) => {
    for (let i = from; i < to; i++) {
      out.push(cells[i].map((c, j) => (j < cells[i].length - 1 && j < widths.length ? c.padEnd(widths[j]) : c)).join(''));
    }
  };
  const format = (line0: number, line1: number, widths: number[]) => {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= cells[i].length - 1) continue;
      emit(start, i, widths);
      // A block of lines with a cell in this column: one width for all of them.
      let width = 0;
      const blockStart = i;
      for (; i < line1 && column < cells[i].length - 1; i++) width = Math.max(width, cells[i][column].length + PADDING);
      format(blockStart, i, [...widths, width]);
      start = i;
      i--;
    }
    emit(start, line1, widths);
  };
  format(0, cells.length, []);
  return out.join('\n') + (trailingNewline ? '\n' : '');
}

/**
 * printLabelsMultiline: `Labels:\tk=v`, further pairs on tab-indented lines, sorted; `<none>` if
 * empty. `prefix` is what a nested PrefixWriter puts before each of its writes (kubectl writes the
 * title, the continuation indent and each pair separately, so each gets it).
 */
export function labelsMultiline(title: string, labels: Record<string, string> | undefined, prefix = ''): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return `${prefix}${title}:\t${prefix}<none>\n`;
  return keys.map((k, i) => `${i === 0 ? `${prefix}${title}:\t` : `${prefix}${prefix}\t`}${prefix}${k}=${labels![k]}\n`).join('');
}

/** maxAnnotationLen: longer annotations (key, `: ` and value) are printed on lines of their own. */
export const MAX_ANNOTATION_LENGTH = 140;

/** shorten: the first `max` bytes and `...`, past `max`. */
function shorten(s: string, max: number): string {
  const bytes = Buffer.from(s, 'utf8');
  return bytes.length > max ? `${bytes.subarray(0, max).toString('utf8')}...` : s;
}

/**
 * printAnnotationsMultiline: `key: value` lines, sorted, without kubectl's last-applied annotation.
 * A value with a newline, or one making the line longer than maxAnnotationLen, goes under `key:`
 * one line at a time, each cut to 138 bytes. `prefix` as for labelsMultiline.
 */
export function annotationsMultiline(title: string, annotations: Record<string, string> | undefined, prefix = ''): string {
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort();
  let t = `${prefix}${title}:\t`;
  if (keys.length === 0) return `${t}${prefix}<none>\n`;
  keys.forEach((k, i) => {
    if (i !== 0) t += `${prefix}\t`;
    const value = annotations![k].replace(/\n$/, '');
    if (Buffer.byteLength(value) + Buffer.byteLength(k) + 2 > MAX_ANNOTATION_LENGTH || value.includes('\n')) {
      t += `${prefix}${k}:\n`;
      for (const line of value.split('\n')) t += `${prefix}\t  ${shorten(line, MAX_ANNOTATION_LENGTH - 2)}\n`;
    } else t += `${prefix}${k}: ${value}\n`;
  });
  return t;
}

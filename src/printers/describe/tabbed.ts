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

/** printLabelsMultiline: `Labels:\tk=v`, further pairs on tab-indented lines, sorted; `<none>` if empty. */
export function labelsMultiline(title: string, labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return `${title}:\t<none>\n`;
  return keys.map((k, i) => `${i === 0 ? `${title}:` : ''}\t${k}=${labels![k]}\n`).join('');
}

/** printAnnotationsMultiline: `key: value` lines, sorted, without kubectl's last-applied annotation. */
export function annotationsMultiline(title: string, annotations: Record<string, string> | undefined): string {
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort();
  if (keys.length === 0) return `${title}:\t<none>\n`;
  return keys.map((k, i) => `${i === 0 ? `${title}:` : ''}\t${k}: ${annotations![k]}\n`).join('');
}

// A faithful port of the layout of Go's text/tabwriter (liggitt/tabwriter as kubectl configures
// it: minwidth 6, padding 3, pad char ' ', left-aligned). Each line is a list of cells; every
// cell but the last is tab-terminated and belongs to a column; the last cell is written as is.

export interface TabwriterOptions {
  minWidth: number;
  padding: number;
}

/** kubectl's GetNewTabWriter settings (cli-runtime pkg/printers/tabwriter.go). */
export const KUBECTL_TABWRITER: TabwriterOptions = { minWidth: 6, padding: 3 };

/** Width as tabwriter counts it: UTF-8 runes, i.e. code points. */
const SURROGATE = /[\uD800-\uDFFF]/;
const runeWidth = (s: string): number => (SURROGATE.test(s) ? [...s].length : s.length);

/**
 * Lays out `lines` (already split into cells) as tabwriter would for one flush and returns the
 * text, each line ending in `\n`. Column widths are max(minWidth, widest cell + padding) over
 * each block of consecutive lines that have a tab-terminated cell in that column.
 */
export function tabwrite(lines: string[][], opts: TabwriterOptions = KUBECTL_TABWRITER): string {
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i];
      let text = '';
      for (let j = 0; j < line.length; j++) {
        const cell = line[j];
        text += cell;
        if (j < widths.length) text += ' '.repeat(Math.max(0, widths[j] - runeWidth(cell)));
      }
      out.push(`${text}\n`);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue;
      // A column block starts here: flush the lines before it.
      writeLines(line0, t);
      line0 = t;
      let width = opts.minWidth;
      for (; t < line1; t++) {
        const line = lines[t];
        if (column >= line.length - 1) break;
        const w = runeWidth(line[column]) + opts.padding;
        if (w > width) width = w;
      }
      widths.push(width);
      format(line0, t);
      widths.pop();
      line0 = t;
      // The outer loop's t++ must not skip the line that ended the block.
      t--;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('');
}

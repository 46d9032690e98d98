// `-o text`: findings grouped by file, one per line, then the summary line.
import type { Finding, LintReport } from '../types.js';
import { summaryLine } from './summary.js';

export interface TextOptions {
  /** ANSI colour (a TTY without NO_COLOR: the caller decides). */
  colour?: boolean;
}

const paint = (on: boolean, code: number, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/**
 * ```
 * k8s/svc.yaml
 *   12:9  error    Service/default/web  message  [rule-id]
 *
 * Summary: ...
 * ```
 */
export function formatText(r: LintReport, opts: TextOptions = {}): string {
  const colour = !!opts.colour;
  const byFile = new Map<string, Finding[]>();
  for (const f of r.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  let out = '';
  for (const [file, list] of byFile) {
    out += `${paint(colour, 1, file)}\n`;
    const posWidth = Math.max(...list.map((f) => `${f.line}:${f.column}`.length));
    for (const f of list) {
      const pos = `${f.line}:${f.column}`.padEnd(posWidth);
      const sev = paint(colour, f.severity === 'error' ? 31 : 33, f.severity.padEnd(7));
      const obj = f.object ? `${f.object}  ` : '';
      out += `  ${pos}  ${sev}  ${obj}${f.message}  ${paint(colour, 2, `[${f.ruleId}]`)}\n`;
    }
    out += '\n';
  }
  return `${out}${summaryLine(r)}\n`;
}

// `-o github`: GitHub Actions workflow commands, one annotation per finding.
import type { LintReport } from '../types.js';

/** Workflow-command escaping of a message (`%`, CR, LF). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a property value: also `:` and `,`. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=k8s/svc.yaml,line=12,col=9::Service/default/web: message [rule-id]`, one line each. */
export function formatGithub(r: LintReport): string {
  return r.findings
    .map((f) => {
      const level = f.severity === 'error' ? 'error' : 'warning';
      const obj = f.object ? `${f.object}: ` : '';
      return `::${level} file=${escapeProperty(f.file)},line=${f.line},col=${f.column}::${escapeData(`${obj}${f.message} [${f.ruleId}]`)}\n`;
    })
    .join('');
}

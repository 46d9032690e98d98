// `-o json`: the whole report, stable key order, two-space indent.
import type { LintReport } from '../types.js';

/** `{summary: {...}, findings: [...]}` as pretty JSON with a trailing newline. */
export function formatJson(r: LintReport): string {
  const doc = {
    kubernetesVersion: r.kubernetesVersion,
    summary: { resources: r.resources, files: r.files, valid: r.valid, invalid: r.invalid, errors: r.errors, skipped: r.skipped },
    findings: r.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      file: f.file,
      line: f.line,
      column: f.column,
      object: f.object,
      message: f.message,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

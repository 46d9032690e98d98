// The counts line every human-facing report ends with, in kubeconform's words.
import type { LintReport } from '../types.js';

/** `Summary: N resources found in M files - Valid: a, Invalid: b, Errors: c, Skipped: d` */
export function summaryLine(r: LintReport): string {
  return `Summary: ${r.resources} resource${r.resources === 1 ? '' : 's'} found in ${r.files} file${r.files === 1 ? '' : 's'} - Valid: ${r.valid}, Invalid: ${r.invalid}, Errors: ${r.errors}, Skipped: ${r.skipped}`;
}

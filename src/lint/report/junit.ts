// `-o junit`: one testsuite per file, one testcase per document, as kubeconform writes it.
import type { DocumentResult, Finding, LintReport } from '../types.js';

/** XML text escaping for attributes and character data. */
export function xmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // XML 1.0 cannot carry most control characters, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/**
 * JUnit XML shaped as kubeconform's: `<testsuites>` with a `<testsuite>` per file and a
 * `<testcase>` per document (name = the object, classname = the file), so a CI dashboard counts
 * every resource. A valid document passes; an invalid one has a `<failure>` per error finding; one
 * that could not be decoded (or a file that could not be read) has an `<error>`; a skipped one
 * `<skipped>`. Warnings go to the case's `<system-out>`. Suite and total counts are of documents.
 */
export function formatJunit(r: LintReport): string {
  const byFile = new Map<string, DocumentResult[]>();
  for (const f of r.fileNames) byFile.set(f, []);
  for (const d of r.documents) byFile.get(d.file)?.push(d);
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  let suites = '';
  for (const [file, docs] of byFile) {
    const count = (status: DocumentResult['status']) => docs.filter((d) => d.status === status).length;
    const suite = { tests: docs.length, failures: count('invalid'), errors: count('error'), skipped: count('skipped') };
    for (const k of ['tests', 'failures', 'errors', 'skipped'] as const) total[k] += suite[k];
    suites += `  <testsuite name="${xmlEscape(file)}" ${counts(suite)}>\n`;
    for (const d of docs) suites += testCase(d);
    suites += '  </testsuite>\n';
  }
  // The schema Jenkins and kubeconform follow counts skipped cases as `disabled` on <testsuites>.
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="svcctl lint" ${counts(total, 'disabled')}>\n${suites}</testsuites>\n`;
}

function counts(c: { tests: number; failures: number; errors: number; skipped: number }, skippedAs = 'skipped'): string {
  return `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" ${skippedAs}="${c.skipped}"`;
}

const located = (f: Finding) => `${f.file}:${f.line}:${f.column}: ${f.message}`;

/** One document's test case. */
function testCase(d: DocumentResult): string {
  // A document that did not decode is named by where it is.
  const name = d.object || (d.findings[0] ? `${d.file}:${d.findings[0].line}` : d.file);
  const body: string[] = [];
  if (d.status === 'skipped') body.push(`<skipped message="${xmlEscape(d.skippedBecause ?? 'skipped')}"/>`);
  for (const f of d.findings.filter((x) => x.severity === 'error')) {
    const tag = d.status === 'error' ? 'error' : 'failure';
    body.push(`<${tag} message="${xmlEscape(f.message)}" type="${xmlEscape(f.ruleId)}">${xmlEscape(located(f))}</${tag}>`);
  }
  const warnings = d.findings.filter((x) => x.severity === 'warning');
  if (warnings.length) body.push(`<system-out>${xmlEscape(warnings.map((f) => `warning ${located(f)} [${f.ruleId}]`).join('\n'))}</system-out>`);
  const open = `    <testcase name="${xmlEscape(name)}" classname="${xmlEscape(d.file)}"`;
  if (!body.length) return `${open}/>\n`;
  return `${open}>\n${body.map((line) => `      ${line}\n`).join('')}    </testcase>\n`;
}

// `-o junit`: one testsuite per file, one testcase per finding-bearing object (errors are failures).
import type { Finding, LintReport } from '../types.js';

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
 * JUnit XML: `<testsuites>` with a `<testsuite>` per file that has findings, a `<testcase>` per
 * object (classname = file), `<failure>` per error finding and warnings in `<system-out>`. Files
 * without findings get a suite with one passing case, so every file read appears.
 */
export function formatJunit(r: LintReport): string {
  const byFile = new Map<string, Finding[]>();
  for (const f of r.fileNames) byFile.set(f, []);
  for (const f of r.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const totalFailures = r.findings.filter((f) => f.severity === 'error').length;
  let suites = '';
  let totalTests = 0;
  for (const [file, list] of byFile) {
    const byObject = new Map<string, Finding[]>();
    for (const f of list) byObject.set(f.object || file, [...(byObject.get(f.object || file) ?? []), f]);
    if (byObject.size === 0) byObject.set(file, []);
    const failures = list.filter((f) => f.severity === 'error').length;
    totalTests += byObject.size;
    suites += `  <testsuite name="${xmlEscape(file)}" tests="${byObject.size}" failures="${failures}" errors="0">\n`;
    for (const [object, fs] of byObject) {
      suites += `    <testcase name="${xmlEscape(object)}" classname="${xmlEscape(file)}"`;
      if (fs.length === 0) {
        suites += '/>\n';
        continue;
      }
      suites += '>\n';
      for (const f of fs.filter((x) => x.severity === 'error')) {
        const text = `${f.file}:${f.line}:${f.column}: ${f.message}`;
        suites += `      <failure message="${xmlEscape(f.message)}" type="${xmlEscape(f.ruleId)}">${xmlEscape(text)}</failure>\n`;
      }
      const warnings = fs.filter((x) => x.severity === 'warning');
      if (warnings.length) {
        const text = warnings.map((f) => `warning ${f.file}:${f.line}:${f.column}: ${f.message} [${f.ruleId}]`).join('\n');
        suites += `      <system-out>${xmlEscape(text)}</system-out>\n`;
      }
      suites += '    </testcase>\n';
    }
    suites += '  </testsuite>\n';
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="svcctl lint" tests="${totalTests}" failures="${totalFailures}" errors="0">\n${suites}</testsuites>\n`
  );
}

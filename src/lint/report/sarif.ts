// `-o sarif`: SARIF 2.1.0, the format GitHub code scanning uploads.
import type { LintReport } from '../types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * One run, tool `svcctl`, every rule described in `tool.driver.rules`, each finding a result with
 * its ruleId/ruleIndex, level, message and one physical location (file relative, 1-based region).
 */
export function formatSarif(r: LintReport): string {
  const index = new Map(r.rules.map((rule, i) => [rule.id, i]));
  const doc = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'svcctl',
            informationUri: 'https://github.com/svcctl/svcctl',
            version: '0.1.0',
            rules: r.rules.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.description },
              defaultConfiguration: { level: rule.severity },
            })),
          },
        },
        results: r.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId) ?? -1,
          level: f.severity,
          message: { text: f.object ? `${f.object}: ${f.message}` : f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split('\\').join('/') },
                region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

// `svcctl lint`: flags -> config -> lintPaths -> one report format -> exit code. Never opens the store.
import { SvcctlError } from '../../errors.js';
import type { LintConfig } from '../../lint/config.js';
import type { LintReport } from '../../lint/types.js';
import type { CommandContext } from '../context.js';
import { useColour } from '../io.js';
import { requireFilenames } from '../flags/filenames.js';

export interface LintFlags {
  filename?: string[];
  recursive?: boolean;
  output?: string;
  disable?: string[];
  enable?: string[];
  skipKinds?: string[];
  kubernetesVersion?: string;
  rejectUnknown?: boolean;
  warningsAsErrors?: boolean;
  config?: string;
}

const FORMATS = ['text', 'json', 'junit', 'sarif', 'github'];

/** Runs lint; returns 1 when any error finding (warnings too with --warnings-as-errors) or unreadable input, else 0. */
export async function runLint(ctx: CommandContext, flags: LintFlags): Promise<number> {
  const filenames = requireFilenames(flags.filename);
  const format = flags.output ?? 'text';
  if (!FORMATS.includes(format)) {
    throw SvcctlError.plain(`unable to match a printer suitable for the output format "${format}", allowed formats are: ${FORMATS.join(',')}`);
  }
  const { findConfigFile, readConfigFile, mergeConfig } = await import('../../lint/config.js');
  const { resolve } = await import('node:path');
  const configPath = flags.config ? resolve(ctx.io.cwd, flags.config) : findConfigFile(ctx.io.cwd);
  const fromFile = configPath ? await readConfigFile(configPath) : {};
  const split = (list?: string[]) => list?.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const fromFlags: Partial<LintConfig> = {
    disable: split(flags.disable),
    enable: split(flags.enable),
    skipKinds: split(flags.skipKinds),
    kubernetesVersion: flags.kubernetesVersion?.replace(/^v/, ''),
    rejectUnknown: flags.rejectUnknown,
    warningsAsErrors: flags.warningsAsErrors,
  };
  const config = mergeConfig(fromFile, fromFlags);
  const { lintPaths } = await import('../../lint/run.js');
  // Progress for people at a terminal only: never in CI logs or redirected output.
  const tty = ctx.io.stderr.isTTY === true;
  const onProgress = tty ? (m: string) => ctx.io.stderr.write(`\r\x1b[Klint: ${m}...`) : undefined;
  const report = await lintPaths(filenames, {
    onProgress,
    recursive: flags.recursive,
    config,
    cwd: ctx.io.cwd,
    namespace: ctx.explicitNamespace ? ctx.namespace : undefined,
    stdin: (async function* () {
      yield await ctx.io.readStdin();
    })(),
  });
  if (tty) ctx.io.stderr.write('\r\x1b[K');
  ctx.io.stdout.write(await render(format, report, useColour(ctx.io)));
  return report.findings.some((f) => f.severity === 'error') || report.errors > 0 ? 1 : 0;
}

async function render(format: string, report: LintReport, colour: boolean): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../../lint/report/json.js')).formatJson(report);
    case 'junit':
      return (await import('../../lint/report/junit.js')).formatJunit(report);
    case 'sarif':
      return (await import('../../lint/report/sarif.js')).formatSarif(report);
    case 'github':
      return (await import('../../lint/report/github.js')).formatGithub(report);
    default:
      return (await import('../../lint/report/text.js')).formatText(report, { colour });
  }
}

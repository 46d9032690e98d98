// Lint settings: flags over `.svcctl-lint.yaml` (the nearest one at or above the working directory).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SvcctlError } from '../errors.js';

export const CONFIG_FILE = '.svcctl-lint.yaml';
/** The only rule set there is; other versions are accepted and recorded. */
export const DEFAULT_KUBERNETES_VERSION = '1.33';
/** Per-object opt-out: `svcctl.io/lint-disable: rule-a,rule-b` (or `all`). */
export const DISABLE_ANNOTATION = 'svcctl.io/lint-disable';

export interface LintConfig {
  disable: string[];
  enable: string[];
  skipKinds: string[];
  kubernetesVersion: string;
  rejectUnknown: boolean;
  warningsAsErrors: boolean;
  /** The config file read, if any. */
  source?: string;
}

export function defaultConfig(): LintConfig {
  return {
    disable: [],
    enable: [],
    skipKinds: [],
    kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
    rejectUnknown: false,
    warningsAsErrors: false,
  };
}

/** The nearest `.svcctl-lint.yaml` at or above `cwd`, or undefined. */
export function findConfigFile(cwd: string): string | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

const KEYS: Record<string, 'list' | 'string' | 'bool'> = {
  disable: 'list',
  enable: 'list',
  skipKinds: 'list',
  kubernetesVersion: 'string',
  rejectUnknown: 'bool',
  warningsAsErrors: 'bool',
};

/**
 * Reads a config file: a map with any of disable/enable/skipKinds (string lists),
 * kubernetesVersion (string), rejectUnknown/warningsAsErrors (booleans). Throws a one-line
 * SvcctlError naming the file for anything else.
 */
export async function readConfigFile(path: string): Promise<Partial<LintConfig>> {
  const { parse } = await import('yaml');
  let data: unknown;
  try {
    data = parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw SvcctlError.plain(`error reading ${path}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) return { source: path };
  if (typeof data !== 'object' || Array.isArray(data)) throw SvcctlError.plain(`error reading ${path}: expected a map`);
  const out: Record<string, unknown> = { source: path };
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    const want = KEYS[k];
    if (!want) throw SvcctlError.plain(`error reading ${path}: unknown key "${k}"`);
    const ok =
      want === 'list'
        ? Array.isArray(v) && v.every((x) => typeof x === 'string')
        : want === 'string'
          ? typeof v === 'string' || typeof v === 'number'
          : typeof v === 'boolean';
    if (!ok) throw SvcctlError.plain(`error reading ${path}: "${k}" must be ${want === 'list' ? 'a list of strings' : `a ${want}`}`);
    out[k] = want === 'string' ? String(v) : v;
  }
  return out as Partial<LintConfig>;
}

/** Flags win over the file; lists from both are joined, and `enable` undoes a `disable`. */
export function mergeConfig(file: Partial<LintConfig>, flags: Partial<LintConfig>): LintConfig {
  const base = defaultConfig();
  return {
    disable: [...(file.disable ?? []), ...(flags.disable ?? [])],
    enable: [...(file.enable ?? []), ...(flags.enable ?? [])],
    skipKinds: [...(file.skipKinds ?? []), ...(flags.skipKinds ?? [])],
    kubernetesVersion: flags.kubernetesVersion ?? file.kubernetesVersion ?? base.kubernetesVersion,
    rejectUnknown: flags.rejectUnknown ?? file.rejectUnknown ?? false,
    warningsAsErrors: flags.warningsAsErrors ?? file.warningsAsErrors ?? false,
    source: file.source,
  };
}

/** Whether `ruleId` runs: on unless disabled, and an explicit flag `--enable` beats any disable. */
export function ruleEnabled(config: LintConfig, ruleId: string): boolean {
  if (config.enable.includes(ruleId)) return true;
  return !config.disable.includes(ruleId) && !config.disable.includes('all');
}

/** The rules an object's annotation turns off (`all` turns off every rule). */
export function disabledByAnnotation(annotations: Record<string, string> | undefined): Set<string> {
  const raw = annotations?.[DISABLE_ANNOTATION];
  if (typeof raw !== 'string') return new Set();
  return new Set(raw.split(',').map((s) => s.trim()).filter(Boolean));
}

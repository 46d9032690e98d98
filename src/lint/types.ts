// The data lint passes around: findings, the report, rules and what a rule sees.
import type { DecodedDoc, PathSegment } from '../api/decode.js';
import type { ResourceType } from '../api/scheme.js';
import type { KubeObject } from '../api/types.js';

export type Severity = 'error' | 'warning';

/** One problem, located at the offending field. `object` is `Kind/namespace/name` (`Kind/name` when cluster-scoped). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  object: string;
  message: string;
}

/** What became of one document (or of a file that could not be read), in reading order. */
export interface DocumentResult {
  file: string;
  /** `Kind/namespace/name` (`Kind/name` when cluster-scoped); '' when it did not decode. */
  object: string;
  status: 'valid' | 'invalid' | 'error' | 'skipped';
  /** Why it was skipped. */
  skippedBecause?: string;
  /** Its findings, in report order. */
  findings: Finding[];
}

/** Counts in kubeconform's summary: each document is valid, invalid, an error (unreadable) or skipped. */
export interface LintReport {
  findings: Finding[];
  /** Every document read (and every file that could not be read), in reading order. */
  documents: DocumentResult[];
  resources: number;
  files: number;
  /** The files read, in order, as displayed. */
  fileNames: string[];
  valid: number;
  invalid: number;
  errors: number;
  skipped: number;
  kubernetesVersion: string;
  /** The rules that ran, for reports that describe them (SARIF). */
  rules: RuleInfo[];
}

export interface RuleInfo {
  id: string;
  severity: Severity;
  description: string;
}

/** An object of the input as rules see it: decoded, its namespace resolved as apply resolves it. */
export interface LintObject {
  doc: DecodedDoc;
  obj: KubeObject;
  /** Undefined for kinds svcctl does not know (custom resources). */
  type?: ResourceType;
  /** '' for cluster-scoped objects. */
  namespace: string;
  name: string;
  /** `Service/default/web`. */
  ref: string;
}

/** What a cross-object rule reads and how it reports. */
export interface RuleContext {
  objects: LintObject[];
  /** Objects of `kind` in `namespace`. */
  byKind(kind: string, namespace?: string): LintObject[];
  report(target: LintObject, path: PathSegment[], message: string, severity?: Severity): void;
}

export interface Rule extends RuleInfo {
  check(ctx: RuleContext): void;
}

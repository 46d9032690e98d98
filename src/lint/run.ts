// `lintPaths`: files in, a report out. Per document: decoding, schema, then the apiserver's own
// create path in a scratch cluster; then the cross-object rules over everything; then the
// configuration (disabled rules, annotations, skipped kinds) filters what is reported.
import type { DecodedDoc, PathSegment } from '../api/decode.js';
import type { StdinSource } from '../api/files.js';
import { resourceForKind } from '../api/scheme.js';
import type { KubeObject } from '../api/types.js';
import { apiserverLayer } from './apiserver.js';
import { defaultConfig, disabledByAnnotation, type LintConfig, ruleEnabled } from './config.js';
import { collectCustomKinds, customKindOf, validateCustomResource } from './crd.js';
import { LAYER_RULES } from './layers.js';
import { loadInput } from './load.js';
import { locateField } from './locate.js';
import { RULES } from './rules/index.js';
import type { DocumentResult, Finding, LintObject, LintReport, RuleContext, RuleInfo, Severity } from './types.js';

export interface LintOptions {
  recursive?: boolean;
  config?: LintConfig;
  /** Directory relative paths are resolved against and shown relative to (default process.cwd()). */
  cwd?: string;
  /** What `-` reads. */
  stdin?: StdinSource;
  /** Namespace for namespaced objects that name none (default `default`). */
  namespace?: string;
  /** Told what lint is doing, for a progress line on a terminal. */
  onProgress?: (message: string) => void;
}

/** Every rule lint can report, layers first. */
export const ALL_RULES: RuleInfo[] = [
  ...Object.values(LAYER_RULES),
  ...RULES.map(({ id, severity, description }) => ({ id, severity, description })),
];

interface Pending {
  info: RuleInfo;
  doc: DecodedDoc;
  /** The object, when the document decoded to one (for its ref and annotations). */
  target?: LintObject;
  at: { line: number; column: number };
  message: string;
  severity: Severity;
}

/**
 * Lints the manifests under `paths` (files, directories, `-`) without touching any stored state.
 * Throws only when a path does not exist; everything else is a finding. Findings are sorted by file
 * (in reading order), line and column.
 */
export async function lintPaths(paths: string[], opts: LintOptions = {}): Promise<LintReport> {
  const config = opts.config ?? defaultConfig();
  const progress = opts.onProgress ?? (() => undefined);
  progress('reading manifests');
  const input = await loadInput(paths, { recursive: opts.recursive, cwd: opts.cwd ?? process.cwd(), stdin: opts.stdin });
  progress(`checking ${counted(input.docs.length, 'document')} in ${counted(input.files.length, 'file')}`);
  const pending: Pending[] = [];
  const add = (info: RuleInfo, doc: DecodedDoc, path: PathSegment[], message: string, target?: LintObject, severity = info.severity) =>
    pending.push({ info, doc, target, at: locateField(doc, path), message, severity });

  const decoded = input.docs.filter((d) => d.object);
  const customKinds = collectCustomKinds(decoded.map((d) => d.object!));
  const objects: LintObject[] = [];
  const status = new Map<DecodedDoc, DocStatus>();
  const skippedBecause = new Map<DecodedDoc, string>();
  const skipKinds = new Set(config.skipKinds);

  for (const doc of input.docs) {
    if (doc.error) {
      status.set(doc, 'error');
      const msg = doc.error.message;
      const info = /already set in map/.test(msg) ? LAYER_RULES.duplicateKey : msg.startsWith('error validating') ? LAYER_RULES.typeMeta : LAYER_RULES.yamlSyntax;
      pending.push({ info, doc, at: { line: doc.line, column: doc.column }, message: msg, severity: 'error' });
      continue;
    }
    const obj = doc.object!;
    if (skipKinds.has(obj.kind)) {
      status.set(doc, 'skipped');
      skippedBecause.set(doc, `kind ${obj.kind} is in --skip-kinds`);
      continue;
    }
    const type = resourceForKind(obj.apiVersion, obj.kind);
    const custom = type ? undefined : customKindOf(customKinds, obj);
    if (!type && !custom) {
      status.set(doc, 'skipped');
      skippedBecause.set(doc, `no schema for kind "${obj.kind}" in version "${obj.apiVersion}" (neither built in nor defined by a CustomResourceDefinition in the input)`);
      if (config.rejectUnknown) {
        status.set(doc, 'checked');
        add(LAYER_RULES.unknownKind, doc, ['kind'], `no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`, lintObject(doc, obj, undefined, false, opts));
      }
      continue;
    }
    status.set(doc, 'checked');
    const o = lintObject(doc, obj, type, type ? type.namespaced : custom!.namespaced, opts);
    objects.push(o);
    if (custom) {
      for (const issue of await validateCustomResource(custom, obj)) add(LAYER_RULES.crdSchema, doc, issue.path, issue.message, o);
    }
  }

  // Schema layer; objects the decoder would refuse (wrong types) never reach the apiserver layer.
  const { validateSchema } = await import('../api/schema/validate.js');
  const toCreate: LintObject[] = [];
  const requiredAt = new Map<LintObject, { path: PathSegment[]; message: string }[]>();
  for (const o of objects) {
    if (!o.type) continue;
    const version = o.obj.apiVersion.includes('/') ? o.obj.apiVersion.split('/')[1] : o.obj.apiVersion;
    const issues = await validateSchema(o.obj, o.type.group, version, o.type.kind);
    const head = `${o.type.kind} in version "${version}" cannot be handled as a ${o.type.kind}: `;
    for (const i of issues) {
      if (i.kind === 'unknownField') add(LAYER_RULES.unknownField, o.doc, i.path, `${head}strict decoding error: ${i.message}`, o);
      else if (i.kind === 'type') add(LAYER_RULES.schemaType, o.doc, i.path, head + i.message, o);
      else requiredAt.set(o, [...(requiredAt.get(o) ?? []), { path: i.path, message: i.message }]);
    }
    if (!issues.some((i) => i.kind === 'type')) toCreate.push(o);
  }

  progress(`creating ${counted(toCreate.length, 'object')} in a scratch cluster`);
  const apiIssues = await apiserverLayer(toCreate);
  // Made only when the apiserver refused something (a Map of every object costs a large clean run).
  const indexOf = apiIssues.length ? new Map(objects.map((o, i) => [o, i])) : new Map<LintObject, number>();
  const apiFields = new Set<string>();
  for (const i of apiIssues) {
    add(i.other ? LAYER_RULES.apiserverOther : LAYER_RULES.apiserver, i.target.doc, i.path, i.message, i.target);
    apiFields.add(`${indexOf.get(i.target)}|${i.path.join('.')}`);
  }
  // A missing required field the apiserver already names is reported once, in its words.
  for (const [o, list] of requiredAt) {
    for (const r of list) {
      if (apiFields.has(`${indexOf.get(o)}|${r.path.join('.')}`)) continue;
      add(LAYER_RULES.schemaRequired, o.doc, r.path, r.message, o);
    }
  }

  const ctx = ruleContext(objects, (rule, target, path, message, severity) => add(rule, target.doc, path, message, target, severity));
  progress('cross-object rules');
  for (const rule of RULES) {
    if (ruleEnabled(config, rule.id)) rule.check(ctx.forRule(rule));
  }

  const { findings, failing, docOf } = finalize(pending, config);
  const unreadable = new Map<string, Finding>();
  for (const u of input.unreadable) {
    const f: Finding = { ruleId: LAYER_RULES.readError.id, severity: 'error', file: u.file, line: 1, column: 1, object: '', message: u.message };
    findings.push(f);
    unreadable.set(u.file, f);
  }
  sortFindings(findings, input.files);
  const refs = new Map(objects.map((o) => [o.doc, o.ref]));
  const documents = documentResults(input, { status, failing, skippedBecause, refs, docOf, unreadable, findings });
  return summarize(documents, input, findings, config);
}

function lintObject(doc: DecodedDoc, obj: KubeObject, type: LintObject['type'], namespaced: boolean, opts: LintOptions): LintObject {
  const meta = obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : '';
  const namespace = namespaced ? (typeof meta.namespace === 'string' && meta.namespace) || opts.namespace || 'default' : '';
  const ref = namespaced ? `${obj.kind}/${namespace}/${name}` : `${obj.kind}/${name}`;
  return { doc, obj, type, namespace, name, ref };
}

type Reporter = (rule: RuleInfo, target: LintObject, path: PathSegment[], message: string, severity: Severity) => void;

function ruleContext(objects: LintObject[], report: Reporter): { forRule(rule: RuleInfo): RuleContext } {
  const kinds = new Map<string, LintObject[]>();
  for (const o of objects) {
    if (!o.type) continue; // custom resources share no kind names with the built-ins rules read
    const group = kinds.get(o.obj.kind);
    if (group) group.push(o);
    else kinds.set(o.obj.kind, [o]);
  }
  return {
    forRule: (rule) => ({
      objects,
      byKind: (kind, namespace) => (kinds.get(kind) ?? []).filter((o) => namespace === undefined || o.namespace === namespace),
      report: (target, path, message, severity = rule.severity) => report(rule, target, path, message, severity),
    }),
  };
}

/** Applies rule switches and per-object annotations; promotes warnings under --warnings-as-errors. */
function finalize(pending: Pending[], config: LintConfig): { findings: Finding[]; failing: Set<DecodedDoc>; docOf: Map<Finding, DecodedDoc> } {
  const findings: Finding[] = [];
  const failing = new Set<DecodedDoc>();
  const docOf = new Map<Finding, DecodedDoc>();
  // A rule that restates an apiserver error (deployment-selector-mismatch) reports it once, under
  // its own id and in the apiserver's words.
  const restated = new Set<Pending>();
  for (const p of pending) {
    if (p.info.id !== LAYER_RULES.apiserver.id) continue;
    const q = pending.find((x) => x.doc === p.doc && x.at.line === p.at.line && x.at.column === p.at.column && x.info.id !== p.info.id && p.message.endsWith(x.message));
    if (!q) continue;
    q.message = p.message;
    restated.add(p);
  }
  for (const p of pending) {
    if (restated.has(p)) continue;
    if (!ruleEnabled(config, p.info.id)) continue;
    const off = disabledByAnnotation(p.target?.obj.metadata?.annotations);
    if (off.has(p.info.id) || off.has('all')) continue;
    const severity: Severity = config.warningsAsErrors ? 'error' : p.severity;
    if (severity === 'error') failing.add(p.doc);
    const finding: Finding = {
      ruleId: p.info.id,
      severity,
      file: p.doc.file,
      line: p.at.line,
      column: p.at.column,
      object: p.target?.ref ?? '',
      message: p.message,
    };
    findings.push(finding);
    docOf.set(finding, p.doc);
  }
  return { findings, failing, docOf };
}

function sortFindings(findings: Finding[], files: string[]): void {
  const order = new Map(files.map((f, i) => [f, i]));
  findings.sort(
    (a, b) =>
      (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

type DocStatus = 'error' | 'skipped' | 'checked';

/**
 * Each document's result in reading order (a file that could not be read stands as one errored
 * document): kubeconform's status, its object, and its findings in report order.
 */
function documentResults(
  input: { docs: DecodedDoc[]; files: string[] },
  r: {
    status: Map<DecodedDoc, DocStatus>;
    failing: Set<DecodedDoc>;
    skippedBecause: Map<DecodedDoc, string>;
    refs: Map<DecodedDoc, string>;
    docOf: Map<Finding, DecodedDoc>;
    unreadable: Map<string, Finding>;
    findings: Finding[];
  },
): DocumentResult[] {
  const findingsOf = new Map<DecodedDoc, Finding[]>();
  for (const f of r.findings) {
    const doc = r.docOf.get(f);
    if (!doc) continue;
    const list = findingsOf.get(doc);
    if (list) list.push(f);
    else findingsOf.set(doc, [f]);
  }
  const docsOf = new Map<string, DecodedDoc[]>();
  for (const doc of input.docs) {
    const list = docsOf.get(doc.file);
    if (list) list.push(doc);
    else docsOf.set(doc.file, [doc]);
  }
  const out: DocumentResult[] = [];
  // A file named twice is read twice: its documents are all under its one name.
  for (const file of new Set(input.files)) {
    const unreadable = r.unreadable.get(file);
    if (unreadable) out.push({ file, object: '', status: 'error', findings: [unreadable] });
    for (const doc of docsOf.get(file) ?? []) {
      const st = r.status.get(doc);
      const status = st === 'error' ? 'error' : st === 'skipped' ? 'skipped' : r.failing.has(doc) ? 'invalid' : 'valid';
      const result: DocumentResult = { file, object: r.refs.get(doc) ?? looseRef(doc), status, findings: findingsOf.get(doc) ?? [] };
      const why = r.skippedBecause.get(doc);
      if (status === 'skipped' && why) result.skippedBecause = why;
      out.push(result);
    }
  }
  return out;
}

/** `Kind/namespace/name` of a document lint did not check (its scope unknown): the namespace when it names one. */
function looseRef(doc: DecodedDoc): string {
  const obj = doc.object;
  if (!obj) return '';
  const meta = obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  return typeof meta.namespace === 'string' && meta.namespace ? `${obj.kind}/${meta.namespace}/${name}` : `${obj.kind}/${name}`;
}

/** kubeconform's counts: a document is an error (undecodable), skipped, invalid (an error finding) or valid. */
function summarize(documents: DocumentResult[], input: { docs: DecodedDoc[]; files: string[] }, findings: Finding[], config: LintConfig): LintReport {
  const count = { valid: 0, invalid: 0, errors: 0, skipped: 0 };
  for (const d of documents) {
    if (d.status === 'error') count.errors++;
    else if (d.status === 'skipped') count.skipped++;
    else if (d.status === 'invalid') count.invalid++;
    else count.valid++;
  }
  return {
    findings,
    documents,
    resources: input.docs.length,
    files: input.files.length,
    fileNames: input.files,
    ...count,
    kubernetesVersion: config.kubernetesVersion,
    rules: ALL_RULES,
  };
}

/** `1 file`, `2 files`: the progress line's counts. */
function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

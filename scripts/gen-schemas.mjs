#!/usr/bin/env node
// Generates JSON Schemas (draft-07) for every kind in src/api/scheme.ts from the pinned
// kubernetes-types .d.ts files, using the TypeScript compiler API. Output (deterministic):
//   src/api/schema/generated/<group>.<version>.<Kind>.json   one schema per kind, nested types in definitions
//   src/api/schema/gotypes.generated.ts                     Go struct/field type names, for decode messages
// Usage: npm run gen:schemas   (then node scripts/compile-schemas.mjs)
import ts from 'typescript-api';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const typesDir = join(root, 'node_modules/kubernetes-types');
const outDir = join(root, 'src/api/schema/generated');

// int64 fields of the Kubernetes API (Go types); every other integer is int32. kubernetes-types
// only says `number`, so the width comes from the Go sources (k8s.io/api types.go).
const INT64_FIELDS = new Set([
  'ObjectMeta.generation',
  'ObjectMeta.deletionGracePeriodSeconds',
  'PodSpec.activeDeadlineSeconds',
  'PodSpec.terminationGracePeriodSeconds',
  'Probe.terminationGracePeriodSeconds',
  'PodSecurityContext.runAsUser',
  'PodSecurityContext.runAsGroup',
  'PodSecurityContext.fsGroup',
  'PodSecurityContext.supplementalGroups',
  'SecurityContext.runAsUser',
  'SecurityContext.runAsGroup',
  'ServiceAccountTokenProjection.expirationSeconds',
  'Toleration.tolerationSeconds',
  'JobSpec.activeDeadlineSeconds',
  'CronJobSpec.startingDeadlineSeconds',
  'DeploymentStatus.observedGeneration',
  'ReplicaSetStatus.observedGeneration',
  'StatefulSetStatus.observedGeneration',
  'DaemonSetStatus.observedGeneration',
  'ReplicationControllerStatus.observedGeneration',
  'HorizontalPodAutoscalerStatus.observedGeneration',
  'PodDisruptionBudgetStatus.observedGeneration',
  'Condition.observedGeneration',
  'ControllerRevision.revision',
  'CSIDriverSpec.fsGroupPolicy',
  'TokenRequest.expirationSeconds',
  'TokenRequestSpec.expirationSeconds',
]);

// Fields kubernetes-types loses where Go embeds a struct inline (RuleWithOperations embeds Rule).
const MISSING_FIELDS = {
  RuleWithOperations: { resources: [{ type: ['array', 'null'], items: { type: ['string', 'null'] } }, '[]string'], scope: [{ type: ['string', 'null'] }, 'string'] },
};

// Type aliases whose JSON shape differs from the TS alias target, by alias name.
const ALIASES = {
  Quantity: [{ type: ['string', 'number', 'null'] }, 'resource.Quantity'],
  Time: [{ type: ['string', 'null'] }, 'v1.Time'],
  MicroTime: [{ type: ['string', 'null'] }, 'v1.MicroTime'],
};

/** The alias a declared type node names (`Quantity`), which the checker forgets for optional props. */
function aliasOfNode(node) {
  return node && ts.isTypeReferenceNode(node) ? node.typeName.getText() : undefined;
}

/** The element type node of `Array<X>` / `X[]`, or the value type node of `{[k: string]: X}`. */
function innerNode(node) {
  if (!node) return undefined;
  if (ts.isArrayTypeNode(node)) return node.elementType;
  if (ts.isTypeReferenceNode(node) && node.typeName.getText() === 'Array') return node.typeArguments?.[0];
  if (ts.isTypeLiteralNode(node)) {
    const idx = node.members.find((m) => ts.isIndexSignatureDeclaration(m));
    return idx?.type;
  }
  return undefined;
}

/** The kinds listed in scheme.ts: r('group', ['v1', ...], 'Kind', ...) calls. */
function schemeKinds() {
  const file = join(root, 'src/api/scheme.ts');
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const kinds = [];
  const visit = (node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'r') {
      const [g, vs, k] = node.arguments;
      if (g && ts.isStringLiteral(g) && vs && ts.isArrayLiteralExpression(vs) && k && ts.isStringLiteral(k)) {
        for (const v of vs.elements) if (ts.isStringLiteral(v)) kinds.push({ group: g.text, version: v.text, kind: k.text });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return kinds;
}

/** kubernetes-types folder for an API group: '' -> core, networking.k8s.io -> networking, rbac.authorization.k8s.io -> rbac. */
function typesFile(group, version) {
  const dir = group === '' ? 'core' : group.split('.')[0];
  const f = join(typesDir, dir, `${version}.d.ts`);
  return existsSync(f) ? f : undefined;
}

const allDts = [];
const collect = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    if (e.isDirectory()) collect(join(d, e.name));
    else if (e.name.endsWith('.d.ts')) allDts.push(join(d, e.name));
  }
};
collect(typesDir);
allDts.sort();
const program = ts.createProgram(allDts, { strict: true, noEmit: true, skipLibCheck: true });
const checker = program.getTypeChecker();

/** `core.v1.ServicePort` for an interface declared in kubernetes-types/core/v1.d.ts. */
function defName(decl, name) {
  const rel = relative(typesDir, decl.getSourceFile().fileName).replace(/\.d\.ts$/, '');
  return `${rel.split('/').join('.')}.${name}`;
}

/** Go package alias as Go's %v prints a type: v1.ServiceSpec, resource.Quantity. */
function goPackage(def) {
  const parts = def.split('.');
  return parts[parts.length - 2];
}

function isIntOrString(type) {
  if (!type.isUnion()) return false;
  const flags = type.types.map((t) => t.flags);
  return flags.some((f) => f & ts.TypeFlags.Number) && flags.some((f) => f & ts.TypeFlags.String);
}

function aliasName(type) {
  return type.aliasSymbol?.getName();
}

class Generator {
  constructor() {
    this.defs = new Map(); // name -> schema
    this.goTypes = new Map(); // name -> { struct, fields: {prop: goType} }
  }

  /** Schema and Go type name for a TS type reached from `owner.prop`. */
  schemaFor(type, owner, prop, node) {
    const alias = aliasName(type) ?? aliasOfNode(node);
    if (alias && ALIASES[alias]) return ALIASES[alias];
    if (isIntOrString(type)) return [{ type: ['integer', 'string', 'null'] }, 'intstr.IntOrString'];
    if (type.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral) || (type.isUnion() && type.types.every((t) => t.flags & ts.TypeFlags.StringLiteral))) {
      return [{ type: ['string', 'null'] }, 'string'];
    }
    if (type.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) {
      return [{ type: ['integer', 'null'] }, INT64_FIELDS.has(`${owner}.${prop}`) ? 'int64' : 'int32'];
    }
    if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral) || (type.isUnion() && type.types.every((t) => t.flags & ts.TypeFlags.BooleanLiteral))) {
      return [{ type: ['boolean', 'null'] }, 'bool'];
    }
    if (checker.isArrayType(type)) {
      const [elem] = checker.getTypeArguments(type);
      const [items, goElem, ref] = this.schemaFor(elem, owner, prop, innerNode(node));
      return [{ type: ['array', 'null'], items }, `[]${goElem}`, ref];
    }
    const index = type.getStringIndexType?.();
    const symbol = type.getSymbol();
    if (index && (!symbol || symbol.getName() === '__type')) {
      const [values, goElem, ref] = this.schemaFor(index, owner, prop, innerNode(node));
      return [{ type: ['object', 'null'], additionalProperties: values }, `map[string]${goElem}`, ref];
    }
    if (symbol && symbol.flags & ts.SymbolFlags.Interface) {
      const decl = symbol.declarations[0];
      const name = defName(decl, symbol.getName());
      if (type.getProperties().length === 0) return [{}, `${goPackage(name)}.${symbol.getName()}`]; // RawExtension, JSON: anything
      this.define(name, type, symbol.getName());
      return [{ $ref: `#/definitions/${name}` }, `${goPackage(name)}.${symbol.getName()}`, name];
    }
    if (type.isUnion() && alias) return [{}, `v1.${alias}`]; // JSONSchemaPropsOrBool and friends: Go decodes them by hand
    throw new Error(`unhandled type ${checker.typeToString(type)} at ${owner}.${prop}`);
  }

  define(name, type, struct) {
    if (this.defs.has(name)) return;
    const schema = { type: ['object', 'null'], properties: {}, additionalProperties: false };
    this.defs.set(name, schema); // before recursing: types refer to themselves (JSONSchemaProps)
    const fields = {};
    const required = [];
    for (const p of type.getProperties()) {
      const decl = p.valueDeclaration ?? p.declarations?.[0];
      const ptype = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(p, decl));
      const [s, goType, ref] = this.schemaFor(ptype, struct, p.getName(), decl?.type);
      schema.properties[p.getName()] = s;
      fields[p.getName()] = ref ? [goType, ref] : [goType];
      if (!(p.flags & ts.SymbolFlags.Optional)) required.push(p.getName());
    }
    for (const [name, [s, goType]] of Object.entries(MISSING_FIELDS[struct] ?? {})) {
      schema.properties[name] = s;
      fields[name] = [goType];
    }
    schema.properties = sorted(schema.properties);
    if (required.length > 0) schema.required = required;
    this.goTypes.set(name, { struct, fields });
  }
}

function sorted(obj) {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const gen = new Generator();
const written = [];
const skipped = [];
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
for (const { group, version, kind } of schemeKinds()) {
  const file = typesFile(group, version);
  const sf = file && program.getSourceFile(file);
  const decl = sf?.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === kind);
  if (!decl) {
    skipped.push(`${group || 'core'}/${version} ${kind}`);
    continue;
  }
  const local = new Generator();
  local.goTypes = gen.goTypes;
  const type = checker.getTypeAtLocation(decl);
  const name = defName(decl, kind);
  local.define(name, type, kind);
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${group || 'core'}.${version}.${kind}`,
    $ref: `#/definitions/${name}`,
    definitions: sorted(Object.fromEntries(local.defs)),
  };
  const out = join(outDir, `${group || 'core'}.${version}.${kind}.json`);
  writeFileSync(out, `${JSON.stringify(schema, null, 1)}\n`);
  written.push(relative(root, out));
}

const goTypes = sorted(Object.fromEntries(gen.goTypes));
writeFileSync(
  join(root, 'src/api/schema/gotypes.generated.ts'),
  '// Generated by scripts/gen-schemas.mjs from kubernetes-types; do not edit.\n' +
    '// definition -> Go struct name, and per field its Go type plus the definition it refers to.\n' +
    'export const GO_TYPES: Record<string, { struct: string; fields: Record<string, [string, string?]> }> = ' +
    `${JSON.stringify(goTypes)};\n`,
);
console.log(`wrote ${written.length} schemas to ${relative(root, outDir)}`);
if (skipped.length) console.log(`no kubernetes-types declaration (skipped): ${skipped.join(', ')}`);

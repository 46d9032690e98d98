// Shared steps for commands that take objects from files: namespace resolution and the strict
// schema check the apiserver's decoder makes.
import type { ResourceType } from '../../api/scheme.js';
import type { KubeObject } from '../../api/types.js';
import { SvcctlError } from '../../errors.js';
import type { CommandContext } from '../context.js';

/**
 * Sets metadata.namespace as kubectl's builder does: the object's own, else -n, else `default`;
 * an object naming another namespace than an explicit -n is refused.
 */
export function resolveNamespace(ctx: CommandContext, type: ResourceType, obj: KubeObject): void {
  obj.metadata ??= {};
  if (!type.namespaced) {
    delete obj.metadata.namespace;
    return;
  }
  const own = obj.metadata.namespace;
  if (own && ctx.explicitNamespace && own !== ctx.namespace) {
    throw SvcctlError.plain(
      `the namespace from the provided object "${own}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
    );
  }
  obj.metadata.namespace = own || ctx.namespace;
}

/**
 * The apiserver's strict decoding: unknown fields and wrong types are a BadRequest,
 * `Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.prots"`.
 */
export function checkSchema(type: ResourceType, obj: KubeObject): void {
  // Loaded here so commands that never decode objects never pay for the validators.
  const issues = schemaIssues(type, obj).filter((i) => i.kind !== 'required');
  if (!issues.length) return;
  const version = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[1] : obj.apiVersion;
  const typeErrors = issues.filter((i) => i.kind === 'type');
  const unknown = issues.filter((i) => i.kind === 'unknownField');
  const detail = typeErrors.length
    ? typeErrors[0].message
    : `strict decoding error: ${unknown.map((i) => i.message).join(', ')}`;
  throw SvcctlError.badRequest(`${type.kind} in version "${version}" cannot be handled as a ${type.kind}: ${detail}`);
}

let schemaIssues: (type: ResourceType, obj: KubeObject) => { kind: string; message: string }[] = () => [];

/** Installs the schema validator (done once by the commands that decode objects). */
export async function loadSchemaValidator(): Promise<void> {
  const { validateSchema } = await import('../../api/schema/validate.js');
  schemaIssues = (type, obj) => validateSchema(obj, type.kind, type.group, obj.apiVersion.split('/').pop()!);
}

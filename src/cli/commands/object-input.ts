// Shared steps for commands that take objects from files: namespace resolution and the strict
// schema check the apiserver's decoder makes.
import type { DecodedDoc } from '../../api/decode.js';
import { type ResourceType, resourceForKind, resourceMappingError } from '../../api/scheme.js';
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
 * Missing required fields are left to validation, as the decoder leaves them.
 */
export async function checkSchema(type: ResourceType, obj: KubeObject): Promise<void> {
  const { validateSchema, decodeErrorMessage } = await import('../../api/schema/validate.js');
  const version = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[1] : obj.apiVersion;
  const message = decodeErrorMessage(type.kind, version, await validateSchema(obj, type.group, version, type.kind));
  if (message) throw SvcctlError.badRequest(message);
}

/**
 * The objects of decoded documents with their resource types, in file order; documents that did
 * not decode and kinds the cluster does not serve become errors (kubectl's texts).
 */
export function typedObjects(docs: DecodedDoc[], errors: SvcctlError[]): { doc: DecodedDoc; obj: KubeObject; type: ResourceType }[] {
  const out: { doc: DecodedDoc; obj: KubeObject; type: ResourceType }[] = [];
  for (const doc of docs) {
    if (doc.error) {
      errors.push(doc.error);
      continue;
    }
    const obj = doc.object!;
    const type = resourceForKind(obj.apiVersion, obj.kind);
    if (type) out.push({ doc, obj, type });
    else errors.push(resourceMappingError(obj, doc.file));
  }
  return out;
}

// Shared steps for commands that take objects from files: namespace resolution, the strict
// schema check the apiserver's decoder makes, and create/replace's loop over the objects.
import type { DecodedDoc } from '../../api/decode.js';
import { type ResourceType, resourceForKind, resourceMappingError } from '../../api/scheme.js';
import type { KubeObject } from '../../api/types.js';
import { formatError, SvcctlError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { loadManifests, requireFilenames } from '../flags/filenames.js';
import { objectPrinter } from '../flags/print-flags.js';

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

/**
 * What create -f and replace -f share: each typed object of the files (a copy, its namespace
 * resolved) handed to `each`, which returns the object to print with -o and the line to print
 * without it; one object's error (named with `verb` and its file) does not stop the others.
 * Errors are printed after the objects; the exit code is 1 if there were any.
 */
export async function forEachFileObject(
  ctx: CommandContext,
  flags: { filename?: string[]; recursive?: boolean; output?: string },
  verb: string,
  each: (input: KubeObject, type: ResourceType, original: KubeObject) => Promise<{ obj: KubeObject; line: string }>,
): Promise<number> {
  const filenames = requireFilenames(flags.filename);
  const printer = await objectPrinter(flags.output);
  const { docs, errors } = await loadManifests(ctx, filenames, flags.recursive);
  const printed: KubeObject[] = [];
  for (const { doc, obj, type } of typedObjects(docs, errors)) {
    try {
      const input = structuredClone(obj);
      resolveNamespace(ctx, type, input);
      const { obj: shown, line } = await each(input, type, obj);
      if (printer) printed.push(shown);
      else ctx.io.stdout.write(line);
    } catch (err) {
      errors.push(err instanceof SvcctlError ? err.withSource(verb, doc.file) : SvcctlError.internal(String(err)));
    }
  }
  if (printer && printed.length) ctx.io.stdout.write(printer(printed));
  for (const err of errors) ctx.io.stderr.write(formatError(err));
  return errors.length ? 1 : 0;
}

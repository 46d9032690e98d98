// Owner references, read the way metav1 reads them: the store, the controllers and the printers
// all ask which object controls another.
import type { KubeObject, OwnerReference } from './types.js';

/** metav1.GetControllerOf: the owner reference marked controller, if any. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return (obj.metadata?.ownerReferences ?? []).find((r) => r.controller);
}

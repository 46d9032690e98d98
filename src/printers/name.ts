// -o name: cli-runtime pkg/printers/name.go.
import type { KubeObject } from '../api/types.js';

/** `service/web`, `deployment.apps/web`: lower-cased kind, `.group` outside core, `<unknown>` without a name. */
export function resourceName(obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): string {
  const group = obj.apiVersion?.includes('/') ? obj.apiVersion.split('/')[0] : '';
  const kind = (obj.kind ?? '').toLowerCase();
  const name = obj.metadata?.name || '<unknown>';
  return group ? `${kind}.${group}/${name}` : `${kind}/${name}`;
}

/** `-o name` for a list of objects: one line each; `operation` gives `service/web created`. */
export function printNames(objects: KubeObject[], operation = ''): string {
  return objects.map((o) => `${resourceName(o)}${operation ? ` ${operation}` : ''}\n`).join('');
}

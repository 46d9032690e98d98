// `svcctl api-resources`: the resources this cluster serves, as `kubectl api-resources` lists a
// server's discovery (preferred version of each group, sorted by group then name).
import { apiVersionOf, RESOURCES, type ResourceType } from '../../api/scheme.js';
import { SvcctlError } from '../../errors.js';
import { tabwrite } from '../../printers/tabwriter.js';
import type { CommandContext } from '../context.js';

export interface ApiResourcesFlags {
  output?: string;
  noHeaders?: boolean;
  apiGroup?: string;
  /** Set only when the user gave --namespaced (kubectl filters only then). */
  namespaced?: boolean;
  verbs?: string[];
  categories?: string[];
  sortBy?: string;
}

/** The verbs kube-apiserver's discovery lists: every resource here has them all, but a namespace cannot be deleted as a collection. */
export function verbsOf(t: ResourceType): string[] {
  const all = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
  return t.kind === 'Namespace' ? all.filter((v) => v !== 'deletecollection') : all;
}

const API_EXTENSIONS = new Set(['CustomResourceDefinition', 'APIService', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']);

/** Discovery categories: `all` for what `get all` lists, `api-extensions` for the API's own extension points. */
export function categoriesOf(t: ResourceType): string[] {
  if (t.inAll) return ['all'];
  return API_EXTENSIONS.has(t.kind) ? ['api-extensions'] : [];
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export async function runApiResources(ctx: CommandContext, flags: ApiResourcesFlags): Promise<number> {
  const output = flags.output ?? '';
  if (!['', 'wide', 'name'].includes(output)) throw SvcctlError.plain(`--output ${output} is not available`);
  const sortBy = flags.sortBy ?? '';
  if (!['', 'name', 'kind'].includes(sortBy)) throw SvcctlError.plain('--sort-by accepts only name or kind');
  const has = (list: string[], want: string[] | undefined) => (want ?? []).every((w) => list.includes(w));
  const key = (t: ResourceType) => (sortBy === 'name' ? t.plural : sortBy === 'kind' ? t.kind : t.group);
  const types = RESOURCES.filter(
    (t) =>
      (flags.apiGroup === undefined || t.group === flags.apiGroup) &&
      (flags.namespaced === undefined || t.namespaced === flags.namespaced) &&
      has(verbsOf(t), flags.verbs) &&
      has(categoriesOf(t), flags.categories),
  ).sort((a, b) => compare(key(a), key(b)) || compare(a.plural, b.plural));

  if (output === 'name') {
    for (const t of types) ctx.io.stdout.write(`${t.plural}${t.group ? `.${t.group}` : ''}\n`);
    return 0;
  }
  const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(output === 'wide' ? ['VERBS', 'CATEGORIES'] : [])];
  const rows = types.map((t) => {
    const row = [t.plural, t.shortNames.join(','), apiVersionOf(t), String(t.namespaced), t.kind];
    if (output === 'wide') row.push(verbsOf(t).join(','), categoriesOf(t).join(','));
    return row;
  });
  // Every cell is tab-terminated but the last, as kubectl's Fprintf lines are.
  ctx.io.stdout.write(tabwrite(flags.noHeaders ? rows : [header, ...rows]));
  return 0;
}

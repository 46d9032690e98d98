// Two documents naming one object: apply would overwrite the first with the second.
import type { Rule, LintObject } from '../types.js';

export const rule: Rule = {
  id: 'duplicate-object',
  severity: 'error',
  description: 'The same (kind, namespace, name) is defined more than once.',
  check(ctx) {
    const groups = new Map<string, LintObject[]>();
    for (const o of ctx.objects) {
      if (!o.name) continue;
      const group = o.obj.apiVersion.includes('/') ? o.obj.apiVersion.split('/')[0] : '';
      const key = `${group}|${o.obj.kind}|${o.namespace}|${o.name}`;
      groups.set(key, [...(groups.get(key) ?? []), o]);
    }
    for (const list of groups.values()) {
      if (list.length < 2) continue;
      for (const o of list) {
        const others = list.filter((x) => x !== o).map((x) => `${x.doc.file}:${x.doc.locate(['metadata', 'name'])?.line ?? x.doc.line}`);
        ctx.report(o, ['metadata', 'name'], `${o.ref} is also defined at ${others.join(', ')}`);
      }
    }
  },
};

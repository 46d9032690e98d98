// kubectl describe namespace (pkg/describe/describe.go describeNamespace, kubectl 1.32).
import type { KubeObject } from '../../api/types.js';
import { rfc1123z } from './common.js';
import { annotationsMultiline, labelsMultiline, tabbed } from './tabbed.js';

type NsStatus = { phase?: string; conditions?: { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }[] };

/** The text of `kubectl describe namespace`; svcctl stores no ResourceQuota or LimitRange objects. */
export function describeNamespace(ns: KubeObject): string {
  const st = (ns.status ?? {}) as NsStatus;
  let t = `Name:\t${ns.metadata.name}\n`;
  t += labelsMultiline('Labels', ns.metadata.labels);
  t += annotationsMultiline('Annotations', ns.metadata.annotations);
  t += `Status:\t${st.phase ?? ''}\n`;
  if (st.conditions?.length) {
    t += 'Conditions:\n  Type\tStatus\tLastTransitionTime\tReason\tMessage\n  ----\t------\t------------------\t------\t-------\n';
    for (const c of st.conditions) t += `  ${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`;
  }
  t += '\nNo resource quota.\n\nNo LimitRange resource.\n';
  return tabbed(t);
}

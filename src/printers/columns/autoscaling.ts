// HorizontalPodAutoscaler rows (autoscaling/v2, the internal shape): printers.go
// printHorizontalPodAutoscaler and formatHPAMetrics. Without a metrics pipeline the current
// values print as `<unknown>`, as they do before the HPA controller first reports.
import type { KubeObject } from '../../api/types.js';
import { translateTimestampSince } from '../age.js';
import { arr, col, int, quantityString, rec, str, type KindPrinter } from './common.js';

type Rec = Record<string, unknown>;

/** `current/target` for a metric with a plain or an average value target (External and Object). */
function valueMetric(target: Rec, current: Rec | undefined): string {
  if (target.averageValue !== undefined && target.averageValue !== null) {
    const cur = current && current.averageValue !== undefined && current.averageValue !== null ? quantityString(current.averageValue) : '<unknown>';
    return `${cur}/${quantityString(target.averageValue)} (avg)`;
  }
  const cur = current ? quantityString(current.value) : '<unknown>';
  return `${cur}/${quantityString(target.value)}`;
}

/** `name: current/target` for Resource and ContainerResource metrics (utilization as `N%`, else `<auto>`). */
function resourceMetric(resourceName: string, target: Rec, current: Rec | undefined): string {
  if (target.averageValue !== undefined && target.averageValue !== null) {
    const cur = current ? quantityString(current.averageValue) : '<unknown>';
    return `${resourceName}: ${cur}/${quantityString(target.averageValue)}`;
  }
  const cur = current && typeof current.averageUtilization === 'number' ? `${current.averageUtilization}%` : '<unknown>';
  const tgt = typeof target.averageUtilization === 'number' ? `${target.averageUtilization}%` : '<auto>';
  return `${resourceName}: ${cur}/${tgt}`;
}

/**
 * formatHPAMetrics: one entry per spec metric paired with the status metric at the same index,
 * at most two shown (`, `-joined) then ` + N more...`; `<none>` without metrics.
 */
export function formatHPAMetrics(specs: unknown, statuses: unknown): string {
  const specList = arr(specs).map(rec);
  if (specList.length === 0) return '<none>';
  const statusList = arr(statuses).map(rec);
  const max = 2;
  const list: string[] = [];
  specList.forEach((spec, i) => {
    // The status source of the same type, when the status at index i has one.
    const status = (key: string): Rec | undefined => {
      const s = statusList[i]?.[key];
      return s && typeof s === 'object' ? rec(rec(s).current) : undefined;
    };
    switch (spec.type) {
      case 'External':
        list.push(valueMetric(rec(rec(spec.external).target), status('external')));
        break;
      case 'Pods': {
        const cur = status('pods');
        list.push(`${cur ? quantityString(cur.averageValue) : '<unknown>'}/${quantityString(rec(rec(spec.pods).target).averageValue)}`);
        break;
      }
      case 'Object':
        list.push(valueMetric(rec(rec(spec.object).target), status('object')));
        break;
      case 'Resource': {
        const r = rec(spec.resource);
        list.push(resourceMetric(str(r.name), rec(r.target), status('resource')));
        break;
      }
      case 'ContainerResource': {
        const r = rec(spec.containerResource);
        list.push(resourceMetric(str(r.name), rec(r.target), status('containerResource')));
        break;
      }
      default:
        list.push('<unknown type>');
    }
  });
  const count = list.length;
  if (count > max) return `${list.slice(0, max).join(', ')} + ${count - max} more...`;
  return list.join(', ');
}

export const hpaPrinter: KindPrinter = {
  columns: [col('Name'), col('Reference'), col('Targets'), col('MinPods'), col('MaxPods'), col('Replicas'), col('Age')],
  row(o: KubeObject, now) {
    const spec = rec(o.spec);
    const st = rec(o.status);
    const ref = rec(spec.scaleTargetRef);
    const minPods = typeof spec.minReplicas === 'number' ? `${spec.minReplicas}` : '<unset>';
    return [
      o.metadata.name ?? '',
      `${str(ref.kind)}/${str(ref.name)}`,
      formatHPAMetrics(spec.metrics, st.currentMetrics),
      minPods,
      int(spec.maxReplicas),
      int(st.currentReplicas),
      translateTimestampSince(o.metadata.creationTimestamp, now),
    ];
  },
};

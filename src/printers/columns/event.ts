// Event rows: printers.go printEvent (the server generates the wide form; kubectl hides priority columns).
import type { Event, KubeObject } from '../../api/types.js';
import { translateTimestampSince } from '../age.js';
import { col, type KindPrinter } from './common.js';

type EventFields = Partial<Event>;

/** formatEventSource: component (else reportingController), then `, host` (else reportingInstance) when set. */
function eventSource(e: EventFields): string {
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

export const eventPrinter: KindPrinter = {
  columns: [
    col('Last Seen'),
    col('Type'),
    col('Reason'),
    col('Object'),
    col('Subobject', 1),
    col('Source', 1),
    col('Message'),
    col('First Seen', 1),
    col('Count', 1),
    col('Name', 1),
  ],
  row(obj, now) {
    const e = obj as KubeObject & EventFields;
    let first = translateTimestampSince(e.firstTimestamp, now);
    if (!e.firstTimestamp) first = translateTimestampSince(e.eventTime, now);
    let last = e.lastTimestamp ? translateTimestampSince(e.lastTimestamp, now) : first;
    let count = e.count ?? 0;
    if (e.series) {
      last = translateTimestampSince(e.series.lastObservedTime, now);
      count = e.series.count ?? 0;
    } else if (count === 0) {
      count = 1; // singleton events carry no count in the new API
    }
    const kind = (e.involvedObject?.kind ?? '').toLowerCase();
    const target = e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
    return [
      last,
      e.type ?? '',
      e.reason ?? '',
      target,
      e.involvedObject?.fieldPath ?? '',
      eventSource(e),
      (e.message ?? '').trim(),
      first,
      count,
      e.metadata.name ?? '',
    ];
  },
};

// kubectl describe's Events section (pkg/describe/describe.go DescribeEvents, kubectl 1.32).
import type { Event, KubeObject } from '../../api/types.js';
import { translateTimestampSince } from '../age.js';
import { tabbed } from './tabbed.js';

/** The core/v1 Event fields the section reads. */
export type DescribedEvent = KubeObject & Partial<Event>;

/** SortableEvents: by lastTimestamp, an absent one (zero time) first; stable, as Go's insertion sort is for short lists. */
function byLastTimestamp(a: DescribedEvent, b: DescribedEvent): number {
  const t = (e: DescribedEvent) => (e.lastTimestamp ? Date.parse(e.lastTimestamp) : Number.NEGATIVE_INFINITY);
  return t(a) < t(b) ? -1 : t(a) > t(b) ? 1 : 0;
}

/** The Age cell: first seen, or `LAST (xN over FIRST)` for a repeated or series event. */
function age(e: DescribedEvent, now: Date): string {
  const first = e.eventTime ? translateTimestampSince(e.eventTime, now) : translateTimestampSince(e.firstTimestamp, now);
  if (e.series) return `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/**
 * The Events table as DescribeEvents writes it after flushing the describer's tab writer:
 * `Events:`, then Type/Reason/Age/From/Message under `----` rules, two-space indented and aligned
 * on their own. Only for a non-empty list (an empty one is the in-block `Events:\t<none>` line).
 */
export function eventsTable(events: DescribedEvent[], now: Date): string {
  let t = 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n';
  for (const e of [...events].sort(byLastTimestamp)) {
    const from = e.source?.component || e.reportingComponent || '';
    t += `  ${e.type ?? ''}\t${e.reason ?? ''}\t${age(e, now)}\t${from}\t${(e.message ?? '').trim()}\n`;
  }
  return tabbed(t);
}

/**
 * Ends a describer's tab-separated `body` with its Events and aligns it: `Events:\t<none>` inside
 * the body's last block when there are none, else the body aligned alone followed by eventsTable.
 */
export function withEvents(body: string, events: DescribedEvent[] | undefined, now: Date): string {
  if (!events?.length) return tabbed(`${body}Events:\t<none>\n`);
  return tabbed(body) + eventsTable(events, now);
}

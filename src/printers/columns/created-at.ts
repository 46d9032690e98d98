// The apiserver's default table (k8s.io/apiserver registry/rest defaultTableConvertor): kinds whose
// storage has no printer of their own (Role, ClusterRole, CustomResourceDefinition) print
// NAME and CREATED AT, the creation time in RFC 3339 UTC.
import type { KubeObject } from '../../api/types.js';
import { col, type KindPrinter } from './common.js';

/**
 * creationTimestamp.Time.UTC().Format(time.RFC3339): whole seconds with a `Z` suffix; an absent or
 * unparseable timestamp is Go's zero time, `0001-01-01T00:00:00Z`.
 */
export function createdAtString(timestamp: string | undefined): string {
  const t = timestamp ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(t)) return '0001-01-01T00:00:00Z';
  // RFC3339 (not RFC3339Nano) drops fractional seconds, truncating.
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const createdAtPrinter: KindPrinter = {
  columns: [col('Name'), col('Created At')],
  row: (o: KubeObject) => [o.metadata.name ?? '', createdAtString(o.metadata.creationTimestamp)],
};

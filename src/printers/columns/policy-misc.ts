// PodDisruptionBudget, Lease and PriorityClass rows: printers.go printPodDisruptionBudget,
// printLease and printPriorityClass.
import type { KubeObject } from '../../api/types.js';
import { translateTimestampSince } from '../age.js';
import { col, int, intOrStringString, rec, str, type KindPrinter } from './common.js';

const name = (o: KubeObject): string => o.metadata.name ?? '';
const age = (o: KubeObject, now: Date): string => translateTimestampSince(o.metadata.creationTimestamp, now);
const present = (v: unknown): boolean => typeof v === 'number' || typeof v === 'string';

export const podDisruptionBudgetPrinter: KindPrinter = {
  columns: [col('Name'), col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions'), col('Age')],
  row(o, now) {
    const spec = rec(o.spec);
    // Unset bounds print N/A; ints and percentages as written.
    const min = present(spec.minAvailable) ? intOrStringString(spec.minAvailable) : 'N/A';
    const max = present(spec.maxUnavailable) ? intOrStringString(spec.maxUnavailable) : 'N/A';
    return [name(o), min, max, int(rec(o.status).disruptionsAllowed), age(o, now)];
  },
};

export const leasePrinter: KindPrinter = {
  columns: [col('Name'), col('Holder'), col('Age')],
  row: (o, now) => [name(o), str(rec(o.spec).holderIdentity), age(o, now)],
};

export const priorityClassPrinter: KindPrinter = {
  // PreemptionPolicy has no priority: it shows without -o wide.
  columns: [col('Name'), col('Value'), col('Global-Default'), col('Age'), col('PreemptionPolicy')],
  row: (o, now) => [
    name(o),
    int(o.value),
    typeof o.globalDefault === 'boolean' ? o.globalDefault : false,
    age(o, now),
    str(o.preemptionPolicy),
  ],
};

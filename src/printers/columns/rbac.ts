// RoleBinding and ClusterRoleBinding rows: printers.go printRoleBinding and printClusterRoleBinding
// (Role and ClusterRole have no printer: they use the default table, see created-at.ts).
import type { KubeObject } from '../../api/types.js';
import { translateTimestampSince } from '../age.js';
import { arr, col, rec, str, type KindPrinter } from './common.js';

/**
 * rbac.SubjectsStrings: user names, group names and `namespace/name` of service accounts, in
 * subject order (other kinds are dropped from the table).
 */
export function subjectsStrings(subjects: unknown): { users: string[]; groups: string[]; serviceAccounts: string[] } {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const s of arr(subjects).map(rec)) {
    if (s.kind === 'ServiceAccount') serviceAccounts.push(`${str(s.namespace)}/${str(s.name)}`);
    else if (s.kind === 'User') users.push(str(s.name));
    else if (s.kind === 'Group') groups.push(str(s.name));
  }
  return { users, groups, serviceAccounts };
}

/** The binding row shared by both kinds: ROLE as `Kind/name`, then the subjects joined with `, `. */
function bindingRow(o: KubeObject, now: Date): (string | number)[] {
  const ref = rec(o.roleRef);
  const { users, groups, serviceAccounts } = subjectsStrings(o.subjects);
  return [
    o.metadata.name ?? '',
    `${str(ref.kind)}/${str(ref.name)}`,
    translateTimestampSince(o.metadata.creationTimestamp, now),
    users.join(', '),
    groups.join(', '),
    serviceAccounts.join(', '),
  ];
}

const bindingColumns = [col('Name'), col('Role'), col('Age'), col('Users', 1), col('Groups', 1), col('ServiceAccounts', 1)];

export const roleBindingPrinter: KindPrinter = { columns: bindingColumns, row: bindingRow };
export const clusterRoleBindingPrinter: KindPrinter = { columns: bindingColumns, row: bindingRow };

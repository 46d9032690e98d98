import { SvcctlError } from '../../errors.js';

export type DryRun = 'none' | 'client' | 'server';

/** --dry-run[=none|client|server]; a bare --dry-run means client, as kubectl (with a warning there). */
export function parseDryRun(v: string | boolean | undefined): DryRun {
  if (v === undefined || v === false || v === 'none' || v === 'false') return 'none';
  if (v === true || v === 'client' || v === 'true') return 'client';
  if (v === 'server') return 'server';
  throw SvcctlError.plain(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

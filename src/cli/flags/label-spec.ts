import { SvcctlError } from '../../errors.js';

/** kubectl's generate.ParseLabels (expose --labels/--selector, run --labels): `k=v,k2=v2`, strictly. */
export function parseLabelSpec(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of spec.split(',')) {
    const kv = item.split('=');
    if (kv.length !== 2) throw SvcctlError.plain(`unexpected label spec: ${item}`);
    if (kv[0] === '') throw SvcctlError.plain('unexpected empty label key');
    out[kv[0]] = kv[1];
  }
  return out;
}

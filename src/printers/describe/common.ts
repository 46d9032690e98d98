// Pieces several kubectl describers share (pkg/describe/describe.go): RFC1123Z times, controller
// references, tolerations, and the Events line svcctl prints while it records no Events.
import { controllerOf } from '../../api/owners.js';
import type { KubeObject, Toleration } from '../../api/types.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Go's time.RFC1123Z layout (`Mon, 02 Jan 2006 15:04:05 -0700`) in the process's local time zone,
 * as kubectl prints it; an absent time is Go's zero time, `Mon, 01 Jan 0001 00:00:00 +0000`.
 */
export function rfc1123z(iso: string | null | undefined): string {
  if (!iso) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const utc = new Date(iso);
  const offset = -utc.getTimezoneOffset();
  const d = new Date(utc.getTime() + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${sign}${pad(Math.trunc(abs / 60))}${pad(abs % 60)}`;
}

/** printController: `Kind/name` of the controller owner reference, or '' when there is none. */
export function controlledBy(obj: KubeObject): string {
  const ref = controllerOf(obj);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** printTolerationsMultilineWithIndent: sorted by key (stable), `<none>` when empty. */
export function tolerationsMultiline(indent: string, title: string, tolerations: Toleration[] | undefined): string {
  let t = `${indent}${title}:\t`;
  const list = [...(tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  if (list.length === 0) return `${t}<none>\n`;
  list.forEach((tol, i) => {
    if (i !== 0) t += `${indent}\t`;
    t += tol.key ?? '';
    if (tol.value) t += `=${tol.value}`;
    if (tol.effect) t += `:${tol.effect}`;
    // operator Exists with no value tolerates everything.
    if (tol.operator === 'Exists' && !tol.value) t += tol.key || tol.effect ? ' op=Exists' : 'op=Exists';
    if (tol.tolerationSeconds !== undefined && tol.tolerationSeconds !== null) t += ` for ${tol.tolerationSeconds}s`;
    t += '\n';
  });
  return t;
}


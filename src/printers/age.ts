// AGE cells: k8s.io/apimachinery pkg/util/duration HumanDuration and the printers'
// translateTimestampSince. Pure: the caller passes the clock.

/**
 * Kubernetes' human duration for a number of seconds (fractions are truncated toward zero, as
 * Go's int(d.Seconds()) does). Below -1s is `<invalid>`; -1s counts as `0s` (clock skew).
 */
export function humanDuration(seconds: number): string {
  const s = Math.trunc(seconds);
  if (s < -1) return '<invalid>';
  if (s < 0) return '0s';
  if (s < 120) return `${s}s`;
  const minutes = Math.trunc(s / 60);
  if (minutes < 10) {
    const rem = s % 60;
    return rem === 0 ? `${minutes}m` : `${minutes}m${rem}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(s / 3600);
  if (hours < 8) {
    const rem = minutes % 60;
    return rem === 0 ? `${hours}h` : `${hours}h${rem}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const rem = hours % 24;
    return rem === 0 ? `${days}d` : `${days}d${rem}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  // Years are 365 days; leap days are ignored, as in Go.
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const rem = days % 365;
    return rem === 0 ? `${years}y` : `${years}y${rem}d`;
  }
  return `${years}y`;
}

/**
 * The AGE of an object created at `timestamp` (RFC 3339) as seen at `now`; `<unknown>` when the
 * timestamp is missing or unparseable (Go's zero time).
 */
export function translateTimestampSince(timestamp: string | undefined | null, now: Date): string {
  if (!timestamp) return '<unknown>';
  const t = Date.parse(timestamp);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration((now.getTime() - t) / 1000);
}

// IPv4 addresses as unsigned 32-bit numbers, and CIDR parsing (netutils.ParseCIDRSloppy: leading
// zeros allowed and read as decimal, host bits masked off).
import { ErrInvalidRange } from './errors.js';

/** An IPv4 network: `base` is the masked network address, `size` the number of addresses in it. */
export interface IPv4Net {
  base: number;
  prefix: number;
  size: number;
}

/** Parses dotted-quad IPv4 (`10.96.0.1`); returns undefined for anything else, IPv6 included. */
export function parseIPv4(s: string): number | undefined {
  // Read character by character: the controllers parse every pod's address on a full resync.
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits > 3) return undefined;
      part = part * 10 + (c - 48);
    } else if (c === 46 && digits > 0 && part <= 255 && dots < 3) {
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || part > 255) return undefined;
  return n * 256 + part;
}

/** Formats an unsigned 32-bit number as dotted quad. */
export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Parses `A.B.C.D/N`. Throws ErrInvalidRange (`invalid CIDR address: X`, Go's text) when malformed. */
export function parseCIDR(s: string): IPv4Net {
  const slash = s.indexOf('/');
  const ip = slash < 0 ? undefined : parseIPv4(s.slice(0, slash));
  const bits = slash < 0 ? '' : s.slice(slash + 1);
  if (ip === undefined || !/^[0-9]{1,2}$/.test(bits) || Number(bits) > 32) {
    throw new ErrInvalidRange(`invalid CIDR address: ${s}`);
  }
  const prefix = Number(bits);
  const size = 2 ** (32 - prefix);
  return { base: ip - (ip % size), prefix, size };
}

/** The canonical CIDR text (`10.96.0.0/12`), as Go's IPNet.String(). */
export function formatCIDR(net: IPv4Net): string {
  return `${formatIPv4(net.base)}/${net.prefix}`;
}

/** Whether `ip` lies inside `net`, network and broadcast addresses included. */
export function cidrContains(net: IPv4Net, ip: number): boolean {
  return ip >= net.base && ip < net.base + net.size;
}

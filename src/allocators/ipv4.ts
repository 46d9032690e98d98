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
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
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

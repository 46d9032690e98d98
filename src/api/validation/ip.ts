// IP and CIDR parsing as Kubernetes does it, plus apimachinery's ip.go validators.
//
// Two parsers exist in Go and the apiserver uses both:
//   sloppy  = k8s.io/utils/net ParseIPSloppy / ParseCIDRSloppy (Go 1.16 net.ParseIP):
//             IPv4 octets may carry leading zeros ("010.1.1.1" is 10.1.1.1).
//   strict  = net/netip ParseAddr / ParsePrefix: leading zeros are rejected.
// Legacy fields (clusterIPs, externalIPs, loadBalancerSourceRanges) use sloppy parsing plus the
// strict checks only when the StrictIPCIDRValidation gate is on, which is alpha and off in 1.33.
import { type FieldError, type FieldPath, invalid } from '../field.js';

/** A parsed address: always 16 bytes (IPv4 is stored IPv4-mapped, as Go's net.IP does). */
export interface ParsedIP {
  bytes: number[];
  /** Written in IPv6 syntax (so "::ffff:1.2.3.4" is textual IPv6 but an IPv4 address to net.IP). */
  v6Syntax: boolean;
}

const V4_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function parseIPv4(s: string, strict: boolean): number[] | null {
  const fields = s.split('.');
  if (fields.length !== 4) return null;
  const out: number[] = [];
  for (const f of fields) {
    if (!/^[0-9]+$/.test(f)) return null;
    // netip refuses "01"; the Go 1.16 parser reads it as decimal 1.
    if (strict && (f.length > 3 || (f.length > 1 && f[0] === '0'))) return null;
    const n = Number.parseInt(f, 10);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

function parseIPv6(s: string, strict: boolean): number[] | null {
  if (s.includes('%')) return null; // zones are never valid in API fields
  const ip: number[] = [];
  let ellipsis = -1;
  let rest = s;
  if (rest.startsWith('::')) {
    ellipsis = 0;
    rest = rest.slice(2);
    if (rest === '') return new Array<number>(16).fill(0);
  }
  while (ip.length < 16) {
    const m = /^[0-9a-fA-F]+/.exec(rest);
    if (!m) return null;
    const hex = m[0];
    if (rest[hex.length] === '.') {
      // Trailing embedded IPv4 address.
      if ((ellipsis < 0 && ip.length !== 12) || ip.length + 4 > 16) return null;
      const v4 = parseIPv4(rest, strict);
      if (!v4) return null;
      ip.push(...v4);
      rest = '';
      break;
    }
    if (strict && hex.length > 4) return null;
    const n = Number.parseInt(hex, 16);
    if (n > 0xffff) return null;
    ip.push(n >> 8, n & 0xff);
    rest = rest.slice(hex.length);
    if (rest === '') break;
    if (rest[0] !== ':' || rest.length === 1) return null;
    rest = rest.slice(1);
    if (rest[0] === ':') {
      if (ellipsis >= 0) return null;
      ellipsis = ip.length;
      rest = rest.slice(1);
      if (rest === '') break;
    }
  }
  if (rest !== '') return null;
  if (ip.length < 16) {
    if (ellipsis < 0) return null;
    const fill = new Array<number>(16 - ip.length).fill(0);
    ip.splice(ellipsis, 0, ...fill);
  } else if (ellipsis >= 0) {
    return null; // "::" must stand for at least one group
  }
  return ip;
}

function parse(s: string, strict: boolean): ParsedIP | null {
  const v4 = parseIPv4(s, strict);
  if (v4) return { bytes: [...V4_PREFIX, ...v4], v6Syntax: false };
  const v6 = parseIPv6(s, strict);
  return v6 ? { bytes: v6, v6Syntax: true } : null;
}

/** netutils.ParseIPSloppy: null when unparseable. */
export function parseIPSloppy(s: string): ParsedIP | null {
  return parse(s, false);
}

/** netip.ParseAddr (without zones): null when unparseable. */
export function parseIPStrict(s: string): ParsedIP | null {
  return parse(s, true);
}

/** net.IP.To4() != nil: an IPv4 address, including IPv4-mapped IPv6 text. */
export function isIPv4(ip: ParsedIP): boolean {
  return V4_PREFIX.every((b, i) => ip.bytes[i] === b);
}

/** netip.Addr.Is4In6: IPv4-mapped address written in IPv6 syntax. */
export function is4In6(ip: ParsedIP): boolean {
  return ip.v6Syntax && isIPv4(ip);
}

/** netutils.IsIPv6String: parses and is not an IPv4 (or IPv4-mapped) address. */
export function isIPv6String(s: string): boolean {
  const ip = parseIPSloppy(s);
  return ip !== null && !isIPv4(ip);
}

/** net.IP.String(): dotted quad for IPv4, RFC 5952 for IPv6. */
export function ipToString(ip: ParsedIP): string {
  if (isIPv4(ip)) return ip.bytes.slice(12).join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((ip.bytes[i] << 8) | ip.bytes[i + 1]);
  // Longest run (>= 2) of zero groups, first one wins ties.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** A parsed CIDR: the address as written, its prefix length and address length in bits. */
export interface ParsedCIDR {
  ip: ParsedIP;
  prefix: number;
  bits: 32 | 128;
}

function parseCIDR(s: string, strict: boolean): ParsedCIDR | null {
  const slash = s.indexOf('/');
  if (slash < 0) return null;
  const addr = s.slice(0, slash);
  const mask = s.slice(slash + 1);
  const ip = parse(addr, strict);
  if (!ip) return null;
  const bits = ip.v6Syntax ? 128 : 32;
  if (!/^[0-9]+$/.test(mask)) return null;
  if (strict && mask.length > 1 && mask[0] === '0') return null;
  const prefix = Number.parseInt(mask, 10);
  if (prefix > bits) return null;
  return { ip, prefix, bits };
}

/** netutils.ParseCIDRSloppy: null when unparseable. */
export function parseCIDRSloppy(s: string): ParsedCIDR | null {
  return parseCIDR(s, false);
}

/** The network address of a CIDR (bits past the prefix cleared). */
function masked(c: ParsedCIDR): ParsedIP {
  const offset = c.bits === 32 ? 96 : 0;
  const ones = c.prefix + offset;
  const bytes = c.ip.bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, ones - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
  return { bytes, v6Syntax: c.ip.v6Syntax };
}

/** net.IPNet.String(): "10.0.0.0/8", "2001:db8::/64". */
export function cidrToString(c: ParsedCIDR): string {
  return `${ipToString(masked(c))}/${c.prefix}`;
}

function parseIPErrors(path: FieldPath, value: string, strict: boolean): { ip: ParsedIP | null; errs: FieldError[] } {
  const ip = parseIPSloppy(value);
  if (!ip) return { ip, errs: [invalid(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')] };
  const errs: FieldError[] = [];
  if (strict) {
    const addr = parseIPStrict(value);
    if (!addr) errs.push(invalid(path, value, 'must not have leading 0s'));
    else if (is4In6(addr)) errs.push(invalid(path, value, 'must not be an IPv4-mapped IPv6 address'));
  }
  return { ip, errs };
}

/**
 * IsValidIPForLegacyField: any address ParseIPSloppy accepts; with `strict` (the
 * StrictIPCIDRValidation gate) also no leading zeros and no IPv4-mapped IPv6.
 */
export function isValidIPForLegacyField(path: FieldPath, value: string, strict: boolean): FieldError[] {
  return parseIPErrors(path, value, strict).errs;
}

/** IsValidIP: strict parsing and canonical form, for fields newer than strict validation. */
export function isValidIP(path: FieldPath, value: string): FieldError[] {
  const { ip, errs } = parseIPErrors(path, value, true);
  if (!ip || errs.length) return errs;
  const canonical = ipToString(ip);
  return value === canonical ? [] : [invalid(path, value, `must be in canonical form (${JSON.stringify(canonical)})`)];
}

function parseCIDRErrors(path: FieldPath, value: string, strict: boolean): { c: ParsedCIDR | null; errs: FieldError[] } {
  const c = parseCIDRSloppy(value);
  if (!c) return { c, errs: [invalid(path, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')] };
  const errs: FieldError[] = [];
  if (strict) {
    const p = parseCIDR(value, true);
    if (!p) errs.push(invalid(path, value, 'must not have leading 0s in IP or prefix length'));
    else if (is4In6(p.ip)) errs.push(invalid(path, value, 'must not have an IPv4-mapped IPv6 address'));
    else if (masked(p).bytes.some((b, i) => b !== p.ip.bytes[i]))
      errs.push(invalid(path, value, 'must not have bits set beyond the prefix length'));
  }
  return { c, errs };
}

/** IsValidCIDRForLegacyField: as IsValidIPForLegacyField, for CIDR values. */
export function isValidCIDRForLegacyField(path: FieldPath, value: string, strict: boolean): FieldError[] {
  return parseCIDRErrors(path, value, strict).errs;
}

/** IsValidCIDR: strict parsing, no host bits, canonical form. */
export function isValidCIDR(path: FieldPath, value: string): FieldError[] {
  const { c, errs } = parseCIDRErrors(path, value, true);
  if (!c || errs.length) return errs;
  const canonical = cidrToString(c);
  return value === canonical ? [] : [invalid(path, value, `must be in canonical form (${JSON.stringify(canonical)})`)];
}

function inV4(ip: ParsedIP, a: number, maskBits: number, b = 0): boolean {
  if (!isIPv4(ip)) return false;
  const v = ip.bytes.slice(12);
  if (maskBits === 8) return v[0] === a;
  if (maskBits === 16) return v[0] === a && v[1] === b;
  return v[0] === a && v[1] === b && v[2] === 0; // /24
}

/**
 * ValidateNonSpecialIP (core validation): externalIPs and endpoints may not be unspecified,
 * loopback, link-local unicast or link-local multicast addresses.
 */
export function validateNonSpecialIP(value: string, path: FieldPath): FieldError[] {
  const ip = parseIPSloppy(value);
  if (!ip) return [invalid(path, value, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  const b = ip.bytes;
  const v6 = !isIPv4(ip);
  const unspecified = v6 ? b.every((x) => x === 0) : b.slice(12).every((x) => x === 0);
  const loopback = v6 ? b.slice(0, 15).every((x) => x === 0) && b[15] === 1 : inV4(ip, 127, 8);
  const linkLocalUnicast = v6 ? b[0] === 0xfe && (b[1] & 0xc0) === 0x80 : inV4(ip, 169, 16, 254);
  const linkLocalMulticast = v6 ? b[0] === 0xff && (b[1] & 0x0f) === 0x02 : inV4(ip, 224, 24, 0);
  if (unspecified) errs.push(invalid(path, value, `may not be unspecified (${value})`));
  if (loopback) errs.push(invalid(path, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (linkLocalUnicast) errs.push(invalid(path, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (linkLocalMulticast)
    errs.push(invalid(path, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}

// ValidateServiceClusterIPsRelatedFields (pkg/apis/core/validation): the clusterIP / clusterIPs /
// ipFamilies / ipFamilyPolicy consistency rules. Shared by validateService and by the registry's
// IP-family initialisation, which runs it as a pre-check before allocating.
import { type FieldError, FieldPath, duplicate, invalid, internalError, notSupported, required } from '../field.js';
import type { Service } from '../types.js';
import { isIPv4, isIPv6String, isValidIPForLegacyField, parseIPSloppy } from './ip.js';

export const CLUSTER_IP_NONE = 'None';
export const SUPPORTED_IP_FAMILIES = ['IPv4', 'IPv6'];
export const SUPPORTED_IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

/** isHeadlessService: exactly one clusterIPs entry and it is "None" (clusterIP alone does not count). */
export function isHeadlessService(svc: Service | undefined): boolean {
  const ips = svc?.spec?.clusterIPs;
  return ips !== undefined && ips.length === 1 && ips[0] === CLUSTER_IP_NONE;
}

/** netutils.IsDualStackIPStrings: at least one IPv4 and one IPv6 among parseable IPs. */
function isDualStack(ips: string[]): boolean | Error {
  let v4 = false;
  let v6 = false;
  for (const s of ips) {
    const ip = parseIPSloppy(s);
    if (!ip) return new Error(`failed to parse IP: ${s}`);
    if (isIPv4(ip)) v4 = true;
    else v6 = true;
  }
  return v4 && v6;
}

/**
 * The clusterIP-related rules, in Go's order. ExternalName Services are skipped (their fields
 * are checked by validateService). `strictIP` mirrors the StrictIPCIDRValidation gate (off in 1.33).
 */
export function validateServiceClusterIPsRelatedFields(svc: Service, strictIP = false): FieldError[] {
  const spec = svc.spec ?? {};
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  let hasInvalidIPs = false;
  const specPath = FieldPath.root('spec');
  const clusterIPsField = specPath.child('clusterIPs');
  const ipFamiliesField = specPath.child('ipFamilies');
  const clusterIPs = spec.clusterIPs ?? [];
  const families = spec.ipFamilies ?? [];

  if (spec.clusterIP) {
    if (clusterIPs.length === 0) errs.push(required(clusterIPsField, ''));
    else if (clusterIPs[0] !== spec.clusterIP)
      errs.push(invalid(clusterIPsField, clusterIPs, 'first value must match `clusterIP`'));
  } else if (clusterIPs.length !== 0) {
    errs.push(invalid(clusterIPsField, clusterIPs, 'must be empty when `clusterIP` is not specified'));
  }

  const seen = new Set<string>();
  families.forEach((fam, i) => {
    if (!SUPPORTED_IP_FAMILIES.includes(fam)) errs.push(notSupported(ipFamiliesField.index(i), fam, SUPPORTED_IP_FAMILIES));
    if (seen.has(fam)) errs.push(duplicate(ipFamiliesField.index(i), fam));
    seen.add(fam);
  });

  if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) {
    if (!SUPPORTED_IP_FAMILY_POLICIES.includes(spec.ipFamilyPolicy))
      errs.push(notSupported(specPath.child('ipFamilyPolicy'), spec.ipFamilyPolicy, SUPPORTED_IP_FAMILY_POLICIES));
  }

  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === CLUSTER_IP_NONE) {
      if (clusterIPs.length > 1) {
        hasInvalidIPs = true;
        errs.push(invalid(clusterIPsField, clusterIPs, "'None' must be the first and only value"));
      }
      return;
    }
    const ipErrs = isValidIPForLegacyField(clusterIPsField.index(i), ip, strictIP);
    if (ipErrs.length) hasInvalidIPs = true;
    errs.push(...ipErrs);
  });

  if (clusterIPs.length > 2) errs.push(invalid(clusterIPsField, clusterIPs, 'may only hold up to 2 values'));

  // Bad IPs would skew the dual-stack and family checks below.
  if (hasInvalidIPs) return errs;

  if (clusterIPs.length > 1) {
    const dual = isDualStack(clusterIPs);
    if (dual instanceof Error)
      errs.push(internalError(clusterIPsField, undefined, `failed to check for dual stack with error:${dual.message}`));
    else if (!dual) errs.push(invalid(clusterIPsField, clusterIPs, 'may specify no more than one IP for each IP family'));
  }

  if (!isHeadlessService(svc) && clusterIPs.length > 0 && families.length > 0) {
    clusterIPs.forEach((ip, i) => {
      if (i > families.length - 1) return;
      if (families[i] === 'IPv4' && isIPv6String(ip))
        errs.push(invalid(clusterIPsField.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && !isIPv6String(ip))
        errs.push(invalid(clusterIPsField.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

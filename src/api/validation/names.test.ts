import { describe, expect, it } from 'vitest';
import { FieldPath, fieldErrorString } from '../field.js';
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidCIDR,
  isValidCIDRForLegacyField,
  isValidIP,
  isValidIPForLegacyField,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  nameIsDNS1035Label,
} from './names.js';
import { validateNonSpecialIP } from './ip.js';

const LABEL_1123 =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const KEY_NAME =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

interface Case {
  name: string;
  fn: (v: string) => string[];
  value: string;
  want: string[];
}

const cases: Case[] = [
  { name: '1123 label ok', fn: isDNS1123Label, value: '123-abc', want: [] },
  { name: '1123 label uppercase', fn: isDNS1123Label, value: 'Web', want: [LABEL_1123] },
  { name: '1123 label with dots', fn: isDNS1123Label, value: 'a.b', want: ['must not contain dots'] },
  { name: '1123 label too long', fn: isDNS1123Label, value: 'a'.repeat(64), want: ['must be no more than 63 characters'] },
  { name: '1123 label empty', fn: isDNS1123Label, value: '', want: [LABEL_1123] },
  { name: 'subdomain ok', fn: isDNS1123Subdomain, value: 'my.example.com', want: [] },
  { name: 'subdomain uppercase', fn: isDNS1123Subdomain, value: 'Example.com', want: [SUBDOMAIN] },
  { name: 'subdomain too long', fn: isDNS1123Subdomain, value: 'a'.repeat(254), want: ['must be no more than 253 characters'] },
  { name: '1035 label starts with digit', fn: isDNS1035Label, value: '1web', want: [LABEL_1035] },
  { name: '1035 label trailing dash', fn: isDNS1035Label, value: 'web-', want: [LABEL_1035] },
  { name: '1035 too long and bad', fn: isDNS1035Label, value: `${'a'.repeat(63)}-`, want: ['must be no more than 63 characters', LABEL_1035] },
  { name: 'generateName may end with a dash', fn: (v) => nameIsDNS1035Label(v, true), value: 'web-', want: [] },
  { name: 'qualified name ok', fn: isQualifiedName, value: 'example.com/My_name', want: [] },
  { name: 'qualified name bad name', fn: isQualifiedName, value: '-x', want: [KEY_NAME] },
  { name: 'qualified name empty prefix', fn: isQualifiedName, value: '/x', want: ['prefix part must be non-empty'] },
  { name: 'qualified name uppercase prefix', fn: isQualifiedName, value: 'Example.com/x', want: [`prefix part ${SUBDOMAIN}`] },
  { name: 'qualified name empty name', fn: isQualifiedName, value: 'a/', want: ['name part must be non-empty', KEY_NAME] },
  {
    name: 'qualified name two slashes',
    fn: isQualifiedName,
    value: 'a/b/c',
    want: [
      "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ],
  },
  { name: 'qualified name long name', fn: isQualifiedName, value: 'a'.repeat(64), want: ['name part must be no more than 63 characters'] },
  { name: 'label value empty ok', fn: isValidLabelValue, value: '', want: [] },
  { name: 'label value bad', fn: isValidLabelValue, value: 'a b', want: [LABEL_VALUE] },
  { name: 'label value too long', fn: isValidLabelValue, value: 'a'.repeat(64), want: ['must be no more than 63 characters'] },
  { name: 'port name ok', fn: isValidPortName, value: 'http-alt', want: [] },
  { name: 'port name uppercase', fn: isValidPortName, value: 'HTTP', want: ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)'] },
  { name: 'port name digits only', fn: isValidPortName, value: '8080', want: ['must contain at least one letter (a-z)'] },
  { name: 'port name double hyphen', fn: isValidPortName, value: 'a--b', want: ['must not contain consecutive hyphens'] },
  { name: 'port name edge hyphen', fn: isValidPortName, value: '-ab', want: ['must not begin or end with a hyphen'] },
  { name: 'port name too long', fn: isValidPortName, value: 'abcdefghijklmnop', want: ['must be no more than 15 characters'] },
];

describe('name and label syntax', () => {
  it.each(cases)('$name', ({ fn, value, want }) => {
    expect(fn(value)).toEqual(want);
  });

  it.each([
    { port: 0, want: ['must be between 1 and 65535, inclusive'] },
    { port: 1, want: [] },
    { port: 65535, want: [] },
    { port: 65536, want: ['must be between 1 and 65535, inclusive'] },
  ])('port number $port', ({ port, want }) => {
    expect(isValidPortNum(port)).toEqual(want);
  });
});

const p = FieldPath.root('spec').child('x');
const render = (errs: ReturnType<typeof isValidIP>) => errs.map(fieldErrorString);

describe('IP and CIDR validation', () => {
  it.each([
    { name: 'ipv4', v: '10.96.0.1', legacy: [], strict: [], canonical: [] },
    { name: 'ipv6 canonical', v: '2001:db8::1', legacy: [], strict: [], canonical: [] },
    { name: 'ipv6 non-canonical', v: '2001:DB8:0:0:0:0:0:1', legacy: [], strict: [], canonical: ['spec.x: Invalid value: "2001:DB8:0:0:0:0:0:1": must be in canonical form ("2001:db8::1")'] },
    { name: 'leading zeros', v: '010.096.0.1', legacy: [], strict: ['spec.x: Invalid value: "010.096.0.1": must not have leading 0s'], canonical: ['spec.x: Invalid value: "010.096.0.1": must not have leading 0s'] },
    { name: 'ipv4-mapped', v: '::ffff:1.2.3.4', legacy: [], strict: ['spec.x: Invalid value: "::ffff:1.2.3.4": must not be an IPv4-mapped IPv6 address'], canonical: ['spec.x: Invalid value: "::ffff:1.2.3.4": must not be an IPv4-mapped IPv6 address'] },
    ...['1.2.3', '1.2.3.256', 'abc', '', '1::2::3', 'fe80::1%eth0', '1:2:3:4:5:6:7:8:9', ':1'].map((v) => ({
      name: `garbage ${JSON.stringify(v)}`,
      v,
      legacy: [`spec.x: Invalid value: ${JSON.stringify(v)}: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`],
      strict: [`spec.x: Invalid value: ${JSON.stringify(v)}: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`],
      canonical: [`spec.x: Invalid value: ${JSON.stringify(v)}: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`],
    })),
  ])('IP $name', ({ v, legacy, strict, canonical }) => {
    expect(render(isValidIPForLegacyField(p, v, false))).toEqual(legacy);
    expect(render(isValidIPForLegacyField(p, v, true))).toEqual(strict);
    expect(render(isValidIP(p, v))).toEqual(canonical);
  });

  const BAD_CIDR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
  it.each([
    { name: 'ipv4 net', v: '10.0.0.0/8', legacy: [], strict: [], canonical: [] },
    { name: 'host bits', v: '10.0.0.1/8', legacy: [], strict: ['must not have bits set beyond the prefix length'], canonical: ['must not have bits set beyond the prefix length'] },
    { name: 'leading zero prefix', v: '10.0.0.0/08', legacy: [], strict: ['must not have leading 0s in IP or prefix length'], canonical: ['must not have leading 0s in IP or prefix length'] },
    { name: 'ipv6 non-canonical', v: '2001:DB8::/64', legacy: [], strict: [], canonical: ['must be in canonical form ("2001:db8::/64")'] },
    { name: 'prefix too long', v: '10.0.0.0/33', legacy: [BAD_CIDR], strict: [BAD_CIDR], canonical: [BAD_CIDR] },
    { name: 'no slash', v: '10.0.0.0', legacy: [BAD_CIDR], strict: [BAD_CIDR], canonical: [BAD_CIDR] },
  ])('CIDR $name', ({ v, legacy, strict, canonical }) => {
    const details = (errs: ReturnType<typeof isValidCIDR>) => errs.map((e) => e.detail);
    expect(details(isValidCIDRForLegacyField(p, v, false))).toEqual(legacy);
    expect(details(isValidCIDRForLegacyField(p, v, true))).toEqual(strict);
    expect(details(isValidCIDR(p, v))).toEqual(canonical);
  });

  it.each([
    { v: '1.2.3.4', want: [] },
    { v: '0.0.0.0', want: ['may not be unspecified (0.0.0.0)'] },
    { v: '::', want: ['may not be unspecified (::)'] },
    { v: '127.0.0.5', want: ['may not be in the loopback range (127.0.0.0/8, ::1/128)'] },
    { v: '::1', want: ['may not be in the loopback range (127.0.0.0/8, ::1/128)'] },
    { v: '169.254.1.1', want: ['may not be in the link-local range (169.254.0.0/16, fe80::/10)'] },
    { v: 'fe80::1', want: ['may not be in the link-local range (169.254.0.0/16, fe80::/10)'] },
    { v: '224.0.0.1', want: ['may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'] },
    { v: 'ff02::1', want: ['may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'] },
  ])('non-special IP $v', ({ v, want }) => {
    expect(validateNonSpecialIP(v, p).map((e) => e.detail)).toEqual(want);
  });
});

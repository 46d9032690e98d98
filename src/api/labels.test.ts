import { describe, expect, it } from 'vitest';
import {
  formatLabelSelector,
  formatLabels,
  labelSelectorMatcher,
  parseSelector,
  selectorMatches,
  selectorString,
} from './labels.js';

describe('parseSelector', () => {
  const cases = [
    { name: 'full kubectl syntax, sorted by key', input: 'a=b,c!=d,e in (y,x),f notin (z),g,!h', out: 'a=b,c!=d,e in (x,y),f notin (z),g,!h' },
    { name: 'double equals kept', input: 'tier==web', out: 'tier==web' },
    { name: 'whitespace ignored', input: ' app = web , env in ( prod , dev ) ', out: 'app=web,env in (dev,prod)' },
    { name: 'empty selector', input: '', out: '' },
    { name: 'empty value', input: 'a=', out: 'a=' },
    { name: 'in as a value', input: 'x in (in,notin)', out: 'x in (in,notin)' },
    { name: 'gt and lt', input: 'n>5,m<3', out: 'm<3,n>5' },
    { name: 'prefixed key', input: 'app.kubernetes.io/name=web', out: 'app.kubernetes.io/name=web' },
  ];
  it.each(cases)('$name', ({ input, out }) => {
    expect(selectorString(parseSelector(input))).toBe(out);
  });

  const errors = [
    { name: 'missing value set', input: 'a in', msg: "unable to parse requirement: found '' expected: '('" },
    { name: 'dangling comma', input: 'a=b,', msg: "found '', expected: identifier after ','" },
    { name: 'bad operator', input: 'a b', msg: "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt" },
    {
      name: 'invalid key',
      input: '-a=b',
      msg:
        'unable to parse requirement: <nil>: Invalid value: "-a": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')',
    },
    {
      name: 'invalid value',
      input: 'a=b$',
      msg:
        'unable to parse requirement: values[0][a]: Invalid value: "b$": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')',
    },
  ];
  it.each(errors)('rejects $name', ({ input, msg }) => {
    expect(() => parseSelector(input)).toThrow(msg);
  });
});

describe('selectorMatches', () => {
  const labels = { app: 'web', tier: 'front', n: '7' };
  const cases = [
    { name: 'equality holds', sel: 'app=web', want: true },
    { name: 'equality fails', sel: 'app=db', want: false },
    { name: 'inequality of missing key holds', sel: 'env!=prod', want: true },
    { name: 'in', sel: 'tier in (front,back)', want: true },
    { name: 'notin', sel: 'tier notin (front)', want: false },
    { name: 'exists', sel: 'app', want: true },
    { name: 'does not exist', sel: '!app', want: false },
    { name: 'gt', sel: 'n>5', want: true },
    { name: 'lt', sel: 'n<5', want: false },
    { name: 'everything', sel: '', want: true },
  ];
  it.each(cases)('$name', ({ sel, want }) => {
    expect(selectorMatches(parseSelector(sel), labels)).toBe(want);
  });
});

describe('LabelSelector', () => {
  const cases = [
    {
      name: 'matchLabels and matchExpressions',
      ls: {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'dev'] },
          { key: 'canary', operator: 'DoesNotExist' },
        ],
      },
      str: 'app=web,!canary,env in (dev,prod)',
      matches: { app: 'web', env: 'dev' },
      misses: { app: 'web', env: 'dev', canary: 'x' },
    },
    { name: 'empty selects everything', ls: {}, str: '<none>', matches: { any: 'x' }, misses: undefined },
  ];
  it.each(cases)('$name', ({ ls, str, matches, misses }) => {
    expect(formatLabelSelector(ls)).toBe(str);
    const m = labelSelectorMatcher(ls);
    expect(m(matches)).toBe(true);
    if (misses) expect(m(misses)).toBe(false);
  });

  it('a missing selector matches nothing', () => {
    expect(labelSelectorMatcher(undefined)({ a: 'b' })).toBe(false);
  });
  it('an unknown operator prints <error>', () => {
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Foo' }] })).toBe('<error>');
  });
});

describe('formatLabels', () => {
  it.each([
    { name: 'sorted', labels: { b: '2', a: '1' }, out: 'a=1,b=2' },
    { name: 'none', labels: {}, out: '<none>' },
    { name: 'undefined', labels: undefined, out: '<none>' },
  ])('$name', ({ labels, out }) => {
    expect(formatLabels(labels)).toBe(out);
  });
});

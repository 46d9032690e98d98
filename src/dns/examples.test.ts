// Every case in ../shared/examples/dns/queries.json against clusters/basic.yaml, at the
// function level (answerQuery for absolute names, resolveName with a namespace's search path).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveName } from './resolve.js';
import { loadYaml, viewOf } from './testing/cluster.js';
import { shared } from '../../test/helpers/shared.js';

const EXAMPLES = shared('examples', 'dns');

interface ExampleCase {
  id: string;
  cluster: string;
  query: string;
  qtype: string;
  fromNamespace?: string;
  expect: { rcode: string; answers: { name: string; type: string; data: string }[] };
}

const cases = (JSON.parse(readFileSync(`${EXAMPLES}/queries.json`, 'utf8')) as ExampleCase[]).map((c) => ({ ...c, name: `${c.id} ${c.query} ${c.qtype}` }));
const basic = viewOf(loadYaml(`${EXAMPLES}/clusters/basic.yaml`), { namespaces: ['default', 'kube-system', 'shop'] });

/** Order-insensitive, case-insensitive names, trailing dot optional (README rules). */
function norm(rrs: { name: string; type: string; data: string }[]): string[] {
  const dot = (s: string) => (s.endsWith('.') ? s : `${s}.`);
  return rrs
    .map((r) => {
      const data = r.type === 'A' || r.type === 'SRV' ? r.data : dot(r.data);
      return `${dot(r.name).toLowerCase()} ${r.type} ${r.type === 'SRV' ? data.toLowerCase() : data.toLowerCase()}`;
    })
    .sort();
}

describe('shared DNS examples (basic cluster)', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(20));
  it.each(cases)('$name', (c) => {
    expect(c.cluster).toBe('basic');
    const got = resolveName(basic, c.query, c.qtype, c.fromNamespace ? { namespace: c.fromNamespace } : {});
    expect(got.rcode).toBe(c.expect.rcode);
    expect(norm(got.answers)).toEqual(norm(c.expect.answers));
    for (const a of got.answers) expect(a.ttl).toBe(30);
  });
});

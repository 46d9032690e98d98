// The Events section against kubectl 1.32's own output, recorded with
// test/fixtures/describe/events/record.sh (kubectl-oracle/fakeapi.py over objects.yaml).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod, Service } from '../../api/types.js';
import { eventsTable, withEvents, type DescribedEvent } from './events.js';
import { describePod } from './pod.js';
import { describeService } from './service.js';

const dir = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'describe', 'events');
const NOW = new Date('2025-06-01T12:00:00Z');
const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** fakeapi's `@now-<N><unit>` placeholders, resolved against NOW. */
function resolveNow(v: unknown): unknown {
  if (typeof v === 'string') {
    const m = /^@now(?:-(\d+)([smhd]))?$/.exec(v);
    return m ? new Date(NOW.getTime() - (m[1] ? Number(m[1]) * UNITS[m[2]] * 1000 : 0)).toISOString().replace(/\.\d{3}Z$/, 'Z') : v;
  }
  if (Array.isArray(v)) return v.map(resolveNow);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveNow(x)]));
  return v;
}

const objects = parseAllDocuments(readFileSync(join(dir, 'objects.yaml'), 'utf8')).map((d) => resolveNow(d.toJS()) as KubeObject);
const byName = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;
const eventsOf = (o: KubeObject) =>
  objects.filter((e) => e.kind === 'Event' && (e as unknown as { involvedObject: { uid: string } }).involvedObject.uid === o.metadata.uid) as DescribedEvent[];
const golden = (f: string) => readFileSync(join(dir, f), 'utf8');

describe('describe Events match kubectl', () => {
  const cases = [
    { name: 'service with events (sorted by last seen, repeats as xN over)', file: 'svc-web.out', text: () => describeService(byName('Service', 'web') as Service, [], eventsOf(byName('Service', 'web')), NOW) },
    { name: 'service without events', file: 'svc-quiet.out', text: () => describeService(byName('Service', 'quiet') as Service, [], eventsOf(byName('Service', 'quiet')), NOW) },
    { name: 'pod with kubelet events', file: 'pod-web-0.out', text: () => describePod(byName('Pod', 'web-0') as Pod, eventsOf(byName('Pod', 'web-0')), NOW) },
  ];
  it.each(cases)('$name', ({ file, text }) => expect(text()).toBe(golden(file)));
});

const ev = (over: Partial<DescribedEvent>): DescribedEvent => ({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' }, type: 'Normal', reason: 'R', message: 'm', ...over });

describe('eventsTable', () => {
  const cases = [
    {
      name: 'events.k8s.io event: age from eventTime, From from reportingComponent, sorted first',
      events: [
        ev({ reason: 'Pulled', source: { component: 'kubelet', host: 'node-1' }, count: 1, firstTimestamp: '2025-06-01T11:59:00Z', lastTimestamp: '2025-06-01T11:59:00Z' }),
        ev({ reason: 'Scheduled', source: {}, reportingComponent: 'default-scheduler', eventTime: '2025-06-01T11:58:59.123456Z', firstTimestamp: null, lastTimestamp: null }),
      ],
      want: 'Events:\n  Type    Reason     Age   From               Message\n  ----    ------     ----  ----               -------\n  Normal  Scheduled  60s   default-scheduler  m\n  Normal  Pulled     60s   kubelet            m\n',
    },
    {
      name: 'series: last observed (xN over first)',
      events: [ev({ source: { component: 'c' }, eventTime: '2025-06-01T11:00:00.000000Z', series: { count: 4, lastObservedTime: '2025-06-01T11:59:30.000000Z' } })],
      want: 'Events:\n  Type    Reason  Age                From  Message\n  ----    ------  ----               ----  -------\n  Normal  R       30s (x4 over 60m)  c     m\n',
    },
    {
      name: 'no timestamps at all: <unknown>',
      events: [ev({ source: { component: 'c' } })],
      want: 'Events:\n  Type    Reason  Age        From  Message\n  ----    ------  ----       ----  -------\n  Normal  R       <unknown>  c     m\n',
    },
  ];
  it.each(cases)('$name', ({ events, want }) => expect(eventsTable(events, NOW)).toBe(want));

  it.each([
    { name: 'none: one line in the body block', events: [], want: 'A:       x\nEvents:  <none>\n' },
    { name: 'some: body aligned alone', events: [ev({ source: { component: 'c' }, firstTimestamp: '2025-06-01T11:59:50Z' })], want: 'A:  x\nEvents:\n  Type    Reason  Age   From  Message\n  ----    ------  ----  ----  -------\n  Normal  R       10s   c     m\n' },
  ])('withEvents: $name', ({ events, want }) => expect(withEvents('A:\tx\n', events, NOW)).toBe(want));
});

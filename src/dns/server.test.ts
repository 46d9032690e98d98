// The server over real sockets on 127.0.0.1 with ephemeral ports; dns-packet on the client side.
import { createSocket } from 'node:dgram';
import { promises as dnsPromises } from 'node:dns';
import { connect } from 'node:net';
import * as packet from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type DnsServer } from './server.js';
import { loadYaml, pod, svc, viewOf } from './testing/cluster.js';
import { shared } from '../../test/helpers/shared.js';

const big = Array.from({ length: 40 }, (_, i) => pod('default', `big-${i}`, `10.244.5.${i + 1}`, { app: 'big' }));
const view = viewOf(
  [
    ...loadYaml(shared('examples', 'dns', 'clusters', 'basic.yaml')),
    svc('default', 'big', { clusterIP: 'None', selector: { app: 'big' }, ports: [{ name: 'http', port: 80 }] }),
    ...big,
    svc('default', 'ext', { type: 'ExternalName', externalName: 'example.com' }),
  ],
  { namespaces: ['default', 'kube-system', 'shop'] },
);

/** A fake upstream answering A for example.com and NXDOMAIN for everything else. */
function fakeUpstream(): Promise<{ port: number; close: () => void }> {
  const sock = createSocket('udp4');
  sock.on('message', (msg, rinfo) => {
    const q = packet.decode(msg);
    const question = q.questions![0];
    const known = question.name === 'example.com' && question.type === 'A';
    const out = packet.encode({
      type: 'response',
      id: q.id,
      flags: known ? 0 : 3,
      questions: q.questions,
      answers: known ? [{ type: 'A', name: 'example.com', ttl: 60, data: '93.184.216.34' }] : [],
    });
    sock.send(out, rinfo.port, rinfo.address);
  });
  return new Promise((resolve) => sock.bind(0, '127.0.0.1', () => resolve({ port: sock.address().port, close: () => sock.close() })));
}

function udpRaw(port: number, msg: Buffer, timeoutMs = 1000): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const sock = createSocket('udp4');
    const timer = setTimeout(() => {
      sock.close();
      resolve(undefined);
    }, timeoutMs);
    sock.on('message', (m) => {
      clearTimeout(timer);
      sock.close();
      resolve(m);
    });
    sock.send(msg, port, '127.0.0.1');
  });
}

let nextId = 100;
function query(name: string, type: packet.RecordType, edns?: number): Buffer {
  nextId++;
  return packet.encode({
    type: 'query',
    id: nextId,
    flags: packet.RECURSION_DESIRED,
    questions: [{ type, name }],
    additionals: edns ? [{ type: 'OPT', name: '.', udpPayloadSize: edns, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }] : [],
  });
}

async function udp(port: number, name: string, type: packet.RecordType, edns?: number) {
  const raw = await udpRaw(port, query(name, type, edns));
  return { raw: raw!, msg: packet.decode(raw!) };
}

function tcp(port: number, msgs: Buffer[]): Promise<packet.DecodedPacket[]> {
  return new Promise((resolve, reject) => {
    const out: packet.DecodedPacket[] = [];
    let buf = Buffer.alloc(0);
    const conn = connect(port, '127.0.0.1', () => {
      // Both queries in one write: the server must split the frames itself.
      conn.write(Buffer.concat(msgs.map((m) => Buffer.concat([Buffer.from([m.length >> 8, m.length & 255]), m]))));
    });
    conn.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        out.push(packet.decode(buf.subarray(2, 2 + buf.readUInt16BE(0))));
        buf = buf.subarray(2 + buf.readUInt16BE(0));
      }
      if (out.length === msgs.length) {
        conn.end();
        resolve(out);
      }
    });
    conn.on('error', reject);
  });
}

const text = (a: packet.Answer) => `${a.name} ${a.ttl} ${a.type} ${typeof a.data === 'object' ? JSON.stringify(a.data) : String(a.data)}`;

describe('DNS server', () => {
  let server: DnsServer;
  let upstream: { port: number; close: () => void };
  let forwarding: DnsServer;

  beforeAll(async () => {
    server = await startDnsServer({ listen: '127.0.0.1:0', getView: async () => view });
    upstream = await fakeUpstream();
    forwarding = await startDnsServer({ listen: '127.0.0.1:0', getView: async () => view, upstream: `127.0.0.1:${upstream.port}`, upstreamTimeoutMs: 500 });
  });
  afterAll(async () => {
    await server.close();
    await forwarding.close();
    upstream.close();
  });

  it.each([
    { name: 'A over UDP', q: 'web.default.svc.cluster.local', t: 'A' as const, rcode: 'NOERROR', aa: true, answers: ['web.default.svc.cluster.local 30 A 10.96.10.10'] },
    { name: 'PTR over UDP', q: '30.20.96.10.in-addr.arpa', t: 'PTR' as const, rcode: 'NOERROR', aa: true, answers: ['30.20.96.10.in-addr.arpa 30 PTR web.shop.svc.cluster.local'] },
    {
      name: 'SRV over UDP',
      q: '_http._tcp.web.default.svc.cluster.local',
      t: 'SRV' as const,
      rcode: 'NOERROR',
      aa: true,
      answers: ['_http._tcp.web.default.svc.cluster.local 30 SRV {"priority":0,"weight":100,"port":80,"target":"web.default.svc.cluster.local"}'],
    },
    { name: 'NXDOMAIN', q: 'nosuch.default.svc.cluster.local', t: 'A' as const, rcode: 'NXDOMAIN', aa: true, answers: [] },
    { name: 'outside the zone without upstream', q: 'example.com', t: 'A' as const, rcode: 'NXDOMAIN', aa: false, answers: [] },
    { name: 'AXFR refused', q: 'cluster.local', t: 'AXFR' as const, rcode: 'REFUSED', aa: false, answers: [] },
  ])('$name', async ({ q, t, rcode, aa, answers }) => {
    const { msg } = await udp(server.port, q, t);
    expect(msg.rcode).toBe(rcode);
    expect(msg.flag_aa).toBe(aa);
    expect(msg.flag_rd).toBe(true);
    expect(msg.questions).toEqual([{ name: q, type: t, class: 'IN' }]);
    expect((msg.answers ?? []).map(text)).toEqual(answers);
  });

  it('puts the SOA in authority on NODATA', async () => {
    const { msg } = await udp(server.port, 'web.default.svc.cluster.local', 'AAAA');
    expect(msg.rcode).toBe('NOERROR');
    expect(msg.answers).toEqual([]);
    expect((msg.authorities ?? []).map(text)).toEqual([
      'cluster.local 30 SOA {"mname":"ns.dns.cluster.local","rname":"hostmaster.cluster.local","serial":1,"refresh":7200,"retry":1800,"expire":86400,"minimum":30}',
    ]);
  });

  it('answers several framed queries on one TCP connection', async () => {
    const [a, b] = await tcp(server.port, [query('api.default.svc.cluster.local', 'SRV'), query('docs.shop.svc.cluster.local', 'CNAME')]);
    expect((a.answers ?? []).map((x) => (x.data as packet.SrvData).port)).toEqual([80, 443, 9090]);
    expect((a.additionals ?? []).map(text)).toEqual(['api.default.svc.cluster.local 30 A 10.96.10.20']);
    expect((b.answers ?? []).map(text)).toEqual(['docs.shop.svc.cluster.local 30 CNAME docs.example.org']);
  });

  it('sets TC when a UDP answer exceeds 512 bytes, and TCP carries it all', async () => {
    const { raw, msg } = await udp(server.port, 'big.default.svc.cluster.local', 'A');
    expect(msg.flag_tc).toBe(true);
    expect(raw.length).toBeLessThanOrEqual(512);
    expect(msg.answers!.length).toBeLessThan(40);
    const [full] = await tcp(server.port, [query('big.default.svc.cluster.local', 'A')]);
    expect(full.flag_tc).toBe(false);
    expect(full.answers!.length).toBe(40);
  });

  it('honours the EDNS buffer size', async () => {
    const { msg } = await udp(server.port, 'big.default.svc.cluster.local', 'A', 4096);
    expect(msg.flag_tc).toBe(false);
    expect(msg.answers!.length).toBe(40);
    expect(msg.additionals!.map((a) => a.type)).toEqual(['OPT']);
  });

  it('answers FORMERR to an unreadable question, drops a runt, and keeps serving', async () => {
    const bad = Buffer.from([0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0x3f, 0x61]);
    const formerr = packet.decode((await udpRaw(server.port, bad))!);
    expect([formerr.id, formerr.rcode, formerr.type]).toEqual([0x1234, 'FORMERR', 'response']);
    expect(await udpRaw(server.port, Buffer.from([1, 2, 3]), 300)).toBeUndefined();
    const { msg } = await udp(server.port, 'web.default.svc.cluster.local', 'A');
    expect(msg.rcode).toBe('NOERROR');
  });

  it('forwards names outside the zone to the upstream', async () => {
    const { msg } = await udp(forwarding.port, 'example.com', 'A');
    expect([msg.rcode, ...(msg.answers ?? []).map(text)]).toEqual(['NOERROR', 'example.com 60 A 93.184.216.34']);
  });

  it('follows an ExternalName CNAME through the upstream', async () => {
    const { msg } = await udp(forwarding.port, 'ext.default.svc.cluster.local', 'A');
    expect((msg.answers ?? []).map(text)).toEqual(['ext.default.svc.cluster.local 30 CNAME example.com', 'example.com 60 A 93.184.216.34']);
  });

  it('forwards reverse NXDOMAIN (fallthrough in-addr.arpa)', async () => {
    const { msg } = await udp(forwarding.port, '10.113.0.203.in-addr.arpa', 'PTR');
    expect([msg.rcode, msg.flag_aa]).toEqual(['NXDOMAIN', false]);
  });

  it('serves Node resolvers', async () => {
    const r = new dnsPromises.Resolver({ timeout: 1000, tries: 1 });
    r.setServers([`127.0.0.1:${server.port}`]);
    expect((await r.resolve4('web.default.svc.cluster.local')).sort()).toEqual(['10.96.10.10']);
    expect(await r.resolveSrv('_dns._udp.kube-dns.kube-system.svc.cluster.local')).toEqual([
      { name: 'kube-dns.kube-system.svc.cluster.local', port: 53, priority: 0, weight: 100 },
    ]);
    expect(await r.reverse('10.96.10.20')).toEqual(['api.default.svc.cluster.local']);
    expect(await r.resolveCname('payments.shop.svc.cluster.local')).toEqual(['payments.example.com']);
    // c-ares retries over TCP when the UDP answer is truncated.
    expect((await r.resolve4('big.default.svc.cluster.local')).length).toBe(40);
    await expect(r.resolve4('nosuch.default.svc.cluster.local')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(r.resolve6('web.default.svc.cluster.local')).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it('closes cleanly and frees its port', async () => {
    const s = await startDnsServer({ listen: '127.0.0.1:0', getView: async () => view });
    const port = s.port;
    await s.close();
    const again = await startDnsServer({ listen: `127.0.0.1:${port}`, getView: async () => view });
    expect(again.port).toBe(port);
    await again.close();
  });
});

describe('reply cache (same view object = same store revision)', () => {
  const one = viewOf([svc('default', 'web', { clusterIP: '10.96.7.7', ports: [{ port: 80 }] })], { namespaces: ['default'] });
  const two = viewOf([svc('default', 'web', { clusterIP: '10.96.8.8', ports: [{ port: 80 }] })], { namespaces: ['default'] });
  let current = one;
  let cached: DnsServer;
  beforeAll(async () => {
    cached = await startDnsServer({ listen: '127.0.0.1:0', getView: async () => current });
  });
  afterAll(() => cached.close());

  const ask = async (id: number, type: packet.RecordType = 'A') => {
    const raw = await udpRaw(cached.port, packet.encode({ type: 'query', id, flags: packet.RECURSION_DESIRED, questions: [{ type, name: 'web.default.svc.cluster.local' }] }));
    const m = packet.decode(raw!);
    return `${m.id} ${m.rcode} ${(m.answers ?? []).map(text).join(',')}`;
  };

  it.each([
    { name: 'a repeated query carries its own ID', steps: [[1, one], [2, one]] as const, want: ['1 NOERROR web.default.svc.cluster.local 30 A 10.96.7.7', '2 NOERROR web.default.svc.cluster.local 30 A 10.96.7.7'] },
    { name: 'a new view is answered at once', steps: [[3, one], [4, two], [5, one]] as const, want: ['3 NOERROR web.default.svc.cluster.local 30 A 10.96.7.7', '4 NOERROR web.default.svc.cluster.local 30 A 10.96.8.8', '5 NOERROR web.default.svc.cluster.local 30 A 10.96.7.7'] },
  ])('$name', async ({ steps, want }) => {
    const got: string[] = [];
    for (const [id, v] of steps) {
      current = v;
      got.push(await ask(id));
    }
    expect(got).toEqual(want);
  });

  it('with peekView, a cached reply goes out without asking getView, under the peeked view', async () => {
    let asked = 0;
    const quick = await startDnsServer({ listen: '127.0.0.1:0', getView: async () => (asked++, current), peekView: () => current });
    try {
      const q = (id: number) => packet.encode({ type: 'query', id, flags: packet.RECURSION_DESIRED, questions: [{ type: 'A', name: 'web.default.svc.cluster.local' }] });
      const answer = async (id: number) => {
        const m = packet.decode((await udpRaw(quick.port, q(id)))!);
        return `${m.id} ${(m.answers ?? []).map(text).join(',')}`;
      };
      current = one;
      expect(await answer(21)).toBe('21 web.default.svc.cluster.local 30 A 10.96.7.7');
      expect(asked).toBe(1);
      expect(await answer(22)).toBe('22 web.default.svc.cluster.local 30 A 10.96.7.7');
      expect(asked).toBe(1);
      current = two; // nothing cached under the new view: the query takes the full path
      expect(await answer(23)).toBe('23 web.default.svc.cluster.local 30 A 10.96.8.8');
      expect(asked).toBe(2);
    } finally {
      await quick.close();
    }
  });

  it('keeps UDP and TCP replies apart (a UDP reply may be truncated)', async () => {
    current = one;
    await ask(9);
    const [m] = await tcp(cached.port, [packet.encode({ type: 'query', id: 10, flags: packet.RECURSION_DESIRED, questions: [{ type: 'A', name: 'web.default.svc.cluster.local' }] })]);
    expect(`${m.id} ${(m.answers ?? []).map(text).join(',')}`).toBe('10 web.default.svc.cluster.local 30 A 10.96.7.7');
  });
});

// `svcctl dns serve` as a user runs it: the built binary in its own process, queried with the real
// `dig` (bind9-dnsutils) and Node's resolver, over UDP and TCP, while the store changes beside it.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { CLUSTER_YAML, serviceYaml } from './cluster.js';

const BIN = join(__dirname, '..', '..', 'bin', 'svcctl.cjs');
const HAS_DIG = spawnSync('dig', ['-v'], { stdio: 'ignore' }).status === 0;

/** A headless Service over 40 pods: its A answer is larger than 512 bytes. */
const BIG_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: many
  namespace: default
spec:
  replicas: 40
  selector:
    matchLabels: {app: many}
  template:
    metadata:
      labels: {app: many}
    spec:
      containers: [{name: c, image: "busybox:1.36"}]
---
${serviceYaml('many', 'default', '  clusterIP: None\n  selector: {app: many}\n  ports:\n  - {port: 80}\n')}`;

/** Runs dig against the server; resolves with its stdout (dig's own timeout bounds the run). */
function dig(port: number, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('dig', ['@127.0.0.1', '-p', String(port), '+time=2', '+tries=1', ...args], { timeout: 8000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
  });
}

/** The header facts of a full dig answer: status, flags and section counts. */
function header(out: string): string {
  const status = /status: (\w+)/.exec(out)?.[1];
  const flags = /;; flags: ([a-z ]+);/.exec(out)?.[1];
  const counts = /ANSWER: (\d+), AUTHORITY: (\d+)/.exec(out);
  return `${status} [${flags}] answer=${counts?.[1]} authority=${counts?.[2]}`;
}

interface Served {
  child: ChildProcess;
  port: number;
  stderr: () => string;
}

/** Starts `svcctl dns serve` on a free port and waits (at most 10 s) for its `Listening on` line. */
async function serve(state: string): Promise<Served> {
  const env: NodeJS.ProcessEnv = { ...process.env, SVCCTL_STATE: state, NO_COLOR: '1' };
  delete env.NODE_EXTRA_CA_CERTS;
  const child = spawn(process.execPath, [BIN, 'dns', 'serve', '--listen', '127.0.0.1:0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "Listening on" line in 10s; stderr: ${err}`)), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^Listening on 127\.0\.0\.1:(\d+) \(udp, tcp\)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dns serve exited with ${code}: ${err}`));
    });
  });
  return { child, port, stderr: () => err };
}

async function apply(state: string, yaml: string): Promise<void> {
  const file = join(state, `m-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  const r = await runCli(['apply', '-f', file], { state });
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
}

describe.skipIf(!HAS_DIG)('svcctl dns serve answering dig', () => {
  const state = mkdtempSync(join(tmpdir(), 'svcctl-serve-'));
  let server: Served;
  beforeAll(async () => {
    await apply(state, CLUSTER_YAML);
    await apply(state, BIG_YAML);
    server = await serve(state);
  }, 60_000);
  afterAll(() => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    rmSync(state, { recursive: true, force: true });
  });

  const shortCases: { name: string; args: string[]; want: string }[] = [
    { name: 'A over UDP', args: ['web.default.svc.cluster.local', 'A'], want: '10.96.10.10\n' },
    { name: 'A over TCP', args: ['web-np.default.svc.cluster.local', 'A', '+tcp'], want: '10.96.10.11\n' },
    { name: 'case-insensitive', args: ['WEB-LB.DEFAULT.svc.Cluster.Local', 'A'], want: '10.96.10.12\n' },
    { name: 'headless pod hostname.subdomain', args: ['db-0.db.shop.svc.cluster.local', 'A'], want: '10.244.1.20\n' },
    { name: 'pod name', args: ['10-244-2-21.shop.pod.cluster.local', 'A'], want: '10.244.2.21\n' },
    {
      name: 'SRV per headless endpoint',
      args: ['_mysql._tcp.db.shop.svc.cluster.local', 'SRV'],
      want: '0 50 3306 db-0.db.shop.svc.cluster.local.\n0 50 3306 db-1.db.shop.svc.cluster.local.\n',
    },
    { name: 'SRV over TCP', args: ['_http._tcp.web.default.svc.cluster.local', 'SRV', '+tcp'], want: '0 100 80 web.default.svc.cluster.local.\n' },
    { name: 'PTR of a Service IP', args: ['-x', '10.96.10.10'], want: 'web.default.svc.cluster.local.\n' },
    { name: 'PTR of a headless pod IP', args: ['-x', '10.244.2.21'], want: 'db-1.db.shop.svc.cluster.local.\n' },
    { name: 'ExternalName CNAME', args: ['ext.shop.svc.cluster.local', 'CNAME'], want: 'db.example.com.\n' },
  ];

  it.each(shortCases)('+short: $name', async (c) => {
    expect(await dig(server.port, [...c.args, '+short'])).toBe(c.want);
  });

  const headerCases: { name: string; args: string[]; want: string }[] = [
    { name: 'an answer is authoritative', args: ['web.default.svc.cluster.local', 'A'], want: 'NOERROR [qr aa rd] answer=1 authority=0' },
    { name: 'AAAA on an IPv4 cluster is NODATA with the SOA', args: ['web.default.svc.cluster.local', 'AAAA'], want: 'NOERROR [qr aa rd] answer=0 authority=1' },
    { name: 'a missing Service is NXDOMAIN with the SOA', args: ['nope.default.svc.cluster.local', 'A'], want: 'NXDOMAIN [qr aa rd] answer=0 authority=1' },
    { name: 'a name outside the zone, no upstream: NXDOMAIN', args: ['example.org', 'A'], want: 'NXDOMAIN [qr rd] answer=0 authority=0' },
    { name: 'TCP NXDOMAIN', args: ['nope.shop.svc.cluster.local', 'A', '+tcp'], want: 'NXDOMAIN [qr aa rd] answer=0 authority=1' },
    // 40 A records do not fit 512 bytes: TC set, and what fits is sent.
    { name: 'UDP over 512 bytes is truncated', args: ['many.default.svc.cluster.local', 'A', '+noedns', '+ignore'], want: expect.stringMatching(/^NOERROR \[qr aa tc rd\] answer=\d+ authority=0$/) as unknown as string },
    { name: 'the same name over TCP is whole', args: ['many.default.svc.cluster.local', 'A', '+tcp'], want: 'NOERROR [qr aa rd] answer=40 authority=0' },
  ];

  it.each(headerCases)('header: $name', async (c) => {
    expect(header(await dig(server.port, c.args))).toEqual(c.want);
  });

  it('answers a Service applied while it runs at once, and forgets it once deleted', async () => {
    const name = 'late.shop.svc.cluster.local';
    expect(header(await dig(server.port, [name, 'A']))).toBe('NXDOMAIN [qr aa rd] answer=0 authority=1');
    await apply(state, serviceYaml('late', 'shop', '  clusterIP: 10.96.40.40\n  ports:\n  - {name: web, port: 8080}\n'));
    expect(await dig(server.port, [name, 'A', '+short'])).toBe('10.96.40.40\n');
    expect(await dig(server.port, [`_web._tcp.${name}`, 'SRV', '+short', '+tcp'])).toBe('0 100 8080 late.shop.svc.cluster.local.\n');
    const del = await runCli(['delete', 'svc', 'late', '-n', 'shop'], { state });
    expect(del.exitCode).toBe(0);
    expect(header(await dig(server.port, [name, 'A']))).toBe('NXDOMAIN [qr aa rd] answer=0 authority=1');
  });

  it("answers Node's own resolver", async () => {
    const r = new Resolver({ timeout: 2000, tries: 1 });
    r.setServers([`127.0.0.1:${server.port}`]);
    expect(await r.resolve4('web.default.svc.cluster.local')).toEqual(['10.96.10.10']);
    expect(await r.resolveSrv('_mysql._tcp.db.shop.svc.cluster.local')).toEqual([
      { name: 'db-0.db.shop.svc.cluster.local', port: 3306, priority: 0, weight: 50 },
      { name: 'db-1.db.shop.svc.cluster.local', port: 3306, priority: 0, weight: 50 },
    ]);
    await expect(r.resolve4('nope.default.svc.cluster.local')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('survives garbage: a malformed packet gets FORMERR or nothing, then the next query is answered', async () => {
    const sock = createSocket('udp4');
    try {
      const reply = new Promise<Buffer | undefined>((resolve) => {
        const timer = setTimeout(() => resolve(undefined), 1000);
        sock.once('message', (m: Buffer) => {
          clearTimeout(timer);
          resolve(m);
        });
      });
      // A header that promises one question, then three stray bytes.
      sock.send(Buffer.from([0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0x07]), server.port, '127.0.0.1');
      const m = await reply;
      if (m) expect([m.readUInt16BE(0), m.readUInt16BE(2) & 0x800f]).toEqual([0x1234, 0x8001]);
    } finally {
      sock.close();
    }
    expect(await dig(server.port, ['web.default.svc.cluster.local', 'A', '+short'])).toBe('10.96.10.10\n');
  });

  // Last: it stops the server.
  it('exits 0 on SIGTERM, having written nothing to stderr', async () => {
    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    const [code, signal] = await Promise.race([exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no exit within 5s')), 5000))]);
    expect({ code, signal, stderr: server.stderr() }).toEqual({ code: 0, signal: null, stderr: '' });
  });
});

describe.skipIf(!HAS_DIG)('svcctl dns serve on SIGINT', () => {
  it('exits 0 too', async () => {
    const state = mkdtempSync(join(tmpdir(), 'svcctl-serve-'));
    try {
      const s = await serve(state);
      expect(await dig(s.port, ['kubernetes.default.svc.cluster.local', 'A', '+short'])).toBe('10.96.0.1\n');
      const exited = once(s.child, 'exit');
      s.child.kill('SIGINT');
      const [code, signal] = await Promise.race([exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no exit within 5s')), 5000))]);
      expect({ code, signal }).toEqual({ code: 0, signal: null });
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  }, 20_000);
});

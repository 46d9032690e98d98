// A real DNS server (UDP and TCP) over answerQuery, speaking the wire format through dns-packet.
// Authoritative for the cluster zone and the reverse zones; everything else is forwarded to an
// upstream when one is given (CoreDNS's `forward . /etc/resolv.conf`), else NXDOMAIN.
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { lookup as dnsLookup } from 'node:dns';
import { createServer, isIP, type Server, type Socket as TcpSocket } from 'node:net';
import * as packet from 'dns-packet';
import { answerQuery, type DnsAnswer, type Rcode, type Rr } from './answer.js';
import type { DnsView } from './view.js';

export interface DnsServerOptions {
  /** `host:port` (`[::1]:53` for IPv6); port 0 picks a free port for both UDP and TCP. */
  listen: string;
  /** Called once per query, so answers follow the store. */
  getView: () => Promise<DnsView>;
  /**
   * The view getView would give now, when that is known without waiting (CachedDnsView.peek): a
   * UDP query whose reply is cached under it is then answered at once, without a promise.
   */
  peekView?: () => DnsView | undefined;
  /** `host:port` of a resolver for names outside the cluster and ExternalName targets. */
  upstream?: string;
  /** How long to wait for the upstream, in milliseconds (default 2000). */
  upstreamTimeoutMs?: number;
}

export interface DnsServer {
  host: string;
  port: number;
  /** Stops listening and drops open TCP connections; resolves when both sockets are closed. */
  close(): Promise<void>;
}

const RCODES: Record<Rcode | 'NOTIMP', number> = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 };
const HEADER_BYTES = 12;
const MIN_UDP_SIZE = 512;
const RD = packet.RECURSION_DESIRED;

/** Splits `host:port` / `[v6]:port`; throws on a malformed address. */
export function parseHostPort(s: string): { host: string; port: number } {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(s) ?? /^([^:]+):(\d+)$/.exec(s);
  if (!m || Number(m[2]) > 65535) throw new Error(`invalid address ${JSON.stringify(s)}: want host:port`);
  return { host: m[1], port: Number(m[2]) };
}

function noDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** An Rr as a dns-packet record. */
function toWire(rr: Rr): packet.Answer {
  const base = { name: noDot(rr.name), ttl: rr.ttl, class: 'IN' as const };
  const f = rr.data.split(' ');
  switch (rr.type) {
    case 'SRV':
      return { ...base, type: 'SRV', data: { priority: Number(f[0]), weight: Number(f[1]), port: Number(f[2]), target: noDot(f[3]) } };
    case 'SOA':
      return {
        ...base,
        type: 'SOA',
        data: { mname: noDot(f[0]), rname: noDot(f[1]), serial: Number(f[2]), refresh: Number(f[3]), retry: Number(f[4]), expire: Number(f[5]), minimum: Number(f[6]) },
      };
    case 'TXT':
      return { ...base, type: 'TXT', data: rr.data };
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return { ...base, type: rr.type, data: noDot(rr.data) };
    default:
      return { ...base, type: rr.type as 'A' | 'AAAA', data: rr.data };
  }
}

/** Sends one query to the upstream over UDP; resolves with its raw response. */
function askUpstream(upstream: string, query: Buffer, timeoutMs: number): Promise<Buffer> {
  const { host, port } = parseHostPort(upstream);
  return new Promise((resolve, reject) => {
    const sock = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const timer = setTimeout(() => {
      sock.close();
      reject(new Error('upstream timeout'));
    }, timeoutMs);
    sock.on('error', (err) => {
      clearTimeout(timer);
      sock.close();
      reject(err);
    });
    sock.on('message', (msg) => {
      clearTimeout(timer);
      sock.close();
      resolve(msg);
    });
    sock.send(query, port, host);
  });
}

let upstreamId = 1;

/** Resolves `name`/`type` upstream and returns the answer records (empty on any failure). */
async function chaseUpstream(upstream: string, name: string, type: string, timeoutMs: number): Promise<packet.Answer[]> {
  upstreamId = (upstreamId % 65535) + 1;
  const q = packet.encode({ type: 'query', id: upstreamId, flags: RD, questions: [{ type: type as packet.RecordType, name: noDot(name) }] });
  try {
    return packet.decode(await askUpstream(upstream, q, timeoutMs)).answers ?? [];
  } catch {
    return [];
  }
}

interface Reply {
  id: number;
  flags: number;
  questions: packet.Question[];
  answers: packet.Answer[];
  authorities: packet.Answer[];
  additionals: packet.Answer[];
}

function encodeReply(r: Reply): Buffer {
  return packet.encode({ type: 'response', ...r });
}

/** Drops additionals, then authority and answer records from the end until `max` bytes fit. */
function truncate(r: Reply, max: number): Buffer {
  let buf = encodeReply(r);
  if (buf.length <= max) return buf;
  const opt = r.additionals.filter((a) => a.type === 'OPT');
  const t: Reply = { ...r, additionals: opt, authorities: [...r.authorities], answers: [...r.answers] };
  buf = encodeReply(t);
  if (buf.length <= max) return buf;
  t.flags |= packet.TRUNCATED_RESPONSE;
  while (buf.length > max && (t.authorities.length > 0 || t.answers.length > 0)) {
    if (t.authorities.length > 0) t.authorities.pop();
    else t.answers.pop();
    buf = encodeReply(t);
  }
  return buf;
}

function errorReply(query: Buffer, rcode: number): Buffer | undefined {
  if (query.length < HEADER_BYTES) return undefined;
  const id = query.readUInt16BE(0);
  const flags = query.readUInt16BE(2);
  if (flags & 0x8000) return undefined; // a response: never answer it
  return encodeReply({ id, flags: (flags & (RD | 0x7800)) | rcode, questions: [], answers: [], authorities: [], additionals: [] });
}

/** Encoded replies per view, keyed by transport and the query's bytes after its ID. */
type ReplyCache = WeakMap<DnsView, Map<string, Buffer>>;
const MAX_CACHED_REPLIES = 10_000;

/**
 * Answers one wire query; undefined means drop it. The reply is a function of the view and the
 * query's bytes after the ID (flags, question, EDNS size), so while getView returns the same view
 * object (cachedDnsView: the store revision has not moved) an identical query is answered with a
 * copy of the earlier reply under the new ID; a new view starts an empty cache. Upstream and
 * SERVFAIL answers are never cached.
 */
async function handle(raw: Buffer, udp: boolean, opts: DnsServerOptions, cache: ReplyCache): Promise<Buffer | undefined> {
  let view: DnsView | undefined;
  try {
    view = await opts.getView();
  } catch {
    view = undefined;
  }
  const hit = cachedReply(raw, udp, view, cache);
  if (hit) return hit;
  const out = await answerWire(raw, udp, opts, view);
  const key = replyKey(raw, udp);
  if (out && view && key && out.cacheable) {
    let m = cache.get(view);
    if (!m) cache.set(view, (m = new Map()));
    if (m.size >= MAX_CACHED_REPLIES) m.clear();
    m.set(key, out.reply);
  }
  return out?.reply;
}

/** The cache key of a query: its transport and its bytes after the ID ('' for a bare header). */
function replyKey(raw: Buffer, udp: boolean): string {
  return raw.length > HEADER_BYTES ? (udp ? 'u' : 't') + raw.toString('latin1', 2) : '';
}

/** The reply cached for `raw` under `view`, carrying raw's ID; undefined when there is none. */
function cachedReply(raw: Buffer, udp: boolean, view: DnsView | undefined, cache: ReplyCache): Buffer | undefined {
  const key = view && replyKey(raw, udp);
  const hit = key ? cache.get(view)?.get(key) : undefined;
  if (!hit) return undefined;
  const out = Buffer.from(hit);
  raw.copy(out, 0, 0, 2);
  return out;
}

/** Decodes, answers from `view` (undefined: getView failed, SERVFAIL) and encodes one query. */
async function answerWire(raw: Buffer, udp: boolean, opts: DnsServerOptions, view: DnsView | undefined): Promise<{ reply: Buffer; cacheable: boolean } | undefined> {
  const uncached = (reply: Buffer | undefined) => (reply ? { reply, cacheable: false } : undefined);
  let q: packet.DecodedPacket;
  try {
    q = packet.decode(raw);
  } catch {
    return uncached(errorReply(raw, RCODES.FORMERR));
  }
  if (q.type !== 'query') return undefined;
  const reqFlags = raw.readUInt16BE(2);
  const opcode = (reqFlags >> 11) & 0xf;
  if (opcode !== 0) return uncached(errorReply(raw, RCODES.NOTIMP));
  const questions = q.questions ?? [];
  if (questions.length !== 1) return uncached(errorReply(raw, RCODES.FORMERR));
  const question = questions[0];
  const opt = (q.additionals ?? []).find((a): a is packet.OptAnswer => a.type === 'OPT');
  const timeout = opts.upstreamTimeoutMs ?? 2000;

  let answer: DnsAnswer;
  try {
    if (!view) throw new Error('no view');
    answer = answerQuery(view, question.name === '' ? '.' : question.name, question.type);
  } catch {
    answer = { rcode: 'SERVFAIL', answers: [] };
  }
  let cacheable = answer.rcode !== 'SERVFAIL';

  if (answer.forward && opts.upstream) {
    try {
      return uncached(await askUpstream(opts.upstream, raw, timeout));
    } catch {
      answer = { rcode: 'SERVFAIL', answers: [] };
      cacheable = false;
    }
  }

  const answers = answer.answers.map(toWire);
  if (answer.chase && opts.upstream) {
    cacheable = false;
    for (const c of answer.chase) answers.push(...(await chaseUpstream(opts.upstream, c.name, c.type, timeout)));
  }
  const additionals = (answer.additionals ?? []).map(toWire);
  const size = Math.max(MIN_UDP_SIZE, opt?.udpPayloadSize ?? MIN_UDP_SIZE);
  if (opt) additionals.push({ type: 'OPT', name: '.', udpPayloadSize: size, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] });
  const reply: Reply = {
    id: q.id ?? 0,
    flags: (reqFlags & RD) | (answer.authoritative ? packet.AUTHORITATIVE_ANSWER : 0) | RCODES[answer.rcode],
    questions: [question],
    answers,
    authorities: (answer.authority ?? []).map(toWire),
    additionals,
  };
  return { reply: udp ? truncate(reply, size) : encodeReply(reply), cacheable };
}

/**
 * The UDP socket's resolver. Replies go to the sender's address, an IP literal, which dns.lookup
 * would hand back only on the next tick (a deferred send per query); here it comes back at once.
 * Names (a `--listen localhost:53`) still go to dns.lookup.
 */
function literalFirst(address: string, family: unknown, callback: (err: Error | null, address: string, family: number) => void): void {
  const version = isIP(address);
  if (version) callback(null, address, version);
  else dnsLookup(address, family as number, callback);
}

/**
 * Starts a DNS server on `listen` over UDP and TCP (RFC 1035 two-byte length framing, several
 * queries a connection). Malformed packets get FORMERR when their header is readable and are
 * dropped otherwise; responses (QR set) are ignored; a failing `getView` gives SERVFAIL. UDP
 * answers larger than 512 bytes (or the client's EDNS size) lose additionals first, then records,
 * with TC set. Rejects when either socket cannot bind.
 */
export async function startDnsServer(opts: DnsServerOptions): Promise<DnsServer> {
  const { host, port } = parseHostPort(opts.listen);
  const cache: ReplyCache = new WeakMap();
  const udp: Socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', lookup: literalFirst });
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(port, host, () => {
      udp.off('error', reject);
      resolve();
    });
  });
  const boundPort = udp.address().port;
  udp.on('error', () => undefined);
  udp.on('message', (msg: Buffer, rinfo: RemoteInfo) => {
    const cached = cachedReply(msg, true, opts.peekView?.(), cache);
    if (cached) {
      udp.send(cached, rinfo.port, rinfo.address);
      return;
    }
    void handle(msg, true, opts, cache).then((out) => {
      if (out) udp.send(out, rinfo.port, rinfo.address);
    });
  });

  const conns = new Set<TcpSocket>();
  const tcp: Server = createServer((conn) => {
    conns.add(conn);
    let buf = Buffer.alloc(0);
    conn.on('close', () => conns.delete(conn));
    conn.on('error', () => conn.destroy());
    conn.setTimeout(30_000, () => conn.destroy());
    conn.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const msg = buf.subarray(2, 2 + buf.readUInt16BE(0));
        buf = buf.subarray(2 + msg.length);
        void handle(Buffer.from(msg), false, opts, cache).then((out) => {
          if (!out || conn.destroyed) return;
          const len = Buffer.alloc(2);
          len.writeUInt16BE(out.length);
          conn.write(Buffer.concat([len, out]));
        });
      }
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(boundPort, host, () => {
        tcp.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    udp.close();
    throw err;
  }

  return {
    host,
    port: boundPort,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of conns) c.destroy();
        let pending = 2;
        const done = () => {
          if (--pending === 0) resolve();
        };
        udp.close(done);
        tcp.close(() => done());
      }),
  };
}

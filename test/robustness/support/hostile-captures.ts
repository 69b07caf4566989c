/**
 * The classic attacks, as frames: DNS compression loops and chains, IP
 * fragment overlaps, teardrop and floods, TCP sequence wrap, a 4 GB IMAP
 * literal, a gzip bomb, an SMTP DATA that never ends, a SYN flood, and
 * messages that hit the MIME-part and FTP expected-connection limits.
 */
import { gzipSync } from 'node:zlib';
import { concat, ethernet, ipv4, ipv6, tcp, udp, utf8, type Ip } from '../../support/frame-builders.js';
import { TcpConversation } from '../../support/tcp-conversation.js';

const A: Ip = [10, 0, 0, 1];
const B: Ip = [10, 0, 0, 2];
const A6: Ip = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
const B6: Ip = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];

function dnsHeader(id: number, flags: number, qd: number, an: number): Uint8Array {
  const h = new Uint8Array(12);
  const dv = new DataView(h.buffer);
  dv.setUint16(0, id);
  dv.setUint16(2, flags);
  dv.setUint16(4, qd);
  dv.setUint16(6, an);
  return h;
}

function dnsOverUdp(message: Uint8Array, fromServer = true): Uint8Array {
  return ethernet(0x0800, ipv4({ src: fromServer ? B : A, dst: fromServer ? A : B, protocol: 17 }, udp(fromServer ? 53 : 40000, fromServer ? 40000 : 53, message)));
}

/** A well-formed A query for example.com, to show that dissection goes on after a hostile frame. */
export function dnsPlainQuery(): Uint8Array {
  return dnsOverUdp(concat(dnsHeader(2, 0x0100, 1, 0), utf8('\x07example\x03com\x00'), Uint8Array.of(0, 1, 0, 1)), false);
}

/**
 * A response whose question name is "a" then a pointer to the answer's
 * name, which points back to the question: the two names loop forever.
 */
export function dnsPointerLoop(): Uint8Array {
  const question = Uint8Array.of(1, 0x61, 0xc0, 12 + 8); // "a" -> answer name at offset 20
  const answer = Uint8Array.of(0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1); // name -> question (12)
  return dnsOverUdp(concat(dnsHeader(1, 0x8180, 1, 1), question, Uint8Array.of(0, 1, 0, 1), answer));
}

/** A question name at offset 12 that is a pointer to itself. */
export function dnsSelfPointer(): Uint8Array {
  return dnsOverUdp(concat(dnsHeader(3, 0x8180, 1, 0), Uint8Array.of(0xc0, 12, 0, 1, 0, 1)));
}

/**
 * A chain of `depth` compression pointers: after the question, names
 * "x" -> previous name, each one pointer deeper; the answer uses the last.
 */
export function dnsPointerChain(depth: number): Uint8Array {
  return dnsOverUdp(dnsPointerChainMessage(depth, 0));
}

/** dnsPointerChain's message with `extraAnswers` more NULL answers (empty RDATA) named by the chain's last link. */
export function dnsPointerChainMessage(depth: number, extraAnswers: number): Uint8Array {
  const parts: Uint8Array[] = [dnsHeader(4, 0x8180, 1, 1 + extraAnswers), Uint8Array.of(1, 0x61, 0), Uint8Array.of(0, 1, 0, 1)];
  // The chain lives inside the answer's RDATA (a NULL record's bytes are not parsed as names).
  let prev = 12;
  const chain: number[] = [];
  const rdataStart = 12 + 3 + 4 + 2 + 10;
  for (let i = 0; i < depth; i++) {
    const at = rdataStart + chain.length;
    chain.push(1, 0x78, 0xc0 | (prev >> 8), prev & 0xff);
    prev = at;
  }
  const name = Uint8Array.of(0xc0 | (prev >> 8), prev & 0xff);
  const answer = concat(name, Uint8Array.of(0, 10, 0, 1, 0, 0, 0, 60, chain.length >> 8, chain.length & 0xff), Uint8Array.from(chain));
  const extra = Array.from({ length: extraAnswers }, () => concat(name, Uint8Array.of(0, 10, 0, 1, 0, 0, 0, 60, 0, 0)));
  return concat(...parts, answer, ...extra);
}

/** dnsPointerChainMessage over UDP. */
export function dnsManyChainedNames(depth: number, names: number): Uint8Array {
  return dnsOverUdp(dnsPointerChainMessage(depth, names));
}

function fragment4(id: number, offset: number, more: boolean, payload: Uint8Array, totalLength?: number): Uint8Array {
  return ethernet(0x0800, ipv4({ src: A, dst: B, protocol: 17, id, fragmentOffset: offset, moreFragments: more, totalLength }, payload));
}

/** A UDP datagram in two fragments that overlap by 8 bytes with different contents. */
export function ipv4OverlapConflict(): Uint8Array[] {
  const first = concat(Uint8Array.of(0x9c, 0x40, 0x00, 0x35, 0, 40, 0, 0), new Uint8Array(24).fill(0x41));
  const second = new Uint8Array(16).fill(0x42);
  return [fragment4(7, 0, true, first), fragment4(7, 24, false, second)];
}

/**
 * Teardrop: the second fragment starts inside the first and ends before
 * it, so the datagram's length (from the last fragment) is shorter than
 * the first fragment.
 */
export function ipv4Teardrop(): Uint8Array[] {
  const first = concat(Uint8Array.of(0x9c, 0x40, 0x00, 0x35, 0, 36, 0, 0), new Uint8Array(28).fill(0x41));
  return [fragment4(8, 0, true, first), fragment4(8, 16, false, new Uint8Array(4).fill(0x42))];
}

/** A last fragment placed so the datagram would end past 65535 bytes (ping of death). */
export function ipv4PingOfDeath(): Uint8Array[] {
  const first = concat(Uint8Array.of(0x9c, 0x40, 0x00, 0x35, 0, 16, 0, 0), new Uint8Array(8));
  return [fragment4(9, 0, true, first), fragment4(9, 65528, false, new Uint8Array(64).fill(0x43))];
}

function fragment6(id: number, offset: number, more: boolean, payload: Uint8Array): Uint8Array {
  return ethernet(0x86dd, ipv6({ src: A6, dst: B6, nextHeader: 17, fragment: { offset, more, id } }, payload));
}

/** An IPv6 datagram whose two fragments overlap with different bytes (RFC 5722 says drop it; Wireshark flags it). */
export function ipv6OverlapConflict(): Uint8Array[] {
  const first = concat(Uint8Array.of(0x9c, 0x40, 0x00, 0x35, 0, 40, 0, 0), new Uint8Array(24).fill(0x41));
  return [fragment6(0x1234, 0, true, first), fragment6(0x1234, 16, false, new Uint8Array(24).fill(0x42))];
}

/** `count` first fragments of distinct datagrams that never complete, `size` bytes each. */
export function ipv4IncompleteDatagrams(count: number, size: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => fragment4(i & 0xffff, 0, true, new Uint8Array(size).fill(i & 0xff)));
}

/** `count` copies of the same first fragment of one datagram that never completes. */
export function ipv4FragmentFlood(count: number): Uint8Array[] {
  const f = fragment4(0x4242, 0, true, new Uint8Array(8));
  return Array.from({ length: count }, () => f);
}

/** An HTTP exchange whose client sequence numbers start 300 bytes below 2^32 and whose server ones sit at 2^32-1. */
export function httpAcrossSequenceWrap(): Uint8Array[] {
  const request = `GET /${'w'.repeat(540)} HTTP/1.1\r\nHost: wrap.example\r\n\r\n`;
  const c = new TcpConversation({ ip: A, port: 40100 }, { ip: B, port: 80 }, { client: 0xffffff00, server: 0xfffffffe }).handshake()
    .fromClient(request, 200)
    .fromServer('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc', 10)
    .close();
  return c.frames;
}

/** IMAP: a FETCH response announcing a {4294967295} literal, then more traffic. */
export function imapHugeLiteral(): Uint8Array[] {
  return new TcpConversation({ ip: A, port: 40143 }, { ip: B, port: 143 }).handshake()
    .fromServer('* OK IMAP4rev1 ready\r\n')
    .fromClient('a1 FETCH 1 BODY[]\r\n')
    .fromServer('* 1 FETCH (BODY[] {4294967295}\r\n')
    .fromServer('Subject: not really 4 GB\r\n\r\nhello\r\n')
    .fromServer('a1 OK FETCH completed\r\n')
    .fromClient('a2 LOGOUT\r\n')
    .fromServer('* BYE\r\na2 OK\r\n')
    .frames;
}

/** An HTTP response whose gzip body inflates to `inflated` bytes of zeros. */
export function httpGzipBomb(inflated: number): Uint8Array[] {
  const body = gzipSync(Buffer.alloc(inflated), { level: 9 });
  return new TcpConversation({ ip: A, port: 40080 }, { ip: B, port: 80 }).handshake()
    .fromClient('GET /bomb HTTP/1.1\r\nHost: bomb.example\r\n\r\n')
    .fromServer(concat(utf8(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\nContent-Length: ${body.length}\r\n\r\n`), body))
    .frames;
}

/** SMTP: DATA accepted, then `bytes` of message lines in 1000-byte segments and never the final ".". */
export function smtpEndlessData(bytes: number): Uint8Array[] {
  const c = new TcpConversation({ ip: A, port: 40025 }, { ip: B, port: 25 }).handshake()
    .fromServer('220 mx ESMTP\r\n').fromClient('EHLO a\r\n').fromServer('250 mx\r\n')
    .fromClient('MAIL FROM:<a@a>\r\n').fromServer('250 OK\r\n').fromClient('RCPT TO:<b@b>\r\n').fromServer('250 OK\r\n')
    .fromClient('DATA\r\n').fromServer('354 go on\r\n')
    .fromClient('Subject: endless\r\n\r\n');
  const line = `${'z'.repeat(998)}\r\n`;
  for (let sent = 0; sent < bytes; sent += line.length) c.fromClient(line);
  return c.frames;
}

/** `count` SYNs from one client to distinct ports (a SYN flood / port scan). */
export function synFlood(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) =>
    ethernet(0x0800, ipv4({ src: [10, 1, (i >> 16) & 0xff, 1], dst: B, protocol: 6 }, tcp({ sport: 1024 + (i % 60000), dport: 1 + (i % 65000), seq: i, ack: 0, flags: 0x02 }))),
  );
}

/** A mail whose multipart body has `parts` parts. */
export function mailWithManyParts(parts: number): Uint8Array[] {
  const body = `${'--b\r\nContent-Type: text/plain\r\n\r\nx\r\n'.repeat(parts)}--b--\r\n`;
  return new TcpConversation({ ip: A, port: 40026 }, { ip: B, port: 25 }).handshake()
    .fromServer('220 mx\r\n').fromClient('MAIL FROM:<a@a>\r\n').fromServer('250 OK\r\n').fromClient('RCPT TO:<b@b>\r\n').fromServer('250 OK\r\n')
    .fromClient('DATA\r\n').fromServer('354 go on\r\n')
    .fromClient(`Subject: parts\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n${body}.\r\n`)
    .fromServer('250 queued\r\n')
    .frames;
}

/** FTP: `count` PASV replies, each announcing a data connection that never comes. */
export function ftpManyPassiveReplies(count: number): Uint8Array[] {
  const c = new TcpConversation({ ip: A, port: 40021 }, { ip: B, port: 21 }).handshake().fromServer('220 ready\r\n');
  for (let i = 0; i < count; i++) c.fromClient('PASV\r\n').fromServer(`227 Entering Passive Mode (10,0,0,2,${100 + (i >> 8)},${i & 0xff})\r\n`);
  return c.frames;
}

/** An HTTP response announcing and sending a `bytes`-byte body: TCP is asked to reassemble all of it. */
export function httpHugeBody(bytes: number): Uint8Array[] {
  return new TcpConversation({ ip: A, port: 40081 }, { ip: B, port: 80 }).handshake()
    .fromClient('GET /big HTTP/1.1\r\nHost: big.example\r\n\r\n')
    .fromServer(concat(utf8(`HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: ${bytes}\r\n\r\n`), new Uint8Array(bytes).fill(0x61)))
    .frames;
}

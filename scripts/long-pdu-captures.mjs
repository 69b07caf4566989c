#!/usr/bin/env node
// Captures of one PDU carried by many small TCP segments, for each way a
// protocol waits for the rest of it: an HTTP body by Content-Length (in
// order, in swapped pairs, with its first segment last, last-first or
// shuffled after its header, and a whole response arriving last-first), a
// chunked body (one more segment at a time), a header block of as many
// lines, a body until FIN, an SMTP DATA message, a POP3 RETR response and
// an IMAP literal, and an IMAP literal whose ")" comes many lines later; and one
// line in as many segments (an HTTP request line, header value and chunk
// extension, an SMTP command, an IMAP command), its CRLF split between two
// segments. Reassembly must stay linear in the segments
// (reassemble.c walks every piece per segment, HTTP every header line, the
// line-based protocols every byte of an unfinished line).
// Deterministic: same arguments, same bytes.
//
// Usage: node scripts/long-pdu-captures.mjs DIR [SEGMENTS]   (writes DIR/<scenario>.pcap)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bytes of payload in each body segment. */
const SEGMENT_BYTES = 100;
const CLIENT = { mac: [0, 1, 2, 3, 4, 6], ip: [10, 0, 0, 1], port: 40000 };
const SERVER_IP = [10, 0, 0, 2];
const SERVER_MAC = [0, 1, 2, 3, 4, 5];

const ascii = (s) => Buffer.from(s, 'latin1');
const LINE = ascii(`${'x'.repeat(SEGMENT_BYTES - 2)}\r\n`);

function ipChecksum(header) {
  let sum = 0;
  for (let i = 0; i < header.length; i += 2) sum += (header[i] << 8) | header[i + 1];
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** One TCP connection's frames: sequence numbers follow what each side sent. */
class Connection {
  frames = [];
  seq = { client: 1000, server: 5000 };

  constructor(serverPort) {
    this.serverPort = serverPort;
  }

  /** A segment from `side` with `flags` and `payload`, at sequence number `at` (default: next). */
  segment(side, flags, payload = Buffer.alloc(0), at = this.seq[side]) {
    const fromClient = side === 'client';
    const other = fromClient ? 'server' : 'client';
    const tcp = Buffer.alloc(20 + payload.length);
    tcp.writeUInt16BE(fromClient ? CLIENT.port : this.serverPort, 0);
    tcp.writeUInt16BE(fromClient ? this.serverPort : CLIENT.port, 2);
    tcp.writeUInt32BE(at >>> 0, 4);
    tcp.writeUInt32BE(this.seq[other] >>> 0, 8);
    tcp[12] = 5 << 4;
    tcp[13] = flags;
    tcp.writeUInt16BE(65535, 14);
    payload.copy(tcp, 20);
    const ip = Buffer.alloc(20);
    ip[0] = 0x45;
    ip.writeUInt16BE(20 + tcp.length, 2);
    ip.writeUInt16BE(1, 4);
    ip.writeUInt16BE(0x4000, 6);
    ip[8] = 64;
    ip[9] = 6;
    Buffer.from(fromClient ? CLIENT.ip : SERVER_IP).copy(ip, 12);
    Buffer.from(fromClient ? SERVER_IP : CLIENT.ip).copy(ip, 16);
    ip.writeUInt16BE(ipChecksum(ip), 10);
    const eth = Buffer.from([...(fromClient ? SERVER_MAC : CLIENT.mac), ...(fromClient ? CLIENT.mac : SERVER_MAC), 0x08, 0x00]);
    this.frames.push(Buffer.concat([eth, ip, tcp]));
    const end = at + payload.length + (flags & 0x03 ? 1 : 0);
    if (end > this.seq[side]) this.seq[side] = end;
  }

  handshake() {
    this.segment('client', 0x02);
    this.segment('server', 0x12);
    this.segment('client', 0x10);
    return this;
  }

  /** A write with PSH set. */
  send(side, text) {
    this.segment(side, 0x18, typeof text === 'string' ? ascii(text) : text);
  }

  /** `n` body segments of SEGMENT_BYTES, with ACK only. */
  body(side, n, payload = LINE) {
    for (let i = 0; i < n; i++) this.segment(side, 0x10, payload);
  }
}

function contentLengthHeader(n) {
  return `HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: ${n * SEGMENT_BYTES}\r\n\r\n`;
}

/** Body segments of a Content-Length response sent in the order `order` gives (indexes 0..n-1). */
function reorderedBody(c, n, order) {
  c.send('client', 'GET /big HTTP/1.1\r\nHost: x\r\n\r\n');
  c.send('server', contentLengthHeader(n));
  const base = c.seq.server;
  const payload = ascii('z'.repeat(SEGMENT_BYTES));
  for (const j of order) c.segment('server', 0x10, payload, base + j * SEGMENT_BYTES);
}

/** 0..n-1 in an order that looks random and is the same on every run (Fisher-Yates driven by an LCG). */
function shuffled(n) {
  const order = [...Array(n).keys()];
  let state = 12345;
  for (let i = n - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = Math.floor((state / 2147483648) * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** One line of `n` segments of SEGMENT_BYTES after `lead`, its CR ending the last of them and its LF starting `tail`'s segment. */
function longLine(c, side, lead, n, fill, tail) {
  c.segment(side, 0x10, ascii(lead));
  for (let i = 1; i < n; i++) c.segment(side, 0x10, ascii(fill.repeat(SEGMENT_BYTES)));
  c.segment(side, 0x10, ascii(`${fill.repeat(SEGMENT_BYTES - 1)}\r`));
  c.send(side, `\n${tail}`);
}

/** Each scenario: the server port and the conversation after the handshake. */
export const SCENARIOS = {
  'http-content-length': [80, (c, n) => reorderedBody(c, n, [...Array(n).keys()])],
  'http-swapped-pairs': [80, (c, n) => reorderedBody(c, n, [...Array(n).keys()].map((i) => (i % 2 === 0 ? (i + 1 < n ? i + 1 : i) : i - 1)))],
  'http-first-segment-last': [80, (c, n) => reorderedBody(c, n, [...Array(n).keys()].slice(1).concat(0))],
  'http-body-last-first': [80, (c, n) => reorderedBody(c, n, [...Array(n).keys()].reverse())],
  'http-body-shuffled': [80, (c, n) => reorderedBody(c, n, shuffled(n))],
  'http-response-last-first': [80, (c, n) => {
    // Header and body all last-first: every segment waits in TCP's out-of-order queue until the header comes.
    c.send('client', 'GET /big HTTP/1.1\r\nHost: x\r\n\r\n');
    const header = ascii(contentLengthHeader(n));
    const base = c.seq.server;
    const payload = ascii('z'.repeat(SEGMENT_BYTES));
    for (let j = n - 1; j >= 0; j--) c.segment('server', 0x10, payload, base + header.length + j * SEGMENT_BYTES);
    c.segment('server', 0x18, header, base);
  }],
  'http-chunked': [80, (c, n) => {
    c.send('client', 'GET /big HTTP/1.1\r\nHost: x\r\n\r\n');
    c.send('server', 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = SEGMENT_BYTES.toString(16);
    c.body('server', n, ascii(`${chunk}\r\n${'y'.repeat(SEGMENT_BYTES)}\r\n`));
    c.send('server', '0\r\n\r\n');
  }],
  'http-header-block': [80, (c, n) => {
    c.send('client', 'GET /big HTTP/1.1\r\nHost: x\r\n\r\n');
    c.segment('server', 0x10, ascii('HTTP/1.1 200 OK\r\n'));
    for (let i = 0; i < n; i++) c.segment('server', 0x10, ascii(`X-Filler-${String(i).padStart(7, '0')}: ${'v'.repeat(SEGMENT_BYTES - 22)}\r\n`));
    c.send('server', 'Content-Length: 2\r\n\r\nok');
  }],
  'http-long-uri': [80, (c, n) => {
    longLine(c, 'client', 'GET /', n, 'u', 'Host: x\r\n\r\n');
    c.send('server', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
  }],
  'http-long-header-value': [80, (c, n) => {
    c.send('client', 'GET /big HTTP/1.1\r\nHost: x\r\n\r\n');
    longLine(c, 'server', 'HTTP/1.1 200 OK\r\nX-Long: ', n, 'v', 'Content-Length: 2\r\n\r\nok');
  }],
  'http-chunk-extension': [80, (c, n) => {
    c.send('client', 'GET /big HTTP/1.1\r\nHost: x\r\n\r\n');
    c.send('server', 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n');
    longLine(c, 'server', '4;name=', n, 'e', 'data\r\n0\r\n\r\n');
  }],
  'http-until-fin': [80, (c, n) => {
    c.send('client', 'GET /big HTTP/1.0\r\nHost: x\r\n\r\n');
    c.send('server', 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n');
    c.body('server', n);
    c.segment('server', 0x11);
    c.segment('client', 0x11);
    c.segment('server', 0x10);
  }],
  'smtp-data': [25, (c, n) => {
    for (const [side, text] of [['server', '220 mx ESMTP\r\n'], ['client', 'EHLO c\r\n'], ['server', '250 mx\r\n'], ['client', 'MAIL FROM:<a@b>\r\n'], ['server', '250 OK\r\n'], ['client', 'RCPT TO:<c@d>\r\n'], ['server', '250 OK\r\n'], ['client', 'DATA\r\n'], ['server', '354 go\r\n']]) c.send(side, text);
    c.segment('client', 0x10, ascii('From: a@b\r\nTo: c@d\r\nSubject: long\r\n\r\n'));
    c.body('client', n);
    for (const [side, text] of [['client', '.\r\n'], ['server', '250 queued\r\n'], ['client', 'QUIT\r\n'], ['server', '221 bye\r\n']]) c.send(side, text);
  }],
  'smtp-long-line': [25, (c, n) => {
    c.send('server', '220 mx ESMTP\r\n');
    longLine(c, 'client', 'EHLO ', n, 'h', '');
    for (const [side, text] of [['server', '250 mx\r\n'], ['client', 'QUIT\r\n'], ['server', '221 bye\r\n']]) c.send(side, text);
  }],
  'pop3-retr': [110, (c, n) => {
    for (const [side, text] of [['server', '+OK ready\r\n'], ['client', 'USER u\r\n'], ['server', '+OK\r\n'], ['client', 'PASS p\r\n'], ['server', '+OK\r\n'], ['client', 'RETR 1\r\n']]) c.send(side, text);
    c.segment('server', 0x10, ascii('+OK message follows\r\nFrom: a@b\r\nSubject: long\r\n\r\n'));
    c.body('server', n);
    for (const [side, text] of [['server', '.\r\n'], ['client', 'QUIT\r\n'], ['server', '+OK bye\r\n']]) c.send(side, text);
  }],
  'imap-literal': [143, (c, n) => {
    for (const [side, text] of [['server', '* OK ready\r\n'], ['client', 'a1 LOGIN u p\r\n'], ['server', 'a1 OK\r\n'], ['client', 'a2 SELECT INBOX\r\n'], ['server', 'a2 OK\r\n'], ['client', 'a3 FETCH 1 BODY[]\r\n']]) c.send(side, text);
    const headers = 'From: a@b\r\nSubject: long\r\n\r\n';
    c.segment('server', 0x10, ascii(`* 1 FETCH (BODY[] {${headers.length + n * SEGMENT_BYTES}}\r\n${headers}`));
    c.body('server', n);
    for (const [side, text] of [['server', ')\r\na3 OK FETCH done\r\n'], ['client', 'a4 LOGOUT\r\n'], ['server', '* BYE\r\na4 OK\r\n']]) c.send(side, text);
  }],
  'imap-fetch-unclosed': [143, (c, n) => {
    for (const [side, text] of [['server', '* OK ready\r\n'], ['client', 'a1 LOGIN u p\r\n'], ['server', 'a1 OK\r\n'], ['client', 'a3 FETCH 1 BODY[]\r\n']]) c.send(side, text);
    // The response is complete at the first ")" after its literal: n lines later.
    c.segment('server', 0x10, ascii('* 1 FETCH (BODY[] {10}\r\n0123456789'));
    c.body('server', n);
    c.send('server', ')\r\na3 OK FETCH done\r\n');
  }],
  'imap-long-line': [143, (c, n) => {
    c.send('server', '* OK ready\r\n');
    longLine(c, 'client', 'a1 LOGIN ', n, 'h', 'a2 NOOP\r\n');
    for (const [side, text] of [['server', 'a1 NO too long\r\na2 OK\r\n'], ['client', 'a3 LOGOUT\r\n'], ['server', '* BYE\r\na3 OK\r\n']]) c.send(side, text);
  }],
};

/** The scenario's capture with `segments` body segments, as classic pcap bytes (one frame per microsecond). */
export function longPduCapture(scenario, segments) {
  const [port, script] = SCENARIOS[scenario];
  const c = new Connection(port).handshake();
  script(c, segments);
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16);
  header.writeUInt32LE(1, 20);
  const records = c.frames.map((frame, i) => {
    const r = Buffer.alloc(16);
    r.writeUInt32LE(1_700_000_000 + Math.floor(i / 1_000_000), 0);
    r.writeUInt32LE(i % 1_000_000, 4);
    r.writeUInt32LE(frame.length, 8);
    r.writeUInt32LE(frame.length, 12);
    return Buffer.concat([r, frame]);
  });
  return Buffer.concat([header, ...records]);
}

/** Write every scenario's capture into `dir`; returns the paths by scenario. */
export function writeLongPduCaptures(dir, segments) {
  mkdirSync(dir, { recursive: true });
  const paths = {};
  for (const name of Object.keys(SCENARIOS)) {
    paths[name] = join(dir, `${name}.pcap`);
    writeFileSync(paths[name], longPduCapture(name, segments));
  }
  return paths;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, segments = '1500'] = process.argv.slice(2);
  if (!dir || !/^\d+$/.test(segments)) {
    console.error('usage: long-pdu-captures.mjs DIR [SEGMENTS]');
    process.exit(2);
  }
  for (const [name, path] of Object.entries(writeLongPduCaptures(dir, Number(segments)))) console.log(`${name}: ${path}`);
}

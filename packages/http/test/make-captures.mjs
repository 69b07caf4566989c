#!/usr/bin/env node
// Build the small HTTP captures the unit tests use for cases the public corpus
// lacks (Basic credentials, every content coding, trailers, bodiless responses,
// pipelining, a decompression bomb, corrupt compressed bodies, a leading CRLF, PNG chunks, GIF and JPEG images, a CONNECT tunnel,
// chunked bodies in cut frames,
// lengths past 2^53, NUL bytes in header lines). Each is one TCP connection, written as
// classic pcap. Usage: node packages/http/test/make-captures.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, crc32, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';

const here = join(dirname(fileURLToPath(import.meta.url)), 'captures');
const CLIENT = [10, 0, 0, 1];
const SERVER = [10, 0, 0, 2];
const CPORT = 40000;
const SPORT = 80;

/** One connection's packets, with sequence numbers kept per direction. */
class Connection {
  constructor() {
    this.frames = [];
    this.seq = { c: 1000, s: 5000 };
    this.t = 1_700_000_000;
    this.us = 0;
  }

  packet(fromClient, flags, payload = Buffer.alloc(0)) {
    const [src, dst, sport, dport] = fromClient ? [CLIENT, SERVER, CPORT, SPORT] : [SERVER, CLIENT, SPORT, CPORT];
    const me = fromClient ? 'c' : 's';
    const peer = fromClient ? 's' : 'c';
    const tcp = Buffer.alloc(20);
    tcp.writeUInt16BE(sport, 0);
    tcp.writeUInt16BE(dport, 2);
    tcp.writeUInt32BE(this.seq[me] >>> 0, 4);
    tcp.writeUInt32BE(flags & 0x10 ? this.seq[peer] >>> 0 : 0, 8);
    tcp[12] = 5 << 4;
    tcp[13] = flags;
    tcp.writeUInt16BE(65535, 14);
    const ip = Buffer.alloc(20);
    ip[0] = 0x45;
    ip.writeUInt16BE(20 + 20 + payload.length, 2);
    ip.writeUInt16BE(this.frames.length + 1, 4);
    ip[8] = 64;
    ip[9] = 6;
    Buffer.from(src).copy(ip, 12);
    Buffer.from(dst).copy(ip, 16);
    let sum = 0;
    for (let i = 0; i < 20; i += 2) sum += ip.readUInt16BE(i);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    ip.writeUInt16BE(~sum & 0xffff, 10);
    const eth = Buffer.from([0, 0x11, 0x22, 0x33, 0x44, fromClient ? 0x02 : 0x01, 0, 0x11, 0x22, 0x33, 0x44, fromClient ? 0x01 : 0x02, 0x08, 0x00]);
    this.frames.push({ t: this.t, us: this.us, data: Buffer.concat([eth, ip, tcp, payload]) });
    this.us += 1000;
    this.seq[me] += payload.length + (flags & 0x03 ? 1 : 0);
  }

  /** One UDP datagram (for SSDP) between the same hosts. */
  datagram(fromClient, sport, dport, payload) {
    const [src, dst] = fromClient ? [CLIENT, SERVER] : [SERVER, CLIENT];
    const body = Buffer.from(payload, 'latin1');
    const udp = Buffer.alloc(8);
    udp.writeUInt16BE(sport, 0);
    udp.writeUInt16BE(dport, 2);
    udp.writeUInt16BE(8 + body.length, 4);
    const ip = Buffer.alloc(20);
    ip[0] = 0x45;
    ip.writeUInt16BE(20 + 8 + body.length, 2);
    ip[8] = 4;
    ip[9] = 17;
    Buffer.from(src).copy(ip, 12);
    Buffer.from(dst).copy(ip, 16);
    let sum = 0;
    for (let i = 0; i < 20; i += 2) sum += ip.readUInt16BE(i);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    ip.writeUInt16BE(~sum & 0xffff, 10);
    const eth = Buffer.from([0, 0x11, 0x22, 0x33, 0x44, fromClient ? 0x02 : 0x01, 0, 0x11, 0x22, 0x33, 0x44, fromClient ? 0x01 : 0x02, 0x08, 0x00]);
    this.frames.push({ t: this.t, us: this.us, data: Buffer.concat([eth, ip, udp, body]) });
    this.us += 1000;
  }

  open() {
    this.packet(true, 0x02);
    this.packet(false, 0x12);
    this.packet(true, 0x10);
  }

  /** Send `data` from one side in segments of at most `mss` bytes. */
  send(fromClient, data, mss = 1460) {
    const buf = Buffer.from(data);
    for (let off = 0; off < buf.length; off += mss) this.packet(fromClient, 0x18, buf.subarray(off, off + mss));
    this.packet(!fromClient, 0x10);
  }

  /** Send `data` in one segment whose frame the snapshot length cuts after `keep` bytes of payload. */
  sendCut(fromClient, data, keep) {
    this.packet(fromClient, 0x18, Buffer.from(data));
    this.frames.at(-1).caplen = this.frames.at(-1).data.length - Buffer.from(data).length + keep;
    this.packet(!fromClient, 0x10);
  }

  /** A connection of its own: GET `path`, answered 200 with `body`; with `keep`, the answer's frame cut after that many body bytes. */
  fetch(path, type, body, keep) {
    this.open();
    this.send(true, request(`GET ${path} HTTP/1.1`, []));
    const answer = response('200 OK', [`Content-Type: ${type}`, `Content-Length: ${body.length}`], body);
    if (keep === undefined) this.send(false, answer);
    else this.sendCut(false, answer, answer.length - body.length + keep);
    this.close();
  }

  close() {
    this.packet(true, 0x11);
    this.packet(false, 0x11);
    this.packet(true, 0x10);
  }

  write(name) {
    const header = Buffer.alloc(24);
    header.writeUInt32LE(0xa1b2c3d4, 0);
    header.writeUInt16LE(2, 4);
    header.writeUInt16LE(4, 6);
    header.writeUInt32LE(65535, 16);
    header.writeUInt32LE(1, 20);
    const records = this.frames.map((f) => {
      const h = Buffer.alloc(16);
      const caplen = f.caplen ?? f.data.length;
      h.writeUInt32LE(f.t + Math.floor(f.us / 1e6), 0);
      h.writeUInt32LE(f.us % 1e6, 4);
      h.writeUInt32LE(caplen, 8);
      h.writeUInt32LE(f.data.length, 12);
      return Buffer.concat([h, f.data.subarray(0, caplen)]);
    });
    writeFileSync(join(here, name), Buffer.concat([header, ...records]));
  }
}

function response(status, headers, body = Buffer.alloc(0)) {
  const head = [`HTTP/1.1 ${status}`, ...headers, '', ''].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body)]);
}

function request(line, headers, body = '') {
  return Buffer.from([line, 'Host: example.test', ...headers, '', ''].join('\r\n') + body, 'latin1');
}

// Basic credentials: the first are refused (401), the second accepted.
{
  const c = new Connection();
  c.open();
  c.send(true, request('GET /private/report.txt HTTP/1.1', ['Authorization: Basic dXNlcjp3cm9uZw==']));
  c.send(false, response('401 Unauthorized', ['WWW-Authenticate: Basic realm="reports"', 'Content-Length: 0']));
  c.send(true, request('GET /private/report.txt HTTP/1.1', ['Authorization: Basic YWxpY2U6czNjcmV0']));
  c.send(false, response('200 OK', ['Content-Type: text/plain', 'Content-Length: 13'], 'quarterly: 42'));
  c.close();
  c.write('basic-auth.pcap');
}

// Basic credentials cut by the snapshot length inside their base64: GLib's decoder gives nothing for a cut
// quantum ("dXNlcjp3cm9uZw" decodes to "user:wron").
{
  const c = new Connection();
  c.open();
  const req = request('GET /private/report.txt HTTP/1.1', ['Authorization: Basic dXNlcjp3cm9uZw==']);
  c.sendCut(true, req, req.indexOf('Zw==') + 2);
  c.close();
  c.write('basic-auth-cut.pcap');
}

// Content codings, chunked with a trailer, bodiless responses, JSON, pipelining.
{
  const c = new Connection();
  c.open();
  const text = 'The quick brown fox jumps over the lazy dog.\n'.repeat(40);
  const gz = gzipSync(text);
  c.send(true, request('GET /files/fox.txt HTTP/1.1', ['Accept-Encoding: gzip, deflate, br']));
  c.send(false, response('200 OK', ['Content-Type: text/plain', 'Content-Encoding: gzip', `Content-Length: ${gz.length}`], gz), 200);
  const df = deflateSync(text);
  c.send(true, request('GET /files/fox-deflate.txt HTTP/1.1', []));
  c.send(false, response('200 OK', ['Content-Type: text/plain', 'Content-Encoding: deflate', `Content-Length: ${df.length}`], df));
  const br = brotliCompressSync(Buffer.from('{"animal":"fox","legs":4,"quick":true,"tags":["brown",null]}'));
  c.send(true, request('GET /api/fox HTTP/1.1', []));
  c.send(false, response('200 OK', ['Content-Type: application/json', 'Content-Encoding: br', `Content-Length: ${br.length}`], br));
  c.send(true, request('GET /stream HTTP/1.1', []));
  c.send(false, response('200 OK', ['Content-Type: text/plain', 'Transfer-Encoding: chunked', 'Trailer: X-Checksum'], '7\r\nchunk 1\r\n9\r\nchunk two\r\n0\r\nX-Checksum: c0ffee\r\n\r\n'), 25);
  c.send(true, request('HEAD /files/big.iso HTTP/1.1', []));
  c.send(false, response('200 OK', ['Content-Type: application/octet-stream', 'Content-Length: 1048576']));
  c.send(true, request('POST /api/form HTTP/1.1', ['Content-Type: application/x-www-form-urlencoded', 'Content-Length: 27'], 'name=Fox+Mulder&x=%41%42%43'));
  c.send(false, response('204 No Content', []));
  c.send(true, Buffer.concat([request('GET /a.txt HTTP/1.1', []), request('GET /b.txt HTTP/1.1', [])]));
  c.send(false, Buffer.concat([response('200 OK', ['Content-Type: text/plain', 'Content-Length: 2'], 'A\n'), response('304 Not Modified', ['ETag: "b"'])]));
  c.close();
  c.write('codings.pcap');
}

// A gzip bomb: 80 MiB of zeros, about 80 KiB on the wire.
{
  const c = new Connection();
  c.open();
  const bomb = gzipSync(Buffer.alloc(80 * 1024 * 1024), { level: 9 });
  c.send(true, request('GET /bomb.bin HTTP/1.1', []));
  c.send(false, response('200 OK', ['Content-Type: application/octet-stream', 'Content-Encoding: gzip', `Content-Length: ${bomb.length}`], bomb));
  c.close();
  c.write('gzip-bomb.pcap');
}

// Hostile messages: lengths far beyond the data, absurd chunk sizes, deep JSON,
// many multipart parts, a body that claims gzip but is not, binary after HTTP.
{
  const c = new Connection();
  c.open();
  c.send(true, request('POST /upload HTTP/1.1', ['Content-Type: application/json', 'Content-Length: 99999999999999'], '['.repeat(5000)));
  c.send(false, response('200 OK', ['Content-Type: text/plain', 'Transfer-Encoding: chunked'], 'ffffffffffffffff\r\nabc\r\n-5;x=1\r\n\r\n0x10\r\n'));
  c.send(true, request('GET /parts HTTP/1.1', []));
  const parts = Array.from({ length: 300 }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join('');
  c.send(false, response('200 OK', ['Content-Type: multipart/mixed; boundary="b"', `Content-Length: ${parts.length + 6}`], `${parts}--b--\r\n`));
  c.send(true, request('GET /fake-gzip HTTP/1.1', []));
  c.send(false, response('200 OK', ['Content-Type: text/html', 'Content-Encoding: gzip', 'Content-Length: 12'], Buffer.from([0x1f, 0x8b, 8, 0xff, 1, 2, 3, 4, 5, 6, 7, 8])));
  c.send(true, request('GET /json HTTP/1.1', []));
  c.send(false, response('200 OK', ['Content-Type: application/json', 'Content-Length: 7'], '{"a":}x'));
  c.send(false, Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0x0d, 0x0a, 0x0d, 0x0a]));
  c.send(true, Buffer.from('GET\r\n: no-name\r\nBad Header Name: x\r\nAuthorization: Basic !!!\r\nContent-Length: -1\r\n\r\n', 'latin1'));
  c.close();
  c.write('hostile.pcap');
}

// Content-Length beyond 2^53: g_ascii_strtoll reads up to 2^63 - 1, shown
// exactly; 2^63 is out of range, so no length. Answers to HEAD, without bodies.
{
  const c = new Connection();
  c.open();
  for (const length of ['9007199254740993', '9223372036854775807', '+9223372036854775808 ', '18446744073709551616']) {
    c.send(true, request('HEAD /big.iso HTTP/1.1', []));
    c.send(false, response('200 OK', ['Content-Type: application/octet-stream', `Content-Length: ${length}`]));
  }
  c.close();
  c.write('content-length-64-bit.pcap');
}

// NUL bytes inside header lines: proto_tree_add_item keeps the value up to
// the NUL and flags the rest as trailing stray characters, for headers it
// knows (User-Agent, here its hidden request line) and for the others (Expect).
{
  const c = new Connection();
  c.open();
  c.send(true, Buffer.from('GET /nul HTTP/1.1\r\nHost: example.test\r\nUser-Agent: curl\x00/8.0\r\nExpect: 100-continue\x00Content-Encoding: gzip\r\nX-Empty:\x00\r\n\r\n', 'latin1'));
  c.send(false, response('200 OK', ['Content-Type: text/plain', 'Content-Length: 3'], 'ok\n'));
  // A NUL in Content-Length: req_resp_hdrs_do_reassembly reads the line as a C string, so the
  // length is what comes before it, and the body in the next segment is waited for.
  c.send(true, request('GET /nul-length HTTP/1.1', []));
  c.send(false, Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\x00junk\r\n\r\n', 'latin1'));
  c.send(false, 'hello\n');
  c.close();
  c.write('nul-in-headers.pcap');
}

// Chunked bodies in frames the snapshot length cut: the "HTTP chunked
// response" subtree and each chunk's check that their bytes were captured, so
// -V stops with "Packet size limited during capture" before the chunk they
// miss (cut inside a chunk's data, before its boundary, after the last chunk's
// size line, and in a chunk whose size line says ffffffff); then a chunk
// without room for its boundary, which tshark shows no item of.
{
  const c = new Connection();
  c.open();
  const chunked = (chunks) => response('200 OK', ['Content-Type: text/plain', 'Transfer-Encoding: chunked'], chunks);
  const head = chunked('').length;
  const data = 'abcdefghijklmnopqrstuvwxyz012345';
  const cuts = [
    [`10\r\n${data.slice(0, 16)}\r\n20\r\n${data}\r\n0\r\n\r\n`, 30], // inside the second chunk's data
    [`20\r\n${data}\r\n0\r\n\r\n`, 4 + 32], // after the data, before its boundary
    [`20\r\n${data}\r\n0\r\n\r\n`, 4 + 32 + 2 + 3], // after the last chunk's size line
    [`ffffffff\r\n${data}\r\n0\r\n\r\n`, 20], // inside a chunk of ffffffff bytes
  ];
  for (const [body, keep] of cuts) {
    c.send(true, request('GET /chunks HTTP/1.1', []));
    c.sendCut(false, chunked(body), head + keep);
  }
  // Over UDP (SSDP) nothing waits for the rest: a chunk that ends with the datagram has no room for its boundary.
  c.datagram(true, 1900, 1900, `NOTIFY * HTTP/1.1\r\nHost: 239.255.255.250:1900\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n${data}`);
  c.close();
  c.write('chunked-cut.pcap');
}

// Compressed bodies zlib finds corrupt after some output: a gzip body whose
// deflate data goes on, after 50,000 good bytes, with a block of the reserved
// type, and a zlib body whose Adler-32 check does not match. tvb_uncompress
// keeps the output buffers (32 KiB each here) filled before the error. Then
// brotli bodies cut short or followed by other bytes.
{
  const c = new Connection();
  c.open();
  const text = (n) => Array.from({ length: n }, (_, i) => `${String(i).padStart(5, '0')} the quick brown fox jumps over the lazy dog ${(i * 7919) % 1000}\n`).join('');
  const good = Buffer.from(text(800).slice(0, 50000), 'latin1');
  // A full flush ends the good data on a byte boundary; 0x07 is a last block of type 3, which does not exist.
  const deflated = deflateRawSync(good, { finishFlush: constants.Z_FULL_FLUSH });
  const gzipHeader = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  const badGzip = Buffer.concat([gzipHeader, deflated, Buffer.from([0x07]), Buffer.alloc(8)]);
  c.send(true, request('GET /logs/fox.log HTTP/1.1', ['Accept-Encoding: gzip']));
  c.send(false, response('200 OK', ['Content-Type: text/plain', 'Content-Encoding: gzip', `Content-Length: ${badGzip.length}`], badGzip));
  const badZlib = deflateSync(Buffer.from(text(800).slice(0, 40000), 'latin1'));
  badZlib[badZlib.length - 1] ^= 0x01;
  c.send(true, request('GET /logs/fox-deflate.log HTTP/1.1', ['Accept-Encoding: deflate']));
  c.send(false, response('200 OK', ['Content-Type: text/plain', 'Content-Encoding: deflate', `Content-Length: ${badZlib.length}`], badZlib));
  // Brotli bodies tvb_uncompress_brotli refuses or cuts short: bytes after the end of the stream (refused), the
  // stream's first 2 bytes (no output yet: refused), its first 40 (what came out so far), and the 1-byte stream of
  // nothing (finished with no output: an empty body).
  const br = brotliCompressSync(Buffer.from(text(20), 'latin1'));
  for (const body of [Buffer.concat([br, Buffer.from('xx')]), br.subarray(0, 2), br.subarray(0, 40), brotliCompressSync(Buffer.alloc(0))]) {
    c.send(true, request('GET /logs/fox-br.log HTTP/1.1', ['Accept-Encoding: br']));
    c.send(false, response('200 OK', ['Content-Type: text/plain', 'Content-Encoding: br', `Content-Length: ${body.length}`], body));
  }
  c.close();
  c.write('corrupt-compressed.pcap');
}

// Old browsers sent an extra CRLF after a POST body (RFC 7230 3.5 tells
// servers to skip it), which could go out with the next request on a
// kept-alive connection: tshark flags that request's "Leading CRLF".
{
  const c = new Connection();
  c.open();
  c.send(true, request('POST /guestbook HTTP/1.1', ['Content-Type: application/x-www-form-urlencoded', 'Content-Length: 13'], 'name=Fox&hi=1'));
  c.send(false, response('303 See Other', ['Location: /guestbook', 'Content-Length: 0']));
  c.send(true, Buffer.concat([Buffer.from('\r\n'), request('GET /guestbook HTTP/1.1', [])]));
  c.send(false, response('200 OK', ['Content-Type: text/plain', 'Content-Length: 9'], 'Fox: hi!\n'));
  c.close();
  c.write('leading-crlf.pcap');
}

// A PNG with every chunk type file-png.c decodes (and one it shows as data).
{
  const c = new Connection();
  c.open();
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, crc]);
  };
  const u32s = (...v) => {
    const b = Buffer.alloc(4 * v.length);
    v.forEach((x, i) => b.writeUInt32BE(x, 4 * i));
    return b;
  };
  const png = Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', Buffer.concat([u32s(1, 1), Buffer.from([8, 2, 0, 0, 0])])),
    chunk('gAMA', u32s(45455)),
    chunk('cHRM', u32s(31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000)),
    chunk('sRGB', Buffer.from([1])),
    chunk('bKGD', Buffer.from([7])),
    chunk('bKGD', Buffer.from([0, 0x10, 0, 0x20, 0, 0x30])),
    chunk('pHYs', Buffer.concat([u32s(2835, 2835), Buffer.from([1])])),
    chunk('tIME', Buffer.from([0x07, 0xe8, 2, 29, 23, 59, 60])),
    chunk('tEXt', Buffer.from('Comment\0made for netdissect', 'latin1')),
    chunk('IDAT', deflateSync(Buffer.from([0, 0xff, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  c.send(true, request('GET /pixel.png HTTP/1.1', []));
  c.send(false, response('200 OK', ['Content-Type: image/png', `Content-Length: ${png.length}`], png));
  c.close();
  c.write('png-chunks.pcap');
}

// PNG chunks whose length field disagrees with the data: file-png.c's chunk subtree
// (4 + 4 + length + 4 bytes, a gint) and each chunk's items check their bytes
// with or without a tree, so the summary line is malformed where -V stops. One
// connection each, so one image's error does not touch the next.
{
  const badChunk = (type, declared, data) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(declared);
    return Buffer.concat([head, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const images = [
    // An empty IHDR: its width is read past the chunk's data.
    [badChunk('IHDR', 0, Buffer.alloc(0)), badChunk('IEND', 0, Buffer.alloc(0))],
    // A gAMA of two bytes: the gamma's four bytes are read anyway.
    [badChunk('IHDR', 13, ihdr), badChunk('gAMA', 2, Buffer.from([0xb1, 0x8f])), badChunk('IEND', 0, Buffer.alloc(0))],
    // An IEND claiming 100 bytes: its subtree runs past the image.
    [badChunk('IHDR', 13, ihdr), badChunk('IEND', 100, Buffer.alloc(0))],
    // A length whose subtree length wraps to 0 as a gint: then the "too large" expert item.
    [badChunk('IHDR', 13, ihdr), badChunk('IDAT', 0xfffffff4, Buffer.alloc(0))],
    // A length just below 2^31: the subtree's length is negative, an error past the reported data.
    [badChunk('IHDR', 13, ihdr), badChunk('IDAT', 0x7ffffff8, Buffer.alloc(0))],
  ];
  const c = new Connection();
  for (const chunks of images) {
    const png = Buffer.concat([signature, ...chunks]);
    c.open();
    c.send(true, request('GET /bad.png HTTP/1.1', []));
    c.send(false, response('200 OK', ['Content-Type: image/png', `Content-Length: ${png.length}`], png));
    c.close();
  }
  c.write('png-bad-lengths.pcap');
}

// SSDP: UPnP discovery, HTTP messages in UDP datagrams on port 1900.
{
  const c = new Connection();
  c.datagram(true, 50000, 1900, 'M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 2\r\nST: ssdp:all\r\n\r\n');
  c.datagram(false, 1900, 50000, 'HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: http://10.0.0.2:49152/desc.xml\r\nSERVER: Linux UPnP/1.0\r\nST: upnp:rootdevice\r\nUSN: uuid:1234::upnp:rootdevice\r\n\r\n');
  c.datagram(false, 1900, 1900, 'NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\nLOCATION: http://10.0.0.2:49152/desc.xml\r\n\r\n');
  // Datagrams to the port that are no HTTP message (text without a line end, binary): SSDP adds nothing to the
  // tree, so neither it nor the data layer it called is in frame.protocols.
  c.datagram(true, 50001, 1900, 'M-SE');
  c.datagram(true, 50001, 1900, '\x00\x01binary');
  c.write('ssdp.pcap');
}

// A CONNECT tunnel through a proxy to an SMTP server: after the 200, the
// tunnelled bytes belong to the protocol of the port in the request URI.
{
  const c = new Connection();
  c.open();
  c.send(true, request('CONNECT mail.example.test:25 HTTP/1.1', []));
  c.send(false, response('200 Connection established', []));
  c.send(false, '220 mail.example.test ESMTP ready\r\n');
  c.send(true, 'EHLO client.example.test\r\n');
  c.send(false, '250 mail.example.test\r\n');
  c.send(true, 'QUIT\r\n');
  c.send(false, '221 Bye\r\n');
  c.close();
  c.write('connect-tunnel.pcap');
}

// XML bodies packet-xml.c's tokenizer cannot read to the end: tags, comments, instructions and CDATA sections
// never closed ("Unrecognized text" up to the next blank, or a DTD tag up to a later '>'), text outside every
// element ("Unknown"), and processing instructions, each in a POST answered with 204.
{
  const c = new Connection();
  c.open();
  const bodies = [
    '<a>x</a', '<a>x</a><b', '<a>x</a> junk', '<a>x<b y="1"', '<a>x</a>\r\n</c', '<a><!-- c', '<?xml version="1.0"?><a>1</a>',
    '<a>x<b<c>d</c>', '<a>x</a\tz', '<a><!-- c <d>e</d>', '<a>x <b y="1" z', '<a>x</a>tail<', '<a>1</a>< b',
    '<a><?pi x', '<a><![CDATA[ x', '<a><![CDATA[ x > y', '<a><!DOCTYPE x', '<a><?pi x > y',
    // Processing instructions: the XML declaration's own fields, another instruction's attributes, one without.
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a/>', '<?xml-stylesheet type="text/xsl" href="s.xsl"?><a/>',
    '<?pi x?><a/>', '<?xml version="1.0" foo="b"?><a/>', "<?xml version='1.0'?><a/>", '<a><?xml version="1.0"?></a>',
    // A '>' ending the body ends no DTD tag (tvbparse_until never tries the last byte) unless the tag is "<!>"; a
    // body of one byte ends at packet-xml.c's byte-order-mark read.
    '<a><!-- c <d>', '<a><!x>', '<a><![CDATA[ x >', '<!>', 'x',
    // DTD tags and document types: any "<!" token but DOCTYPE is a DTD tag; DOCTYPE names its type.
    '<!x y><a/>', '<!DOCTYPE a SYSTEM "a.dtd"><a/>', '<!DOCTYPE a [<!ELEMENT a (#PCDATA)>]><a/>',
    '<!DOCTYPE html><a/>', '<!doctype  b  public "-//x" ><b/>', '<!DOCTYPE c [ <!ENTITY e "f"> ] ><c/>', '</a>', ' ]> <a/>',
  ];
  for (const body of bodies) {
    c.send(true, request('POST /xml HTTP/1.1', ['Content-Type: text/xml', `Content-Length: ${Buffer.byteLength(body)}`], body));
    c.send(false, response('204 No Content', []));
  }
  // UTF-16 bodies with a byte-order mark: packet-xml.c decodes them, up to a NUL character, into a data source of
  // their own ("Decoded UTF-16LE text") and reads that.
  const utf16 = [
    Buffer.from('\ufeff<a>x</a>', 'utf16le'), Buffer.from('\ufeff<b y="1">\u00e9t\u00e9</b>', 'utf16le').swap16(),
    Buffer.from('\ufeff<a>x\u0000y</a>', 'utf16le'), Buffer.concat([Buffer.from('\ufeff<a/>', 'utf16le'), Buffer.from([0x41])]),
  ];
  for (const body of utf16) {
    c.send(true, request('POST /xml HTTP/1.1', ['Content-Type: text/xml', `Content-Length: ${body.length}`], body.toString('latin1')));
    c.send(false, response('204 No Content', []));
  }
  c.close();
  c.write('xml-unrecognized.pcap');
}

// GIF images (file-gif.c): GIF89a with a global color map, two extensions, an image with a local color map and a
// trailer; GIF87a with an image and a byte of no known block type. Each is sent whole, then in responses the
// snapshot length cut inside the screen descriptor, the color maps, an extension's data blocks and an image
// descriptor: file-gif.c's items check their bytes with a tree or without, so the summary is cut where -V is.
{
  const u16le = (...v) => Buffer.from(v.flatMap((x) => [x & 0xff, x >> 8]));
  const gif89 = Buffer.concat([
    Buffer.from('GIF89a', 'latin1'), u16le(1, 1), Buffer.from([0xf0, 0, 49]), Buffer.from([0, 0, 0, 0xff, 0xff, 0xff]),
    Buffer.from([0x21, 0xf9, 4, 0, 0, 0, 0, 0]),
    Buffer.from([0x21, 0xfe, 5]), Buffer.from('hello', 'latin1'), Buffer.from([0]),
    Buffer.from([0x2c]), u16le(0, 0, 1, 1), Buffer.from([0x81]), Buffer.alloc(12, 0x7f),
    Buffer.from([2, 2, 0x44, 0x01, 0, 0x3b]),
  ]);
  const gif87 = Buffer.concat([
    Buffer.from('GIF87a', 'latin1'), u16le(2, 2), Buffer.from([0, 0, 0]),
    Buffer.from([0x2c]), u16le(0, 0, 2, 2), Buffer.from([0]), Buffer.from([2, 2, 0x4c, 0x01, 0]),
    Buffer.from([0x99, 0x3b]),
  ]);
  const c = new Connection();
  const exchange = (gif, keep) => c.fetch('/image.gif', 'image/gif', gif, keep);
  exchange(gif89);
  exchange(gif87);
  // Cut before the signature's end (no GIF: the media dissector's bytes item reads the whole body, so -V ends
  // "Media truncated"), in the screen height, the global color map, the comment's data block, the local color map,
  // and in an 87a image descriptor's height.
  for (const keep of [3, 9, 16, 33, 50]) exchange(gif89, keep);
  exchange(gif87, 20);
  c.write('gif-images.pcap');
}

// JPEG/JFIF images (file-jpeg.c): SOI, the APP0 JFIF segment, a comment, the start of scan with entropy-coded data
// (an escaped FF 00 in it), fill bytes, EOI; sent whole and cut by the snapshot length; and three images with
// segments file-jpeg.c reads to an error or past a NUL.
{
  const jpeg = Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    Buffer.from([0xff, 0xe0, 0, 16]), Buffer.from('JFIF\0', 'latin1'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0]),
    Buffer.from([0xff, 0xfe, 0, 7]), Buffer.from('hello', 'latin1'),
    Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0]),
    Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0]),
    Buffer.from([0xff, 0xff, 0xff, 0xd9]),
  ]);
  const soiApp0 = jpeg.subarray(0, 20);
  const eoi = Buffer.from([0xff, 0xd9]);
  const others = [
    // A second APP0 with an identifier of its own and data after it, then one whose identifier has no NUL.
    Buffer.concat([soiApp0, Buffer.from([0xff, 0xe0, 0, 7]), Buffer.from('AB\0xyz', 'latin1'), eoi]),
    Buffer.concat([soiApp0, Buffer.from([0xff, 0xe0, 0, 6]), Buffer.from('WXYZ', 'latin1'), eoi]),
    // A quantization table segment of its length field alone: its remaining data "to the end" has no byte.
    Buffer.concat([soiApp0, Buffer.from([0xff, 0xdb, 0, 2]), eoi]),
  ];
  const c = new Connection();
  const exchange = (image, keep) => c.fetch('/photo.jpg', 'image/jpeg', image, keep);
  // Whole, then cut in the JFIF version (its label reads both bytes before the item), in the comment (checked
  // before it is shown), in the entropy-coded data and in the fill bytes.
  for (const keep of [undefined, 11, 24, 40, 48]) exchange(jpeg, keep);
  for (const image of others) exchange(image);
  c.write('jpeg-image.pcap');
}

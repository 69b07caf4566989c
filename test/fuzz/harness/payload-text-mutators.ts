/**
 * Changes to the text of application payloads: the sizes text protocols
 * announce (HTTP Content-Length and chunk sizes, IMAP {n} literals, SMTP
 * BDAT, any number), line endings, terminal escape sequences and broken
 * UTF-8. The frame is rebuilt with IP/UDP lengths that match the new text.
 */
import { deflateRawSync, gzipSync } from 'node:zlib';
import { setBytes, type PacketMutator } from './mutation.js';
import { withPayload, type PacketLayout } from './packet-layout.js';
import type { Random } from './random.js';
import type { RawPacket } from '@netdissect/core';

/** Sizes a parser must not trust: zero, 32/64-bit edges, beyond 2^53, signed, odd spellings. */
const HOSTILE_NUMBERS = [
  '0', '1', '-1', '4294967295', '4294967296', '2147483648', '18446744073709551615', '9007199254740993',
  '99999999999999999999999999', '+5', ' 7', '00000000000000000000001', '1e9', '0x10', '',
];
const HOSTILE_HEX = ['0', 'ffffffff', 'fffffffffffffffff', '7fffffff', '100000000', '-1', 'ffffffffffffffffffffffffffff', 'g', ''];

/** Sequences that move the cursor, clear the screen, set the clipboard or retitle the window, and friends. */
export const TERMINAL_ESCAPES = [
  '\x1b[2J', '\x1b]52;c;cHduZWQ=\x07', '\x1b]0;title\x07', '\x1b[1;31m', '\x1bc', '\r', '\b\b\b\b', '\x00', '\x7f', '\x07',
  '\u009b2J', '\u202eevil', '\x1b[6n', '\x1bP+q\x1b\\',
] as const;

const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

function payloadOf(p: RawPacket, layout: PacketLayout): { text: string; layout: PacketLayout } | null {
  const pl = layout.payload;
  if (!pl || pl.end <= pl.offset) return null;
  return { text: latin1(p.bytes.subarray(pl.offset, pl.end)), layout };
}

function replacePayload(p: RawPacket, layout: PacketLayout, text: string): void {
  setBytes(p, withPayload(p.bytes, layout, Buffer.from(text, 'latin1')));
}

/** Replace one match of `re` (chosen at random) through `make`; null when nothing matches. */
function replaceOne(text: string, re: RegExp, rng: Random, make: (m: RegExpExecArray) => string): { text: string; was: string; now: string } | null {
  const matches = [...text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))];
  if (matches.length === 0) return null;
  const m = rng.pick(matches) as RegExpExecArray;
  const now = make(m);
  return { text: text.slice(0, m.index) + now + text.slice(m.index + m[0].length), was: m[0], now };
}

/** A text mutator: a pattern in the payload and what to put in its place. */
function textMutator(kind: string, weight: number, re: RegExp, make: (m: RegExpExecArray, rng: Random) => string): PacketMutator {
  return {
    kind,
    weight,
    apply(p, layout, { rng }) {
      const pl = payloadOf(p, layout);
      if (!pl) return null;
      const r = replaceOne(pl.text, re, rng, (m) => make(m, rng));
      if (!r) return null;
      replacePayload(p, layout, r.text);
      return `${JSON.stringify(r.was.slice(0, 60))} -> ${JSON.stringify(r.now.slice(0, 60))}`;
    },
  };
}

export const contentLength = textMutator('http-content-length', 3, /(content-length:[ \t]*)(\d*)/i, (m, rng) => m[1] + rng.pick(HOSTILE_NUMBERS));

/** A chunk-size line of a chunked body (hex digits alone on a line). */
export const chunkSize = textMutator('http-chunk-size', 3, /(^|\r\n)([0-9a-fA-F]{1,8})(;[^\r\n]*)?\r\n/, (m, rng) => `${m[1]}${rng.pick(HOSTILE_HEX)}${m[3] ?? ''}\r\n`);

export const imapLiteral = textMutator('imap-literal', 3, /\{(\d+)(\+?)\}/, (m, rng) => `{${rng.pick(['4294967295', '4294967294', '0', '18446744073709551615', '99999999999', '2147483648', m[1]!])}${m[2]}}`);

export const smtpBdat = textMutator('smtp-bdat', 2, /BDAT[ \t]+(\d+)/i, (_m, rng) => `BDAT ${rng.pick(HOSTILE_NUMBERS)}`);

/** Any decimal number: POP3 sizes, FTP PORT/PASV/EPSV arguments, status codes, dates, versions... */
export const anyNumber = textMutator('text-number', 3, /\d+/, (_m, rng) => rng.pick(HOSTILE_NUMBERS));

export const lineEndings = textMutator('line-endings', 2, /\r\n|\n/, (_m, rng) => rng.pick(['', '\r', '\n', '\r\r\n', '\x00', '\r\n\r\n', '\r\n.\r\n', '\r\n'.repeat(40)]));

export const terminalEscape: PacketMutator = {
  kind: 'terminal-escape',
  weight: 3,
  apply(p, layout, { rng }) {
    const pl = payloadOf(p, layout);
    if (!pl) return null;
    const esc = rng.pick(TERMINAL_ESCAPES);
    // Encoded as UTF-8, then carried in the latin1 payload string byte for byte.
    const bytes = Buffer.from(esc, 'utf8').toString('latin1');
    const at = rng.below(pl.text.length + 1);
    const overwrite = rng.chance(0.5);
    const text = pl.text.slice(0, at) + bytes + pl.text.slice(overwrite ? at + bytes.length : at);
    replacePayload(p, layout, text);
    return `${JSON.stringify(esc)} ${overwrite ? 'over' : 'into'} payload at ${at}`;
  },
};

export const brokenUtf8: PacketMutator = {
  kind: 'broken-utf8',
  weight: 1,
  apply(p, layout, { rng }) {
    const pl = payloadOf(p, layout);
    if (!pl) return null;
    const junk = rng.pick(['\xc0\xaf', '\xed\xa0\x80', '\xf4\x90\x80\x80', '\xff\xfe', '\xe2\x82', '\xc2\x9b', '\xef\xbb\xbf']);
    const at = rng.below(pl.text.length + 1);
    replacePayload(p, layout, pl.text.slice(0, at) + junk + pl.text.slice(at));
    return `invalid UTF-8 ${JSON.stringify(junk)} at ${at}`;
  },
};

/**
 * Protocol words that switch parsers into their less travelled states
 * (a dictionary, as AFL uses): codings, multipart, literals, data phases,
 * passive-mode replies, upgrades, credentials.
 */
const PROTOCOL_TOKENS = [
  'Transfer-Encoding: chunked\r\n', 'Content-Encoding: gzip\r\n', 'Content-Encoding: deflate\r\n', 'Content-Encoding: br\r\n',
  'Content-Length: 0\r\n', 'Content-Type: multipart/mixed; boundary=b\r\n', '\r\n--b\r\nContent-Type: text/plain\r\n\r\n', '\r\n--b--\r\n',
  'Content-Type: message/rfc822\r\n', 'Content-Transfer-Encoding: base64\r\n', 'Content-Transfer-Encoding: quoted-printable\r\n',
  'Expect: 100-continue\r\n', 'Upgrade: websocket\r\nConnection: Upgrade\r\n', 'HTTP/1.1 101 Switching Protocols\r\n', 'HTTP/1.1 100 Continue\r\n\r\n',
  'Authorization: Basic dXNlcjpwYXNz\r\n', 'Proxy-Authorization: Basic Og==\r\n', 'Cookie: a=b; c\r\n', 'Range: bytes=0-1,5-\r\n',
  'DATA\r\n', '354 go ahead\r\n', '\r\n.\r\n', 'BDAT 5 LAST\r\n', 'STARTTLS\r\n', '220 ready\r\n', 'AUTH PLAIN\r\n', 'AUTH LOGIN\r\n', '334 \r\n',
  'AUTH CRAM-MD5\r\n', '=?utf-8?B?w6k=?=', '=?iso-8859-1?Q?=E9=?=',
  '* 1 FETCH (BODY[] {10}\r\n', 'a1 APPEND INBOX {5}\r\n', '+ go ahead\r\n', 'a1 LOGIN user pass\r\n', 'a1 AUTHENTICATE PLAIN\r\n', '* OK\r\n',
  '+OK 100 octets\r\n', 'RETR 1\r\n', 'TOP 1 0\r\n', 'USER u\r\nPASS p\r\n', 'CAPA\r\n', 'STLS\r\n',
  '227 Entering Passive Mode (10,0,0,1,200,10)\r\n', '229 Entering Extended Passive Mode (|||6446|)\r\n', 'PORT 10,0,0,2,4,1\r\n',
  'EPRT |2|::1|5282|\r\n', 'EPSV\r\n', 'PASV\r\n', '257 "/a\\"b" created\r\n', '150 Opening BINARY mode data connection\r\n', 'LIST\r\n',
];

export const protocolToken: PacketMutator = {
  kind: 'protocol-token',
  weight: 3,
  apply(p, layout, { rng }) {
    const pl = payloadOf(p, layout);
    if (!pl) return null;
    const token = rng.pick(PROTOCOL_TOKENS);
    // At a line start most of the time: that is where parsers look for these.
    const starts = [0, ...[...pl.text.matchAll(/\n/g)].map((m) => m.index + 1)];
    const at = rng.chance(0.8) ? rng.pick(starts) : rng.below(pl.text.length + 1);
    replacePayload(p, layout, pl.text.slice(0, at) + token + pl.text.slice(at));
    return `${JSON.stringify(token)} inserted at ${at}`;
  },
};

/** Compressed bodies: a bomb (megabytes of zeros in kilobytes), a cut stream, a stream with flipped bits. */
const GZIP_BODIES = ((): readonly { name: string; body: Uint8Array }[] => {
  const bomb = gzipSync(Buffer.alloc(16 << 20), { level: 9 });
  const text = gzipSync(Buffer.from('<html>'.repeat(2000)));
  const flipped = Buffer.from(text);
  flipped[flipped.length >> 1]! ^= 0x40;
  return [
    { name: '16 MiB of zeros', body: bomb },
    { name: 'a cut gzip stream', body: text.subarray(0, text.length >> 1) },
    { name: 'a gzip stream with a flipped bit', body: flipped },
    { name: 'raw deflate', body: deflateRawSync(Buffer.from('x'.repeat(5000))) },
  ];
})();

/** An HTTP message whose body becomes a compressed one, with the headers that make HTTP decode it. */
export const compressedBody: PacketMutator = {
  kind: 'http-compressed-body',
  weight: 2,
  apply(p, layout, { rng }) {
    const pl = payloadOf(p, layout);
    const end = pl?.text.indexOf('\r\n\r\n') ?? -1;
    if (!pl || end < 0 || !/^(HTTP\/1\.[01] |[A-Z]+ \S+ HTTP\/1\.[01]\r\n)/.test(pl.text)) return null;
    const { name, body } = rng.pick(GZIP_BODIES);
    const headers = pl.text.slice(0, end).replace(/\r\n(content-length|transfer-encoding|content-encoding):[^\r]*/gi, '');
    const chunked = rng.chance(0.3);
    const framing = chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${body.length}`;
    const bodyText = Buffer.from(body).toString('latin1');
    const payload = `${headers}\r\nContent-Encoding: ${name === 'raw deflate' ? 'deflate' : 'gzip'}\r\n${framing}\r\n\r\n${chunked ? `${body.length.toString(16)}\r\n${bodyText}\r\n0\r\n\r\n` : bodyText}`;
    replacePayload(p, layout, payload);
    return `body replaced by ${name} (${body.length} bytes${chunked ? ', chunked' : ''})`;
  },
};

/** A line repeated many times: header floods, command floods, endless continuation lines. */
export const repeatLine: PacketMutator = {
  kind: 'repeat-line',
  weight: 1,
  apply(p, layout, { rng }) {
    const pl = payloadOf(p, layout);
    if (!pl) return null;
    const lines = [...pl.text.matchAll(/[^\n]*\n/g)];
    if (lines.length === 0) return null;
    const line = rng.pick(lines);
    const times = rng.pick([10, 200, 2000]);
    const text = pl.text.slice(0, line.index) + line[0].repeat(times) + pl.text.slice(line.index);
    replacePayload(p, layout, text.slice(0, 60000));
    return `line ${JSON.stringify(line[0].slice(0, 40))} repeated ${times} times`;
  },
};

/** A long run of one character: long lines, long header values, long tokens. */
export const longRun: PacketMutator = {
  kind: 'long-run',
  weight: 1,
  apply(p, layout, { rng }) {
    const pl = payloadOf(p, layout);
    if (!pl) return null;
    const ch = rng.pick(['A', ' ', ':', ';', '=', '"', '(', '{', '-', '.', '0', '\t', '<', '\\', '%']);
    const n = rng.pick([256, 1024, 4000, 20000]);
    const at = rng.below(pl.text.length + 1);
    replacePayload(p, layout, pl.text.slice(0, at) + ch.repeat(n) + pl.text.slice(at));
    return `${n} x ${JSON.stringify(ch)} at ${at}`;
  },
};
